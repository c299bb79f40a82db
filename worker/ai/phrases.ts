import i18next, { type TOptions } from 'i18next';
import { DEFAULT_LOCALE, isLocale } from '../../shared/locales';

// The assistant's own words, one file per locale in locales/<code>/assistant.json.
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../locales/*/assistant.json', { eager: true });

const resources = Object.fromEntries(
  Object.entries(files).map(([path, module]) => [path.split('/').at(-2)!, { assistant: module.default }]),
);

const instance = i18next.createInstance();
void instance.init({
  resources,
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: 'assistant',
  ns: ['assistant'],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type PhraseVars = TOptions & Record<string, unknown>;

/** A phrase of the assistant in `locale`, English when the key is missing there. */
export function phrase(locale: string, key: string, vars: PhraseVars = {}): string {
  return instance.t(key, { ...vars, lng: isLocale(locale) ? locale : DEFAULT_LOCALE });
}
