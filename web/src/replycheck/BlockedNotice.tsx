import type { Finding } from '@heard/replycheck';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FindingsList } from './FindingsList.tsx';

/**
 * The server refused to send (422 `reply-check-blocked`): the findings it gave, and either
 * "Send anyway" with a required reason (roles the settings allow) or who can allow it.
 */
export function BlockedNotice({
  findings,
  canOverride,
  sending,
  onOverride,
  onApply,
  onClose,
}: {
  findings: Finding[];
  canOverride: boolean;
  sending: boolean;
  onOverride: (reason: string) => void;
  onApply: (finding: Finding) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onOverride(reason.trim());
  };
  const blocking = findings.filter((finding) => finding.severity === 'block');
  return (
    <Alert
      color="red"
      title={t('replycheck.blockedTitle')}
      role="alert"
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
      data-testid="reply-blocked"
    >
      <Stack gap="xs">
        <Text size="sm">{t('replycheck.blockedHelp', { count: blocking.length })}</Text>
        <FindingsList findings={blocking.length > 0 ? blocking : findings} onApply={onApply} />
        {canOverride ? (
          <form onSubmit={submit}>
            <Group align="flex-end" gap="xs">
              <TextInput
                size="xs"
                required
                label={t('replycheck.overrideReason')}
                placeholder={t('replycheck.overrideReasonPlaceholder')}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
                style={{ flex: 1, minWidth: 200 }}
              />
              <Button type="submit" size="xs" color="red" variant="outline" loading={sending} disabled={!reason.trim()}>
                {t('replycheck.sendAnyway')}
              </Button>
            </Group>
          </form>
        ) : (
          <Text size="sm" fw={500} data-testid="override-not-allowed">
            {t('replycheck.askSupervisor')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
