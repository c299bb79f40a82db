import i18next, { type TOptions } from 'i18next';
import { createSubscriber } from 'svelte/reactivity';
import { DEFAULT_LOCALE, LOCALES, RTL_LOCALES, matchLocale, type Locale } from '../../../shared/locales';

// One chunk per locale: only the active one is downloaded.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>('../../../locales/*/ui.json');
const STORAGE_KEY = 'baton.locale';

function loaderFor(locale: Locale) {
  return loaders[`../../../locales/${locale}/ui.json`];
}

/** The UI language: i18next bridged into Svelte's reactivity. */
class I18n {
  #subscribe = createSubscriber((update) => {
    i18next.on('languageChanged', update);
    return () => i18next.off('languageChanged', update);
  });

  get locale(): Locale {
    this.#subscribe();
    return (i18next.language as Locale) ?? DEFAULT_LOCALE;
  }

  get dir(): 'rtl' | 'ltr' {
    return RTL_LOCALES.has(this.locale) ? 'rtl' : 'ltr';
  }

  t = (key: string, options: TOptions = {}): string => {
    this.#subscribe();
    return i18next.t(key, options);
  };

  async init(): Promise<void> {
    await i18next.init({
      lng: initialLocale(),
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: [...LOCALES],
      defaultNS: 'ui',
      ns: ['ui'],
      resources: {},
      interpolation: { escapeValue: false },
    });
    await this.use(initialLocale(), false);
  }

  /** Switches language, downloading its strings first; remembered on this device. */
  async use(locale: Locale, remember = true): Promise<void> {
    for (const l of new Set([locale, DEFAULT_LOCALE])) {
      if (!i18next.hasResourceBundle(l, 'ui')) {
        const module = await loaderFor(l)?.();
        if (module) i18next.addResourceBundle(l, 'ui', module.default);
      }
    }
    if (remember) localStorage.setItem(STORAGE_KEY, locale);
    await i18next.changeLanguage(locale);
    document.documentElement.lang = locale;
    document.documentElement.dir = RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
  }
}

function initialLocale(): Locale {
  const saved = matchLocale(localStorage.getItem(STORAGE_KEY));
  if (saved) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/** A locale's name in its own language, for the language switch. */
export function autonym(locale: Locale): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}

export const i18n = new I18n();
export const t = i18n.t;
