import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadLabelled } from '../../scripts/lib/triage-eval';

// The judged targets: human recall ≥ 0.98, simple questions kept ≥ 0.90, human category ≥ 0.85.
const TARGETS = { humanRecall: 0.98, aiContainment: 0.9, humanCategoryAccuracy: 0.85 };

const DEV_SET = '../shared/eval/triage-dev.jsonl';
const OWN = readdirSync('tests/triage').filter((f) => f.endsWith('.jsonl')).map((f) => join('tests/triage', f));

describe('triage on labelled messages', () => {
  it.runIf(existsSync(DEV_SET))('meets the targets on the shared dev set', () => {
    const report = evaluate(loadLabelled(DEV_SET));
    expect(report.total).toBe(240);
    expect({ misses: report.misses, ...pick(report) }).toMatchObject(atLeast());
  });

  it('meets the targets on our own messages in every locale', () => {
    const rows = OWN.flatMap((file) => loadLabelled(file));
    expect(new Set(rows.map((r) => r.locale)).size).toBe(40);
    const report = evaluate(rows);
    expect({ misses: report.misses, ...pick(report) }).toMatchObject(atLeast());
  });
});

function pick(r: { humanRecall: number; aiContainment: number; humanCategoryAccuracy: number }) {
  return { humanRecall: r.humanRecall, aiContainment: r.aiContainment, humanCategoryAccuracy: r.humanCategoryAccuracy };
}

function atLeast() {
  return {
    humanRecall: expect.toSatisfy((x: number) => x >= TARGETS.humanRecall),
    aiContainment: expect.toSatisfy((x: number) => x >= TARGETS.aiContainment),
    humanCategoryAccuracy: expect.toSatisfy((x: number) => x >= TARGETS.humanCategoryAccuracy),
  };
}
