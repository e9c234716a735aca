import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCRIPT_CATEGORIES, type Script, type ScriptCategory, scriptsApi } from '../api/scripts.ts';
import { LOCALES } from '../api/types.ts';
import { ErrorAlert, fieldError } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';
import { useOptions } from '../common/labels.tsx';
import { FindingsList } from '../replycheck/FindingsList.tsx';

/** Scripts (playbooks): the list per language and situation, an editor checked as one types, and versions. */
export function ScriptsPage() {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 250);
  const [editing, setEditing] = useState<Script | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['scripts', 'admin', language, category, q],
    queryFn: () => scriptsApi.list({ q, language, category }),
  });
  const categories = SCRIPT_CATEGORIES.map((value) => ({ value, label: t(`scripts.category.${value}`) }));
  return (
    <Stack gap="sm" maw={1100} mx="auto">
      <Group justify="space-between">
        <Title order={2}>{t('scripts.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('scripts.new')}</Button>
      </Group>
      <Group gap="xs">
        <TextInput
          aria-label={t('scripts.search')}
          placeholder={t('scripts.search')}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          w={260}
        />
        <Select
          aria-label={t('language.label')}
          placeholder={t('scripts.all')}
          clearable
          data={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
          value={language}
          onChange={setLanguage}
          w={160}
        />
        <Select
          aria-label={t('scripts.situation')}
          placeholder={t('scripts.all')}
          clearable
          data={categories}
          value={category}
          onChange={setCategory}
          w={200}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <Table striped highlightOnHover data-testid="scripts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('scripts.titleLabel')}</Table.Th>
            <Table.Th>{t('scripts.situation')}</Table.Th>
            <Table.Th>{t('language.label')}</Table.Th>
            <Table.Th>{t('scripts.versions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((script) => (
            <Table.Tr key={script.id}>
              <Table.Td>
                <UnstyledButton onClick={() => setEditing(script)}>
                  <Text size="sm" fw={600} c="blue.8">
                    {script.title}
                  </Text>
                </UnstyledButton>
                <Text size="xs" c="dimmed">
                  {script.key}
                  {script.builtin ? ` · ${t('scripts.builtin')}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{t(`scripts.category.${script.category}`)}</Table.Td>
              <Table.Td>{script.language.toUpperCase()}</Table.Td>
              <Table.Td>{script.version}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="xl"
        title={editing === 'new' ? t('scripts.new') : editing?.title}
      >
        {editing ? (
          <ScriptEditor
            key={editing === 'new' ? 'new' : editing.id}
            script={editing === 'new' ? null : editing}
            onSaved={(saved) => setEditing(saved)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

interface Draft {
  key: string;
  language: string;
  category: ScriptCategory;
  caseCategories: string[];
  tags: string[];
  title: string;
  body: string;
}

function ScriptEditor({ script, onSaved }: { script: Script | null; onSaved: (script: Script) => void }) {
  const { t } = useTranslation();
  const options = useOptions();
  const queryClient = useQueryClient();
  const body = useRef<HTMLTextAreaElement>(null);
  const [tab, setTab] = useState<string | null>('text');
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft>({
    key: script?.key ?? '',
    language: script?.language ?? 'en',
    category: script?.category ?? 'other',
    caseCategories: script?.caseCategories ?? [],
    tags: script?.tags ?? [],
    title: script?.title ?? '',
    body: script?.body ?? '',
  });
  const change = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setSavedVersion(null);
  };
  const variables = useQuery({
    queryKey: ['scripts', 'variables'],
    queryFn: scriptsApi.variables,
    staleTime: Infinity,
  });
  // Checked as one types: unknown variables (400) and the reply checker over the filled-in text.
  const [checked] = useDebouncedValue({ language: draft.language, title: draft.title, body: draft.body }, 400);
  const preview = useQuery({
    queryKey: ['scripts', 'preview', checked],
    queryFn: () => scriptsApi.preview(checked),
    enabled: checked.body.trim().length > 0,
    retry: false,
  });
  const save = useMutation({
    mutationFn: () => {
      const content = {
        category: draft.category,
        caseCategories: draft.caseCategories,
        tags: draft.tags,
        title: draft.title,
        body: draft.body,
      };
      return script
        ? scriptsApi.update(script.id, { ...content, version: script.version })
        : scriptsApi.create({ ...content, language: draft.language, ...(draft.key ? { key: draft.key } : {}) });
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['scripts'] });
      setSavedVersion(result.script.version);
      onSaved(result.script);
    },
  });
  const insertVariable = (name: string) => {
    const element = body.current;
    const at = element?.selectionStart ?? draft.body.length;
    change({ body: `${draft.body.slice(0, at)}{{${name}}}${draft.body.slice(element?.selectionEnd ?? at)}` });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const findings = preview.data?.findings ?? [];
  return (
    <Tabs value={tab} onChange={setTab}>
      <Tabs.List>
        <Tabs.Tab value="text">{t('scripts.editor')}</Tabs.Tab>
        {script ? <Tabs.Tab value="versions">{t('scripts.versions')}</Tabs.Tab> : null}
      </Tabs.List>
      <Tabs.Panel value="text" pt="sm">
        <form onSubmit={submit} data-testid="script-editor">
          <Stack gap="xs">
            <Group grow align="flex-start">
              <TextInput
                label={t('scripts.titleLabel')}
                required
                value={draft.title}
                error={fieldError(save.error, 'title')}
                onChange={(event) => change({ title: event.currentTarget.value })}
              />
              <Select
                label={t('scripts.situation')}
                data={SCRIPT_CATEGORIES.map((value) => ({ value, label: t(`scripts.category.${value}`) }))}
                value={draft.category}
                allowDeselect={false}
                onChange={(value) => value && change({ category: value as ScriptCategory })}
              />
              <Select
                label={t('language.label')}
                data={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
                value={draft.language}
                disabled={script !== null}
                allowDeselect={false}
                onChange={(value) => value && change({ language: value })}
              />
            </Group>
            {script ? null : (
              <TextInput
                label={t('scripts.key')}
                description={t('scripts.keyHint')}
                value={draft.key}
                error={fieldError(save.error, 'key')}
                onChange={(event) => change({ key: event.currentTarget.value })}
              />
            )}
            <Group grow align="flex-start">
              <MultiSelect
                label={t('scripts.caseCategories')}
                data={options.categories}
                value={draft.caseCategories}
                onChange={(value) => change({ caseCategories: value })}
              />
              <TagsInput label={t('scripts.tags')} value={draft.tags} onChange={(value) => change({ tags: value })} />
            </Group>
            <Textarea
              ref={body}
              label={t('scripts.body')}
              required
              autosize
              minRows={8}
              maxRows={22}
              value={draft.body}
              error={fieldError(save.error, 'body')}
              onChange={(event) => change({ body: event.currentTarget.value })}
            />
            <div>
              <Text size="xs" fw={500}>
                {t('scripts.variables')}
              </Text>
              <Group gap={4}>
                {(variables.data?.variables ?? []).map((name) => (
                  <Badge
                    key={name}
                    component="button"
                    type="button"
                    variant="light"
                    style={{ cursor: 'pointer', textTransform: 'none' }}
                    onClick={() => insertVariable(name)}
                  >
                    {`{{${name}}}`}
                  </Badge>
                ))}
              </Group>
            </div>
            <Paper withBorder p="xs" data-testid="script-check">
              {preview.isFetching ? (
                <Text size="xs" c="dimmed">
                  {t('scripts.checking')}
                </Text>
              ) : null}
              <ErrorAlert error={preview.error} />
              {preview.data ? (
                <Stack gap={6}>
                  {preview.data.blocked ? (
                    <Text size="sm" c="red.7" fw={600}>
                      {t('scripts.blocked')}
                    </Text>
                  ) : findings.length === 0 ? (
                    <Text size="sm" c="green.8">
                      {t('scripts.clean')}
                    </Text>
                  ) : null}
                  <FindingsList findings={findings} />
                  <Text size="xs" c="dimmed">
                    {t('scripts.preview')}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {preview.data.body}
                  </Text>
                </Stack>
              ) : null}
            </Paper>
            <ErrorAlert error={save.error} />
            <Group justify="flex-end" gap="xs">
              {savedVersion ? (
                <Text size="sm" c="green.8" aria-live="polite">
                  {t('scripts.saved', { version: savedVersion })}
                </Text>
              ) : null}
              <Button type="submit" loading={save.isPending} disabled={preview.data?.blocked === true}>
                {script ? t('scripts.save') : t('scripts.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Tabs.Panel>
      {script ? (
        <Tabs.Panel value="versions" pt="sm">
          <Versions
            script={script}
            onRestore={(version) => {
              change({ title: version.title, body: version.body });
              setTab('text');
            }}
          />
        </Tabs.Panel>
      ) : null}
    </Tabs>
  );
}

function Versions({
  script,
  onRestore,
}: {
  script: Script;
  onRestore: (version: { title: string; body: string }) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useQuery({
    queryKey: ['scripts', script.id, 'versions'],
    queryFn: () => scriptsApi.versions(script.id),
  });
  return (
    <Stack gap="sm" data-testid="script-versions">
      <ErrorAlert error={versions.error} />
      {(versions.data?.items ?? []).map((version) => (
        <Paper key={version.version} withBorder p="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('scripts.version', { version: version.version })}
            </Text>
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {t('scripts.by', {
                  name: version.createdBy?.name ?? t('app.name'),
                  date: format.dateTime(version.createdAt),
                })}
              </Text>
              <Button size="compact-xs" variant="default" onClick={() => onRestore(version)}>
                {t('scripts.restore')}
              </Button>
            </Group>
          </Group>
          <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
            {version.body}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
