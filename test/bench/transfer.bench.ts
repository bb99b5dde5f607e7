/**
 * `npm run bench:transfer [-- --apps 3000 --scan-kib 120]`: prints one JSON object. A village terminal holds
 * `apps` realistic applications taken offline (distinct residents with valid ID numbers, addresses, a 低保 form
 * each, one scanned page each of about `scan-kib` KiB): the outbox file's size and the time to export it, to
 * import it on the platform (PGlite, in process, as the IT command line does) and to import the return file.
 * Baselines in the same run: the plaintext's size (message bodies and scans) and the time to write it to disk
 * unencrypted; the file's overhead and the export's ratio to that write are printed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { SEED_CATALOG } from '../../core/catalog/seed';
import { countPending, listBlobsToUpload, pendingMessages } from '../../db';
import { createStation } from '../../station/station';
import { allMaterials } from '../helpers/forms';
import { silentLog } from '../helpers/station';
import { issueCode, PLATFORM_CADRE, startTestPlatform } from '../helpers/sync';
import { exportToStick, importFromStick } from '../helpers/transfer';
import { acceptedDibaoForm, idNumber, pad, rand, randomAddress, randomName } from './county-data';

const { values: args } = parseArgs({ options: { apps: { type: 'string', default: '3000' }, 'scan-kib': { type: 'string', default: '120' } } });
const APPS = Number(args.apps);
const SCAN_KIB = Number(args['scan-kib']);
const DIBAO = SEED_CATALOG.items.find((i) => i.code === 'MZ-0001')!;

/** A scanned A4 page as a village scanner makes it: grey paper with noise, JPEG, near `kib` KiB (calibrated once). */
async function pageMaker(kib: number): Promise<() => Promise<Buffer>> {
  let side = 700;
  for (let i = 0; i < 6; i++) {
    const size = (await page(side)).length / 1024;
    side = Math.round(side * Math.sqrt(kib / size));
  }
  return () => page(side);
}

function page(side: number): Promise<Buffer> {
  return sharp({
    create: { width: side, height: Math.round(side * 1.41), channels: 3, background: '#e9e4d8', noise: { type: 'gaussian', mean: 128, sigma: 24 } },
  })
    .jpeg({ quality: 60 })
    .toBuffer();
}

const ms = (start: number) => Math.round(performance.now() - start);

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'daiban-bench-transfer-'));
  const platform = await startTestPlatform();
  let day = 0;
  const station = createStation({
    dataDir: join(work, 'terminal'),
    key: randomBytes(32),
    clock: { now: () => new Date(Date.now() + day * 86_400_000) },
    log: silentLog,
    sync: { autoStart: false },
    backups: { autoStart: false },
  });
  try {
    await station.call('sync.enroll', { platformUrl: platform.url, code: await issueCode(platform) });
    await station.call('session.login', { username: PLATFORM_CADRE.username, password: PLATFORM_CADRE.password });
    const makePage = await pageMaker(SCAN_KIB);
    const fillStart = performance.now();
    for (let n = 1; n <= APPS; n++) {
      day = Math.floor(n / 5_000);
      const resident = await station.call('residents.register', {
        idNumber: idNumber(n),
        name: randomName(),
        phone: `139${pad(Math.floor(rand() * 1e8), 8)}`,
        address: randomAddress(),
      });
      const draft = await station.call('applications.createDraft', { residentId: resident.id, itemCode: DIBAO.code });
      await station.call('applications.saveDraft', { id: draft.id, form: acceptedDibaoForm(n), materials: allMaterials(DIBAO) });
      const scan = await makePage();
      await station.call('attachments.add', { applicationId: draft.id, fileName: '户口簿.jpg', mimeType: 'image/jpeg', dataBase64: scan.toString('base64') });
      await station.call('applications.submit', { id: draft.id });
    }
    const fillSeconds = ms(fillStart) / 1000;

    // Baseline: the same plaintext (bodies and scans) written to disk as it is.
    const bodies = pendingMessages(station.ctx.db, 1_000_000).reduce((n, m) => n + Buffer.byteLength(m.body), 0);
    const scans = listBlobsToUpload(station.ctx.db);
    const plainStart = performance.now();
    const plain = Buffer.concat([Buffer.alloc(bodies), ...scans.map((b) => station.ctx.blobs.get(b.sha256))]);
    writeFileSync(join(work, 'plain.bin'), plain);
    const plainWriteMs = ms(plainStart);

    const exportStart = performance.now();
    const stick = await exportToStick(station);
    const exportMs = ms(exportStart);
    const file = join(work, stick.fileName);
    writeFileSync(file, stick.bytes);
    const importStart = performance.now();
    const answer = await platform.admin.importTransfer(file);
    const platformImportMs = ms(importStart);
    const returnStart = performance.now();
    const back = await importFromStick(station, answer.returnFile);
    const returnImportMs = ms(returnStart);

    console.log(
      JSON.stringify(
        {
          apps: APPS,
          messages: stick.messages,
          scans: stick.scans,
          fillSeconds,
          fileBytes: stick.bytes.length,
          fileMB: +(stick.bytes.length / 1024 / 1024).toFixed(1),
          bytesPerApplication: Math.round(stick.bytes.length / APPS),
          plaintextBytes: plain.length,
          overheadRatio: +(stick.bytes.length / plain.length).toFixed(3),
          exportMs,
          plainWriteMs,
          exportToPlainWriteRatio: +(exportMs / Math.max(1, plainWriteMs)).toFixed(1),
          platformImportMs,
          platformImportPerApplicationMs: +(platformImportMs / APPS).toFixed(2),
          returnFileBytes: answer.returnFile.length,
          returnImportMs,
          accepted: answer.tally.accepted,
          settledOnTerminal: back.accepted,
          pendingAfter: countPending(station.ctx.db),
          onPlatform: await platform.admin.applicationCount(),
        },
        null,
        2,
      ),
    );
  } finally {
    await station.close();
    await platform.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
