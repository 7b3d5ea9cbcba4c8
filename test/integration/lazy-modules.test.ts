import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/station-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The service's resident memory goal (issue 3) depends on heavy libraries staying unloaded until
// their feature is used (station/lazy-require.ts). This runs the BUILT service in a fresh Node
// process, answers the kiosk's everyday calls, and reads Node's own module cache.
const LAZY = ['pinyin-pro', 'systeminformation', 'fflate', 'csv-parse', 'iconv-lite'];

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const built = (rel: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'build', rel)).href);

// Packages imported as ES modules never enter require.cache, so a resolve hook logs those.
const HOOK = `
import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const name = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(resolved.url)?.[1];
  if (name) fs.appendFileSync(process.env.LOADED_LOG, name + '\\n');
  return resolved;
}
`;

const SCRIPT = `
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
register(${JSON.stringify(pathToFileURL(path.join(tmp.dir, 'hook.mjs')).href)});
const { openStation } = await import(${built('station/service.js')});
const { dispatch } = await import(${built('station/api/dispatch.js')});
const packages = () => [...new Set([
  ...Object.keys(createRequire(import.meta.url).cache).map(
    (f) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(f)?.[1],
  ),
  ...fs.readFileSync(process.env.LOADED_LOG, 'utf8').split('\\n'),
].filter(Boolean))];
const call = async (method, input) => {
  const { body } = await dispatch(station, method, input);
  if (!body.ok) throw new Error(method + ': ' + JSON.stringify(body.error));
  return body.value;
};
const station = await openStation({ dataDir: process.argv[1], demo: true });
await call('getHome', {});
await call('listCourses', {});
const idle = packages();
const { grant } = await call('unlock', { role: 'organizer', pin: '1234' });
const found = await call('searchMembers', { grant, query: 'zgq', limit: 5 });
console.log(JSON.stringify({ idle, afterSearch: packages(), first: found.members[0]?.name }));
await station.close();
`;

describe('heavy libraries load on first use', () => {
  it('an idle kiosk service has not loaded them; the check-in search loads pinyin-pro and works', () => {
    fs.writeFileSync(path.join(tmp.dir, 'hook.mjs'), HOOK);
    const log = path.join(tmp.dir, 'loaded.log');
    fs.writeFileSync(log, '');
    const r = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT, path.join(tmp.dir, 'data')],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LOADED_LOG: log } },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
      idle: string[];
      afterSearch: string[];
      first: string;
    };
    expect(out.idle.filter((p) => LAZY.includes(p))).toEqual([]);
    expect(out.afterSearch).toContain('pinyin-pro');
    expect(out.first).toBe('张国庆');
  });
});
