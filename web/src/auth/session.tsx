import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, use, useCallback, useMemo } from 'react';
import { isApiError, setCsrfToken } from '../api/client.ts';
import { authApi } from '../api/people.ts';
import type { Session, User } from '../api/types.ts';
import { followUserLocale } from '../i18n.ts';

interface SessionState {
  user: User | null;
  loading: boolean;
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
const SESSION_KEY = ['session'] as const;

async function loadSession(): Promise<Session | null> {
  try {
    const session = await authApi.session();
    setCsrfToken(session.csrfToken);
    followUserLocale(session.user.locale);
    return session;
  } catch (error) {
    if (isApiError(error, 'unauthenticated') || (isApiError(error) && error.status === 401)) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: Number.POSITIVE_INFINITY });

  const signedIn = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      followUserLocale(session.user.locale);
      queryClient.setQueryData(SESSION_KEY, session);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    }
  }, [queryClient]);

  const value = useMemo<SessionState>(
    () => ({ user: query.data?.user ?? null, loading: query.isPending, signedIn, signOut }),
    [query.data, query.isPending, signedIn, signOut],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const state = use(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

export function useCurrentUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser needs a signed-in user');
  return user;
}
