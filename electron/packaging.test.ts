import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder cannot run here (it downloads Electron), but its own schema check can.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

const root = path.resolve(import.meta.dirname, '..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[] };
};
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('packs the compiled shell, its preload and the built UI', () => {
    expect(config.files).toEqual(expect.arrayContaining(['build/**/*', 'dist/renderer/**/*']));
    expect(pkg.main).toBe('build/electron/main.js');
  });

  it('unpacks better-sqlite3’s native module and rebuilds it for Electron at packaging time only', () => {
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(config.npmRebuild).toBe(true);
    for (const script of ['postinstall', 'install', 'preinstall']) {
      expect(pkg.scripts[script] ?? '').not.toMatch(/electron-(re)?build|install-app-deps/);
    }
  });

  it('builds an AppImage and a deb for Linux terminals', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });
});
