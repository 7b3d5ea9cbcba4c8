#!/usr/bin/env node
// The `station` command. It runs the service bundled into build/cli/ (made by `npm run build`,
// which `npm install` / `npm ci` run through the `prepare` script; see vite.cli.config.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../build/cli/station.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    '学习站尚未构建，请先运行 npm run build / Study Station is not built yet: run npm run build\n',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
await main();
