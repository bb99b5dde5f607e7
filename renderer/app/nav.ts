import { createContext, useContext } from 'react';
import type { DocumentKind } from '../../core/api/schemas';

/** The resident an application is being taken for (enough to show who it is). */
export interface ResidentRef {
  id: string;
  name: string;
  idNumberMasked: string;
}

/** Every screen of the terminal; navigation is in memory (the window is the app). */
export type Route =
  | { name: 'home' }
  | { name: 'residents' }
  /** One resident: record, household (户), applications. */
  | { name: 'resident'; residentId: string }
  | { name: 'items'; resident: ResidentRef }
  | { name: 'form'; applicationId: string }
  | { name: 'receipt'; applicationId: string }
  | { name: 'queue' }
  | { name: 'detail'; applicationId: string }
  // ---- the round trip of a decision (village) ----
  | { name: 'supplement'; applicationId: string }
  | { name: 'document'; kind: DocumentKind; id: string; back: Route }
  // ---- both roles ----
  | { name: 'handover' }
  | { name: 'stats' }
  /** The ledger of a period as a printable list. */
  | { name: 'ledger'; from?: string; to?: string }
  // ---- township reviewer ----
  | { name: 'review' }
  | { name: 'review-detail'; applicationId: string }
  /** Scan a paper receipt's QR code and check its signature (offline). */
  | { name: 'receipt-check' }
  /** 差评跟进: the 差评 of the villages below, 回访 and 整改 (township; the county looks on). */
  | { name: 'follow-ups' }
  // ---- IT operations ----
  /** The IT role's console (fleet, codes, accounts, catalog, releases); online only. */
  | { name: 'it' }
  /** Backups, restore and the diagnostics bundle (the terminal's admin, and IT). */
  | { name: 'maintenance' };

export interface Nav {
  route: Route;
  go(route: Route): void;
}

export const NavContext = createContext<Nav>({ route: { name: 'home' }, go: () => undefined });

export function useNav(): Nav {
  return useContext(NavContext);
}
