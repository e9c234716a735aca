import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../layout/LanguageSwitcher.tsx';

/** The centred card the signed-out pages share. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={400}>
        <Stack gap="md">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={700} c="blue.7" size="lg">
                {t('app.name')}
              </Text>
              <Title order={2} size="h4">
                {title}
              </Title>
            </div>
            <LanguageSwitcher />
          </Group>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
