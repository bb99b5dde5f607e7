import { createContext, useContext } from 'react';
import type { ServicePointView, UserView } from '../../core/api/views';

export interface Session {
  user: UserView;
  servicePoint: ServicePointView;
  logout(): void;
}

export const SessionContext = createContext<Session | null>(null);

/** The logged-in cadre; only used below the login screen. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}
