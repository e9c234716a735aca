import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from './api/types.ts';
import en from './locales/en.json';
import pl from './locales/pl.json';
import ro from './locales/ro.json';
import ru from './locales/ru.json';

const STORAGE_KEY = 'heard.language';

export function isLocale(value: string | null | undefined): value is Locale {
  return LOCALES.some((locale) => locale === value);
}

function primary(tag: string | null | undefined): string | undefined {
  return tag?.toLowerCase().split(/[-_]/)[0];
}

function storedLanguage(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Locale {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const code = primary(tag);
    if (isLocale(code)) return code;
  }
  return 'en';
}

/** The explicit choice wins; otherwise the signed-in user's locale; otherwise the browser's. */
export function preferredLanguage(userLocale?: string | null): Locale {
  const fromUser = primary(userLocale);
  return storedLanguage() ?? (isLocale(fromUser) ? fromUser : browserLanguage());
}

export function chooseLanguage(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice still applies to this tab
  }
  void i18next.changeLanguage(locale);
}

export function followUserLocale(userLocale: string | null | undefined): void {
  const next = preferredLanguage(userLocale);
  if (i18next.language !== next) void i18next.changeLanguage(next);
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru }, pl: { translation: pl }, ro: { translation: ro } },
  lng: preferredLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
