import type { StationMethod } from '../core/api/schemas';
import type { Handlers } from './handler-type';
import { backupHandlers } from './services/backups';
import { diagnosticsHandlers } from './services/diagnostics';
import { itHandlers } from './services/it';
import { updateHandlers } from './services/updates';
import * as applications from './services/applications';
import * as attachments from './services/attachments';
import * as catalog from './services/catalog';
import * as documents from './services/documents';
import * as handover from './services/handover';
import * as receipts from './services/receipts';
import * as residents from './services/residents';
import * as residentSide from './services/resident-side';
import * as review from './services/review';
import * as reviewDecide from './services/review-decide';
import * as session from './services/session';
import * as stats from './services/stats';
import * as statsReport from './services/stats-report';
import * as sync from './services/sync';

/** Method name → implementation. The mapped type makes a missing or mistyped method a compile error. */
export const handlers: Handlers<StationMethod> = {
  ...itHandlers,
  ...diagnosticsHandlers,
  ...backupHandlers,
  ...updateHandlers,
  'session.login': session.login,
  'session.logout': session.logout,
  'session.current': session.current,
  'session.changePassword': session.changePassword,
  'residents.register': residents.register,
  'residents.update': residents.update,
  'residents.get': residents.get,
  'residents.search': residents.search,
  'catalog.list': catalog.list,
  'catalog.get': catalog.get,
  'applications.createDraft': applications.createDraft,
  'applications.saveDraft': applications.saveDraft,
  'applications.submit': applications.submit,
  'applications.list': applications.list,
  'applications.get': applications.get,
  'applications.withdraw': applications.withdraw,
  'attachments.add': attachments.add,
  'attachments.read': attachments.read,
  'receipts.render': receipts.render,
  'receipts.print': receipts.print,
  'printers.list': receipts.listPrinters,
  'stats.overview': stats.overview,
  'stats.report': statsReport.report,
  'review.list': review.list,
  'review.get': review.get,
  'review.attachment': review.attachment,
  'review.decide': reviewDecide.decide,
  'handover.create': handover.create,
  'handover.list': handover.list,
  'handover.confirm': handover.confirm,
  'applications.supplement': residentSide.supplement,
  'applications.complete': residentSide.complete,
  'documents.render': documents.render,
  'documents.print': documents.print,
  'sync.enroll': sync.enroll,
  'sync.status': sync.status,
  'sync.now': sync.now,
};
