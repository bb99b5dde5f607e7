import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

/** The lint rule of docs/architecture.md, fed code that breaks it: each import below must be refused. */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
];

for (const [file, code, refused] of cases) {
  const what = code.split('\n')[0];
  test(`${file}: ${what} is ${refused ? 'refused' : 'allowed'}`, async () => {
    const found = await problems(file, code);
    assert.equal(found.length > 0, refused, found.join('; '));
  });
}
