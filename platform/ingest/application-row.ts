import type { ApplicationStatus } from '../../core/lifecycle';
import type { Queryable } from '../database/types';

/** The projection's row as the follow-up kinds need it. */
export type ApplicationRow = {
  id: string;
  division_code: string;
  receipt_no: string;
  status: ApplicationStatus;
  item_code: string;
  catalog_version: string;
  /** 'YYYY-MM-DD' */
  due_date: string;
};

/**
 * Reads and locks one application. FOR UPDATE makes two terminals deciding the same application at once
 * take turns: the second one reads the status the first one left and is judged on it. `skipLocked`: null
 * when another transaction holds it (a background job that can come back later, rather than wait).
 */
export async function lockApplication(tx: Queryable, applicationId: string, o: { skipLocked?: boolean } = {}): Promise<ApplicationRow | null> {
  const [row] = await tx.query<ApplicationRow>(
    `SELECT id::text AS id, division_code, receipt_no, status, item_code, catalog_version, to_char(due_date, 'YYYY-MM-DD') AS due_date
     FROM applications WHERE id = $1 FOR UPDATE${o.skipLocked ? ' SKIP LOCKED' : ''}`,
    [applicationId],
  );
  return row ?? null;
}
