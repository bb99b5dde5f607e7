import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { ADMIN_PREFIX, type AdminSessionView, type ReleaseView } from '../../core/admin/api';
import { LOGIN_POLICY } from '../../platform/admin-api/login-throttle';
import { ADMIN_SESSION_TTL_MS } from '../../platform/admin-api/sessions';
import { adminFixture, PASSWORD, type Reply } from '../helpers/admin-api';
import type { PlatformBackend } from '../helpers/platform';

/**
 * The IT admin API's sessions over HTTP, on PGlite and on a real PostgreSQL: login, wrong password, unknown
 * user, disabled, not IT, lock-outs by source, 401 without a live session, logout and expiry. The platform's
 * clock is moved to expire sessions and lock-outs. The routes themselves: admin-api.test.ts.
 */

function sessionSuite(backend: PlatformBackend) {
  describe(`IT admin sessions on ${backend}`, () => {
    const f = adminFixture(backend, 'admin_sessions');
    const { api, refused, login, clock } = f;

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
      const stored = await f.platform.db.query<{ token_sha256: string }>('SELECT token_sha256 FROM admin_sessions');
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
      const url = new URL(`${f.platform.url}${ADMIN_PREFIX}/session`);
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
      f.offsetMs += LOGIN_POLICY.firstDelayMs + 1000;
      refused(await api('POST', '/session', { token: null, json: { username: 'it_guess', password: 'Wrong9x2026' } }), 401, 'ADMIN_LOGIN_FAILED');
      assert.match(
        refused(await api('POST', '/session', { token: null, json: { username: 'it_guess', password: PASSWORD } }), 429, 'RATE_LIMITED'),
        /1分钟后再试/,
      );
      f.offsetMs += 2 * LOGIN_POLICY.firstDelayMs + 1000;
      assert.equal((await api('POST', '/session', { token: null, json: { username: 'it_guess', password: PASSWORD } })).status, 200);
      f.token = await login('it_ruijin');
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
        ['PUT', `/terminals/${f.village.terminalId}/channel`],
        ['POST', `/terminals/${f.village.terminalId}/diagnostics`],
        ['GET', `/terminals/${f.village.terminalId}/diagnostics`],
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
      f.offsetMs += ADMIN_SESSION_TTL_MS - 60_000;
      assert.equal((await api('GET', '/fleet', { token: expiring })).status, 200, 'still valid a minute before');
      f.offsetMs += 61_000;
      refused(await api('GET', '/fleet', { token: expiring }), 401, 'ADMIN_AUTH_REQUIRED');
      f.token = await login('it_ruijin');

      const doomed = await login('it_ruijin2');
      await f.platform.admin.disableAccount('it_ruijin2');
      refused(await api('GET', '/fleet', { token: doomed }), 401, 'ADMIN_AUTH_REQUIRED');
    });

    test('opening and closing a session are recorded with who did it', async () => {
      const rows = await f.platform.db.query<{ username: string; action: string; target: string | null }>('SELECT username, action, target FROM admin_actions');
      assert.ok(rows.some((r) => r.username === 'it_ruijin' && r.action === 'session.open' && r.target === 'it_ruijin'));
      assert.ok(rows.some((r) => r.username === 'it_ruijin2' && r.action === 'session.close'));
    });
  });
}

sessionSuite('pglite');
sessionSuite('postgres');
