import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN_PREFIX,
  type AccountWithPassword,
  type AdminAccountView,
  type AdminSessionView,
  type CatalogPublishView,
  type DiagnosticsRequestView,
  type EnrollmentCodeView,
  type FleetReport,
  type ReleaseView,
} from '../../core/admin/api';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { platformErrorSchema } from '../../core/sync/protocol';
import { startPlatform, type RunningPlatform } from '../../platform';
import { LOGIN_POLICY } from '../../platform/admin-api/login-throttle';
import { ADMIN_SESSION_TTL_MS } from '../../platform/admin-api/sessions';
import { enrollRaw, enrollTerminal, makeIdentity, type PlatformBackend, type TestTerminal } from '../helpers/platform';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

/**
 * The IT admin API over HTTP, on PGlite and on a real PostgreSQL: sessions (login, wrong password, unknown
 * user, disabled, not IT, logout, expiry), every route's happy path, 401 without a session, 403 outside the
 * IT account's county, and validation. The platform's clock is moved to expire sessions.
 */

const CHINESE = /[\u4e00-\u9fff]/;
const RUIJIN = '360781';
const NANKANG = '360782';
const PASSWORD = 'Yunwei2026';

interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
}

function adminSuite(backend: PlatformBackend) {
  describe(`IT admin API on ${backend}`, () => {
    let platform: RunningPlatform;
    let pg: TestPostgres | undefined;
    let offsetMs = 0;
    const clock = () => new Date(Date.now() + offsetMs);
    const releaseDir = mkdtempSync(join(tmpdir(), 'daiban-admin-api-'));
    let village: TestTerminal;
    let township: TestTerminal;
    let elsewhere: TestTerminal;
    let token = '';

    async function api<T = Record<string, unknown>>(
      method: string,
      path: string,
      o: { token?: string | null; json?: unknown; raw?: string } = {},
    ): Promise<Reply<T>> {
      const auth = o.token === undefined ? token : o.token;
      const headers: Record<string, string> = auth ? { authorization: `Bearer ${auth}` } : {};
      let body: string | undefined;
      if (o.json !== undefined || o.raw !== undefined) {
        headers['content-type'] = 'application/json';
        body = o.raw ?? JSON.stringify(o.json);
      }
      const res = await fetch(`${platform.url}${ADMIN_PREFIX}${path}`, { method, headers, body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
    }

    function refused(r: Reply<unknown>, status: number, code: string): string {
      assert.equal(r.status, status, JSON.stringify(r.body));
      const e = platformErrorSchema.parse(r.body);
      assert.equal(e.code, code);
      assert.match(e.message, CHINESE);
      return e.message;
    }

    async function login(username: string, password = PASSWORD): Promise<string> {
      const r = await api<AdminSessionView>('POST', '/session', { token: null, json: { username, password } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.token;
    }

    before(async () => {
      let databaseUrl: string | undefined;
      if (backend === 'postgres') {
        pg = await startPostgres();
        databaseUrl = await pg.createDatabase('admin_api');
      }
      platform = await startPlatform({ databaseUrl, log: false, now: clock, releaseDir });
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
      village = await enrollTerminal(platform, { divisionCode: '360781102201', clock });
      township = await enrollTerminal(platform, { divisionCode: '360781102', role: 'township', clock });
      elsewhere = await enrollTerminal(platform, { divisionCode: '360782101201', clock });
      // Two builds of the stable channel (A's release store), so there is something to roll back to.
      for (const version of ['1.0.0', '1.1.0']) {
        const dir = mkdtempSync(join(releaseDir, 'build-'));
        writeFileSync(join(dir, `daiban-${version}-win-x64.exe`), randomBytes(4096));
        await platform.releases.publish({ dir, channel: 'stable' });
      }
      token = await login('it_ruijin');
    });
    after(async () => {
      await platform?.close();
      await pg?.stop();
      rmSync(releaseDir, { recursive: true, force: true });
    });

    test('login: an IT account gets a two-hour token, stored only as its hash', async () => {
      const r = await api<AdminSessionView>('POST', '/session', { token: null, json: { username: ' it_ruijin2 ', password: PASSWORD } });
      assert.equal(r.status, 200);
      assert.match(r.body.token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
      const ttl = Date.parse(r.body.expiresAt) - clock().getTime();
      assert.ok(Math.abs(ttl - ADMIN_SESSION_TTL_MS) < 5000, String(ttl));
      assert.deepEqual(r.body.account, {
        username: 'it_ruijin2',
        displayName: '测试人员',
        role: 'it',
        divisionCode: '360781000000',
        divisionName: null,
        disabled: false,
      });
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const stored = await platform.db.query<{ token_sha256: string }>('SELECT token_sha256 FROM admin_sessions');
      assert.ok(stored.some((s) => s.token_sha256 === createHash('sha256').update(r.body.token).digest('hex')));
      assert.ok(!stored.some((s) => s.token_sha256.includes(r.body.token)));
    });

    test('login refusals: wrong password and unknown user look the same and take as long; disabled and non-IT refused', async () => {
      const timed = async (username: string, password: string) => {
        const started = performance.now();
        const r = await api('POST', '/session', { token: null, json: { username, password } });
        return { r, ms: performance.now() - started };
      };
      const wrong = [];
      const unknown = [];
      for (let i = 0; i < 3; i++) {
        wrong.push(await timed('it_ruijin', 'Wrong2026x'));
        unknown.push(await timed('nobody_here', 'Wrong2026x'));
      }
      const message = refused(wrong[0]!.r, 401, 'ADMIN_LOGIN_FAILED');
      assert.equal(refused(unknown[0]!.r, 401, 'ADMIN_LOGIN_FAILED'), message, 'the same answer');
      const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[1]!;
      console.log(`login refusal ${backend}: wrong password ${median(wrong).toFixed(1)} ms, unknown user ${median(unknown).toFixed(1)} ms`);
      assert.ok(median(unknown) > median(wrong) * 0.4, 'an unknown user costs a password check too');

      assert.match(
        refused(await api('POST', '/session', { token: null, json: { username: 'it_off', password: PASSWORD } }), 401, 'ADMIN_LOGIN_FAILED'),
        /停用/,
      );
      assert.match(
        refused(await api('POST', '/session', { token: null, json: { username: 'cadre01', password: PASSWORD } }), 401, 'ADMIN_LOGIN_FAILED'),
        /不是运维人员/,
      );
      // The disabled account's wrong password says nothing about the account.
      assert.equal(
        refused(await api('POST', '/session', { token: null, json: { username: 'it_off', password: 'Wrong2026x' } }), 401, 'ADMIN_LOGIN_FAILED'),
        message,
      );
      refused(await api('POST', '/session', { token: null, json: { username: 'it_ruijin' } }), 400, 'INVALID_REQUEST');
      refused(await api('POST', '/session', { token: null, raw: '{not json' }), 400, 'INVALID_REQUEST');
    });

    /** A login from another loopback address: another source to the platform. */
    function loginFrom(localAddress: string, username: string, password: string): Promise<Reply<Record<string, unknown>>> {
      const body = JSON.stringify({ username, password });
      const url = new URL(`${platform.url}${ADMIN_PREFIX}/session`);
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            localAddress,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: new Headers(), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    }

    test('wrong passwords slow that source for that account, known or not; the owner elsewhere still logs in', async () => {
      for (const username of ['it_guess', 'ghost_user']) {
        for (let i = 0; i < LOGIN_POLICY.freeFailures; i++) {
          refused(await api('POST', '/session', { token: null, json: { username, password: `Wrong${i}2026x` } }), 401, 'ADMIN_LOGIN_FAILED');
        }
      }
      const locked = refused(await api('POST', '/session', { token: null, json: { username: 'it_guess', password: PASSWORD } }), 429, 'RATE_LIMITED');
      assert.match(locked, /30秒后再试/);
      assert.equal(refused(await api('POST', '/session', { token: null, json: { username: 'ghost_user', password: PASSWORD } }), 429, 'RATE_LIMITED'), locked);
      assert.equal(
        (await api('POST', '/session', { token: null, json: { username: 'it_ruijin2', password: PASSWORD } })).status,
        200,
        'other users unaffected',
      );
      // The stranger cannot lock the account for its owner: from another address it logs in at once.
      assert.equal((await loginFrom('127.0.0.2', 'it_guess', PASSWORD)).status, 200, 'the owner from elsewhere');
      // The wait grows with each failure after it: 30 s, then 60 s.
      offsetMs += LOGIN_POLICY.firstDelayMs + 1000;
      refused(await api('POST', '/session', { token: null, json: { username: 'it_guess', password: 'Wrong9x2026' } }), 401, 'ADMIN_LOGIN_FAILED');
      assert.match(
        refused(await api('POST', '/session', { token: null, json: { username: 'it_guess', password: PASSWORD } }), 429, 'RATE_LIMITED'),
        /1分钟后再试/,
      );
      offsetMs += 2 * LOGIN_POLICY.firstDelayMs + 1000;
      assert.equal((await api('POST', '/session', { token: null, json: { username: 'it_guess', password: PASSWORD } })).status, 200);
      token = await login('it_ruijin');
    });

    test('every route but login wants a live session', async () => {
      const routes: [string, string][] = [
        ['DELETE', '/session'],
        ['GET', '/fleet'],
        ['POST', '/enrollment-codes'],
        ['GET', '/accounts'],
        ['POST', '/accounts'],
        ['POST', '/accounts/cadre01/disable'],
        ['POST', '/accounts/cadre01/reset-password'],
        ['POST', '/catalog'],
        ['GET', '/releases'],
        ['POST', '/releases/stable-1.1.0/pause'],
        ['POST', '/releases/stable-1.1.0/resume'],
        ['POST', '/releases/stable-1.1.0/rollback'],
        ['PUT', '/releases/stable-1.1.0/staging'],
        ['PUT', `/terminals/${village.terminalId}/channel`],
        ['POST', `/terminals/${village.terminalId}/diagnostics`],
        ['GET', `/terminals/${village.terminalId}/diagnostics`],
      ];
      for (const [method, path] of routes) {
        refused(await api(method, path, { token: null }), 401, 'ADMIN_AUTH_REQUIRED');
        refused(await api(method, path, { token: randomBytes(32).toString('base64url') }), 401, 'ADMIN_AUTH_REQUIRED');
      }
      refused(await api('GET', '/fleet', { token: 'not-a-token' }), 401, 'ADMIN_AUTH_REQUIRED');
      assert.equal((await api('GET', '/releases')).status, 200, 'nothing was changed by the refused calls');
      assert.equal((await api<ReleaseView[]>('GET', '/releases')).body.find((r) => r.id === 'stable-1.1.0')?.state, 'active');
    });

    test('logout, expiry and disabling the account end a session', async () => {
      const mine = await login('it_ruijin2');
      assert.equal((await api('GET', '/fleet', { token: mine })).status, 200);
      assert.equal((await api('DELETE', '/session', { token: mine })).status, 204);
      refused(await api('GET', '/fleet', { token: mine }), 401, 'ADMIN_AUTH_REQUIRED');

      const expiring = await login('it_ruijin2');
      offsetMs += ADMIN_SESSION_TTL_MS - 60_000;
      assert.equal((await api('GET', '/fleet', { token: expiring })).status, 200, 'still valid a minute before');
      offsetMs += 61_000;
      refused(await api('GET', '/fleet', { token: expiring }), 401, 'ADMIN_AUTH_REQUIRED');
      token = await login('it_ruijin');

      const doomed = await login('it_ruijin2');
      await platform.admin.disableAccount('it_ruijin2');
      refused(await api('GET', '/fleet', { token: doomed }), 401, 'ADMIN_AUTH_REQUIRED');
    });

    test("GET /fleet: only the terminals of the IT account's county", async () => {
      const r = await api<FleetReport>('GET', '/fleet');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.terminals.map((t) => t.id).sort(), [village.terminalId, township.terminalId].sort());
      assert.equal(r.body.flagCounts.silent, 0);
      const other = await api<FleetReport>('GET', '/fleet', { token: await login('it_nankang') });
      assert.deepEqual(
        other.body.terminals.map((t) => t.id),
        [elsewhere.terminalId],
      );
      const flagged = await api<FleetReport>('GET', '/fleet?flagged=1');
      assert.deepEqual(flagged.body.terminals, []);
    });

    test('enrollment codes: inside the county only, and the code enrolls a terminal', async () => {
      const r = await api<EnrollmentCodeView>('POST', '/enrollment-codes', {
        json: { divisionCode: '360781102203', role: 'village', servicePointName: ' 华屋村三组代办点 ', ttlHours: 48 },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.match(r.body.code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      assert.deepEqual([r.body.divisionCode, r.body.role, r.body.servicePointName], ['360781102203', 'village', '华屋村三组代办点']);
      assert.ok(Math.abs(Date.parse(r.body.expiresAt) - clock().getTime() - 48 * 3600_000) < 5000);
      const enrolled = await enrollRaw(platform, { code: r.body.code, publicKey: makeIdentity().publicKey, appVersion: '0.4.0' });
      assert.equal(enrolled.status, 200, enrolled.bytes.toString());

      assert.match(
        refused(
          await api('POST', '/enrollment-codes', { json: { divisionCode: '360782101202', role: 'village', servicePointName: '南康区代办点' } }),
          403,
          'FORBIDDEN',
        ),
        /管辖范围/,
      );
      assert.match(
        refused(
          await api('POST', '/enrollment-codes', { json: { divisionCode: '36078110220', role: 'village', servicePointName: '华屋村' } }),
          400,
          'INVALID_REQUEST',
        ),
        /区划代码应为9位/,
      );
      // The platform's own rule: a village terminal needs a village code.
      refused(
        await api('POST', '/enrollment-codes', { json: { divisionCode: '360781102', role: 'village', servicePointName: '叶坪乡' } }),
        400,
        'INVALID_REQUEST',
      );
    });

    test('accounts: listed, created, disabled and reset inside the county only', async () => {
      const list = await api<AdminAccountView[]>('GET', '/accounts');
      assert.deepEqual(list.body.map((a) => a.username).sort(), ['cadre01', 'it_guess', 'it_off', 'it_ruijin', 'it_ruijin2']);

      const created = await api<AccountWithPassword>('POST', '/accounts', {
        json: { username: 'cadre02', displayName: '刘小红', role: 'cadre', divisionCode: '360781102201' },
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.deepEqual(created.body.account, {
        username: 'cadre02',
        displayName: '刘小红',
        role: 'cadre',
        divisionCode: '360781102201',
        divisionName: null,
        disabled: false,
      });
      assert.equal(created.body.password?.length, 14, 'a generated password is shown once');
      const given = await api<AccountWithPassword>('POST', '/accounts', {
        json: { username: 'it_yeping', displayName: '叶坪运维', role: 'it', divisionCode: RUIJIN, password: 'Given2026x' },
      });
      assert.equal(given.status, 200, JSON.stringify(given.body));
      assert.equal(given.body.password, undefined, 'the password the IT staff chose is not echoed');
      assert.equal((await api('GET', '/fleet', { token: await login('it_yeping', 'Given2026x') })).status, 200, 'the new IT account can log in');

      refused(
        await api('POST', '/accounts', { json: { username: 'cadre_x', displayName: '外县', role: 'cadre', divisionCode: '360782101201' } }),
        403,
        'FORBIDDEN',
      );
      refused(await api('POST', '/accounts', { json: { username: 'it_prov', displayName: '省里', role: 'it', divisionCode: '36' } }), 403, 'FORBIDDEN');
      assert.match(
        refused(
          await api('POST', '/accounts', { json: { username: 'Bad Name', displayName: 'x', role: 'cadre', divisionCode: '360781102201' } }),
          400,
          'INVALID_REQUEST',
        ),
        /账号由3到32位/,
      );
      refused(
        await api('POST', '/accounts', { json: { username: 'cadre03', displayName: 'x', role: 'boss', divisionCode: '360781102201' } }),
        400,
        'INVALID_REQUEST',
      );
      assert.match(
        refused(
          await api('POST', '/accounts', { json: { username: 'it_town', displayName: '乡', role: 'it', divisionCode: '360781102' } }),
          400,
          'INVALID_REQUEST',
        ),
        /省、市或县级/,
      );
      assert.match(
        refused(
          await api('POST', '/accounts', { json: { username: 'cadre01', displayName: '重复', role: 'cadre', divisionCode: '360781102201' } }),
          400,
          'INVALID_REQUEST',
        ),
        /已存在/,
      );

      const disabled = await api<AdminAccountView>('POST', '/accounts/cadre02/disable');
      assert.equal(disabled.status, 200);
      assert.equal(disabled.body.disabled, true);
      refused(await api('POST', '/accounts/cadre_nk/disable'), 403, 'FORBIDDEN');
      refused(await api('POST', '/accounts/nobody/disable'), 404, 'NOT_FOUND');
      assert.match(refused(await api('POST', '/accounts/it_ruijin/disable'), 400, 'INVALID_REQUEST'), /自己/);

      const reset = await api<AccountWithPassword>('POST', '/accounts/it_yeping/reset-password');
      assert.equal(reset.status, 200);
      assert.equal(reset.body.password?.length, 14);
      assert.equal((await api('GET', '/fleet', { token: await login('it_yeping', reset.body.password) })).status, 200);
      const chosen = await api<AccountWithPassword>('POST', '/accounts/cadre01/reset-password', { json: { password: 'Chosen2026' } });
      assert.equal(chosen.status, 200);
      assert.equal(chosen.body.password, undefined);
      assert.match(refused(await api('POST', '/accounts/cadre01/reset-password', { json: { password: 'short' } }), 400, 'INVALID_REQUEST'), /至少需要8个字符/);
      refused(await api('POST', '/accounts/cadre_nk/reset-password', { json: {} }), 403, 'FORBIDDEN');
    });

    test('catalog: any IT account publishes the seed or a catalog; a bad one is refused', async () => {
      const first = await api<CatalogPublishView>('POST', '/catalog', { json: { seed: true } });
      assert.deepEqual(first.body, { version: SEED_CATALOG.version, items: SEED_CATALOG.items.length, published: true });
      const again = await api<CatalogPublishView>('POST', '/catalog', { token: await login('it_nankang'), json: { catalog: SEED_CATALOG } });
      assert.deepEqual(again.body, { version: SEED_CATALOG.version, items: SEED_CATALOG.items.length, published: false });
      assert.match(refused(await api('POST', '/catalog', { json: { catalog: { version: '2027.1' } } }), 400, 'INVALID_REQUEST'), /事项目录格式不正确/);
      refused(await api('POST', '/catalog', { json: {} }), 400, 'INVALID_REQUEST');
    });

    test('releases: listed, paused, resumed, staged and rolled back by any IT account', async () => {
      const list = await api<ReleaseView[]>('GET', '/releases');
      assert.deepEqual(
        list.body.map((r) => r.id),
        ['stable-1.1.0', 'stable-1.0.0'],
      );
      assert.deepEqual((await api<ReleaseView[]>('GET', '/releases?channel=beta')).body, []);
      refused(await api('GET', '/releases?channel=Beta!'), 400, 'INVALID_REQUEST');

      const paused = await api<ReleaseView>('POST', '/releases/stable-1.1.0/pause');
      assert.equal(paused.body.state, 'paused');
      const resumed = await api<ReleaseView>('POST', '/releases/stable-1.1.0/resume', { token: await login('it_nankang') });
      assert.equal(resumed.body.state, 'active', 'release operations are province-wide');
      const staged = await api<ReleaseView>('PUT', '/releases/stable-1.1.0/staging', { json: { percentage: 20, divisions: ['360781102'] } });
      assert.equal(staged.status, 200, JSON.stringify(staged.body));
      assert.deepEqual([staged.body.stagingPercentage, staged.body.stagingDivisions], [20, ['360781102']]);
      refused(await api('PUT', '/releases/stable-1.1.0/staging', { json: { percentage: 0, divisions: [] } }), 400, 'INVALID_REQUEST');
      refused(await api('PUT', '/releases/stable-1.1.0/staging', { json: { percentage: 50, divisions: ['3607811'] } }), 400, 'INVALID_REQUEST');
      const rolled = await api<ReleaseView>('POST', '/releases/stable-1.1.0/rollback');
      assert.equal(rolled.body.state, 'rolled_back');
      refused(await api('POST', '/releases/stable-9.9.9/pause'), 404, 'NOT_FOUND');
      const refusedResume = await api('POST', '/releases/stable-1.1.0/resume');
      assert.ok(refusedResume.status >= 400 && refusedResume.status < 500);
    });

    test("terminal channel: only the county's own terminals", async () => {
      const r = await api('PUT', `/terminals/${village.terminalId}/channel`, { json: { channel: 'beta' } });
      assert.equal(r.status, 204);
      const fleet = await api<FleetReport>('GET', '/fleet');
      assert.equal(fleet.body.terminals.find((t) => t.id === village.terminalId)?.channel, 'beta');
      assert.match(refused(await api('PUT', `/terminals/${elsewhere.terminalId}/channel`, { json: { channel: 'beta' } }), 403, 'FORBIDDEN'), /管辖范围/);
      refused(await api('PUT', `/terminals/${village.terminalId}/channel`, { json: { channel: 'Beta!' } }), 400, 'INVALID_REQUEST');
      refused(await api('PUT', '/terminals/01a21f05-0000-7000-8000-000000000000/channel', { json: { channel: 'beta' } }), 404, 'NOT_FOUND');
      refused(await api('PUT', '/terminals/not-a-uuid/channel', { json: { channel: 'beta' } }), 404, 'NOT_FOUND');
    });

    test('diagnostics: requested for a terminal of the county, the newest bundle read back', async () => {
      refused(await api('GET', `/terminals/${village.terminalId}/diagnostics`), 404, 'NOT_FOUND');
      const r = await api<DiagnosticsRequestView>('POST', `/terminals/${village.terminalId}/diagnostics`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.terminalId, village.terminalId);
      const fleet = await api<FleetReport>('GET', '/fleet');
      assert.equal(fleet.body.terminals.find((t) => t.id === village.terminalId)?.diagnosticsRequestedAt, r.body.requestedAt);
      refused(await api('POST', `/terminals/${elsewhere.terminalId}/diagnostics`), 403, 'FORBIDDEN');
      refused(await api('GET', `/terminals/${elsewhere.terminalId}/diagnostics`), 403, 'FORBIDDEN');

      // What the terminal's signed upload stores (helper D's route); the admin API only reads it back.
      const at = clock().toISOString();
      await platform.db.query('INSERT INTO diagnostics_bundles (terminal_id, received_at, bundle) VALUES ($1, $2, $3::jsonb)', [
        village.terminalId,
        at,
        JSON.stringify({ marker: 'bundle-1' }),
      ]);
      const latest = await api<{ receivedAt: string; bundle: { marker: string } }>('GET', `/terminals/${village.terminalId}/diagnostics`);
      assert.equal(latest.status, 200);
      assert.equal(latest.body.receivedAt, at);
      assert.equal(latest.body.bundle.marker, 'bundle-1');
      const after = await api<FleetReport>('GET', '/fleet');
      assert.equal(after.body.terminals.find((t) => t.id === village.terminalId)?.diagnosticsAt, at);
    });

    test('every admin action is recorded with who did it', async () => {
      const rows = await platform.db.query<{ username: string; action: string; target: string | null }>(
        'SELECT username, action, target FROM admin_actions ORDER BY id',
      );
      const has = (username: string, action: string, target?: string) =>
        assert.ok(
          rows.some((r) => r.username === username && r.action === action && (target === undefined || r.target === target)),
          `${username} ${action} ${target ?? ''}`,
        );
      has('it_ruijin', 'session.open', 'it_ruijin');
      has('it_ruijin2', 'session.close');
      has('it_ruijin', 'enrollment_code.issue', '360781102203');
      has('it_ruijin', 'account.create', 'cadre02');
      has('it_ruijin', 'account.disable', 'cadre02');
      has('it_ruijin', 'account.reset_password', 'it_yeping');
      has('it_ruijin', 'catalog.publish', SEED_CATALOG.version);
      has('it_ruijin', 'release.pause', 'stable-1.1.0');
      has('it_nankang', 'release.resume', 'stable-1.1.0');
      has('it_ruijin', 'release.staging', 'stable-1.1.0');
      has('it_ruijin', 'release.rollback', 'stable-1.1.0');
      has('it_ruijin', 'terminal.channel', village.terminalId);
      has('it_ruijin', 'diagnostics.request', village.terminalId);
      has('it_ruijin', 'diagnostics.read', village.terminalId);
      assert.ok(!rows.some((r) => r.action === 'account.disable' && r.target === 'cadre_nk'), 'a refused action is not recorded');
    });
  });
}

adminSuite('pglite');
adminSuite('postgres');
