import { Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { casesApi } from '../api/cases.ts';
import { type QaFinding, type QaMessage, replycheckApi } from '../api/replycheck.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';
import { FindingItem } from '../replycheck/FindingsList.tsx';
import { bySeverity } from '../replycheck/findings.ts';
import { Marks } from '../replycheck/Marks.tsx';
import { CategoryCounts, ScoreBadge } from './QualityPage.tsx';

/** "Mark as wrong": the finding stops counting and goes to the pack editor's feedback list. */
function DismissFinding({ caseId, finding }: { caseId: string; finding: QaFinding }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const dismiss = useMutation({
    mutationFn: () => replycheckApi.dismiss(finding.id, reason.trim()),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['qa'] });
      void queryClient.invalidateQueries({ queryKey: ['replycheck', 'feedback'] });
    },
  });
  if (finding.dismissed) {
    return (
      <Badge size="xs" color="gray" variant="outline">
        {t('admin.quality.markedWrong')}
      </Badge>
    );
  }
  if (!open) {
    return (
      <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setOpen(true)}>
        {t('admin.quality.markWrong')}
      </Button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) dismiss.mutate();
  };
  return (
    <form onSubmit={submit} data-testid={`dismiss-${caseId}`}>
      <Group gap={4} wrap="nowrap" align="flex-start">
        <TextInput
          size="xs"
          required
          aria-label={t('admin.quality.wrongReason')}
          placeholder={t('admin.quality.wrongReason')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <Button type="submit" size="xs" loading={dismiss.isPending} disabled={!reason.trim()}>
          {t('admin.quality.confirmWrong')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
      <ErrorAlert error={dismiss.error} />
    </form>
  );
}

function QaMessageCard({ caseId, message }: { caseId: string; message: QaMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counted = message.findings.filter((finding) => !finding.dismissed);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="qa-message">
      <Group justify="space-between" mb={6}>
        <Text fw={600} size="sm">
          {message.author?.name ?? t('message.author.user')}
        </Text>
        <Text size="xs" c="dimmed">
          {format.dateTime(message.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        <Marks text={message.text} findings={counted} />
      </Text>
      {message.findings.length > 0 ? (
        <Stack gap={6} mt="sm">
          {bySeverity(message.findings).map((finding) => (
            <div key={finding.id} style={{ opacity: finding.dismissed ? 0.55 : 1 }}>
              <FindingItem finding={finding} actions={<DismissFinding caseId={caseId} finding={finding} />} />
            </div>
          ))}
        </Stack>
      ) : (
        <Text size="xs" c="teal.7" mt={6}>
          {t('admin.quality.clean')}
        </Text>
      )}
    </Paper>
  );
}

export function QualityCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['qa', 'case', id], queryFn: () => replycheckApi.qaCase(id) });
  const item = useQuery({ queryKey: ['case', id, 'detail'], queryFn: () => casesApi.get(id) });
  return (
    <Stack gap="sm" maw={1000} mx="auto">
      <Anchor component={Link} to="/admin/quality" size="sm">
        ← {t('admin.quality.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h3">
            {item.data
              ? `${t('case.short', { number: item.data.number })} ${item.data.subject}`
              : t('admin.quality.title')}
          </Title>
          <Anchor component={Link} to={`/cases/${id}`} size="sm">
            {t('admin.quality.openCase')}
          </Anchor>
        </div>
        {detail.data ? (
          <Stack gap={4} align="flex-end">
            <ScoreBadge score={detail.data.score} />
            <CategoryCounts byCategory={detail.data.byCategory} />
          </Stack>
        ) : null}
      </Group>
      <ErrorAlert error={detail.error} />
      {detail.isPending ? (
        <Center p="md">
          <Loader size="sm" />
        </Center>
      ) : null}
      {detail.data?.messages.map((message) => (
        <QaMessageCard key={message.id} caseId={id} message={message} />
      ))}
    </Stack>
  );
}
