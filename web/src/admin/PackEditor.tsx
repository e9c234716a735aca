import { compilePack, type Language, type PackError } from '@heard/replycheck';
import { Alert, Badge, Button, Code, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { type PackInvalidProblem, replycheckApi } from '../api/replycheck.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';
import { usePack } from '../replycheck/useReplyCheck.ts';

type Outcome = { kind: 'errors'; errors: PackError[]; title: string } | { kind: 'ok'; text: string } | null;

/** The errors `compilePack` (here or on the server) found: which rule, which pattern or example, and why. */
function PackErrors({ errors, title }: { errors: PackError[]; title: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={title} role="alert" data-testid="pack-errors">
      {errors.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.replycheck.rule')}</Table.Th>
                <Table.Th>{t('admin.replycheck.patternOrExample')}</Table.Th>
                <Table.Th>{t('admin.replycheck.problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.map((error) => (
                <Table.Tr
                  key={`${error.rule}|${error.pattern}|${error.example}|${error.message}`}
                  data-testid="pack-error"
                >
                  <Table.Td>{error.rule ? <Code>{error.rule}</Code> : '—'}</Table.Td>
                  <Table.Td>
                    {error.pattern ? <Code>{error.pattern}</Code> : null}
                    {error.example ? <q>{error.example}</q> : null}
                    {!error.pattern && !error.example ? '—' : null}
                  </Table.Td>
                  <Table.Td>{error.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Alert>
  );
}

function FeedbackList({ language }: { language: Language }) {
  const { t } = useTranslation();
  const format = useFormat();
  const feedback = useQuery({
    queryKey: ['replycheck', 'feedback', language],
    queryFn: () => replycheckApi.feedback(language),
  });
  const items = feedback.data?.items ?? [];
  return (
    <Stack gap={4} data-testid="pack-feedback">
      <Title order={3} size="h5">
        {t('admin.replycheck.feedbackTitle')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('admin.replycheck.feedbackHelp')}
      </Text>
      <ErrorAlert error={feedback.error} />
      {feedback.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('admin.replycheck.noFeedback')}
        </Text>
      ) : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.replycheck.rule')}</Table.Th>
                <Table.Th>{t('admin.replycheck.markedText')}</Table.Th>
                <Table.Th>{t('admin.replycheck.reason')}</Table.Th>
                <Table.Th>{t('admin.replycheck.reportedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Badge size="xs" variant="light">
                      {t(`replycheck.category.${item.category}`, { defaultValue: item.category })}
                    </Badge>
                    <Code display="block">{item.rule}</Code>
                  </Table.Td>
                  <Table.Td>
                    <q>{item.text}</q>
                  </Table.Td>
                  <Table.Td>{item.reason}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{item.reportedBy?.name ?? '—'}</Text>
                    <Text size="xs" c="dimmed">
                      {format.dateTime(item.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}

/** A language's rule pack as JSON: checked here with `compilePack`, saved only if the server's check passes too. */
export function PackEditor({ language }: { language: Language }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const pack = usePack(language);
  const serverPack = useQuery({
    queryKey: ['replycheck', 'pack', language],
    queryFn: () => replycheckApi.pack(language),
  });
  const packs = useQuery({ queryKey: ['replycheck', 'packs'], queryFn: replycheckApi.packs });
  const info = packs.data?.items.find((item) => item.language === language);
  const [text, setText] = useState('');
  const [dirty, setDirty] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const original = pack ? JSON.stringify(pack, null, 2) : '';
  useEffect(() => {
    if (!dirty) setText(original);
  }, [original, dirty]);

  const parse = (): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      setOutcome({
        kind: 'errors',
        title: t('admin.replycheck.notJson', { error: error instanceof Error ? error.message : '' }),
        errors: [],
      });
      return undefined;
    }
  };
  const save = useMutation({
    mutationFn: (value: unknown) => replycheckApi.savePack(language, value),
    onSuccess: (result) => {
      setDirty(false);
      setOutcome({ kind: 'ok', text: t('admin.replycheck.packSaved', { version: result.version }) });
      void queryClient.invalidateQueries({ queryKey: ['replycheck', 'pack', language] });
      void queryClient.invalidateQueries({ queryKey: ['replycheck', 'packs'] });
    },
    onError: (error) => {
      if (!isApiError(error, 'pack-invalid')) return;
      const problem = error.problem as PackInvalidProblem;
      setOutcome({
        kind: 'errors',
        title: t('errors.pack-invalid'),
        errors: problem.errors ?? [],
      });
    },
  });
  const validate = () => {
    const value = parse();
    if (value === undefined) return;
    const result = compilePack(value);
    setOutcome(
      result.ok
        ? { kind: 'ok', text: t('admin.replycheck.packValid') }
        : { kind: 'errors', title: t('admin.replycheck.packInvalid'), errors: result.errors },
    );
  };
  const submit = () => {
    setOutcome(null);
    const value = parse();
    if (value !== undefined) save.mutate(value);
  };

  return (
    <Stack gap="sm" data-testid={`pack-editor-${language}`}>
      <Group gap="xs">
        {info ? (
          <Text size="xs" c="dimmed">
            {t('admin.replycheck.version', { version: info.version })}
            {info.updatedAt ? ` · ${format.dateTime(info.updatedAt)}` : ''}
            {info.updatedBy ? ` · ${info.updatedBy.name}` : ''}
          </Text>
        ) : null}
        {serverPack.isError ? (
          <Text size="xs" c="orange.8">
            {t('admin.replycheck.shippedPack')}
          </Text>
        ) : null}
      </Group>
      <Textarea
        aria-label={t('admin.replycheck.packJson', { language: t(`language.${language}`) })}
        autosize
        minRows={14}
        maxRows={28}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setDirty(true);
          setOutcome(null);
        }}
      />
      {outcome?.kind === 'errors' ? <PackErrors errors={outcome.errors} title={outcome.title} /> : null}
      {outcome?.kind === 'ok' ? (
        <Text size="sm" c="teal.7" role="status">
          {outcome.text}
        </Text>
      ) : null}
      {save.error && !isApiError(save.error, 'pack-invalid') ? <ErrorAlert error={save.error} /> : null}
      <Group gap="xs">
        <Button size="xs" onClick={submit} loading={save.isPending} disabled={!dirty}>
          {t('admin.replycheck.savePack')}
        </Button>
        <Button size="xs" variant="default" onClick={validate}>
          {t('admin.replycheck.checkPack')}
        </Button>
        {dirty ? (
          <Button
            size="xs"
            variant="subtle"
            onClick={() => {
              setDirty(false);
              setOutcome(null);
            }}
          >
            {t('admin.replycheck.discard')}
          </Button>
        ) : null}
      </Group>
      <FeedbackList language={language} />
    </Stack>
  );
}
