/** `npm run bench`: benchmark figures; the last line of output is one JSON object. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { triage } from '../worker/policy/triage';
import { loadLabelled } from './lib/triage-eval';
import { benchRooms } from './lib/bench-rooms';

const files = ['../shared/eval/triage-dev.jsonl', ...readdirSync('tests/triage').filter((f) => f.endsWith('.jsonl')).map((f) => join('tests/triage', f))].filter((f) => existsSync(f));
const messages = files.flatMap((f) => loadLabelled(f).map((r) => r.text));

function triageThroughput(): number {
  // Steady state: the JIT needs a few seconds of this loop before it settles.
  const warm = performance.now();
  while (performance.now() - warm < 4_000) for (const m of messages) triage(m);
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < 3_000) {
    for (const m of messages) triage(m);
    count += messages.length;
  }
  return Math.round(count / ((performance.now() - start) / 1000));
}

function adversarialWorstMs(): number {
  const inputs = [
    'refun refu ref hac hacke scamm '.repeat(140).slice(0, 4000),
    "don't not no never ".repeat(220).slice(0, 4000),
    'a\u0301\u0302\u0303\u0304\u0305\u0306'.repeat(570).slice(0, 4000),
    'حساب 账户 アカウント аккаунт λογαριασμός บัญชี '.repeat(90).slice(0, 4000),
    'h̵̢̛̺a̸̧͎c̶̰̈́k̵͕̐e̸͎̊d̵̮͠ '.repeat(200).slice(0, 4000),
    'x'.repeat(4000),
    '詐欺'.repeat(2000),
  ];
  let worst = 0;
  for (const input of inputs) {
    triage(input);
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      triage(input);
      worst = Math.max(worst, performance.now() - start);
    }
  }
  return Number(worst.toFixed(3));
}

/** Measured in a fresh process, where nothing else has been loaded yet. */
function retainedHeapMb(): number {
  return Number(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'scripts/lib/triage-heap.ts'], { encoding: 'utf8' }).trim());
}

const figures: Record<string, number | string> = {
  triage_msgs_per_s: triageThroughput(),
  triage_adversarial_worst_ms: adversarialWorstMs(),
  triage_corpus_messages: messages.length,
  triage_retained_heap_mb: retainedHeapMb(),
};
console.log(
  `triage: ${figures.triage_msgs_per_s} msgs/s on one core; worst adversarial ${figures.triage_adversarial_worst_ms} ms; keeps ${figures.triage_retained_heap_mb} MB of heap`,
);
Object.assign(figures, await benchRooms());
console.log(JSON.stringify(figures));
