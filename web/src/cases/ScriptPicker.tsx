import {
  Badge,
  Button,
  Group,
  Kbd,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ArticleSummary, helpUrl, kbApi } from '../api/kb.ts';
import { type Script, scriptsApi } from '../api/scripts.ts';
import { type Case, LOCALES } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** Ctrl+/ (⌘/ on a Mac) anywhere in the composer, or "/" typed at the start of an empty line. */
export function isPickerShortcut(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
  if (event.key !== '/' || event.altKey) return false;
  if (event.ctrlKey || event.metaKey) return true;
  const { selectionStart, selectionEnd, value } = event.currentTarget;
  if (selectionStart !== selectionEnd) return false;
  return selectionStart === 0 || value[selectionStart - 1] === '\n';
}

/** `text` put where the caret is (replacing a selection), or the whole body when it is empty. */
export function insertAtCaret(body: string, text: string, textarea: HTMLTextAreaElement | null): string {
  if (!body.trim()) return text;
  const start = textarea?.selectionStart ?? body.length;
  const end = textarea?.selectionEnd ?? body.length;
  return `${body.slice(0, start)}${text}${body.slice(end)}`;
}

interface PickerProps {
  item: Case;
  opened: boolean;
  onClose: () => void;
  onInsert: (text: string) => void;
}

/** Scripts suggested for the case (its category and language first) and the knowledge base, searchable. */
export function ScriptPicker({ item, opened, onClose, onInsert }: PickerProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('scripts');
  // Every opening starts at the scripts (the shortcut is for them); the articles are a click away.
  useEffect(() => {
    if (opened) setTab('scripts');
  }, [opened]);
  const [language, setLanguage] = useState<string>(item.language);
  const languages = LOCALES.map((value) => ({ value, label: t(`language.${value}`) }));
  const insert = (text: string) => {
    onInsert(text);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('scripts.pickerTitle')} size="lg" data-testid="script-picker">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="scripts">{t('scripts.tab')}</Tabs.Tab>
          <Tabs.Tab value="kb">{t('kb.tab')}</Tabs.Tab>
          <Select
            ml="auto"
            size="xs"
            w={140}
            aria-label={t('language.label')}
            data={languages}
            value={language}
            onChange={(value) => value && setLanguage(value)}
            allowDeselect={false}
          />
        </Tabs.List>
        <Tabs.Panel value="scripts" pt="sm">
          <ScriptsTab item={item} language={language} onInsert={insert} />
        </Tabs.Panel>
        <Tabs.Panel value="kb" pt="sm">
          <KnowledgeTab language={language} onInsert={insert} />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}

function ScriptsTab({ item, language, onInsert }: { item: Case; language: string; onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 200);
  const [active, setActive] = useState(0);
  const list = useQuery({
    queryKey: ['scripts', 'picker', language, q],
    queryFn: () => scriptsApi.list({ q, language }),
  });
  const suggested = (script: Script) => script.caseCategories.includes(item.category);
  // Suggestions for the case's category first; the server's relevance order within each group.
  const scripts = [...(list.data?.items ?? [])].sort((a, b) => Number(suggested(b)) - Number(suggested(a)));
  // A value the case cannot give (an order number) is asked for before inserting, never left blank.
  const [pending, setPending] = useState<{ script: Script; body: string; values: Record<string, string> } | null>(null);
  const render = useMutation({
    mutationFn: ({ script, values }: { script: Script; values: Record<string, string> }) =>
      scriptsApi.render(item.id, script.id, values),
    onSuccess: (rendered, { script, values }) => {
      if (rendered.missing.length === 0) onInsert(rendered.body);
      else
        setPending({
          script,
          body: rendered.body,
          values: { ...values, ...Object.fromEntries(rendered.missing.map((path) => [path, ''])) },
        });
    },
  });
  if (pending) {
    return (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          render.mutate({ script: pending.script, values: pending.values });
        }}
      >
        <Stack gap="xs" data-testid="script-values">
          <Text size="sm" fw={600}>
            {pending.script.title}
          </Text>
          <Text size="sm">{t('scripts.fillIn')}</Text>
          {Object.entries(pending.values).map(([path, value], index) => (
            <TextInput
              key={path}
              label={t(`scripts.variable.${path}`, { defaultValue: path })}
              data-autofocus={index === 0 ? true : undefined}
              value={value}
              onChange={(event) => {
                const next = event.currentTarget.value;
                setPending({ ...pending, values: { ...pending.values, [path]: next } });
              }}
            />
          ))}
          <ErrorAlert error={render.error} />
          <Group justify="space-between">
            <Button variant="subtle" size="xs" onClick={() => onInsert(pending.body)}>
              {t('scripts.insertAsIs')}
            </Button>
            <Button type="submit" size="xs" loading={render.isPending}>
              {t('scripts.insert')}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, scripts.length - 1));
    else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
    else if (event.key === 'Enter' && scripts[active]) render.mutate({ script: scripts[active], values: {} });
    else return;
    event.preventDefault();
  };
  return (
    <Stack gap="xs">
      <TextInput
        data-autofocus
        aria-label={t('scripts.search')}
        placeholder={t('scripts.search')}
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ErrorAlert error={list.error ?? render.error} />
      <ScrollArea.Autosize mah={380}>
        <Stack gap={4} role="listbox" aria-label={t('scripts.tab')}>
          {scripts.map((script, index) => (
            <UnstyledButton
              key={script.id}
              role="option"
              aria-selected={index === active}
              onMouseMove={() => setActive(index)}
              onClick={() => render.mutate({ script, values: {} })}
              disabled={render.isPending}
              p="xs"
              style={{
                borderRadius: 6,
                background: index === active ? 'var(--mantine-color-blue-0)' : undefined,
              }}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600}>
                  {script.title}
                </Text>
                <Group gap={4} wrap="nowrap">
                  {suggested(script) ? (
                    <Badge size="xs" color="green" variant="light">
                      {t('scripts.suggested')}
                    </Badge>
                  ) : null}
                  <Badge size="xs" variant="outline">
                    {t(`scripts.category.${script.category}`)}
                  </Badge>
                </Group>
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {script.body}
              </Text>
            </UnstyledButton>
          ))}
          {list.isSuccess && scripts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('scripts.none')}
            </Text>
          ) : null}
        </Stack>
      </ScrollArea.Autosize>
      <Text size="xs" c="dimmed">
        {t('scripts.keysHint')} <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> <Kbd size="xs">Enter</Kbd>
      </Text>
    </Stack>
  );
}

function KnowledgeTab({ language, onInsert }: { language: string; onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 200);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['kb', 'picker', language, q], queryFn: () => kbApi.list({ q, language }) });
  const article = useQuery({
    queryKey: ['kb', 'article', openId],
    queryFn: () => kbApi.get(openId ?? ''),
    enabled: openId !== null,
  });
  return (
    <Stack gap="xs">
      <TextInput
        data-autofocus
        aria-label={t('kb.search')}
        placeholder={t('kb.search')}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      <ErrorAlert error={list.error ?? article.error} />
      <ScrollArea.Autosize mah={380}>
        <Stack gap={6}>
          {(list.data?.items ?? []).map((summary: ArticleSummary) => (
            <Stack key={summary.id} gap={2}>
              <Group justify="space-between" wrap="nowrap">
                <UnstyledButton onClick={() => setOpenId(openId === summary.id ? null : summary.id)}>
                  <Text size="sm" fw={600}>
                    {summary.title}
                  </Text>
                </UnstyledButton>
                <Group gap={4} wrap="nowrap">
                  <Badge size="xs" variant="outline">
                    {summary.category}
                  </Badge>
                  <Badge size="xs" color={summary.visibility === 'public' ? 'green' : 'gray'} variant="light">
                    {t(`kb.visibility.${summary.visibility}`)}
                  </Badge>
                </Group>
              </Group>
              <Text size="xs" c="dimmed">
                {summary.excerpt}
              </Text>
              {openId === summary.id && article.data ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="kb-article">
                  {article.data.body}
                </Text>
              ) : null}
              {summary.visibility === 'public' ? (
                <Button size="compact-xs" variant="subtle" w="fit-content" onClick={() => onInsert(helpUrl(summary))}>
                  {t('kb.insertLink')}
                </Button>
              ) : null}
            </Stack>
          ))}
          {list.isSuccess && list.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('kb.none')}
            </Text>
          ) : null}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}
