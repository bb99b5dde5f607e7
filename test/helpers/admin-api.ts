import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { ADMIN_PREFIX, type AdminSessionView } from '../../core/admin/api';
import { platformErrorSchema } from '../../core/sync/protocol';
import { startPlatform, type RunningPlatform } from '../../platform';
import { enrollTerminal, type PlatformBackend, type TestTerminal } from './platform';
import { startPostgres, type TestPostgres } from './postgres';
import { CHINESE } from './protocol';

export const PASSWORD = 'Yunwei2026';
export const RUIJIN = '360781';
const NANKANG = '360782';

export interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** What an admin API suite works with; the platform and terminals exist once its `before` has run. */
export interface AdminFixture {
  platform: RunningPlatform;
  /** 瑞金's village and township terminals, and a village of 南康 (another county). */
  village: TestTerminal;
  township: TestTerminal;
  elsewhere: TestTerminal;
  /** it_ruijin's session, used when a call names none. */
  token: string;
  /** The platform's clock is real time moved on by this much (sessions and lock-outs expire). */
  offsetMs: number;
  clock(): Date;
  api<T = Record<string, unknown>>(method: string, path: string, o?: { token?: string | null; json?: unknown; raw?: string }): Promise<Reply<T>>;
  /** Asserts a refusal: its status, stable code and a Chinese message, which it returns. */
  refused(r: Reply<unknown>, status: number, code: string): string;
  login(username: string, password?: string): Promise<string>;
}

/**
 * A platform for the IT admin API on `backend`, started before the suite's tests and stopped after: IT
 * accounts of two counties (one disabled, one for guessing), two cadres, three enrolled terminals and two
 * builds of the stable channel, so there is something to roll back to.
 */
export function adminFixture(backend: PlatformBackend, database: string): AdminFixture {
  let pg: TestPostgres | undefined;
  const releaseDir = mkdtempSync(join(tmpdir(), 'daiban-admin-api-'));
  const f = {
    token: '',
    offsetMs: 0,
    clock: () => new Date(Date.now() + f.offsetMs),
    async api<T>(method: string, path: string, o: { token?: string | null; json?: unknown; raw?: string } = {}): Promise<Reply<T>> {
      const auth = o.token === undefined ? f.token : o.token;
      const headers: Record<string, string> = auth ? { authorization: `Bearer ${auth}` } : {};
      let body: string | undefined;
      if (o.json !== undefined || o.raw !== undefined) {
        headers['content-type'] = 'application/json';
        body = o.raw ?? JSON.stringify(o.json);
      }
      const res = await fetch(`${f.platform.url}${ADMIN_PREFIX}${path}`, { method, headers, body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
    },
    refused(r: Reply<unknown>, status: number, code: string): string {
      assert.equal(r.status, status, JSON.stringify(r.body));
      const e = platformErrorSchema.parse(r.body);
      assert.equal(e.code, code);
      assert.match(e.message, CHINESE);
      return e.message;
    },
    async login(username: string, password = PASSWORD): Promise<string> {
      const r = await f.api<AdminSessionView>('POST', '/session', { token: null, json: { username, password } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.token;
    },
  } as AdminFixture;

  before(async () => {
    let databaseUrl: string | undefined;
    if (backend === 'postgres') {
      pg = await startPostgres();
      databaseUrl = await pg.createDatabase(database);
    }
    const platform = await startPlatform({ databaseUrl, log: false, now: f.clock, releaseDir });
    f.platform = platform;
    const account = (username: string, role: 'it' | 'cadre', divisionCode: string) =>
      platform.admin.createAccount({ username, displayName: '测试人员', role, divisionCode, password: PASSWORD });
    await account('it_ruijin', 'it', RUIJIN);
    await account('it_ruijin2', 'it', RUIJIN);
    await account('it_nankang', 'it', NANKANG);
    await account('it_off', 'it', RUIJIN);
    await account('it_guess', 'it', RUIJIN);
    await platform.admin.disableAccount('it_off');
    await account('cadre01', 'cadre', '360781102201');
    await account('cadre_nk', 'cadre', '360782101201');
    f.village = await enrollTerminal(platform, { divisionCode: '360781102201', clock: f.clock });
    f.township = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township', clock: f.clock });
    f.elsewhere = await enrollTerminal(platform, { divisionCode: '360782101201', clock: f.clock });
    for (const version of ['1.0.0', '1.1.0']) {
      const dir = mkdtempSync(join(releaseDir, 'build-'));
      writeFileSync(join(dir, `daiban-${version}-win-x64.exe`), randomBytes(4096));
      await platform.releases.publish({ dir, channel: 'stable' });
    }
    f.token = await f.login('it_ruijin');
  });
  after(async () => {
    await f.platform?.close();
    await pg?.stop();
    rmSync(releaseDir, { recursive: true, force: true });
  });
  return f;
}
