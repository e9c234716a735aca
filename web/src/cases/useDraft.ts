import { useEffect, useRef, useState } from 'react';
import { casesApi } from '../api/cases.ts';
import { isApiError } from '../api/client.ts';
import type { Visibility } from '../api/types.ts';

const SAVE_DELAY_MS = 800;

export type DraftState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The composer's text and visibility, loaded from the server's draft once and saved back
 * (debounced) as the agent types, so a reply survives a closed tab or a switch of device.
 */
export function useDraft(caseId: string) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [state, setState] = useState<DraftState>('idle');
  const [loaded, setLoaded] = useState(false);
  const lastSaved = useRef({ body: '', visibility: 'public' as Visibility });

  useEffect(() => {
    let cancelled = false;
    setLoaded(false);
    casesApi
      .getDraft(caseId)
      .then((draft) => {
        if (cancelled) return;
        setBody(draft.body);
        setVisibility(draft.visibility);
        lastSaved.current = { body: draft.body, visibility: draft.visibility };
      })
      .catch((error: unknown) => {
        if (!isApiError(error, 'not-found') && !(isApiError(error) && error.status === 404)) setState('failed');
      })
      .finally(() => {
        if (!cancelled) setLoaded(true);
      });
    return () => {
      cancelled = true;
    };
  }, [caseId]);

  useEffect(() => {
    if (!loaded) return;
    const saved = lastSaved.current;
    if (saved.body === body && saved.visibility === visibility) return;
    const timer = setTimeout(() => {
      setState('saving');
      casesApi
        .saveDraft(caseId, body, visibility)
        .then(() => {
          lastSaved.current = { body, visibility };
          setState('saved');
        })
        .catch(() => setState('failed'));
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [caseId, body, visibility, loaded]);

  /** After sending: the server drops the draft, so start empty without saving an empty one. */
  const reset = () => {
    lastSaved.current = { body: '', visibility };
    setBody('');
    setState('idle');
  };

  return { body, setBody, visibility, setVisibility, state, loaded, reset };
}
