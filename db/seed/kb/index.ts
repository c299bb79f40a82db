// Help-centre articles of every locale, as seed data.
import { z } from 'zod';
import { KB_SLUGS } from '../../../shared/kb';
import { LOCALES, type Locale } from '../../../shared/locales';
import en from './en.json';
import de from './de.json';
import fr from './fr.json';
import es from './es.json';
import it from './it.json';
import pt from './pt.json';
import nl from './nl.json';
import sv from './sv.json';
import da from './da.json';
import nb from './nb.json';
import fi from './fi.json';
import pl from './pl.json';
import cs from './cs.json';
import sk from './sk.json';
import hu from './hu.json';
import ro from './ro.json';
import bg from './bg.json';
import el from './el.json';
import hr from './hr.json';
import sl from './sl.json';
import et from './et.json';
import lv from './lv.json';
import lt from './lt.json';
import tr from './tr.json';
import uk from './uk.json';
import ru from './ru.json';
import ar from './ar.json';
import he from './he.json';
import fa from './fa.json';
import hi from './hi.json';
import bn from './bn.json';
import ja from './ja.json';
import ko from './ko.json';
import zhHans from './zh-Hans.json';
import zhHant from './zh-Hant.json';
import th from './th.json';
import vi from './vi.json';
import id from './id.json';
import ms from './ms.json';
import fil from './fil.json';

const raw: Record<Locale, unknown> = {
  en,
  de,
  fr,
  es,
  it,
  pt,
  nl,
  sv,
  da,
  nb,
  fi,
  pl,
  cs,
  sk,
  hu,
  ro,
  bg,
  el,
  hr,
  sl,
  et,
  lv,
  lt,
  tr,
  uk,
  ru,
  ar,
  he,
  fa,
  hi,
  bn,
  ja,
  ko,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  th,
  vi,
  id,
  ms,
  fil,
};


export const articleSchema = z.object({
  slug: z.enum(KB_SLUGS),
  title: z.string().min(1),
  summary: z.string().min(1),
  body: z.string().min(1),
  keywords: z.array(z.string().min(1)).min(1),
});

export const KB_ARTICLES = LOCALES.flatMap((locale) =>
  z.array(articleSchema).parse(raw[locale]).map((article) => ({ ...article, locale })),
);
