/** `npm run triage -- --input FILE.jsonl`: one decision per input line, same order. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { triage } from '../worker/policy/triage';
import { readJsonl } from './lib/jsonl';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
  throw new Error('unreachable');
}

const { values } = parseArgs({ options: { input: { type: 'string' } } });
const input = values.input ?? fail('usage: npm run triage -- --input FILE.jsonl', 2);
const lineSchema = z.object({ id: z.union([z.string(), z.number()]), text: z.string(), locale: z.string().optional() });
const out: string[] = [];
for (const [index, row] of readJsonl(input).entries()) {
  const parsed = lineSchema.safeParse(row);
  if (!parsed.success) fail(`line ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 1);
  const { route, category } = triage(parsed.data.text);
  out.push(JSON.stringify({ id: parsed.data.id, route, category }));
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
