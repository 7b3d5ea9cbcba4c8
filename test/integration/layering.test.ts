import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering rules live in eslint.config.js as generated regexes; a typo there would let every
// import through without a single lint error. These cases lint real source text at real paths in
// the repo (virtually: lintText with a filePath, so no probe file ever lands in the shared tree).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const cases: { file: string; from: string; fires: boolean }[] = [
  // station/domain: pure
  { file: 'station/domain/probe.ts', from: 'node:fs', fires: true },
  { file: 'station/domain/probe.ts', from: 'fs', fires: true },
  { file: 'station/domain/probe.ts', from: 'node:child_process', fires: true },
  { file: 'station/domain/probe.ts', from: 'better-sqlite3', fires: true },
  { file: 'station/domain/probe.ts', from: 'node-cron', fires: true },
  { file: 'station/domain/probe.ts', from: '../db/open.js', fires: true },
  { file: 'station/domain/probe.ts', from: '../paths.js', fires: true },
  { file: 'station/domain/hours/probe.ts', from: '../../http/server.js', fires: true },
  { file: 'station/domain/probe.ts', from: '../../renderer/src/app.js', fires: true },
  { file: 'station/domain/probe.ts', from: './roles.js', fires: false },
  { file: 'station/domain/hours/probe.ts', from: '../roles.js', fires: false },
  { file: 'station/domain/probe.ts', from: '../../common/contract.js', fires: false },
  { file: 'station/domain/hours/probe.ts', from: '../../../common/result.js', fires: false },
  { file: 'station/domain/probe.ts', from: 'zod', fires: false },
  // station: no Electron, no React, nothing from the shells
  { file: 'station/db/probe.ts', from: 'node:fs', fires: false },
  { file: 'station/db/probe.ts', from: 'better-sqlite3', fires: false },
  { file: 'station/http/probe.ts', from: 'electron', fires: true },
  { file: 'station/probe.ts', from: 'react', fires: true },
  { file: 'station/cli/probe.ts', from: 'react-dom/server', fires: true },
  { file: 'station/probe.ts', from: '../renderer/src/app.js', fires: true },
  { file: 'station/cli/commands/probe.ts', from: '../../../electron/main.js', fires: true },
  { file: 'station/api/probe.ts', from: '../../common/contract.js', fires: false },
  // common: shared with the renderer, imports nothing from the layers
  { file: 'common/probe.ts', from: '../station/paths.js', fires: true },
  { file: 'common/probe.ts', from: '../renderer/src/app.js', fires: true },
  { file: 'common/probe.ts', from: 'node:crypto', fires: true },
  { file: 'common/probe.ts', from: 'electron', fires: true },
  { file: 'common/probe.ts', from: './result.js', fires: false },
  // renderer: only common/ from outside itself, no Node
  { file: 'renderer/src/screens/Probe.tsx', from: '../../../common/contract.js', fires: false },
  { file: 'renderer/src/Probe.tsx', from: '../../station/api/handlers.js', fires: true },
  { file: 'renderer/src/Probe.tsx', from: '../../electron/preload.js', fires: true },
  { file: 'renderer/src/Probe.tsx', from: 'node:path', fires: true },
  { file: 'renderer/src/Probe.tsx', from: 'path', fires: true },
  { file: 'renderer/src/Probe.tsx', from: 'electron', fires: true },
  { file: 'renderer/src/Probe.tsx', from: 'react', fires: false },
  { file: 'renderer/src/Probe.tsx', from: './nav/focus.js', fires: false },
  // names of Node builtins used as folder names are not builtins
  { file: 'renderer/src/Probe.tsx', from: './util/format.js', fires: false },
  { file: 'renderer/src/Probe.tsx', from: './events/bus.js', fires: false },
  { file: 'station/domain/probe.ts', from: './http-status.js', fires: false },
  { file: 'station/domain/probe.ts', from: 'node:fs/promises', fires: true },
  { file: 'station/probe.ts', from: 'react/jsx-runtime', fires: true },
  // outside the layers
  { file: 'electron/probe.ts', from: 'electron', fires: false },
  { file: 'station/domain/probe.test.ts', from: 'node:fs', fires: false },
];

describe('layering rules in eslint.config.js', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  it.each(cases)('$file importing $from → fires: $fires', async ({ file, from, fires }) => {
    const code = `import probe from '${from}';\nexport const used = probe;\n`;
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
    const layering = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
    expect(layering.length > 0, JSON.stringify(result?.messages)).toBe(fires);
  });

  it('reports the domain rule on a probe placed at a station/domain path', async () => {
    const [result] = await eslint.lintText("import fs from 'node:fs';\nexport const f = fs;\n", {
      filePath: path.join(repoRoot, 'station/domain/probe.ts'),
    });
    expect(result?.messages).toEqual([
      expect.objectContaining({
        ruleId: 'no-restricted-imports',
        severity: 2,
        message: expect.stringContaining('station/domain is pure'),
      }),
    ]);
  });
});
