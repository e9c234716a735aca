import {
  type CheckOptions,
  check,
  DEFAULT_PACKS,
  DEFAULT_SEVERITIES,
  type Finding,
  type Language,
} from '@heard/replycheck';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { replycheckApi } from '../api/replycheck.ts';
import type { Case } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { rebase } from './findings.ts';

export const CHECK_DELAY_MS = 250;
const LANGUAGES: readonly string[] = ['en', 'ru', 'pl', 'ro'];
const CLOSED = ['resolved', 'closed'];

export const isCheckedLanguage = (value: string | null | undefined): value is Language =>
  LANGUAGES.includes(value ?? '');

/** The server's pack for a language (what it checks at send), cached; the shipped pack until it arrives. */
export function usePack(language: Language | null) {
  const query = useQuery({
    queryKey: ['replycheck', 'pack', language],
    queryFn: () => replycheckApi.pack(language as Language),
    enabled: language !== null,
    staleTime: 60_000,
  });
  return language === null ? null : (query.data ?? DEFAULT_PACKS[language]);
}

/** Per-category severities and who may override a block, shared by the composer and the admin page. */
export function useReplyCheckSettings() {
  return useQuery({ queryKey: ['replycheck', 'settings'], queryFn: replycheckApi.settings, staleTime: 60_000 });
}

/** Runs the checker; a pack the library refuses (it should not: the server validates) finds nothing. */
export function safeCheck(text: string, options: CheckOptions): Finding[] {
  if (!text.trim()) return [];
  try {
    return check(text, options);
  } catch {
    return [];
  }
}

/**
 * Live check of a public reply as the agent types: debounced, in the browser, with the
 * server's pack, severities and reply context (no round trip per keystroke). Until those
 * arrive the shipped pack, default severities and what the case itself tells stand in.
 * Findings are rebased onto the current text so marks stay aligned between checks.
 */
export function useReplyCheck(item: Case, text: string, enabled: boolean): Finding[] {
  const user = useCurrentUser();
  const context = useQuery({
    queryKey: ['case', item.id, 'reply-context'],
    queryFn: () => replycheckApi.replyContext(item.id),
    enabled,
  });
  const settings = useReplyCheckSettings();
  const caseLanguage = context.data?.language ?? item.language;
  const language = enabled && isCheckedLanguage(caseLanguage) ? caseLanguage : null;
  const pack = usePack(language);
  const [checkedText] = useDebouncedValue(text, CHECK_DELAY_MS);

  const options = useMemo((): CheckOptions | null => {
    if (!language || !pack) return null;
    const ctx = context.data;
    const customerName = ctx ? ctx.customerName : item.customer.name;
    return {
      language,
      pack,
      severities: settings.data?.severities ?? DEFAULT_SEVERITIES,
      agentName: ctx?.agentName ?? user.name,
      ...(customerName ? { customerName } : {}),
      isFirstReply: ctx?.isFirstReply ?? false,
      isOpenCase: ctx?.isOpenCase ?? !CLOSED.includes(item.status),
    };
  }, [language, pack, settings.data, context.data, item.customer.name, item.status, user.name]);

  const findings = useMemo(() => (options ? safeCheck(checkedText, options) : []), [checkedText, options]);
  return useMemo(() => (enabled ? rebase(findings, checkedText, text) : []), [enabled, findings, checkedText, text]);
}
