import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../../test/helpers/temp-dir.js';
import { runCli } from '../main.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => {
  vi.restoreAllMocks();
  tmp.cleanup();
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data', tmp.dir], {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    env: {},
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('station time set --system-clock', () => {
  it('is refused unless running as root, and then nothing is corrected', async () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    const r = await cli(['time', 'set', '--at', '2026-11-26T16:00:00+08:00', '--system-clock']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('root');
    const status = await cli(['time', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ offsetMs: 0, lastGoodSource: null });
  });

  it('without the flag, records the correction as an offset and leaves the OS clock alone', async () => {
    const r = await cli(['time', 'set', '--at', '2026-11-26T16:00:00+08:00', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      source: 'technician-manual',
      systemClockSet: false,
      clock: { trusted: true, lastGoodSource: 'technician-manual' },
    });
    const bad = await cli(['time', 'set', '--at', '16:00']);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain('16:00');
  });
});
