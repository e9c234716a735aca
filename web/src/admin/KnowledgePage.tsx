import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ArticleSummary, type ArticleVisibility, helpUrl, kbApi } from '../api/kb.ts';
import { LOCALES } from '../api/types.ts';
import { ErrorAlert, fieldError } from '../common/ErrorAlert.tsx';

/** Knowledge-base articles: list, search, edit; public ones are on the help pages. */
export function KnowledgePage() {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<string | null>(i18n.resolvedLanguage ?? 'en');
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 250);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const list = useQuery({ queryKey: ['kb', 'admin', language, q], queryFn: () => kbApi.list({ q, language }) });
  const lang = language ?? 'en';
  return (
    <Stack gap="sm" maw={1100} mx="auto">
      <Group justify="space-between">
        <Title order={2}>{t('kb.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('kb.new')}</Button>
      </Group>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t('policy.publicPages')}:
        </Text>
        <Anchor size="sm" href={`/help?lang=${lang}`} target="_blank">
          {t('policy.help')}
        </Anchor>
        <Anchor size="sm" href={`/policy?lang=${lang}`} target="_blank">
          {t('policy.policy')}
        </Anchor>
        <Anchor size="sm" href={`/complaints?lang=${lang}`} target="_blank">
          {t('policy.complaints')}
        </Anchor>
        <Anchor size="sm" href={`/api/v1/policy-document?lang=${lang}&format=pdf`} target="_blank">
          {t('policy.pdf')}
        </Anchor>
      </Group>
      <Group gap="xs">
        <TextInput
          aria-label={t('kb.search')}
          placeholder={t('kb.search')}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          w={260}
        />
        <Select
          aria-label={t('language.label')}
          clearable
          data={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
          value={language}
          onChange={setLanguage}
          w={160}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('kb.titleLabel')}</Table.Th>
            <Table.Th>{t('kb.category')}</Table.Th>
            <Table.Th>{t('language.label')}</Table.Th>
            <Table.Th>{t('kb.visibilityLabel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((article: ArticleSummary) => (
            <Table.Tr key={article.id}>
              <Table.Td>
                <UnstyledButton onClick={() => setEditing(article.id)}>
                  <Text size="sm" fw={600} c="blue.8">
                    {article.title}
                  </Text>
                </UnstyledButton>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {article.excerpt}
                </Text>
              </Table.Td>
              <Table.Td>{article.category}</Table.Td>
              <Table.Td>{article.language.toUpperCase()}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={article.visibility === 'public' ? 'green' : 'gray'}>
                  {t(`kb.visibility.${article.visibility}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} size="xl" title={t('kb.title')}>
        {editing ? (
          <ArticleEditor
            key={editing}
            id={editing === 'new' ? null : editing}
            language={lang}
            onDone={(id) => setEditing(id)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function ArticleEditor({
  id,
  language: initialLanguage,
  onDone,
}: {
  id: string | null;
  language: string;
  onDone: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const article = useQuery({
    queryKey: ['kb', 'article', id],
    queryFn: () => kbApi.get(id ?? ''),
    enabled: id !== null,
  });
  const [edits, setEdits] = useState<{
    title?: string;
    slug?: string;
    category?: string;
    body?: string;
    visibility?: ArticleVisibility;
    language?: string;
  }>({});
  const current = {
    title: edits.title ?? article.data?.title ?? '',
    slug: edits.slug ?? article.data?.slug ?? '',
    category: edits.category ?? article.data?.category ?? '',
    body: edits.body ?? article.data?.body ?? '',
    visibility: edits.visibility ?? article.data?.visibility ?? 'internal',
    language: edits.language ?? article.data?.language ?? initialLanguage,
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['kb'] });
  const save = useMutation({
    mutationFn: () => {
      const { language, slug, ...content } = current;
      return id
        ? kbApi.update(id, { ...content, ...(slug ? { slug } : {}) })
        : kbApi.create({ ...content, language, ...(slug ? { slug } : {}) });
    },
    onSuccess: (saved) => {
      setEdits({});
      void refresh();
      onDone(saved.id);
    },
  });
  const remove = useMutation({
    mutationFn: () => kbApi.remove(id ?? ''),
    onSuccess: () => {
      void refresh();
      onDone(null);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <ErrorAlert error={article.error} />
        <Group grow align="flex-start">
          <TextInput
            label={t('kb.titleLabel')}
            required
            value={current.title}
            error={fieldError(save.error, 'title')}
            onChange={(event) => setEdits({ ...edits, title: event.currentTarget.value })}
          />
          <TextInput
            label={t('kb.category')}
            required
            value={current.category}
            onChange={(event) => setEdits({ ...edits, category: event.currentTarget.value })}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('kb.slug')}
            description={t('kb.slugHint')}
            value={current.slug}
            error={fieldError(save.error, 'slug')}
            onChange={(event) => setEdits({ ...edits, slug: event.currentTarget.value })}
          />
          <Select
            label={t('kb.visibilityLabel')}
            allowDeselect={false}
            data={(['internal', 'public'] as const).map((value) => ({ value, label: t(`kb.visibility.${value}`) }))}
            value={current.visibility}
            onChange={(value) => value && setEdits({ ...edits, visibility: value as ArticleVisibility })}
          />
          <Select
            label={t('language.label')}
            allowDeselect={false}
            disabled={id !== null}
            data={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
            value={current.language}
            onChange={(value) => value && setEdits({ ...edits, language: value })}
          />
        </Group>
        <Textarea
          label={t('kb.body')}
          required
          autosize
          minRows={10}
          maxRows={24}
          value={current.body}
          error={fieldError(save.error, 'body')}
          onChange={(event) => setEdits({ ...edits, body: event.currentTarget.value })}
        />
        {article.data && Object.keys(edits).length === 0 ? (
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed" mb={4}>
              {t('kb.preview')}
            </Text>
            {/* Server-rendered Markdown (raw HTML disabled), shown like messages: in a script-less sandbox. */}
            <iframe
              title={t('kb.preview')}
              sandbox=""
              srcDoc={`<!doctype html><meta charset="utf-8"><body style="font-family:sans-serif">${article.data.html}`}
              style={{ width: '100%', minHeight: 260, border: 0 }}
            />
            {article.data.visibility === 'public' ? (
              <Anchor size="sm" href={helpUrl(article.data)} target="_blank">
                {t('kb.open')}
              </Anchor>
            ) : null}
          </Paper>
        ) : null}
        <ErrorAlert error={save.error ?? remove.error} />
        <Group justify="space-between">
          {id ? (
            <Button
              color="red"
              variant="subtle"
              loading={remove.isPending}
              onClick={() => {
                if (window.confirm(t('kb.deleteConfirm'))) remove.mutate();
              }}
            >
              {t('kb.delete')}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" loading={save.isPending}>
            {id ? t('kb.save') : t('kb.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
