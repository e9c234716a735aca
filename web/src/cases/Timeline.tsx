import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseEvent, Message } from '../api/types.ts';
import { useFormat } from '../common/format.ts';
import { DeliveryBadge } from './DeliveryBadge.tsx';
import { describeEvent, isMessageEcho } from './events.ts';
import { MessageBody } from './MessageBody.tsx';

type Entry = { kind: 'message'; at: string; message: Message } | { kind: 'event'; at: string; event: CaseEvent };

export function mergeTimeline(messages: Message[], events: CaseEvent[]): Entry[] {
  const entries: Entry[] = [
    ...messages.map((message): Entry => ({ kind: 'message', at: message.createdAt, message })),
    ...events
      .filter((event) => !isMessageEcho(event))
      .map((event): Entry => ({ kind: 'event', at: event.createdAt, event })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** Who a third-party message went to, or came from: "To: Name <address>" / "From: …". */
function ThirdPartyBadge({ message }: { message: Message }) {
  const { t } = useTranslation();
  const party = message.thirdParty;
  const who = party ? (party.name ? `${party.name} <${party.email}>` : party.email) : '';
  return (
    <>
      <Badge color="grape" variant="filled" size="sm">
        {t('thirdParty.badge')}
      </Badge>
      <Text size="xs" c="dimmed" data-testid="third-party-address">
        {t(message.direction === 'inbound' ? 'thirdParty.from' : 'thirdParty.to', { who })}
      </Text>
    </>
  );
}

function MessageCard({ message }: { message: Message }) {
  const { t } = useTranslation();
  const format = useFormat();
  const internal = message.visibility === 'internal';
  const thirdParty = message.visibility === 'third-party';
  const inbound = message.direction === 'inbound';
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="timeline-message"
      data-visibility={message.visibility}
      bg={internal ? 'yellow.0' : thirdParty ? 'grape.0' : inbound ? 'white' : 'blue.0'}
      ml={inbound ? 0 : { base: 0, sm: 'xl' }}
      mr={inbound ? { base: 0, sm: 'xl' } : 0}
    >
      <Group justify="space-between" gap="xs" mb={6} wrap="wrap">
        <Group gap={6}>
          <Text fw={600} size="sm">
            {message.author.name || t(`message.author.${message.author.type}`)}
          </Text>
          {internal ? (
            <Badge color="yellow" variant="filled" size="sm">
              {t('message.internal')}
            </Badge>
          ) : thirdParty ? (
            <ThirdPartyBadge message={message} />
          ) : (
            <Badge color={inbound ? 'gray' : 'blue'} variant="light" size="sm">
              {inbound ? t('message.fromCustomer') : t('message.public')}
            </Badge>
          )}
          <DeliveryBadge delivery={message.delivery} />
        </Group>
        <Text size="xs" c="dimmed">
          {format.dateTime(message.createdAt)}
        </Text>
      </Group>
      <MessageBody message={message} />
      {message.footer ? (
        <Text
          size="xs"
          c="dimmed"
          mt="xs"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="message-footer"
        >
          {message.footer}
        </Text>
      ) : null}
      {message.attachments.length > 0 ? (
        <Group gap="xs" mt="xs">
          {message.attachments.map((attachment) => (
            <Anchor
              key={attachment.id}
              size="xs"
              href={attachment.url ?? `/api/v1/attachments/${attachment.id}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              📎 {attachment.filename} ({format.size(attachment.size)})
            </Anchor>
          ))}
        </Group>
      ) : null}
    </Paper>
  );
}

function EventLine({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group gap="xs" px="sm" wrap="nowrap" align="baseline" data-testid="timeline-event">
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {format.dateTime(event.createdAt)}
      </Text>
      <Text size="xs" c="dimmed">
        {describeEvent(t, event)}
      </Text>
    </Group>
  );
}

export function Timeline({ messages, events }: { messages: Message[]; events: CaseEvent[] }) {
  const { t } = useTranslation();
  const entries = mergeTimeline(messages, events);
  if (entries.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('case.emptyTimeline')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="timeline">
      {entries.map((entry) =>
        entry.kind === 'message' ? (
          <MessageCard key={`m-${entry.message.id}`} message={entry.message} />
        ) : (
          <EventLine key={`e-${entry.event.id}`} event={entry.event} />
        ),
      )}
    </Stack>
  );
}
