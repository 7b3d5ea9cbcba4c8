#!/usr/bin/env node
// Builds everything `npx station …` and the kiosk need: the TypeScript service/shell into build/,
// the `station` command bundled into build/cli, the renderer into dist/renderer, and the Electron
// preload bundle when its config exists. Run by
// `prepare`, so `npm ci` on a fresh clone leaves a working `station` command. Never rebuilds
// better-sqlite3 for Electron: the plain-Node build of the native module must stay in place.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StepFailed, header, localBin, repoRoot, run } from './lib/run.mjs';

export async function build() {
  for (const tool of ['tsc', 'vite']) {
    if (!fs.existsSync(localBin(tool))) {
      throw new Error(`${localBin(tool)} is missing: run \`npm ci\` (or \`npm install\`) first`);
    }
  }
  header('build: TypeScript → build/');
  // A stale file from a deleted or renamed source would otherwise keep being importable.
  fs.rmSync(path.join(repoRoot, 'build'), { recursive: true, force: true });
  await run(localBin('tsc'), ['-p', 'tsconfig.build.json']);

  header('build: the station command → build/cli');
  await run(localBin('vite'), ['build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn']);

  header('build: renderer → dist/renderer');
  await run(localBin('vite'), ['build', '--logLevel', 'warn']);

  if (fs.existsSync(path.join(repoRoot, 'vite.preload.config.ts'))) {
    header('build: Electron preload');
    await run(localBin('vite'), [
      'build',
      '--config',
      'vite.preload.config.ts',
      '--logLevel',
      'warn',
    ]);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  build().then(
    () => process.stdout.write('build: done\n'),
    (err) => {
      process.stderr.write(
        `\nbuild failed: ${err instanceof StepFailed ? err.message : (err.stack ?? err)}\n`,
      );
      process.exit(1);
    },
  );
}
