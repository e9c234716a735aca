import { useTranslation } from 'react-i18next';

/** Date and size formatters that follow the UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    ago: (iso: string) => {
      const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ['day', 86_400],
        ['hour', 3_600],
        ['minute', 60],
      ];
      for (const [unit, size] of steps) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      }
      return relative.format(0, 'minute');
    },
    size: (bytes: number) =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: bytes >= 1_048_576 ? 'megabyte' : 'kilobyte',
        maximumFractionDigits: 1,
      }).format(bytes >= 1_048_576 ? bytes / 1_048_576 : Math.max(bytes / 1024, 0.1)),
  };
}
