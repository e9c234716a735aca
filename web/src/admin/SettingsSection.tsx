// The frame every settings section shares: a titled panel with help text and the error of
// loading its data, and the "Saved" note shown after a successful save.
import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

export function SettingsSection(props: {
  title: string;
  help?: string;
  error: unknown;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={props.testId}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {props.title}
        </Title>
        {props.help ? (
          <Text size="sm" c="dimmed">
            {props.help}
          </Text>
        ) : null}
        <ErrorAlert error={props.error} />
        {props.children}
      </Stack>
    </Paper>
  );
}

export function SavedNote({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  return shown ? (
    <Text size="xs" c="teal.7" role="status">
      {t('admin.saved')}
    </Text>
  ) : null;
}
