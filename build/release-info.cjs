// electron-builder's afterAllArtifactBuild hook: writes daiban-release.json beside the installers, saying which
// terminal store schema this build ships (its newest store migration, db/migrations/NNN-*.ts). `release publish`
// records it and the update feed carries it, so a terminal whose store is newer refuses a rollback to this build
// instead of installing what cannot open its data (docs/updates.md). Returns no extra artifacts.
const { readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** The newest store migration's number in `root`'s db/migrations. */
function storeSchema(root) {
  const numbers = readdirSync(join(root, 'db', 'migrations'))
    .map((name) => /^(\d{3})-.+\.ts$/.exec(name))
    .filter(Boolean)
    .map((m) => Number(m[1]));
  if (numbers.length === 0) throw new Error('no store migrations found in db/migrations');
  return Math.max(...numbers);
}

async function afterAllArtifactBuild(buildResult) {
  const root = join(__dirname, '..');
  writeFileSync(join(buildResult.outDir, 'daiban-release.json'), JSON.stringify({ storeSchema: storeSchema(root) }) + '\n');
  return [];
}

module.exports = afterAllArtifactBuild;
module.exports.storeSchema = storeSchema;
