import { Anchor, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../api/types.ts';
import { EmailHtmlFrame } from './EmailHtmlFrame.tsx';

const MIN_HEIGHT = 120;
const MAX_HEIGHT = 480;
const LINE_HEIGHT = 21;
const CHARS_PER_LINE = 80;

/**
 * A script-less cross-origin frame cannot be measured, so size it from the text; the agent can
 * drag it taller (resize: vertical) or switch to the plain text.
 */
function estimatedHeight(message: Message): number {
  const lines = message.text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / CHARS_PER_LINE)), 0);
  return Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, lines * LINE_HEIGHT + 24));
}

export function PlainText({ text }: { text: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}

/** A message's body: sanitized HTML only ever inside a script-less sandboxed frame, else plain text. */
export function MessageBody({ message }: { message: Message }) {
  const { t } = useTranslation();
  const [asText, setAsText] = useState(false);
  if (!message.html) return <PlainText text={message.text} />;
  return (
    <div>
      {asText ? (
        <PlainText text={message.text} />
      ) : (
        <EmailHtmlFrame messageId={message.id} html={message.html} height={estimatedHeight(message)} />
      )}
      <Group justify="flex-end" mt={4}>
        <Anchor component="button" type="button" size="xs" onClick={() => setAsText((value) => !value)}>
          {asText ? t('emailView.showFormatted') : t('emailView.showPlain')}
        </Anchor>
      </Group>
    </div>
  );
}
