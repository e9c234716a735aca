import { ActionIcon, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { peopleApi } from '../api/people.ts';
import { useFormat } from '../common/format.ts';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  );
}

export function NotificationsBell() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const query = useQuery({ queryKey: NOTIFICATIONS_KEY, queryFn: peopleApi.notifications, refetchInterval: 60_000 });
  const items = query.data ?? [];
  const unread = items.filter((item) => !item.readAt);
  const markRead = useMutation({
    mutationFn: peopleApi.markRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });

  const toggle = () => {
    const next = !opened;
    setOpened(next);
    if (!next && unread.length > 0) markRead.mutate(unread.map((item) => item.id));
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={320} shadow="md">
      <Popover.Target>
        <Indicator disabled={unread.length === 0} label={unread.length} size={16} offset={4}>
          <ActionIcon
            variant="subtle"
            size="lg"
            onClick={toggle}
            aria-label={t('notifications.open', { count: unread.length })}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Text fw={600} size="sm" mb="xs">
          {t('notifications.title')}
        </Text>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('notifications.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={360}>
            <Stack gap={4}>
              {items.map((item) => (
                <UnstyledButton
                  key={item.id}
                  p={6}
                  style={{ borderRadius: 4, background: item.readAt ? undefined : 'var(--mantine-color-blue-light)' }}
                  onClick={() => {
                    setOpened(false);
                    if (!item.readAt) markRead.mutate([item.id]);
                    if (item.caseId) void navigate(`/cases/${item.caseId}`);
                  }}
                >
                  <Text size="sm">{t(`notifications.kind.${item.kind}`, { defaultValue: item.text })}</Text>
                  <Text size="xs" c="dimmed">
                    {format.ago(item.createdAt)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
