import { createContext, useContext } from 'react';
import { errorMessage } from '../api/client';
import { useLoad, type Loaded } from '../shared/use-load';

/**
 * What every tab of the IT console shares: a refusal that means "the platform session is gone" (expired, or
 * offline since login) sends the whole console back to the password prompt instead of leaving a dead tab.
 */
export interface ItLink {
  /** Turns any failure into its Chinese message; a lost session also shows the password prompt. */
  failed(e: unknown): string;
}

export const ItLinkContext = createContext<ItLink>({ failed: errorMessage });

export function useItLink(): ItLink {
  return useContext(ItLinkContext);
}

/** Loads when the tab opens and on reload(); keeps the last data while reloading; a lost session shows the password prompt. */
export function useItLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  return useLoad(load, deps, useItLink().failed);
}
