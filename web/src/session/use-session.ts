import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, rememberCsrfToken } from '../api/client.ts';
import type { Session } from '../api/types.ts';

// The signed-in person and their organisations; null when nobody is signed in.

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await api<Session>('GET', '/api/auth/session');
        rememberCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          rememberCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSetSession() {
  const client = useQueryClient();
  return (session: Session | null) => {
    rememberCsrfToken(session?.csrfToken ?? null);
    client.setQueryData(sessionKey, session);
  };
}
