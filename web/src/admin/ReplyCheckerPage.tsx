import { CATEGORY_IDS, type CategoryId, PHRASE_CATEGORIES, type SeverityOverride } from '@heard/replycheck';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReplyCheckSettings, replycheckApi } from '../api/replycheck.ts';
import { LOCALES, type Role, STAFF_ROLES } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useReplyCheckSettings } from '../replycheck/useReplyCheck.ts';
import { SendPolicySection } from './CommitmentSettings.tsx';
import { PackEditor } from './PackEditor.tsx';
import { SavedNote, SettingsSection } from './SettingsSection.tsx';

const SEVERITIES: readonly SeverityOverride[] = ['block', 'warn', 'info', 'off'];
const WEIGHTS = ['block', 'warn', 'info'] as const;

function CheckerSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useReplyCheckSettings();
  const [draft, setDraft] = useState<ReplyCheckSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const current = draft ?? settings.data;
  const save = useMutation({
    mutationFn: replycheckApi.saveSettings,
    onSuccess: (next) => {
      queryClient.setQueryData(['replycheck', 'settings'], next);
      setDraft(null);
      setSaved(true);
    },
  });
  const edit = (change: (value: ReplyCheckSettings) => ReplyCheckSettings) => {
    if (!current) return;
    setSaved(false);
    setDraft(change(current));
  };
  const setSeverity = (category: CategoryId, severity: SeverityOverride) =>
    edit((value) => ({ ...value, severities: { ...value.severities, [category]: severity } }));
  const severityOptions = SEVERITIES.map((value) => ({ value, label: t(`replycheck.severity.${value}`) }));

  return (
    <SettingsSection
      title={t('admin.replycheck.settingsTitle')}
      help={t('admin.replycheck.settingsHelp')}
      error={settings.error}
      testId="replycheck-settings"
    >
      {current ? (
        <>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.replycheck.category')}</Table.Th>
                  <Table.Th w={330}>{t('admin.replycheck.severity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {CATEGORY_IDS.map((category) => (
                  <Table.Tr key={category}>
                    <Table.Td>
                      <Text size="sm">{t(`replycheck.category.${category}`)}</Text>
                      <Text size="xs" c="dimmed">
                        {(PHRASE_CATEGORIES as readonly string[]).includes(category)
                          ? t('admin.replycheck.phraseCategory')
                          : t('admin.replycheck.mistakeCategory')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        fullWidth
                        aria-label={t(`replycheck.category.${category}`)}
                        data={severityOptions}
                        value={current.severities[category] ?? 'warn'}
                        onChange={(value) => setSeverity(category, value as SeverityOverride)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Checkbox.Group
            label={t('admin.replycheck.overrideRoles')}
            description={t('admin.replycheck.overrideRolesHelp')}
            value={current.overrideRoles}
            onChange={(roles) => edit((value) => ({ ...value, overrideRoles: roles as Role[] }))}
          >
            <Group gap="md" mt={6}>
              {STAFF_ROLES.map((role) => (
                <Checkbox key={role} value={role} label={t(`role.${role}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <div>
            <Text size="sm" fw={500}>
              {t('admin.replycheck.weights')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('admin.replycheck.weightsHelp')}
            </Text>
            <Group gap="xs" mt={6}>
              {WEIGHTS.map((severity) => (
                <NumberInput
                  key={severity}
                  w={120}
                  size="xs"
                  min={0}
                  max={100}
                  label={t(`replycheck.severity.${severity}`)}
                  value={current.weights[severity]}
                  onChange={(value) =>
                    edit((next) => ({ ...next, weights: { ...next.weights, [severity]: Number(value) || 0 } }))
                  }
                />
              ))}
            </Group>
          </div>
          <ErrorAlert error={save.error} />
          <Group gap="xs">
            <Button size="xs" disabled={!draft} loading={save.isPending} onClick={() => draft && save.mutate(draft)}>
              {t('admin.replycheck.saveSettings')}
            </Button>
            {draft ? (
              <Button size="xs" variant="default" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </Button>
            ) : null}
            <SavedNote shown={saved} />
          </Group>
        </>
      ) : null}
    </SettingsSection>
  );
}

export function ReplyCheckerPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" maw={1100} mx="auto">
      <Title order={1} size="h3">
        {t('admin.replycheck.title')}
      </Title>
      <Alert color="blue" variant="light">
        {t('admin.replycheck.intro')}
      </Alert>
      <SendPolicySection />
      <CheckerSettings />
      <Paper withBorder p="sm" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('admin.replycheck.packsTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('admin.replycheck.packsHelp')}
          </Text>
          <Tabs defaultValue="en" keepMounted={false}>
            <Tabs.List>
              {LOCALES.map((language) => (
                <Tabs.Tab key={language} value={language}>
                  {t(`language.${language}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {LOCALES.map((language) => (
              <Tabs.Panel key={language} value={language} pt="sm">
                <PackEditor language={language} />
              </Tabs.Panel>
            ))}
          </Tabs>
        </Stack>
      </Paper>
    </Stack>
  );
}
