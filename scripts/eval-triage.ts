/** `npm run eval:triage [-- --locale xx] [files…]`: recall, containment and accuracy with every miss. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, loadLabelled, type Figures } from './lib/triage-eval';

const { values, positionals } = parseArgs({ options: { locale: { type: 'string' } }, allowPositionals: true });
const defaults = [
  '../shared/eval/triage-dev.jsonl',
  ...readdirSync('tests/triage').filter((f) => f.endsWith('.jsonl')).map((f) => join('tests/triage', f)),
].filter((f) => existsSync(f));
const files = positionals.length ? positionals : defaults;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, f: Figures) =>
  `${name.padEnd(16)} n=${String(f.total).padStart(4)}  human recall ${pct(f.humanRecall).padStart(6)}  ai containment ${pct(f.aiContainment).padStart(6)}  human category ${pct(f.humanCategoryAccuracy).padStart(6)}  ai category ${pct(f.aiCategoryAccuracy).padStart(6)}`;

for (const file of files) {
  const rows = loadLabelled(file).filter((r) => !values.locale || r.locale === values.locale);
  const report = evaluate(rows);
  console.log(`\n== ${file}`);
  console.log(line('ALL', report));
  for (const [locale, f] of Object.entries(report.perLocale)) console.log(line(locale, f));
  for (const [category, c] of Object.entries(report.perCategory)) {
    console.log(`${category.padEnd(16)} n=${String(c.total).padStart(4)}  route ok ${pct(c.correctRoute / c.total)}  category ok ${pct(c.correctCategory / c.total)}`);
  }
  console.log(`misses (${report.misses.length}):`);
  for (const m of report.misses) console.log(`  ${m.id} [${m.locale}] expected ${m.expected} got ${m.got}: ${m.text}`);
}
