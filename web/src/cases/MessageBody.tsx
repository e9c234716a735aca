import { Anchor, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../api/types.ts';

const MIN_HEIGHT = 120;
const MAX_HEIGHT = 480;
const LINE_HEIGHT = 21;
const CHARS_PER_LINE = 80;

// Remote images stay blocked (tracking pixels); scripts cannot run anyway because the frame
// is sandboxed without allow-scripts, and without allow-same-origin it cannot reach this page.
const FRAME_CSP = "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; font-src data:";
const FRAME_STYLE =
  'body{margin:8px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;' +
  'overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}';

export function srcdocFor(html: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    `<style>${FRAME_STYLE}</style></head><body>${html}</body></html>`
  );
}

/** The frame cannot be measured from outside (it is cross-origin), so size it from the text. */
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
        <iframe
          title={t('message.htmlFrameTitle')}
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={srcdocFor(message.html)}
          data-testid="message-html"
          style={{
            width: '100%',
            height: estimatedHeight(message),
            border: '1px solid var(--mantine-color-gray-3)',
            borderRadius: 4,
            background: 'white',
            resize: 'vertical',
            display: 'block',
          }}
        />
      )}
      <Group justify="flex-end" mt={4}>
        <Anchor component="button" type="button" size="xs" onClick={() => setAsText((value) => !value)}>
          {asText ? t('message.showFormatted') : t('message.showPlain')}
        </Anchor>
      </Group>
    </div>
  );
}
