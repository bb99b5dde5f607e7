import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';

/**
 * The container of a transfer file (docs/transfer-files.md): a plaintext of frames, signed by its sender and
 * encrypted to its one reader with age (X25519, ChaCha20-Poly1305 in 64 KiB chunks; the `age-encryption`
 * package, pure JavaScript, so Electron's BoringSSL is no concern). Whoever finds the stick reads nothing but
 * age's header; whoever knows the reader's public key can write a file, but cannot sign it as a terminal or
 * as the platform.
 *
 *   plaintext = "DAIBAN-TRANSFER-1\n" manifest-frame blob-frame* signature-frame
 *   frame     = type (1 byte: M, B or S) length (4 bytes, big-endian) payload
 *   M: the manifest's JSON; B: 32 bytes of SHA-256, then the scan's bytes; S: Ed25519 over
 *   "daiban-transfer-v1\n" + hex SHA-256 of every byte before the S frame.
 *
 * Files are written and read as streams, so a 600 MB file of scans never sits in memory whole.
 */

const MAGIC = Buffer.from('DAIBAN-TRANSFER-1\n', 'utf8');
const TYPE = { manifest: 0x4d, blob: 0x42, signature: 0x53 } as const;
const MAX_BLOB_BYTES = 64 * 1024 * 1024;

export type TransferFailure = 'foreign' | 'damaged';

/** The file cannot be opened: not for any key given (`foreign`), or not a whole, well-formed transfer file (`damaged`). */
export class TransferFileError extends Error {
  constructor(
    readonly reason: TransferFailure,
    message: string,
  ) {
    super(message);
  }
}

/** A fresh age identity and its recipient: the platform's key, and each outbox file's reply key. */
export async function newTransferKey(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

export const signedText = (digestHex: string): string => `daiban-transfer-v1\n${digestHex}`;

export interface BlobSource {
  sha256: string;
  read(): Buffer | Promise<Buffer>;
}

export interface SealInput {
  /** The reader's age recipient. */
  recipient: string;
  manifest: unknown;
  blobs: Iterable<BlobSource>;
  /** Signs the text (`signedText`), returning a base64 Ed25519 signature. */
  sign(text: string): string;
}

function frame(type: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

async function* plaintext(input: SealInput): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  const hashed = (b: Buffer) => {
    hash.update(b);
    return b;
  };
  yield hashed(MAGIC);
  yield hashed(frame(TYPE.manifest, Buffer.from(JSON.stringify(input.manifest), 'utf8')));
  for (const blob of input.blobs) {
    yield hashed(frame(TYPE.blob, Buffer.concat([Buffer.from(blob.sha256, 'hex'), await blob.read()])));
  }
  yield frame(TYPE.signature, Buffer.from(input.sign(signedText(hash.digest('hex'))), 'base64'));
}

async function encrypted(input: SealInput): Promise<Readable> {
  const e = new Encrypter();
  e.addRecipient(input.recipient);
  const source = ReadableStream.from(plaintext(input)) as ReadableStream<Uint8Array>;
  return Readable.fromWeb((await e.encrypt(source)) as WebReadableStream<Uint8Array>);
}

/** Writes the sealed file to `path`; returns its size in bytes. */
export async function sealTransferToFile(input: SealInput, path: string): Promise<number> {
  await pipeline(await encrypted(input), createWriteStream(path, { mode: 0o600 }));
  return statSync(path).size;
}

/** The sealed file in memory (return files: results and feed pages, no scans). */
export async function sealTransfer(input: SealInput): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await encrypted(input)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** Reads exactly the bytes asked for from a stream of chunks. */
class ByteReader {
  private chunks: Buffer[] = [];
  private have = 0;
  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  /** Exactly `n` bytes, or null at a clean end (no byte left); a short read is damage. */
  async take(n: number): Promise<Buffer | null> {
    while (this.have < n) {
      const next = await this.source.next();
      if (next.done) {
        if (this.have === 0) return null;
        throw new TransferFileError('damaged', '文件不完整（可能复制时中断了），请重新导出后再拷贝');
      }
      const b = Buffer.from(next.value);
      this.chunks.push(b);
      this.have += b.length;
    }
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.have = all.length - n;
    return all.subarray(0, n);
  }
}

export interface OpenedTransfer {
  manifest: unknown;
  /** Hex SHA-256 of the plaintext before the signature: what the signature covers (`signedText`). */
  digestHex: string;
  /** The 64 raw bytes of the sender's signature. */
  signature: Buffer;
  blobs: { sha256: string; size: number }[];
}

/** The caller's own failure inside `onBlob` (its database, say): passed through as it is, not taken for damage. */
class ReaderFailed {
  constructor(readonly error: unknown) {}
}

function decryptFailure(e: unknown): TransferFileError {
  if (e instanceof TransferFileError) return e;
  const text = e instanceof Error ? e.message : String(e);
  return /no identity matched/i.test(text)
    ? new TransferFileError('foreign', '这个文件不是给本机（或本平台）的，无法打开')
    : new TransferFileError('damaged', '文件已损坏或被改动过，无法打开，请重新导出');
}

async function frames(plain: AsyncIterator<Uint8Array>, o: { maxManifestBytes: number; onBlob?: (sha256: string, data: Buffer) => Promise<void> | void }) {
  const reader = new ByteReader(plain);
  const hash: Hash = createHash('sha256');
  const magic = await reader.take(MAGIC.length);
  if (!magic || !magic.equals(MAGIC)) throw new TransferFileError('damaged', '这不是代办的传输文件');
  hash.update(magic);
  let manifest: unknown = undefined;
  const blobs: OpenedTransfer['blobs'] = [];
  for (;;) {
    const head = await reader.take(5);
    if (!head) throw new TransferFileError('damaged', '文件缺少签名，可能不完整，请重新导出');
    const type = head[0]!;
    const length = head.readUInt32BE(1);
    if (type === TYPE.signature) {
      const signature = await reader.take(length);
      if (length !== 64 || !signature || (await reader.take(1)) !== null) throw new TransferFileError('damaged', '文件的签名部分格式不对');
      if (manifest === undefined) throw new TransferFileError('damaged', '文件缺少内容清单');
      return { manifest, digestHex: hash.digest('hex'), signature, blobs };
    }
    const limit = type === TYPE.manifest ? o.maxManifestBytes : type === TYPE.blob ? MAX_BLOB_BYTES + 32 : -1;
    if (limit < 0 || length > limit || (type === TYPE.manifest) === (manifest !== undefined)) {
      throw new TransferFileError('damaged', '文件格式不对，可能已损坏或被改动过');
    }
    const payload = await reader.take(length);
    if (!payload) throw new TransferFileError('damaged', '文件不完整（可能复制时中断了），请重新导出后再拷贝');
    hash.update(head);
    hash.update(payload);
    if (type === TYPE.manifest) {
      try {
        manifest = JSON.parse(payload.toString('utf8')) as unknown;
      } catch {
        throw new TransferFileError('damaged', '文件的内容清单无法读取');
      }
    } else {
      if (payload.length < 32) throw new TransferFileError('damaged', '文件中的扫描件格式不对');
      const sha256 = payload.subarray(0, 32).toString('hex');
      blobs.push({ sha256, size: payload.length - 32 });
      try {
        await o.onBlob?.(sha256, payload.subarray(32));
      } catch (e) {
        throw new ReaderFailed(e);
      }
    }
  }
}

/**
 * Decrypts with the first of `identities` the file was made for and reads its frames; `onBlob` sees each scan
 * as it passes (nothing is kept). The signature is returned, not checked: the caller knows whose key it must be.
 */
export async function openTransfer(
  source: string | Buffer,
  identities: string[],
  o: { maxManifestBytes: number; onBlob?: (sha256: string, data: Buffer) => Promise<void> | void },
): Promise<OpenedTransfer> {
  if (identities.length === 0) throw new TransferFileError('foreign', '这个文件不是给本机（或本平台）的，无法打开');
  const d = new Decrypter();
  for (const i of identities) d.addIdentity(i);
  const input =
    typeof source === 'string'
      ? (Readable.toWeb(createReadStream(source)) as unknown as ReadableStream<Uint8Array>)
      : ReadableStream.from([new Uint8Array(source)]);
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = (await d.decrypt(input)) as ReadableStream<Uint8Array>;
  } catch (e) {
    throw decryptFailure(e);
  }
  const iterator = (plain as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  try {
    return await frames(iterator, o);
  } catch (e) {
    await iterator.return?.();
    if (e instanceof ReaderFailed) throw e.error;
    throw decryptFailure(e);
  }
}
