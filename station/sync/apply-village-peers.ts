import { v7 as uuidv7 } from 'uuid';
import { canTransition, transition, type ApplicationAction } from '../../core/lifecycle';
import { namePinyinKeys } from '../../core/pinyin-keys';
import { parseReceiptNo } from '../../core/receipt-number';
import type { ApplicationReceived } from '../../core/sync/changes';
import type { ApplicationSubmitted, HouseholdSaved, ResidentSaved } from '../../core/sync/messages';
import {
  findApplication,
  findHousehold,
  findHouseholdOf,
  findResidentById,
  findResidentByIdNumber,
  findUserById,
  insertPlaceholderUser,
  insertApplication,
  insertAttachment,
  insertEvent,
  insertResident,
  listAttachments,
  listCatalogVersions,
  removeFromHousehold,
  replaceMaterials,
  saveHousehold,
  updateApplication,
  updateResident,
  type ApplicationRow,
  type StoreDb,
} from '../../db';
import { KeepForLater } from './keep-for-later';

/**
 * What a village's other terminals did, arriving through the feed (docs/village-terminals.md): the residents
 * they registered, the households they saved, the applications they took and what they did with them. The
 * platform never sends a terminal its own (migration 20), so everything here came from another PC of the
 * village, or, on a PC enrolled to replace one, from the PC it replaces. All inside the feed page's transaction.
 *
 * Across terminals a resident is their ID number: two PCs that registered the same person offline each keep
 * their own row, and whatever arrives about that person lands on it.
 */

type Person = { id: string; name: string };

/**
 * The local user a row from another terminal names. Accounts come from the platform with the same ids on
 * every terminal, so this is nearly always a real one; a cadre this PC has never heard of (an account made on
 * the other PC before enrollment) becomes a disabled placeholder with their name, which no one can log in as.
 */
function localActor(db: StoreDb, p: Person, at: string): string {
  if (!findUserById(db, p.id)) insertPlaceholderUser(db, p, at);
  return p.id;
}

type SharedResident = ApplicationSubmitted['resident'];

/**
 * The local resident for this person (by ID number), inserted when new; with `update`, changed when the
 * arrival is newer. An application's copy of its applicant only ever inserts: edits travel as resident.saved.
 */
function placeResident(
  db: StoreDb,
  r: SharedResident,
  o: { by: Person; createdAt: string; updatedAt: string; update: boolean },
): { id: string; changed: boolean } {
  const local = findResidentByIdNumber(db, r.idNumber);
  const keys = namePinyinKeys(r.name);
  if (!local) {
    const id = findResidentById(db, r.id) ? uuidv7() : r.id;
    insertResident(db, {
      id,
      idNumber: r.idNumber,
      name: r.name,
      namePinyin: keys.full,
      nameInitials: keys.initials,
      gender: r.gender,
      birthDate: r.birthDate,
      phone: r.phone,
      address: r.address,
      createdBy: localActor(db, o.by, o.createdAt),
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    });
    return { id, changed: true };
  }
  // The newest edit wins; an older one (or this PC's own, come back through a replacement) changes nothing.
  if (!o.update || local.updatedAt >= o.updatedAt) return { id: local.id, changed: false };
  updateResident(db, {
    ...local,
    name: r.name,
    namePinyin: keys.full,
    nameInitials: keys.initials,
    phone: r.phone,
    address: r.address,
    updatedAt: o.updatedAt,
  });
  return { id: local.id, changed: true };
}

export function applyResidentSaved(db: StoreDb, s: ResidentSaved): boolean {
  return placeResident(db, s.resident, { by: s.by, createdAt: s.createdAt, updatedAt: s.updatedAt, update: true }).changed;
}

/**
 * A household saved whole on another terminal: its members by ID number, as this PC knows them. A member this
 * PC does not know yet is left out (their resident.saved comes first in the feed, as it went up first); one in
 * another household here moves, as they did there. An older save than this PC's changes nothing.
 */
export function applyHouseholdSaved(db: StoreDb, h: HouseholdSaved): boolean {
  const members = h.members
    .map((m) => ({ resident: findResidentByIdNumber(db, m.idNumber), relation: m.relation }))
    .filter((m): m is { resident: NonNullable<typeof m.resident>; relation: typeof m.relation } => m.resident !== null);
  const head = members.find((m) => m.relation === '户主');
  if (!head) return false;
  // The same household here: by its id, else the one its head heads on this PC.
  const here = findHousehold(db, h.householdId) ?? findHouseholdOf(db, head.resident.id);
  if (here && here.updatedAt >= h.updatedAt) return false;
  const id = here?.id ?? h.householdId;
  for (const m of members) {
    const other = findHouseholdOf(db, m.resident.id);
    if (other && other.id !== id) removeFromHousehold(db, m.resident.id);
  }
  saveHousehold(db, {
    id,
    headId: head.resident.id,
    members: members.map((m) => ({ residentId: m.resident.id, relation: m.relation })),
    createdAt: here?.createdAt ?? h.createdAt,
    updatedAt: h.updatedAt,
  });
  return true;
}

/** "本村2号终端受理": where an application taken elsewhere came from, for its history. */
function takenOn(receiptNo: string): string {
  const parts = parseReceiptNo(receiptNo);
  return parts ? `在本村${parts.terminalNo}号终端受理` : '在本村另一台终端受理';
}

/** An application another terminal took: its resident, the application as submitted, its materials and scan records (the scans come on demand). */
function placeApplication(db: StoreDb, c: ApplicationReceived, sub: ApplicationSubmitted, at: string): boolean {
  // Its catalog version comes before it in the feed; should it not be here yet, the change waits for it.
  if (!listCatalogVersions(db).includes(sub.catalogVersion)) throw new KeepForLater('malformed');
  const actor = localActor(db, sub.cadre, sub.submittedAt);
  const resident = placeResident(db, sub.resident, { by: sub.cadre, createdAt: sub.submittedAt, updatedAt: sub.submittedAt, update: false });
  const row: ApplicationRow = {
    id: sub.applicationId,
    residentId: resident.id,
    itemCode: sub.itemCode,
    catalogVersion: sub.catalogVersion,
    status: c.status,
    form: sub.form,
    receiptNo: sub.receiptNo,
    submittedAt: sub.submittedAt,
    dueDate: sub.dueDate,
    receiptPrints: 0,
    createdBy: actor,
    createdAt: sub.submittedAt,
    updatedAt: at,
  };
  insertApplication(db, row);
  replaceMaterials(db, row.id, sub.materials);
  addScanRecords(db, row.id, sub.attachments, actor, sub.submittedAt);
  insertEvent(db, {
    id: uuidv7(),
    applicationId: row.id,
    at: sub.submittedAt,
    type: 'submit',
    fromStatus: null,
    toStatus: c.status,
    actorId: actor,
    note: takenOn(sub.receiptNo),
  });
  return true;
}

/** Scan records for pages this PC has no record of (by content); the bytes stay on the platform until opened. */
function addScanRecords(db: StoreDb, applicationId: string, refs: ApplicationSubmitted['attachments'], actor: string, at: string): void {
  const known = new Set(listAttachments(db, applicationId).map((a) => a.sha256));
  for (const ref of refs) {
    if (known.has(ref.sha256)) continue;
    known.add(ref.sha256);
    insertAttachment(db, {
      id: uuidv7(),
      applicationId,
      sha256: ref.sha256,
      fileName: ref.fileName,
      mimeType: ref.mimeType,
      size: ref.size,
      width: null,
      height: null,
      createdBy: actor,
      createdAt: at,
    });
  }
}

/** What another terminal did to an application this PC has, as one lifecycle move; null when it moves nothing here. */
function moveOf(app: ApplicationRow, c: ApplicationReceived): ApplicationAction | null {
  const action: ApplicationAction | null = c.supplement ? 'supplement' : c.status === 'withdrawn' ? 'withdraw' : c.status === 'completed' ? 'complete' : null;
  // Decisions and notices arrive as their own changes; a move this PC made itself (or cannot make) is left alone.
  return action && canTransition(app.status, action) && transition(app.status, action) === c.status ? action : null;
}

/**
 * application.received on a village terminal: an application another terminal of the village took (with its
 * submission), or its supplement, withdrawal or completion there. False when nothing changes here.
 */
export function applyReceivedOnVillage(db: StoreDb, c: ApplicationReceived, at: string): boolean {
  const app = findApplication(db, c.applicationId);
  if (!app) return c.submission ? placeApplication(db, c, c.submission, at) : false;
  const action = moveOf(app, c);
  if (!action) return false;
  const s = c.supplement;
  const w = action === 'withdraw' ? c.withdrawal : undefined;
  // A supplement names its cadre, a withdrawal the account that made it (when this PC has it); a completion,
  // or a withdrawal from a platform that does not say, is the platform's news of it.
  const actor = s ? localActor(db, s.cadre, s.supplementedAt) : w && findUserById(db, w.by) ? w.by : 'system';
  const after: ApplicationRow = s
    ? { ...app, status: c.status, form: s.form, dueDate: s.dueDate ?? app.dueDate, updatedAt: at }
    : { ...app, status: c.status, updatedAt: at };
  updateApplication(db, after);
  if (s) {
    replaceMaterials(db, app.id, s.materials);
    addScanRecords(db, app.id, s.attachments, actor, s.supplementedAt);
  }
  insertEvent(db, {
    id: uuidv7(),
    applicationId: app.id,
    at: s?.supplementedAt ?? w?.withdrawnAt ?? c.receivedAt,
    type: action,
    fromStatus: app.status,
    toStatus: c.status,
    actorId: actor,
    note: s ? (s.note ?? '在本村另一台终端登记') : w ? `${w.reason}（在本村另一台终端撤回）` : '在本村另一台终端办理',
  });
  return true;
}
