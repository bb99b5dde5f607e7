import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type AccountWithPassword,
  type AdminAccountView,
  type CatalogPublishView,
  type DiagnosticsRequestView,
  type EnrollmentCodeView,
  type FleetReport,
  type ReleaseView,
} from '../../core/admin/api';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { adminFixture, RUIJIN } from '../helpers/admin-api';
import { enrollRaw, makeIdentity, type PlatformBackend } from '../helpers/platform';

/**
 * The IT admin API's routes over HTTP, on PGlite and on a real PostgreSQL: every route's happy path, 403
 * outside the IT account's county, validation, and the record of who did what. Sessions: admin-sessions.test.ts.
 */

function adminSuite(backend: PlatformBackend) {
  describe(`IT admin API on ${backend}`, () => {
    const f = adminFixture(backend, 'admin_api');
    const { api, refused, login, clock } = f;

    test("GET /fleet: only the terminals of the IT account's county", async () => {
      const r = await api<FleetReport>('GET', '/fleet');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.terminals.map((t) => t.id).sort(), [f.village.terminalId, f.township.terminalId].sort());
      assert.equal(r.body.flagCounts.silent, 0);
      const other = await api<FleetReport>('GET', '/fleet', { token: await login('it_nankang') });
      assert.deepEqual(
        other.body.terminals.map((t) => t.id),
        [f.elsewhere.terminalId],
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
      const enrolled = await enrollRaw(f.platform, { code: r.body.code, publicKey: makeIdentity().publicKey, appVersion: '0.4.0' });
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
      const r = await api('PUT', `/terminals/${f.village.terminalId}/channel`, { json: { channel: 'beta' } });
      assert.equal(r.status, 204);
      const fleet = await api<FleetReport>('GET', '/fleet');
      assert.equal(fleet.body.terminals.find((t) => t.id === f.village.terminalId)?.channel, 'beta');
      assert.match(refused(await api('PUT', `/terminals/${f.elsewhere.terminalId}/channel`, { json: { channel: 'beta' } }), 403, 'FORBIDDEN'), /管辖范围/);
      refused(await api('PUT', `/terminals/${f.village.terminalId}/channel`, { json: { channel: 'Beta!' } }), 400, 'INVALID_REQUEST');
      refused(await api('PUT', '/terminals/01a21f05-0000-7000-8000-000000000000/channel', { json: { channel: 'beta' } }), 404, 'NOT_FOUND');
      refused(await api('PUT', '/terminals/not-a-uuid/channel', { json: { channel: 'beta' } }), 404, 'NOT_FOUND');
    });

    test('diagnostics: requested for a terminal of the county, the newest bundle read back', async () => {
      refused(await api('GET', `/terminals/${f.village.terminalId}/diagnostics`), 404, 'NOT_FOUND');
      const r = await api<DiagnosticsRequestView>('POST', `/terminals/${f.village.terminalId}/diagnostics`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.terminalId, f.village.terminalId);
      const fleet = await api<FleetReport>('GET', '/fleet');
      assert.equal(fleet.body.terminals.find((t) => t.id === f.village.terminalId)?.diagnosticsRequestedAt, r.body.requestedAt);
      refused(await api('POST', `/terminals/${f.elsewhere.terminalId}/diagnostics`), 403, 'FORBIDDEN');
      refused(await api('GET', `/terminals/${f.elsewhere.terminalId}/diagnostics`), 403, 'FORBIDDEN');

      // What the terminal's signed upload stores (helper D's route); the admin API only reads it back.
      const at = clock().toISOString();
      await f.platform.db.query('INSERT INTO diagnostics_bundles (terminal_id, received_at, bundle) VALUES ($1, $2, $3::jsonb)', [
        f.village.terminalId,
        at,
        JSON.stringify({ marker: 'bundle-1' }),
      ]);
      const latest = await api<{ receivedAt: string; bundle: { marker: string } }>('GET', `/terminals/${f.village.terminalId}/diagnostics`);
      assert.equal(latest.status, 200);
      assert.equal(latest.body.receivedAt, at);
      assert.equal(latest.body.bundle.marker, 'bundle-1');
      const after = await api<FleetReport>('GET', '/fleet');
      assert.equal(after.body.terminals.find((t) => t.id === f.village.terminalId)?.diagnosticsAt, at);
    });

    test('every admin action is recorded with who did it', async () => {
      const rows = await f.platform.db.query<{ username: string; action: string; target: string | null }>(
        'SELECT username, action, target FROM admin_actions ORDER BY id',
      );
      const has = (username: string, action: string, target?: string) =>
        assert.ok(
          rows.some((r) => r.username === username && r.action === action && (target === undefined || r.target === target)),
          `${username} ${action} ${target ?? ''}`,
        );
      has('it_ruijin', 'session.open', 'it_ruijin');
      has('it_ruijin', 'enrollment_code.issue', '360781102203');
      has('it_ruijin', 'account.create', 'cadre02');
      has('it_ruijin', 'account.disable', 'cadre02');
      has('it_ruijin', 'account.reset_password', 'it_yeping');
      has('it_ruijin', 'catalog.publish', SEED_CATALOG.version);
      has('it_ruijin', 'release.pause', 'stable-1.1.0');
      has('it_nankang', 'release.resume', 'stable-1.1.0');
      has('it_ruijin', 'release.staging', 'stable-1.1.0');
      has('it_ruijin', 'release.rollback', 'stable-1.1.0');
      has('it_ruijin', 'terminal.channel', f.village.terminalId);
      has('it_ruijin', 'diagnostics.request', f.village.terminalId);
      has('it_ruijin', 'diagnostics.read', f.village.terminalId);
      assert.ok(!rows.some((r) => r.action === 'account.disable' && r.target === 'cadre_nk'), 'a refused action is not recorded');
    });
  });
}

adminSuite('pglite');
adminSuite('postgres');
