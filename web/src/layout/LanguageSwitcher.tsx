import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../api/types.ts';
import { chooseLanguage, isLocale } from '../i18n.ts';

/** Language names are written in their own language so everyone can find theirs. */
const NATIVE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский', pl: 'Polski', ro: 'Română' };

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('language.label')}
      data-testid="language-switcher"
      size="xs"
      w={112}
      allowDeselect={false}
      value={i18n.resolvedLanguage ?? 'en'}
      data={LOCALES.map((value) => ({ value, label: NATIVE_NAMES[value] }))}
      onChange={(value) => {
        if (isLocale(value)) chooseLanguage(value);
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
