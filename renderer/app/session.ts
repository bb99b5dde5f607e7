import { createContext, useContext } from 'react';
import type { DisplaySettings, ServicePointView, UserView } from '../../core/api/views';

export interface Session {
  user: UserView;
  servicePoint: ServicePointView;
  /** Minutes without input before the screen locks (the admin's setting). */
  idleLockMinutes: number;
  /** The screen was locked when the app (re)started: the curtain is up at once. */
  startLocked: boolean;
  /** The admin changed the idle time (系统维护): the lock follows it at once. */
  setIdleLockMinutes(minutes: number): void;
  /** 字号与对比度 of this terminal, and how to show a change at once. */
  display: DisplaySettings;
  setDisplay(display: DisplaySettings): void;
  logout(): void;
}

export const SessionContext = createContext<Session | null>(null);

/** The logged-in cadre; only used below the login screen. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}
