import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { newTransferKey } from '../../base/node/transfer-file';
import { CHANGE_KINDS } from '../../core/sync/changes';
import type { PlatformKeys } from '../../core/transfer/manifest';
import { NATIONWIDE } from '../auth/jurisdiction';
import { appendChanges } from '../change-feed';
import type { PlatformContext } from '../context';
import type { PlatformDb } from '../database/types';

export interface PlatformTransferKeys {
  /** What terminals are told (enrollment answer, feed `platform.keys`). */
  public: PlatformKeys;
  /** The age identity outbox files are decrypted with. */
  identity: string;
  /** Signs a return file's text; base64. */
  sign(text: string): string;
}

const cache = new WeakMap<PlatformDb, Promise<PlatformTransferKeys>>();
const LOCK = 4_640_321;

function rawPublicKey(key: KeyObject): string {
  return Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url').toString('base64');
}

async function loadOrMake(ctx: PlatformContext): Promise<PlatformTransferKeys> {
  const rows = await ctx.db.transaction(async (tx) => {
    // One instance makes them; the others wait here and read what it made.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
    const have = await tx.query<{ name: string; public_key: string; private_key: string }>('SELECT name, public_key, private_key FROM platform_keys');
    if (have.length >= 2) return have;
    const at = ctx.now().toISOString();
    const age = await newTransferKey();
    const { privateKey } = generateKeyPairSync('ed25519');
    const made = [
      { name: 'transfer-recipient', public_key: age.recipient, private_key: age.identity },
      { name: 'transfer-signing', public_key: rawPublicKey(privateKey), private_key: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') },
    ];
    for (const k of made) {
      await tx.query('INSERT INTO platform_keys (name, public_key, private_key, created_at) VALUES ($1, $2, $3, $4)', [
        k.name,
        k.public_key,
        k.private_key,
        at,
      ]);
    }
    // Terminals enrolled before learn them down the feed; later ones in the enrollment answer as well.
    const body = CHANGE_KINDS['platform.keys'].parse({ transferRecipient: age.recipient, signingKey: made[1]!.public_key });
    await appendChanges(tx, [{ kind: 'platform.keys', divisionCode: NATIONWIDE, fanUp: false, body }], at);
    return made;
  });
  const by = new Map(rows.map((r) => [r.name, r]));
  const recipient = by.get('transfer-recipient')!;
  const signing = by.get('transfer-signing')!;
  const signer = createPrivateKey({ key: Buffer.from(signing.private_key, 'base64'), format: 'der', type: 'pkcs8' });
  return {
    public: { transferRecipient: recipient.public_key, signingKey: signing.public_key },
    identity: recipient.private_key,
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), signer).toString('base64'),
  };
}

/** The platform's transfer keys, made on first use (once per database, whatever the number of instances). */
export function platformTransferKeys(ctx: PlatformContext): Promise<PlatformTransferKeys> {
  let keys = cache.get(ctx.db);
  if (!keys) {
    keys = loadOrMake(ctx);
    cache.set(ctx.db, keys);
    keys.catch(() => cache.delete(ctx.db));
  }
  return keys;
}
