import { inArray } from 'drizzle-orm';
import { kbArticles } from '../../db/schema';
import type { KbSlug } from '../../shared/kb';
import { DEFAULT_LOCALE, type Locale } from '../../shared/locales';
import type { Db } from '../app-env';
import { normalize } from '../policy/normalize';

export interface HelpArticle {
  slug: string;
  locale: string;
  title: string;
  summary: string;
  body: string;
}

type ArticleRow = typeof kbArticles.$inferSelect;

function score(article: ArticleRow, query: string, topic: KbSlug | undefined): number {
  let points = article.slug === topic ? 10 : 0;
  for (const keyword of article.keywords) {
    const k = normalize(keyword).trim();
    if (k.length > 1 && query.includes(k)) points += 1 + k.length / 10;
  }
  for (const word of normalize(article.title).trim().split(' ')) {
    if (word.length > 3 && query.includes(` ${word}`)) points += 0.5;
  }
  return points;
}

/** The best matching articles in the customer's language, English when none matches there. */
export async function searchHelpCenter(db: Db, locale: Locale, query: string, topic?: KbSlug): Promise<HelpArticle[]> {
  const rows = await db.select().from(kbArticles).where(inArray(kbArticles.locale, [locale, DEFAULT_LOCALE]));
  const q = normalize(query);
  const ranked = (forLocale: string) =>
    rows
      .filter((r) => r.locale === forLocale)
      .map((r) => ({ r, s: score(r, q, topic) }))
      .filter((x) => x.s >= 1)
      .sort((a, b) => b.s - a.s)
      .slice(0, 2)
      .map(({ r }) => ({ slug: r.slug, locale: r.locale, title: r.title, summary: r.summary, body: r.body }));
  const own = ranked(locale);
  return own.length > 0 ? own : ranked(DEFAULT_LOCALE);
}
