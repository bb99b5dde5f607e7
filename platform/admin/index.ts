import type { CatalogVersion } from '../../core/catalog/model';
import type { NamedDivision } from '../../core/divisions/model';
import type { CalendarYear } from '../../core/calendar-year';
import type { PlatformContext } from '../context';
import { createAccount, disableAccount, listAccounts, resetPassword, type AccountSummary, type CreateAccountInput } from './accounts';
import { publishCalendarYear, type PublishCalendarResult } from './calendar';
import { publishCatalog, type PublishCatalogResult } from './catalog';
import { loadDivisions, type LoadDivisionsResult } from './divisions';
import { issueEnrollmentCode, type IssuedEnrollmentCode, type IssueEnrollmentCodeInput } from './enrollment-codes';
import { applicationCount, getApplication, listConflicts, messageCount, type ApplicationFilter, type StoredApplication, type StoredConflict } from './reads';
import { getHandoverList, listDecisions, type StoredDecision, type StoredHandoverList } from './review-reads';
import { disableTerminal, listTerminals, type TerminalSummary } from './terminals';
import { sweepNotices } from '../review/notices';
import { purgeExpired, type RetentionPolicy } from '../retention';
import { importOutboxFile, type TransferImport } from '../transfer/import';
import { loadRatingRules, setRatingRules } from '../ratings/rules';
import { ratingSummary, type VillageSatisfaction } from '../ratings/summary';
import type { RatingRules } from '../../core/ratings/model';

export type { AccountRole, AccountSummary, CreateAccountInput } from './accounts';
export type { PublishCalendarResult } from './calendar';
export type { PublishCatalogResult } from './catalog';
export type { LoadDivisionsResult } from './divisions';
export type { IssuedEnrollmentCode, IssueEnrollmentCodeInput } from './enrollment-codes';
export type { ApplicationFilter, StoredApplication, StoredConflict } from './reads';
export type { StoredDecision, StoredHandoverList, StoredSupplement } from './review-reads';
export type { TerminalSummary } from './terminals';

/** What IT staff do to the platform: used by the CLI, by `npm start` and by tests. Refusals are PlatformErrors. */
export interface PlatformAdmin {
  issueEnrollmentCode(input: IssueEnrollmentCodeInput): Promise<IssuedEnrollmentCode>;
  createAccount(input: CreateAccountInput): Promise<AccountSummary>;
  disableAccount(username: string): Promise<AccountSummary>;
  resetPassword(username: string, password: string): Promise<AccountSummary>;
  listAccounts(): Promise<AccountSummary[]>;
  publishCatalog(catalog: CatalogVersion): Promise<PublishCatalogResult>;
  /** A year of public holidays, to every terminal (core/calendar-year.ts). */
  publishCalendarYear(year: CalendarYear | unknown): Promise<PublishCalendarResult>;
  /** Names of divisions from a parsed list (core/divisions/list-file.ts); published down the feed. */
  loadDivisions(divisions: readonly NamedDivision[]): Promise<LoadDivisionsResult>;
  listTerminals(): Promise<TerminalSummary[]>;
  disableTerminal(id: string): Promise<void>;
  applicationCount(filter?: ApplicationFilter): Promise<number>;
  getApplication(id: string): Promise<StoredApplication | null>;
  messageCount(): Promise<number>;
  listConflicts(): Promise<StoredConflict[]>;
  listDecisions(applicationId: string): Promise<StoredDecision[]>;
  getHandoverList(listId: string): Promise<StoredHandoverList | null>;
  /** Ends the notices (公示) whose period ran out by the platform's clock now; the timer does it every minute. */
  sweepNotices(): Promise<number>;
  /** Purges what is past its retention now (platform/retention.ts); the timer does it every hour. */
  purgeExpired(policy?: RetentionPolicy): ReturnType<typeof purgeExpired>;
  /** The province's 差评 deadlines (docs/ratings.md): set, and read (the defaults until set). */
  setRatingRules(rules: RatingRules | unknown): Promise<RatingRules>;
  ratingRules(): Promise<RatingRules>;
  /** 好差评 per village under a division, with the 差评 still open and overdue. */
  ratingSummary(divisionCode: string): Promise<VillageSatisfaction[]>;
  /** Imports a village's outbox file (USB, docs/transfer-files.md), as the IT command line and console do; the return file comes back. */
  importTransfer(source: string | Buffer): Promise<TransferImport>;
}

export function createPlatformAdmin(ctx: PlatformContext): PlatformAdmin {
  return {
    issueEnrollmentCode: (input) => issueEnrollmentCode(ctx, input),
    createAccount: (input) => createAccount(ctx, input),
    disableAccount: (username) => disableAccount(ctx, username),
    resetPassword: (username, password) => resetPassword(ctx, username, password),
    listAccounts: () => listAccounts(ctx),
    publishCatalog: (catalog) => publishCatalog(ctx, catalog),
    publishCalendarYear: (year) => publishCalendarYear(ctx, year),
    loadDivisions: (divisions) => loadDivisions(ctx, divisions),
    listTerminals: () => listTerminals(ctx),
    disableTerminal: (id) => disableTerminal(ctx, id),
    applicationCount: (filter) => applicationCount(ctx, filter),
    getApplication: (id) => getApplication(ctx, id),
    messageCount: () => messageCount(ctx),
    listConflicts: () => listConflicts(ctx),
    sweepNotices: () => sweepNotices(ctx),
    purgeExpired: (policy) => purgeExpired(ctx, policy),
    setRatingRules: (rules) => setRatingRules(ctx, rules),
    ratingRules: () => loadRatingRules(ctx.db),
    ratingSummary: (divisionCode) => ratingSummary(ctx, divisionCode),
    importTransfer: (source) => importOutboxFile(ctx, source),
    listDecisions: (applicationId) => listDecisions(ctx.db, applicationId),
    getHandoverList: (listId) => getHandoverList(ctx, listId),
  };
}
