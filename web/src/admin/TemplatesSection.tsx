import { DEFAULT_SEVERITIES } from '@heard/replycheck';
import { Button, Code, Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsApi, type Template } from '../api/settings.ts';
import { LOCALES, type Locale } from '../api/types.ts';
import { ErrorAlert, fieldError } from '../common/ErrorAlert.tsx';
import { FindingsList } from '../replycheck/FindingsList.tsx';
import { applySuggestion } from '../replycheck/findings.ts';
import { isCheckedLanguage, safeCheck, usePack, useReplyCheckSettings } from '../replycheck/useReplyCheck.ts';
import { SavedNote, SettingsSection } from './SettingsSection.tsx';

function TemplateEditor({ template, readOnly }: { template: Template; readOnly: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setSubject(template.subject);
    setBody(template.body);
  }, [template.subject, template.body]);
  const save = useMutation({
    mutationFn: () => settingsApi.saveTemplate(template.id, { subject, body }),
    onSuccess: (next) => {
      queryClient.setQueryData<Template[]>(['templates'], (list) =>
        list?.map((item) => (item.id === next.id ? { ...item, ...next } : item)),
      );
      setSaved(true);
    },
  });
  // Templates are checked like replies, in their own language.
  const language = isCheckedLanguage(template.language) ? template.language : null;
  const pack = usePack(language);
  const settings = useReplyCheckSettings();
  const findings = useMemo(
    () =>
      language && pack
        ? safeCheck(body, { language, pack, severities: settings.data?.severities ?? DEFAULT_SEVERITIES })
        : [],
    [body, language, pack, settings.data],
  );
  const subjectError = fieldError(save.error, 'subject');
  const bodyError = fieldError(save.error, 'body');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form onSubmit={submit} data-testid="template-editor">
      <Stack gap="xs">
        <TextInput
          label={t('admin.templates.subject')}
          required
          readOnly={readOnly}
          value={subject}
          error={subjectError}
          onChange={(event) => {
            setSubject(event.currentTarget.value);
            setSaved(false);
          }}
        />
        <Textarea
          label={t('admin.templates.body')}
          required
          autosize
          minRows={6}
          maxRows={20}
          readOnly={readOnly}
          value={body}
          error={bodyError}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setSaved(false);
          }}
        />
        <div>
          <Text size="xs" fw={500}>
            {t('admin.templates.variables')}
          </Text>
          <Group gap={4} mt={2} data-testid="template-variables">
            {template.variables.map((variable) => (
              <Code key={variable}>{`{{${variable}}}`}</Code>
            ))}
          </Group>
        </div>
        {findings.length > 0 ? (
          <Stack gap={4}>
            <Text size="xs" fw={500}>
              {t('admin.templates.checkTitle')}
            </Text>
            <FindingsList
              findings={findings}
              onApply={readOnly ? undefined : (finding) => setBody(applySuggestion(body, finding))}
            />
          </Stack>
        ) : null}
        {subjectError || bodyError ? null : <ErrorAlert error={save.error} />}
        {readOnly ? null : (
          <Group gap="xs">
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('admin.templates.save')}
            </Button>
            <SavedNote shown={saved} />
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** Message templates per key and language, with the variables each may use. */
export function TemplatesSection({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const templates = useQuery({ queryKey: ['templates'], queryFn: settingsApi.templates });
  const list = templates.data ?? [];
  const keys = [...new Set(list.map((item) => item.key))];
  const [key, setKey] = useState<string | null>(null);
  const [language, setLanguage] = useState<string>('en');
  const currentKey = key ?? keys[0] ?? null;
  const order = (language: string) => LOCALES.indexOf(language as Locale);
  const languages = list
    .filter((item) => item.key === currentKey)
    .map((item) => item.language)
    .sort((a, b) => order(a) - order(b));
  const template = list.find((item) => item.key === currentKey && item.language === language);
  return (
    <SettingsSection title={t('admin.templates.title')} help={t('admin.templates.help')} error={templates.error}>
      <Group gap="xs" align="flex-end">
        <Select
          w={280}
          label={t('admin.templates.key')}
          allowDeselect={false}
          data={keys.map((value) => ({ value, label: t(`admin.templates.keys.${value}`, { defaultValue: value }) }))}
          value={currentKey}
          onChange={setKey}
        />
        <SegmentedControl
          aria-label={t('admin.templates.language')}
          data={languages.map((value) => ({ value, label: t(`language.${value}`, { defaultValue: value }) }))}
          value={language}
          onChange={setLanguage}
        />
      </Group>
      {template ? <TemplateEditor key={template.id} template={template} readOnly={readOnly} /> : null}
    </SettingsSection>
  );
}
