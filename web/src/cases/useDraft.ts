import { useEffect, useRef, useState } from 'react';
import { casesApi } from '../api/cases.ts';
import { isApiError } from '../api/client.ts';
import type { DraftRecipient, Visibility } from '../api/types.ts';

const SAVE_DELAY_MS = 800;
const NO_RECIPIENT: DraftRecipient = { email: '', name: '' };

export type DraftState = 'idle' | 'saving' | 'saved' | 'failed';

interface Content {
  body: string;
  visibility: Visibility;
  recipient: DraftRecipient;
}

const same = (a: Content, b: Content) =>
  a.body === b.body &&
  a.visibility === b.visibility &&
  a.recipient.email === b.recipient.email &&
  a.recipient.name === b.recipient.name;

/**
 * The composer's text, visibility and third-party recipient, loaded from the server's draft
 * once and saved back (debounced) as the agent types, so a message survives a closed tab or a
 * switch of device.
 */
export function useDraft(caseId: string) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [recipient, setRecipient] = useState<DraftRecipient>(NO_RECIPIENT);
  const [state, setState] = useState<DraftState>('idle');
  const [loaded, setLoaded] = useState(false);
  const lastSaved = useRef<Content>({ body: '', visibility: 'public', recipient: NO_RECIPIENT });

  useEffect(() => {
    let cancelled = false;
    setLoaded(false);
    casesApi
      .getDraft(caseId)
      .then((draft) => {
        if (cancelled) return;
        const content = { body: draft.body, visibility: draft.visibility, recipient: draft.recipient ?? NO_RECIPIENT };
        setBody(content.body);
        setVisibility(content.visibility);
        setRecipient(content.recipient);
        lastSaved.current = content;
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
    const content = { body, visibility, recipient };
    if (same(lastSaved.current, content)) return;
    const timer = setTimeout(() => {
      setState('saving');
      casesApi
        .saveDraft(caseId, content)
        .then(() => {
          lastSaved.current = content;
          setState('saved');
        })
        .catch(() => setState('failed'));
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [caseId, body, visibility, recipient, loaded]);

  /** After sending: the server drops the draft, so start empty without saving an empty one. */
  const reset = () => {
    lastSaved.current = { body: '', visibility, recipient: NO_RECIPIENT };
    setBody('');
    setRecipient(NO_RECIPIENT);
    setState('idle');
  };

  return { body, setBody, visibility, setVisibility, recipient, setRecipient, state, loaded, reset };
}
