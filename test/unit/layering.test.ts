import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

/** The lint rule of docs/architecture.md, fed code that breaks it: each import below must be refused. */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const cases: [file: string, code: string, refused: boolean][] = [
  ['core/x.ts', "import { openStore } from '../db';\nexport const a = openStore;", true],
  ['core/api/x.ts', "import { createStation } from '../../station/station';\nexport const a = createStation;", true],
  ['core/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", true],
  ['core/x.ts', "import { z } from 'zod';\nexport const a = z;", false],
  ['db/x.ts', "import { createStation } from '../station/station';\nexport const a = createStation;", true],
  ['db/x.ts', "import { DaibanError } from '../core/errors';\nexport const a = DaibanError;", false],
  ['station/x.ts', "import { app } from 'electron';\nexport const a = app;", true],
  ['station/x.ts', "import { openStore } from '../db';\nexport const a = openStore;", false],
  ['renderer/x.ts', "import { openStore } from '../db';\nexport const a = openStore;", true],
  ['renderer/x.ts', "import { createStation } from '../station/station';\nexport const a = createStation;", true],
  ['renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", true],
  ['renderer/x.ts', "import { parseCitizenId } from '../core/citizen-id';\nexport const a = parseCitizenId;", false],
  ['platform/x.ts', "import { openStore } from '../db';\nexport const a = openStore;", true],
  ['electron/x.ts', "import { createStation } from '../station/station';\nexport const a = createStation;", false],
  ['electron/x.ts', "import { App } from '../renderer/app';\nexport const a = App;", true],
  // base/node: the Node-side code several layers share; never in the browser-side layers or core.
  ['station/x.ts', "import { hashPassword } from '../base/node/passwords';\nexport const a = hashPassword;", false],
  ['platform/x.ts', "import { sha256Hex } from '../base/node/digest';\nexport const a = sha256Hex;", false],
  ['db/x.ts', "import { sha256Hex } from '../base/node/digest';\nexport const a = sha256Hex;", false],
  ['core/x.ts', "import { sha256Hex } from '../base/node/digest';\nexport const a = sha256Hex;", true],
  ['renderer/x.ts', "import { hashPassword } from '../base/node/passwords';\nexport const a = hashPassword;", true],
  ['base/node/x.ts', "import { openStore } from '../../db';\nexport const a = openStore;", true],
  ['base/node/x.ts', "import { createStation } from '../../station/station';\nexport const a = createStation;", true],
  // What a static import rule cannot see: dynamic import() and require().
  ['renderer/x.ts', "export const a = () => import('../db');", true],
  ['renderer/x.ts', "export const a = () => import('../../station/station');", true],
  ['renderer/x.ts', "export const a = () => import('./local');", false],
  ['core/x.ts', "export const a = () => import('node:fs');", true],
  ['station/x.ts', "export const a = () => require('electron');", true],
  ['station/x.ts', "export const a = () => import('electron');", true],
  ['platform/x.ts', "export const a = () => import('../db/open');", true],
  // Node built-ins (bare too) and Node-only packages stay out of core and the renderer.
  ['core/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;", true],
  ['core/x.ts', "import pino from 'pino';\nexport const a = pino;", true],
  ['renderer/x.ts', "import { join } from 'path';\nexport const a = join;", true],
  ['renderer/x.ts', "import sharp from 'sharp';\nexport const a = sharp;", true],
  ['renderer/x.ts', "import { Button } from 'antd';\nexport const a = Button;", false],
  // The shell reaches the store only through the station; Electron stays out of the station.
  ['electron/x.ts', "import { openStore } from '../db';\nexport const a = openStore;", true],
  ['station/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;", true],
];

for (const [file, code, refused] of cases) {
  const what = code.split('\n')[0];
  test(`${file}: ${what} is ${refused ? 'refused' : 'allowed'}`, async () => {
    const found = await problems(file, code);
    assert.equal(found.length > 0, refused, found.join('; '));
  });
}
