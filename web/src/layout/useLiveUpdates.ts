import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { NOTIFICATIONS_KEY } from './NotificationsBell.tsx';

const LIST_REFRESH_DELAY_MS = 400;

function parseCaseId(data: unknown): string | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(data);
    if (parsed && typeof parsed === 'object' && 'caseId' in parsed && typeof parsed.caseId === 'string') {
      return parsed.caseId;
    }
  } catch {
    // a malformed event only means we refresh everything
  }
  return null;
}

/** Server-Sent Events from /api/v1/stream: each `case` event refetches what shows that case. */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/stream', { withCredentials: true });
    const pendingCases = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const flush = (client: QueryClient) => {
      timer = undefined;
      void client.invalidateQueries({ queryKey: ['cases'] });
      void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
      for (const caseId of pendingCases) void client.invalidateQueries({ queryKey: ['case', caseId] });
      pendingCases.clear();
    };

    const onCase = (event: MessageEvent) => {
      const caseId = parseCaseId(event.data);
      if (caseId) pendingCases.add(caseId);
      timer ??= setTimeout(() => flush(queryClient), LIST_REFRESH_DELAY_MS);
    };
    source.addEventListener('case', onCase);
    return () => {
      source.removeEventListener('case', onCase);
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient]);
}
