import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import type { Locale } from '../../shared/locales';
import { languageName } from './prompt';


/**
 * The facts a translation must not change: amounts, dates, order numbers, times, written
 * with any digits. Compared as a multiset of digit runs.
 */
export function factsOf(text: string): string[] {
  const ascii = text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return (ascii.match(/\d+/g) ?? []).map((run) => run.replace(/^0+(?=\d)/, '')).sort();
}

export interface Translation {
  text: string;
  /** False when a number, amount or date differs from the original. */
  factsKept: boolean;
  missing: string[];
}

/** Translates a message between a customer and an agent, and checks it kept the facts. */
export async function translate(model: LanguageModelV4, text: string, to: Locale): Promise<Translation> {
  const result = await generateText({
    model,
    instructions: [
      `Translate the user's message into ${languageName(to)} (${to}).`,
      'Reply with the translation only. Keep every number, amount, currency, date, time and order number exactly as written.',
      'Do not add, remove or answer anything.',
    ].join('\n'),
    prompt: text,
  });
  const translated = result.text.trim();
  const expected = factsOf(text);
  const got = factsOf(translated);
  const missing = expected.filter((f, i) => f !== got[i]);
  return { text: translated, factsKept: missing.length === 0 && expected.length === got.length, missing };
}
