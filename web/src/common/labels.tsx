import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { peopleApi } from '../api/people.ts';
import { CATEGORIES, type CaseStatus, PRIORITIES, type Priority, STATUSES } from '../api/types.ts';

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'teal',
  'waiting-customer': 'yellow',
  'waiting-third-party': 'orange',
  resolved: 'gray',
  closed: 'dark',
};

const PRIORITY_COLORS: Record<Priority, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };

export function StatusBadge({ status, size = 'sm' }: { status: CaseStatus; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" size={size}>
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLORS[priority] ?? 'gray'} variant={priority === 'urgent' ? 'filled' : 'outline'}>
      {t(`priority.${priority}`, { defaultValue: priority })}
    </Badge>
  );
}

/**
 * Select options for statuses, priorities and categories, labelled in the UI language.
 * Categories come from the server (admins add their own, with names per language); the
 * built-in five stand in until that list arrives.
 */
export function useOptions() {
  const { t, i18n } = useTranslation();
  const categories = useQuery({ queryKey: ['categories'], queryFn: peopleApi.categories, staleTime: 300_000 });
  const language = i18n.resolvedLanguage ?? 'en';
  const labels = new Map((categories.data ?? []).map((category) => [category.id, category.labels]));
  const category = (value: string) =>
    i18n.exists(`category.${value}`)
      ? t(`category.${value}`)
      : (labels.get(value)?.[language] ?? labels.get(value)?.en ?? value);
  const categoryIds = categories.data ? categories.data.map((item) => item.id) : [...CATEGORIES];
  return {
    statuses: STATUSES.map((value) => ({ value, label: t(`status.${value}`) })),
    priorities: PRIORITIES.map((value) => ({ value, label: t(`priority.${value}`) })),
    categories: categoryIds.map((value) => ({ value, label: category(value) })),
    category,
  };
}
