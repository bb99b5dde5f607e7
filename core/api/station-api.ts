import type { BackupOutputs } from './backup-methods';
import type { DiagnosticsOutputs } from './diagnostics-methods';
import type { ItOutputs } from './it-methods';
import type { UpdateOutputs } from './update-methods';
import type { IdCardOutputs } from './id-card-methods';
import type { RatingOutputs } from './rating-methods';
import type { TransferOutputs } from './transfer-methods';
import type { CatalogItem } from '../catalog/model';
import type { StationInput, StationMethod } from './schemas';
import type {
  ApplicationDetail,
  ApplicationPage,
  ApplicationView,
  AttachmentView,
  CatalogItemSummary,
  PrinterView,
  ReceiptCheckView,
  ResidentSummary,
  ResidentView,
  SessionView,
  StatsOverview,
  RecoveryView,
  SyncStatusView,
  HandoverView,
  HouseholdView,
  ReviewDetailView,
  ReviewPage,
  ReviewBatchView,
  DecideManyResult,
  StatsReport,
  UserView,
} from './views';

/** What each StationApi method resolves to. */
export interface StationOutputs extends ItOutputs, DiagnosticsOutputs, BackupOutputs, UpdateOutputs, IdCardOutputs, RatingOutputs, TransferOutputs {
  'session.login': UserView;
  'session.logout': null;
  'session.current': SessionView;
  'session.changePassword': null;
  'session.lock': null;
  'session.unlock': null;
  'session.setIdleLock': SessionView;
  'session.setDisplay': SessionView;
  'households.ofResident': HouseholdView | null;
  'households.save': HouseholdView;
  'residents.register': ResidentView;
  'residents.update': ResidentView;
  'residents.get': ResidentView;
  'residents.search': ResidentSummary[];
  'catalog.list': CatalogItemSummary[];
  'catalog.get': CatalogItem;
  'applications.createDraft': ApplicationView;
  'applications.saveDraft': ApplicationView;
  'applications.submit': ApplicationView;
  'applications.list': ApplicationPage;
  'applications.get': ApplicationDetail;
  'applications.withdraw': ApplicationView;
  'attachments.add': AttachmentView;
  'attachments.read': { mimeType: string; dataBase64: string };
  'receipts.render': { fileName: string; pdfBase64: string };
  'receipts.print': { printerId: string; jobRef: string; reprint: boolean };
  'receipts.verify': ReceiptCheckView;
  'printers.list': PrinterView[];
  'stats.overview': StatsOverview;
  'review.list': ReviewPage;
  'review.get': ReviewDetailView;
  'review.attachment': { mimeType: string; dataBase64: string };
  'review.decide': ReviewDetailView;
  'review.batches': ReviewBatchView[];
  'review.undo': ReviewDetailView;
  'review.decideMany': DecideManyResult;
  'handover.create': HandoverView;
  'handover.list': HandoverView[];
  'handover.confirm': HandoverView;
  'applications.supplement': ApplicationView;
  'applications.complete': ApplicationView;
  'documents.render': { fileName: string; pdfBase64: string };
  'documents.print': { printerId: string; jobRef: string };
  'stats.report': StatsReport;
  'stats.exportLedger': { fileName: string; xlsxBase64: string };
  'stats.renderLedger': { fileName: string; pdfBase64: string };
  'stats.printLedger': { printerId: string; jobRef: string };
  'sync.enroll': SyncStatusView;
  'sync.status': SyncStatusView;
  'sync.recovery': RecoveryView;
  'sync.now': SyncStatusView;
}

/**
 * The only door between the UI and the terminal's backend (DESIGN.md §3). Every transport (Electron IPC,
 * the browser host's HTTP) carries `call(method, input)`; inputs are validated with `stationMethods`.
 */
export interface StationApi {
  call<M extends StationMethod>(method: M, input: StationInput<M>): Promise<StationOutputs[M]>;
}

/** The JSON shape of a refusal on every transport. */
export interface StationErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}
