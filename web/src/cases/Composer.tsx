import type { Finding } from '@heard/replycheck';
import {
  Button,
  CloseButton,
  FileButton,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../api/cases.ts';
import { isApiError } from '../api/client.ts';
import type { ReplyCheckBlockedProblem } from '../api/replycheck.ts';
import type { Attachment, Case, Visibility } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';
import { useOptions } from '../common/labels.tsx';
import { BlockedNotice } from '../replycheck/BlockedNotice.tsx';
import { CheckedTextarea } from '../replycheck/CheckedTextarea.tsx';
import { FindingsList, FindingsSummary } from '../replycheck/FindingsList.tsx';
import { applySuggestion } from '../replycheck/findings.ts';
import { useReplyCheck, useReplyCheckSettings } from '../replycheck/useReplyCheck.ts';
import { CommitmentPanel, initialPlan, type Plan, planRequest, useProposal } from './CommitmentPanel.tsx';
import { insertAtCaret, isPickerShortcut, ScriptPicker } from './ScriptPicker.tsx';
import { isEmailAddress, ThirdPartyRecipient } from './ThirdPartyRecipient.tsx';
import { useDraft } from './useDraft.ts';

/** What the server refused to send, for the body it was refused for. */
interface Blocked {
  body: string;
  findings: Finding[];
  canOverride: boolean;
}

/** `planHint` pre-sets the commitment panel (e.g. after a guided refusal drafted the reply). */
export function Composer({ item, planHint }: { item: Case; planHint?: Partial<Plan> | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const options = useOptions();
  const queryClient = useQueryClient();
  const draft = useDraft(item.id);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [statusAfter, setStatusAfter] = useState<string | null>(null);
  const [plan, setPlan] = useState<Plan>(() => ({ ...initialPlan(item), ...planHint }));
  const [blocked, setBlocked] = useState<Blocked | null>(null);
  const [pickerOpened, picker] = useDisclosure(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const user = useCurrentUser();
  const settings = useReplyCheckSettings();
  const internal = draft.visibility === 'internal';
  const thirdParty = draft.visibility === 'third-party';
  const toCustomer = draft.visibility === 'public';
  // Only replies to the customer are checked, live, as the agent types.
  const findings = useReplyCheck(item, draft.body, toCustomer && draft.loaded);
  const liveBlocking = findings.some((finding) => finding.severity === 'block');
  const applyFinding = (finding: Finding) => draft.setBody(applySuggestion(draft.body, finding));
  // A public reply says what happens next (or resolves the case): the commitment panel.
  const proposal = useProposal(item, toCustomer && plan.mode === 'set');
  const planned = toCustomer ? planRequest(plan, proposal.data?.dueAt) : {};

  const upload = useMutation({
    mutationFn: casesApi.upload,
    onSuccess: (attachment) => setAttachments((current) => [...current, attachment]),
  });
  const send = useMutation({
    mutationFn: (override?: { reason: string }) =>
      casesApi.reply(item.id, {
        body: draft.body,
        visibility: draft.visibility,
        ...(thirdParty
          ? { recipient: { email: draft.recipient.email.trim(), name: draft.recipient.name.trim() || undefined } }
          : {}),
        ...(internal && statusAfter ? { status: statusAfter } : {}),
        ...(planned ?? {}),
        ...(attachments.length > 0 ? { attachments: attachments.map((attachment) => attachment.id) } : {}),
        ...(override ? { override } : {}),
      }),
    onMutate: () => setBlocked(null),
    onError: (error, override) => {
      if (!isApiError(error, 'reply-check-blocked')) return;
      const problem = error.problem as ReplyCheckBlockedProblem;
      const allowed = settings.data?.overrideRoles.includes(user.role) ?? user.role !== 'agent';
      setBlocked({
        body: draft.body,
        findings: problem.findings ?? [],
        canOverride: !override && (problem.canOverride ?? allowed),
      });
    },
    onSuccess: () => {
      setBlocked(null);
      draft.reset();
      setAttachments([]);
      setStatusAfter(null);
      setPlan(initialPlan(item));
      void queryClient.invalidateQueries({ queryKey: ['case', item.id] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });

  const showBlocked = blocked !== null && blocked.body === draft.body && toCustomer;
  const sendError = isApiError(send.error, 'reply-check-blocked') ? null : send.error;
  const draftNote =
    draft.state === 'saving'
      ? t('composer.draftSaving')
      : draft.state === 'saved'
        ? t('composer.draftSaved')
        : draft.state === 'failed'
          ? t('composer.draftFailed')
          : '';

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      bg={internal ? 'yellow.0' : thirdParty ? 'grape.0' : undefined}
      data-testid="composer"
    >
      <Stack gap="xs">
        <SegmentedControl
          size="xs"
          value={draft.visibility}
          onChange={(value) => draft.setVisibility(value as Visibility)}
          data={[
            { value: 'public', label: t('composer.publicReply') },
            { value: 'internal', label: t('composer.internalNote') },
            { value: 'third-party', label: t('thirdParty.option') },
          ]}
        />
        {thirdParty ? <ThirdPartyRecipient value={draft.recipient} onChange={draft.setRecipient} /> : null}
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, lg: toCustomer ? 8 : 12 }}>
            <CheckedTextarea
              findings={toCustomer ? findings : []}
              aria-label={
                internal ? t('composer.internalNote') : thirdParty ? t('thirdParty.option') : t('composer.publicReply')
              }
              placeholder={
                internal
                  ? t('composer.notePlaceholder')
                  : thirdParty
                    ? t('thirdParty.placeholder')
                    : t('composer.replyPlaceholder', { name: item.customer.name || item.customer.email })
              }
              autosize
              minRows={4}
              maxRows={14}
              disabled={!draft.loaded}
              value={draft.body}
              onChange={(event) => draft.setBody(event.currentTarget.value)}
              ref={textarea}
              onKeyDown={(event) => {
                if (!isPickerShortcut(event)) return;
                event.preventDefault();
                picker.open();
              }}
            />
          </Grid.Col>
          {toCustomer ? (
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <CommitmentPanel item={item} plan={plan} onChange={setPlan} />
            </Grid.Col>
          ) : null}
        </Grid>
        <ScriptPicker
          item={item}
          opened={pickerOpened}
          onClose={picker.close}
          onInsert={(text) => draft.setBody(insertAtCaret(draft.body, text, textarea.current))}
        />
        {toCustomer && findings.length > 0 ? (
          <Stack gap={6} data-testid="live-check">
            <FindingsSummary findings={findings} />
            {liveBlocking ? (
              <Text size="xs" c="red.7">
                {t('replycheck.liveBlockHint')}
              </Text>
            ) : null}
            {/* While the server's refusal is shown, its block findings are listed there, not twice. */}
            <FindingsList
              findings={showBlocked ? findings.filter((finding) => finding.severity !== 'block') : findings}
              onApply={applyFinding}
            />
          </Stack>
        ) : null}
        {attachments.length > 0 ? (
          <Group gap="xs">
            {attachments.map((attachment) => (
              <Group key={attachment.id} gap={2} wrap="nowrap">
                <Text size="xs">
                  📎 {attachment.filename} ({format.size(attachment.size)})
                </Text>
                <CloseButton
                  size="xs"
                  aria-label={t('composer.removeAttachment', { name: attachment.filename })}
                  onClick={() => setAttachments((current) => current.filter((other) => other.id !== attachment.id))}
                />
              </Group>
            ))}
          </Group>
        ) : null}
        {showBlocked ? (
          <BlockedNotice
            findings={blocked.findings}
            canOverride={blocked.canOverride}
            sending={send.isPending}
            onOverride={(reason) => send.mutate({ reason })}
            onApply={applyFinding}
            onClose={() => setBlocked(null)}
          />
        ) : null}
        <ErrorAlert error={upload.error ?? sendError} />
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <FileButton onChange={(file) => file && upload.mutate(file)}>
              {(props) => (
                <Button {...props} variant="default" size="xs" loading={upload.isPending}>
                  {t('composer.attach')}
                </Button>
              )}
            </FileButton>
            <Button variant="default" size="xs" onClick={picker.open} title={t('scripts.shortcut')}>
              {t('scripts.open')}
            </Button>
            <Text size="xs" c="dimmed" aria-live="polite">
              {draftNote}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {internal ? (
              <Select
                size="xs"
                w={170}
                aria-label={t('composer.statusAfter')}
                placeholder={t('composer.keepStatus')}
                clearable
                data={options.statuses.filter((option) => option.value !== 'new')}
                value={statusAfter}
                onChange={setStatusAfter}
              />
            ) : null}
            <Button
              size="xs"
              color={toCustomer && liveBlocking ? 'red' : undefined}
              onClick={() => send.mutate(undefined)}
              loading={send.isPending}
              disabled={
                !draft.body.trim() || planned === null || (thirdParty && !isEmailAddress(draft.recipient.email))
              }
            >
              {internal ? t('composer.addNote') : thirdParty ? t('thirdParty.send') : t('composer.send')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
