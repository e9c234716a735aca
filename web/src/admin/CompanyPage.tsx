import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CompanyProfile, settingsApi } from '../api/settings.ts';
import { LOCALES, type Locale } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { ErrorAlert, fieldError } from '../common/ErrorAlert.tsx';
import { LadderSection } from './LadderSection.tsx';
import { SavedNote } from './SettingsSection.tsx';
import { TemplatesSection } from './TemplatesSection.tsx';

type TextField = 'name' | 'email' | 'phone' | 'website';
const TEXT_FIELDS: readonly TextField[] = ['name', 'email', 'phone', 'website'];

function CompanyForm({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const company = useQuery({ queryKey: ['settings', 'company'], queryFn: settingsApi.company });
  const [form, setForm] = useState<CompanyProfile | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (company.data) setForm(company.data);
  }, [company.data]);
  const save = useMutation({
    mutationFn: settingsApi.saveCompany,
    onSuccess: (next) => {
      queryClient.setQueryData(['settings', 'company'], next);
      setSaved(true);
    },
  });
  const set = (change: Partial<CompanyProfile>) => {
    setSaved(false);
    setForm((current) => (current ? { ...current, ...change } : current));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form) save.mutate(form);
  };
  return (
    <Paper withBorder p="sm" radius="md">
      <form onSubmit={submit} data-testid="company-form">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('admin.company.profileTitle')}
          </Title>
          <ErrorAlert error={company.error} />
          {form ? (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {TEXT_FIELDS.map((field) => (
                  <TextInput
                    key={field}
                    label={t(`admin.company.${field}`)}
                    required={field === 'name'}
                    readOnly={readOnly}
                    value={form[field]}
                    error={fieldError(save.error, field)}
                    onChange={(event) => set({ [field]: event.currentTarget.value })}
                  />
                ))}
                <Select
                  label={t('admin.company.defaultLanguage')}
                  allowDeselect={false}
                  readOnly={readOnly}
                  data={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
                  value={form.defaultLanguage}
                  onChange={(value) => value && set({ defaultLanguage: value as Locale })}
                />
              </SimpleGrid>
              <Text size="sm" fw={500}>
                {t('admin.company.description')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {LOCALES.map((language) => (
                  <Textarea
                    key={language}
                    label={t(`language.${language}`)}
                    autosize
                    minRows={2}
                    readOnly={readOnly}
                    value={form.description[language] ?? ''}
                    onChange={(event) =>
                      set({ description: { ...form.description, [language]: event.currentTarget.value } })
                    }
                  />
                ))}
              </SimpleGrid>
              <ErrorAlert error={save.error} />
              {readOnly ? null : (
                <Group gap="xs">
                  <Button type="submit" size="xs" loading={save.isPending}>
                    {t('admin.company.save')}
                  </Button>
                  <SavedNote shown={saved} />
                </Group>
              )}
            </>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

/** Company profile, message templates and the escalation ladder; supervisors see them read-only. */
export function CompanyPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const readOnly = user.role !== 'admin';
  return (
    <Stack gap="sm" maw={1100} mx="auto">
      <Title order={1} size="h3">
        {t('admin.company.title')}
      </Title>
      {readOnly ? (
        <Alert color="gray" variant="light" data-testid="read-only-note">
          {t('admin.readOnly')}
        </Alert>
      ) : null}
      <CompanyForm readOnly={readOnly} />
      <TemplatesSection readOnly={readOnly} />
      <LadderSection readOnly={readOnly} />
    </Stack>
  );
}
