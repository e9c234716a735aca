// Business hours per team: time zone, opening intervals per weekday (several for split
// shifts) and holidays. Commitments and SLA targets of a team's cases count in these hours.
// Admins edit; supervisors see them read-only.
import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BusinessCalendar, slaApi, type TeamCalendar } from '../api/sla.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** Monday first, as people read a working week; the API keys days 0 (Sunday) to 6. */
const WEEK = ['1', '2', '3', '4', '5', '6', '0'] as const;

function timeZones(): string[] {
  const zones = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

function weekdayName(language: string, day: string): string {
  // 2026-11-15 is a Sunday: day 0.
  const date = new Date(Date.UTC(2026, 10, 15 + Number(day)));
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

function CalendarEditor({ entry, editable }: { entry: TeamCalendar; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const zones = useMemo(timeZones, []);
  const [draft, setDraft] = useState<BusinessCalendar>(entry.calendar);
  const [holiday, setHoliday] = useState('');
  useEffect(() => setDraft(entry.calendar), [entry.calendar]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['calendars'] });
  const save = useMutation({ mutationFn: () => slaApi.saveCalendar(entry.teamId, draft), onSuccess: refresh });
  const reset = useMutation({ mutationFn: () => slaApi.resetCalendar(entry.teamId), onSuccess: refresh });
  const setDay = (day: string, intervals: { start: string; end: string }[]) =>
    setDraft((current) => ({ ...current, weekly: { ...current.weekly, [day]: intervals } }));
  const language = i18n.resolvedLanguage ?? 'en';

  return (
    <Paper withBorder p="sm" radius="md" data-testid="calendar-editor">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          {entry.teamName}
        </Title>
        <Badge variant="light" color={entry.custom ? 'blue' : 'gray'}>
          {entry.custom ? t('calendars.custom') : t('calendars.default')}
        </Badge>
      </Group>
      <Select
        label={t('calendars.timeZone')}
        searchable
        allowDeselect={false}
        disabled={!editable}
        data={zones}
        value={draft.timeZone}
        onChange={(value) => value && setDraft((current) => ({ ...current, timeZone: value }))}
        maw={320}
        mb="sm"
      />
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140}>{t('calendars.day')}</Table.Th>
            <Table.Th>{t('calendars.hours')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {WEEK.map((day) => {
            const intervals = draft.weekly[day] ?? [];
            return (
              <Table.Tr key={day} data-testid={`calendar-day-${day}`}>
                <Table.Td>
                  <Text size="sm" tt="capitalize">
                    {weekdayName(language, day)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {intervals.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('calendars.closed')}
                      </Text>
                    ) : null}
                    {intervals.map((interval, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: intervals are edited in place; the position is their identity
                      <Group key={index} gap={4} wrap="nowrap">
                        <TextInput
                          size="xs"
                          type="time"
                          aria-label={t('calendars.opens')}
                          disabled={!editable}
                          value={interval.start}
                          onChange={(event) => {
                            const start = event.currentTarget.value;
                            setDay(
                              day,
                              intervals.map((item, i) => (i === index ? { ...item, start } : item)),
                            );
                          }}
                        />
                        <Text size="sm">–</Text>
                        <TextInput
                          size="xs"
                          type="time"
                          aria-label={t('calendars.closes')}
                          disabled={!editable}
                          value={interval.end === '24:00' ? '23:59' : interval.end}
                          onChange={(event) => {
                            const value = event.currentTarget.value;
                            const end = value === '00:00' || value === '23:59' ? '24:00' : value;
                            setDay(
                              day,
                              intervals.map((item, i) => (i === index ? { ...item, end } : item)),
                            );
                          }}
                        />
                        {editable ? (
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="red"
                            aria-label={t('calendars.removeInterval')}
                            onClick={() =>
                              setDay(
                                day,
                                intervals.filter((_, i) => i !== index),
                              )
                            }
                          >
                            ×
                          </ActionIcon>
                        ) : null}
                      </Group>
                    ))}
                    {editable ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => {
                          const last = intervals.at(-1);
                          const next = last ? { start: last.end === '24:00' ? '23:00' : last.end, end: '24:00' } : null;
                          setDay(day, [...intervals, next ?? { start: '09:00', end: '17:00' }]);
                        }}
                      >
                        {intervals.length === 0 ? t('calendars.open') : t('calendars.addShift')}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="sm" fw={500} mt="sm">
        {t('calendars.holidays')}
      </Text>
      <Group gap="xs" mt={4}>
        {draft.holidays.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('calendars.noHolidays')}
          </Text>
        ) : null}
        {draft.holidays.map((date) => (
          <Badge
            key={date}
            variant="outline"
            rightSection={
              editable ? (
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  aria-label={t('calendars.removeHoliday', { date })}
                  onClick={() =>
                    setDraft((current) => ({ ...current, holidays: current.holidays.filter((item) => item !== date) }))
                  }
                >
                  ×
                </ActionIcon>
              ) : null
            }
          >
            {date}
          </Badge>
        ))}
      </Group>
      {editable ? (
        <Group gap="xs" mt="xs" align="flex-end">
          <TextInput
            size="xs"
            type="date"
            label={t('calendars.addHoliday')}
            value={holiday}
            onChange={(event) => setHoliday(event.currentTarget.value)}
          />
          <Button
            size="xs"
            variant="default"
            disabled={!holiday}
            onClick={() => {
              setDraft((current) => ({ ...current, holidays: [...new Set([...current.holidays, holiday])].sort() }));
              setHoliday('');
            }}
          >
            {t('calendars.add')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={save.error ?? reset.error} />
      {editable ? (
        <Group mt="sm">
          <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
            {t('calendars.save')}
          </Button>
          {entry.custom ? (
            <Button size="xs" variant="default" onClick={() => reset.mutate()} loading={reset.isPending}>
              {t('calendars.reset')}
            </Button>
          ) : null}
          {save.isSuccess ? (
            <Text size="sm" c="green.7" role="status">
              {t('calendars.saved')}
            </Text>
          ) : null}
        </Group>
      ) : null}
    </Paper>
  );
}

export function CalendarsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const calendars = useQuery({ queryKey: ['calendars'], queryFn: slaApi.calendars });
  return (
    <Stack gap="sm" maw={900} mx="auto">
      <Title order={1} size="h3">
        {t('calendars.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('calendars.explain')}
      </Text>
      <ErrorAlert error={calendars.error} />
      {(calendars.data ?? []).map((entry) => (
        <CalendarEditor key={entry.teamId} entry={entry} editable={user.role === 'admin'} />
      ))}
    </Stack>
  );
}
