import type { StationMethod } from '../core/api/schemas';
import type { Handlers } from './runtime/handler-type';
import { backupHandlers } from './backup/handlers';
import { diagnosticsHandlers } from './diagnostics/handlers';
import { itHandlers } from './it/handlers';
import { updateHandlers } from './updates/handlers';
import { idCardHandlers } from './id-card/handlers';
import { ratingHandlers } from './ratings/handlers';
import type { RatingDesk } from './ratings/desk';
import type { IdCardService } from './id-card/service';
import * as applications from './intake/applications';
import * as attachments from './attachments/handlers';
import * as catalog from './catalog/handlers';
import * as documents from './printing/document-handlers';
import * as handover from './handover/handlers';
import * as receipts from './printing/receipt-handlers';
import * as receiptCodes from './receipt-codes/check';
import * as lastPrinter from './printing/last-printer';
import * as residents from './residents/handlers';
import * as households from './residents/households';
import * as residentSide from './intake/resident-side';
import * as review from './review/handlers';
import * as reviewDecide from './review/decide';
import * as reviewBatches from './review/batches';
import * as reviewUndo from './review/undo';
import * as session from './session/handlers';
import * as screenLock from './session/screen-lock';
import * as display from './session/display';
import * as stats from './stats/overview';
import * as statsReport from './stats/report';
import * as ledger from './stats/ledger-handlers';
import { syncHandlers } from './sync/handlers';
import { transferHandlers } from './transfer/handlers';
import { platformRelay } from './transfer/relay';
import type { BackupService } from './backup';
import type { SyncAgent } from './sync/agent';
import type { UpdateController } from './updates/controller';

/** The services that run on their own; each handler group that needs one is given it here, not a locator. */
export interface StationServices {
  sync: SyncAgent;
  backups: BackupService;
  updates: UpdateController;
  idCard: IdCardService;
  ratingDesk: RatingDesk;
}

/** Method name → implementation. The mapped type makes a missing or mistyped method a compile error. */
export const createHandlers = (services: StationServices): Handlers<StationMethod> => ({
  ...itHandlers,
  ...diagnosticsHandlers(services.sync),
  ...backupHandlers(services.backups),
  ...updateHandlers(services.updates),
  ...syncHandlers(services.sync),
  ...idCardHandlers(services.idCard),
  ...ratingHandlers(services.ratingDesk),
  ...transferHandlers({
    relay: platformRelay(() => services.sync.signedClient()),
    announce: (effects) => services.sync.announce(effects),
    statusChanged: () => services.sync.statusChanged(),
  }),
  'session.login': session.login,
  'session.logout': session.logout,
  'session.current': session.current,
  'session.changePassword': session.changePassword,
  'session.lock': screenLock.lock,
  'session.unlock': screenLock.unlock,
  'session.setIdleLock': screenLock.setIdleLock,
  'session.setDisplay': display.setDisplay,
  'residents.register': residents.register,
  'residents.update': residents.update,
  'residents.get': residents.get,
  'residents.search': residents.search,
  'households.ofResident': households.ofResident,
  'households.save': households.save,
  'catalog.list': catalog.list,
  'catalog.get': catalog.get,
  'applications.createDraft': applications.createDraft,
  'applications.saveDraft': applications.saveDraft,
  'applications.submit': applications.submit,
  'applications.list': applications.list,
  'applications.get': applications.get,
  'applications.withdraw': applications.withdraw,
  'attachments.add': attachments.add,
  'attachments.read': attachments.read((sha256) => services.sync.downloadBlob(sha256)),
  'receipts.render': receipts.render,
  'receipts.print': receipts.print,
  'receipts.verify': receiptCodes.verify,
  'printers.list': lastPrinter.listPrinters,
  'stats.overview': stats.overview,
  'stats.report': statsReport.report,
  'stats.exportLedger': ledger.exportLedger,
  'stats.renderLedger': ledger.renderLedger,
  'stats.printLedger': ledger.printLedger,
  'review.list': review.list,
  'review.get': review.get,
  'review.attachment': review.attachment((sha256) => services.sync.downloadBlob(sha256)),
  'review.decide': reviewDecide.decide,
  'review.decideMany': reviewDecide.decideMany,
  'review.batches': reviewBatches.batches,
  'review.undo': reviewUndo.undo(() => services.sync.status().syncing),
  'handover.create': handover.create,
  'handover.list': handover.list,
  'handover.confirm': handover.confirm,
  'applications.supplement': residentSide.supplement,
  'applications.complete': residentSide.complete,
  'documents.render': documents.render,
  'documents.print': documents.print,
});
