import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { accountUpsertSchema } from '../../core/sync/changes';
import type { RunningPlatform } from '../../platform';
import { verifyPassword } from '../../base/node/passwords';
import { enrollTerminal, platformForSuite, type PlatformBackend, type TestTerminal } from '../helpers/platform';
import { changesFor } from '../helpers/protocol';

/** What the admin operations put in the feed, per backend: accounts to exactly their division, catalogs to all. */

function adminSuite(backend: PlatformBackend) {
  describe(`platform admin through the feed on ${backend}`, () => {
    const running = platformForSuite(backend, 'protocol_admin');
    let platform: RunningPlatform;

    before(async () => {
      platform = running.platform;
    });

    test('admin: accounts come down to exactly their own division, IT accounts to none; catalog versions to all', async () => {
      const township = '360781104000';
      const village = '360781104201';
      const t = await enrollTerminal(platform, { divisionCode: village });
      const townTerminal = await enrollTerminal(platform, { divisionCode: '360781104', role: 'township' });
      // An IT account, a cadre of this village, the township's reviewer, a cadre of the next village.
      const accountsMade = [];
      for (const [name, displayName, role, divisionCode, password] of [
        ['it', '县运维', 'it', '360781', 'Yunwei2026'],
        ['cadre', '李春梅', 'cadre', village, 'Daiban2026'],
        ['review', '张建国', 'reviewer', '360781104', 'Review2026'],
        ['other', '王五', 'cadre', '360781104202', 'Other2026x'],
      ] as const) {
        accountsMade.push(await platform.admin.createAccount({ username: `${name}_${backend}`, displayName, role, divisionCode, password }));
      }
      const cadre = accountsMade[1]!;
      await platform.admin.disableAccount(`cadre_${backend}`);
      await platform.admin.resetPassword(`review_${backend}`, 'NewPass2027');
      await assert.rejects(
        platform.admin.createAccount({ username: `cadre_${backend}`, displayName: '重复', role: 'cadre', divisionCode: village, password: 'Daiban2026' }),
        /已存在/,
      );
      await assert.rejects(platform.admin.resetPassword('nobody', 'NewPass2027'), /没有用户名/);

      // The suite's platform published it; the same version again is a no-op.
      const again = await platform.admin.publishCatalog(SEED_CATALOG);
      assert.deepEqual(again, { version: SEED_CATALOG.version, published: false, items: SEED_CATALOG.items.length });
      const altered = { ...SEED_CATALOG, items: SEED_CATALOG.items.slice(1) };
      await assert.rejects(platform.admin.publishCatalog(altered), /已发布过且内容不同/);

      const feed = await changesFor(t);
      const accountsOf = async (terminal: TestTerminal) =>
        (await changesFor(terminal)).changes.filter((c) => c.kind === 'account.upsert').map((c) => accountUpsertSchema.parse(c.body));
      const accounts = await accountsOf(t);
      // A village PC holds its own cadres' hashes only: not the township reviewer's, not the county IT's.
      assert.deepEqual(
        accounts.map((a) => [a.username, a.divisionCode, a.disabled]),
        [
          [`cadre_${backend}`, village, false],
          [`cadre_${backend}`, village, true],
        ],
      );
      assert.equal(accounts[0]!.id, cadre.id);
      // The terminal's own password check accepts the platform's hash: cadres log in offline with it.
      assert.equal(await verifyPassword('Daiban2026', accounts[0]!.passwordHash), true);
      const reviewers = await accountsOf(townTerminal);
      assert.deepEqual(
        reviewers.map((a) => [a.username, a.divisionCode]),
        [
          [`review_${backend}`, township],
          [`review_${backend}`, township],
        ],
      );
      assert.equal(await verifyPassword('NewPass2027', reviewers[1]!.passwordHash), true);
      assert.equal(await verifyPassword('Review2026', reviewers[1]!.passwordHash), false);
      const catalogs = feed.changes.filter((c) => c.kind === 'catalog.published');
      assert.deepEqual(
        catalogs.map((c) => [c.divisionCode, (c.body as { catalog: { version: string } }).catalog.version]),
        [['000000000000', SEED_CATALOG.version]],
      );
    });
  });
}

adminSuite('pglite');
adminSuite('postgres');
adminSuite('haproxy');
