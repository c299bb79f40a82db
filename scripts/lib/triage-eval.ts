import { z } from 'zod';
import { CATEGORIES, isHumanCategory, type Category } from '../../shared/categories';
import { triage } from '../../worker/policy/triage';
import { readJsonl } from './jsonl';

export const labelledSchema = z.object({
  id: z.string(),
  text: z.string(),
  locale: z.string().optional(),
  route: z.enum(['ai', 'human']),
  category: z.enum(CATEGORIES as [Category, ...Category[]]),
});
export type Labelled = z.infer<typeof labelledSchema>;

export interface Miss {
  id: string;
  locale: string;
  text: string;
  expected: string;
  got: string;
}

export interface Figures {
  total: number;
  humanRecall: number;
  aiContainment: number;
  humanCategoryAccuracy: number;
  aiCategoryAccuracy: number;
}

export interface EvalReport extends Figures {
  perLocale: Record<string, Figures>;
  perCategory: Record<string, { total: number; correctRoute: number; correctCategory: number }>;
  misses: Miss[];
}

export function loadLabelled(path: string): Labelled[] {
  return readJsonl(path).map((row) => labelledSchema.parse(row));
}

function figures(rows: { expected: Labelled; route: string; category: string }[]): Figures {
  const human = rows.filter((r) => r.expected.route === 'human');
  const ai = rows.filter((r) => r.expected.route === 'ai');
  const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    total: rows.length,
    humanRecall: ratio(human.filter((r) => r.route === 'human').length, human.length),
    aiContainment: ratio(ai.filter((r) => r.route === 'ai').length, ai.length),
    humanCategoryAccuracy: ratio(human.filter((r) => r.category === r.expected.category).length, human.length),
    aiCategoryAccuracy: ratio(ai.filter((r) => r.category === r.expected.category).length, ai.length),
  };
}

/** Runs the triage over labelled messages and reports recall, containment and accuracy. */
export function evaluate(labelled: Labelled[]): EvalReport {
  const rows = labelled.map((expected) => ({ expected, ...triage(expected.text) }));
  const perLocale: EvalReport['perLocale'] = {};
  for (const locale of new Set(rows.map((r) => r.expected.locale ?? '?'))) {
    perLocale[locale] = figures(rows.filter((r) => (r.expected.locale ?? '?') === locale));
  }
  const perCategory: EvalReport['perCategory'] = {};
  for (const row of rows) {
    const entry = (perCategory[row.expected.category] ??= { total: 0, correctRoute: 0, correctCategory: 0 });
    entry.total++;
    if (row.route === row.expected.route) entry.correctRoute++;
    if (row.category === row.expected.category) entry.correctCategory++;
  }
  const misses = rows
    .filter((r) => r.route !== r.expected.route || (isHumanCategory(r.expected.category) && r.category !== r.expected.category))
    .map((r) => ({
      id: r.expected.id,
      locale: r.expected.locale ?? '?',
      text: r.expected.text,
      expected: `${r.expected.route}/${r.expected.category}`,
      got: `${r.route}/${r.category}`,
    }));
  return { ...figures(rows), perLocale, perCategory, misses };
}
