import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import type { Locale } from '../../shared/locales';
import { languageName } from './prompt';
import type { CaseCard } from '../data/case-card';


/** The model's short case summary for the agent, in the agent's language, from the recorded facts only. */
export async function summarizeCase(model: LanguageModelV4, card: CaseCard, locale: Locale): Promise<string> {
  const result = await generateText({
    model,
    instructions: [
      `Write a case summary for a customer-service agent, in ${languageName(locale)}, in at most 5 short lines:`,
      'why it was handed off, what the customer wants, whether they are signed in, what the tools did, and what the AI told or promised the customer.',
      'Use only the facts given. Never invent amounts, dates or order numbers.',
    ].join('\n'),
    prompt: JSON.stringify(card),
  });
  return result.text.trim();
}
