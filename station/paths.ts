import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DB_FILE = 'station.db';
export const CONTENT_DIR = 'content';

/**
 * Where the station keeps its data: `--data DIR`, else STATION_DATA_DIR, else a per-user default
 * (XDG data home on Linux, %APPDATA% on Windows, Application Support on macOS).
 */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (flag) return path.resolve(flag);
  if (env.STATION_DATA_DIR) return path.resolve(env.STATION_DATA_DIR);
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'StudyStation');
  }
  if (platform === 'darwin') {
    return path.join(home, 'Library', 'Application Support', 'StudyStation');
  }
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'study-station');
}

let cachedRoot: string | undefined;

/**
 * The installed app's root (where package.json, resources/ and dist/ live). Found by walking up
 * from this file so it is the same whether running from sources (tests) or from build/.
 */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const name = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name;
      if (name === 'study-station') return (cachedRoot = dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('study-station package root not found');
    dir = parent;
  }
}

export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
