// Every locale's triage rules. Static imports so that the Worker, the CLI and the tests load the same data.
import type { Locale } from '../../../shared/locales';
import { lexiconSchema, type Lexicon } from '../lexicon';
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

export const LEXICONS = Object.fromEntries(
  Object.entries(raw).map(([locale, data]) => [locale, lexiconSchema.parse(data)]),
) as Record<Locale, Lexicon>;
