import { readFileSync } from 'node:fs';

/** Reads a JSON Lines file; a bad line names its number. */
export function readJsonl(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new Error(`${path}:${number}: not valid JSON`);
      }
    });
}
