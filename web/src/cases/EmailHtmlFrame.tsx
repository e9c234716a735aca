import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../api/client.ts';

// The frame is served by the API with its own CSP (no scripts, no forms, images only from
// data: until remote images are allowed) and sandboxed here as well: without allow-scripts
// nothing in it runs, without allow-same-origin it cannot reach this page or its cookies.
// Links open in a new, unsandboxed tab (allow-popups-to-escape-sandbox).
const SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

// Allowing remote images is remembered per message for this browser tab (sessionStorage):
// a tracking pixel is a per-message decision, and nothing about it is stored on the server.
const storageKey = (messageId: string) => `heard.remoteImages.${messageId}`;

function remembered(messageId: string): boolean {
  try {
    return sessionStorage.getItem(storageKey(messageId)) === 'allow';
  } catch {
    return false;
  }
}

function remember(messageId: string): void {
  try {
    sessionStorage.setItem(storageKey(messageId), 'allow');
  } catch {
    // storage unavailable: the choice lasts as long as the view
  }
}

/** Whether the (sanitized) HTML loads anything from the network once allowed. */
const hasRemoteImages = (html: string) => /<img\b[^>]*\ssrc="https?:/i.test(html);

export function EmailHtmlFrame({ messageId, html, height }: { messageId: string; html: string; height: number }) {
  const { t } = useTranslation();
  const [remoteImages, setRemoteImages] = useState(() => remembered(messageId));
  const src = buildUrl(`/messages/${messageId}/html`, { images: remoteImages ? 'allow' : 'block' });
  return (
    <div>
      {!remoteImages && hasRemoteImages(html) ? (
        <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
          <span style={{ fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }}>
            {t('emailView.remoteImagesBlocked')}
          </span>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => {
              remember(messageId);
              setRemoteImages(true);
            }}
          >
            {t('emailView.showRemoteImages')}
          </Button>
        </Group>
      ) : null}
      <iframe
        key={src}
        title={t('emailView.frameTitle')}
        sandbox={SANDBOX}
        referrerPolicy="no-referrer"
        src={src}
        data-testid="message-html"
        style={{
          width: '100%',
          height,
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 4,
          background: 'white',
          resize: 'vertical',
          display: 'block',
        }}
      />
    </div>
  );
}
