import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { serve, station, STATION_BIN } from '../helpers/station-process.js';
import { startCupsd, type TestCupsd } from '../helpers/cupsd.js';
import { backdateRoster, startThemeDay } from '../helpers/theme-day.js';

// Printing through a real CUPS: Debian's cupsd runs privately in a temp dir (see
// test/helpers/cupsd.ts) and its queues print to files, so the test sees the bytes a printer
// would receive. The station finds it through CUPS_SERVER, as it would find the system's.
let cups: TestCupsd;
let tmp: ReturnType<typeof makeTempDir>;
let data: string;
let sessionId: string;
let env: NodeJS.ProcessEnv;
// RPC answers are read deep in many shapes; the assertions are the type check here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  station([...args, '--data', data], { ...env, ...extra });

let template: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  cups = await startCupsd();
  env = { CUPS_SERVER: cups.server };
  // One demo station with a session, copied for each test (init is the slow part).
  template = makeTempDir();
  data = path.join(template.dir, 'data');
  expect(run(['init', '--demo']).code).toBe(0);
  backdateRoster(data);
  sessionId = startThemeDay(data, { checkinAt: '2026-11-14T08:52:00+08:00', env });
}, 30_000);
afterAll(async () => {
  await cups?.stop();
  template?.cleanup();
});

beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  fs.cpSync(path.join(template.dir, 'data'), data, { recursive: true });
});
afterEach(() => {
  tmp.cleanup();
  // Each test sets up its own queues.
  const r = spawnSync('lpstat', ['-p'], { env: cups.env, encoding: 'utf8' });
  for (const m of r.stdout.matchAll(/^printer (\S+)/gm)) cups.admin('lpadmin', ['-x', m[1]!]);
  const printed = path.join(cups.dir, 'printed');
  for (const f of fs.readdirSync(printed)) fs.rmSync(path.join(printed, f));
});

/** Calls the StationApi of a `station serve` over its loopback RPC, with its launch token. */
function rpcTo(server: { port: number; token: string }) {
  return async (method: string, body: unknown): Promise<Json> => {
    const res = await fetch(`http://127.0.0.1:${server.port}/rpc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-station-token': server.token },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Json;
  };
}

/** The document title Chromium writes into the PDF's Info dictionary (UTF-16BE hex). */
function pdfTitle(bytes: Buffer): string {
  const hex = /\/Title <FEFF([0-9A-F]+)>/.exec(bytes.toString('latin1'))?.[1] ?? '';
  return Buffer.from(hex, 'hex').swap16().toString('utf16le');
}

/** What a PDF a printer receives must look like: the whole sign-in sheet, fonts embedded. */
function expectSigninSheetPdf(bytes: Buffer) {
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfTitle(bytes)).toBe('签到表');
  const text = bytes.toString('latin1');
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true); // not cut short on the way
  expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);
  expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2); // 30 demo members on A4: two pages
}

describe('station print', () => {
  it('lists the printers CUPS has, with the default', () => {
    cups.addQueue('Office', { description: '村委会激光打印机' });
    cups.addQueue('Hall', { default: true });
    const r = run(['print', 'printers', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { printers: { name: string }[]; defaultPrinter: string };
    expect(list.defaultPrinter).toBe('Hall');
    expect(list.printers).toEqual(
      expect.arrayContaining([
        {
          name: 'Office',
          description: '村委会激光打印机',
          enabled: true,
          accepting: true,
          reason: null,
          isDefault: false,
        },
        {
          name: 'Hall',
          description: null,
          enabled: true,
          accepting: true,
          reason: null,
          isDefault: true,
        },
      ]),
    );
    const plain = run(['print', 'printers']);
    expect(plain.stdout).toContain('Office\t村委会激光打印机');
    expect(plain.stdout).toMatch(/Hall\t\(默认\)/);
  });

  it('prints a session’s sign-in sheet to the default printer: the PDF reaches the device', async () => {
    const out = cups.addQueue('StationTest', { default: true });
    const r = run(['print', 'signin-sheet', sessionId, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const job = JSON.parse(r.stdout) as { printer: string; jobId: string; job: number };
    expect(job).toMatchObject({ printer: 'StationTest', title: '签到表 主题党日：学习二十大精神' });
    expect(job.jobId).toBe(`StationTest-${job.job}`);
    expectSigninSheetPdf(await cups.waitForOutput(out));
    // CUPS saw the job under our title and finished it.
    expect(cups.errorLog()).toMatch(new RegExp(`\\[Job ${job.job}\\] Job completed`));
    // The Chinese title reached the scheduler intact (lp runs under LC_ALL=C for parsing).
    expect(cups.errorLog()).toContain(`[Job ${job.job}] argv[3]="签到表 主题党日：学习二十大精神"`);
    const done = spawnSync('lpstat', ['-W', 'completed', '-o', 'StationTest'], {
      env: cups.env,
      encoding: 'utf8',
    });
    expect(done.stdout).toContain(job.jobId);
  }, 60_000);

  it('prints to the printer named with --printer and says so in Chinese', async () => {
    cups.addQueue('Office', { default: true });
    const hall = cups.addQueue('Hall');
    const r = run(['print', 'signin-sheet', sessionId, '--printer', 'Hall']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^已发送到打印机 Hall（任务号 \d+）$/);
    expectSigninSheetPdf(await cups.waitForOutput(hall));
    expect(fs.existsSync(path.join(cups.dir, 'printed', 'Office.out'))).toBe(false);
  }, 60_000);

  it('prints the month’s study record over the station service’s RPC', async () => {
    const out = cups.addQueue('StationTest');
    const server = await serve(['--port', '0', '--data', data], env);
    try {
      const rpc = rpcTo(server);
      const unlocked = await rpc('unlock', { role: 'organizer', pin: '1234' });
      const grant = unlocked.value.grant as string;
      const denied = await rpc('printStudyRecord', { grant: 'x'.repeat(32), month: '2026-11' });
      expect(denied.ok).toBe(false);

      const printers = await rpc('listPrinters', { grant });
      expect(printers.value).toMatchObject({
        defaultPrinter: null,
        printers: [{ name: 'StationTest', enabled: true }],
      });
      const sessions = await rpc('listPrintableSessions', { grant });
      expect(sessions.value[0]).toMatchObject({
        id: Number(sessionId),
        title: '主题党日：学习二十大精神',
      });
      // One printer and no default: it is the one used.
      const printed = await rpc('printStudyRecord', { grant, month: '2026-11' });
      expect(printed.ok, JSON.stringify(printed)).toBe(true);
      expect(printed.value).toMatchObject({
        printer: 'StationTest',
        title: '学习记录 2026年11月',
      });
      const pdf = await cups.waitForOutput(out);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfTitle(pdf)).toContain('学习记录');
      expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);

      const bad = await rpc('printSigninSheet', { grant, sessionId: 9999 });
      expect(bad.error?.message).toContain('9999');
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('following a job after CUPS accepted it', () => {
  it('says whether it is printing, stopped with its printer (and why), finished, or gone', async () => {
    // Each job spends 2 s in the filter, as a page does in a real printer.
    const out = cups.addQueue('Slow', { slowSeconds: 2, description: '活动室打印机' });
    const server = await serve(['--port', '0', '--data', data], env);
    try {
      const rpc = rpcTo(server);
      const grant = (await rpc('unlock', { role: 'organizer', pin: '1234' })).value.grant as string;
      const job = (await rpc('printStudyRecord', { grant, month: '2026-11' })).value as Json;
      const state = async () =>
        (await rpc('getPrintJob', { grant, printer: 'Slow', jobId: job.jobId })).value as Json;
      expect(await state()).toEqual({ jobId: job.jobId, state: 'waiting', reason: null });

      // The printer stops under the job (out of paper): CUPS keeps the job, and says why.
      cups.admin('cupsdisable', ['-r', '缺纸', 'Slow']);
      // CUPS keeps the technician's reason, or clears it when it had to stop the job in the
      // middle; lpstat's English placeholder for "no reason" never reaches the kiosk.
      const stopped = await state();
      expect(stopped).toMatchObject({ jobId: job.jobId, state: 'stopped' });
      expect([null, '缺纸']).toContain(stopped.reason);
      expect(fs.existsSync(out) && fs.statSync(out).size > 0).toBe(false);

      // Resumed, the same job prints and is then finished.
      cups.admin('cupsenable', ['Slow']);
      const until = Date.now() + 20_000;
      let last = await state();
      while (last.state !== 'finished' && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 250));
        last = await state();
      }
      expect(last.state).toBe('finished');
      expect((await cups.waitForOutput(out)).subarray(0, 5).toString()).toBe('%PDF-');

      // A job whose printer was removed is gone; a malformed id is refused by the contract.
      cups.admin('lpadmin', ['-x', 'Slow']);
      expect((await state()).state).toBe('gone');
      const bad = await rpc('getPrintJob', { grant, printer: 'Slow', jobId: '../x' });
      expect(bad.ok).toBe(false);
      expect(bad.error.code).toBe('BAD_REQUEST');
      const denied = await rpc('getPrintJob', {
        grant: 'x'.repeat(32),
        printer: 'Slow',
        jobId: job.jobId,
      });
      expect(denied.ok).toBe(false);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('station print --wait', () => {
  /** Runs the command without blocking the test, which meanwhile acts on the queue. */
  function runAsync(
    args: string[],
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [STATION_BIN, ...args, '--data', data],
        { env: { ...process.env, STATION_LANG: '', ...env }, encoding: 'utf8', timeout: 30_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('exits 0 once the job has printed, and says so', () => {
    const out = cups.addQueue('Office', { default: true, slowSeconds: 1 });
    const r = run(['print', 'study-record', '--month', '2026-11', '--wait']);
    expect(r.code, r.stderr).toBe(0);
    const [sent, printed] = r.stdout.trim().split('\n');
    expect(sent).toMatch(/^已发送到打印机 Office（任务号 (\d+)）$/);
    expect(printed).toBe(`打印好了：打印机 Office（任务号 ${/(\d+)/.exec(sent!)![1]}）`);
    // Done means done: the printer has the whole file by the time the command returns.
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const json = run(['print', 'study-record', '--month', '2026-11', '--wait', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ printer: 'Office', state: 'finished' });
  }, 60_000);

  it('exits 1 with the sentence when the printer stops under the job; the job stays queued', async () => {
    cups.addQueue('Office', { default: true, slowSeconds: 3 });
    const pending = runAsync(['print', 'study-record', '--month', '2026-11', '--wait', '--json']);
    // Paused once the job is in it (the PDF is made first, then CUPS takes it).
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      const q = spawnSync('lpstat', ['-W', 'not-completed', '-o', 'Office'], {
        env: cups.env,
        encoding: 'utf8',
      });
      if (q.stdout.includes('Office-')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    cups.admin('cupsdisable', ['-r', '缺纸', 'Office']);
    const r = await pending;
    expect(r.code).toBe(1);
    const job = JSON.parse(r.stdout) as { jobId: string; job: number; state: string };
    expect(job.state).toBe('stopped');
    expect(r.stderr.trim()).toMatch(
      new RegExp(`^打印机 Office 停了(（缺纸）)?，任务 ${job.job} 还在排队。.*cupsenable Office`),
    );
    const queued = spawnSync('lpstat', ['-W', 'not-completed', '-o', 'Office'], {
      env: cups.env,
      encoding: 'utf8',
    });
    expect(queued.stdout).toContain(job.jobId);
  }, 60_000);
});

describe('printing faults, each a clear sentence and nothing half-sent', () => {
  it('no printer added', () => {
    const r = run(['print', 'signin-sheet', sessionId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('还没有添加打印机');
    expect(run(['print', 'printers']).stdout.trim()).toBe('还没有添加打印机');
  });

  it('a paused printer: refused before sending, with CUPS’s reason; works again once enabled', async () => {
    const out = cups.addQueue('StationTest', { default: true });
    cups.admin('cupsdisable', ['-r', '卡纸', 'StationTest']);
    const r = run(['print', 'signin-sheet', sessionId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('打印机“StationTest”已暂停（卡纸）');
    expect(r.stderr).toContain('cupsenable StationTest');
    const queued = spawnSync('lpstat', ['-o'], { env: cups.env, encoding: 'utf8' });
    expect(queued.stdout.trim()).toBe(''); // no job left waiting in the paused queue
    const listed = JSON.parse(run(['print', 'printers', '--json']).stdout) as {
      printers: { enabled: boolean; reason: string }[];
    };
    expect(listed.printers[0]).toMatchObject({ enabled: false, reason: '卡纸' });

    cups.admin('cupsenable', ['StationTest']);
    expect(run(['print', 'signin-sheet', sessionId]).code).toBe(0);
    expectSigninSheetPdf(await cups.waitForOutput(out));
  }, 60_000);

  it('a printer refusing jobs', () => {
    cups.addQueue('StationTest', { default: true });
    cups.admin('cupsreject', ['-r', 'toner empty', 'StationTest']);
    const r = run(['print', 'study-record', '--month', '2026-11']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不接收新任务（toner empty）');
  });

  it('several printers and no default: asks which one; an unknown name is named', () => {
    cups.addQueue('Office');
    cups.addQueue('Hall');
    const r = run(['print', 'signin-sheet', sessionId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/请选一台：(Office、Hall|Hall、Office)/);
    const unknown = run(['print', 'signin-sheet', sessionId, '--printer', 'Kitchen']);
    expect(unknown.stderr).toContain('找不到打印机“Kitchen”');
  });

  it('the print service is not running', () => {
    const r = run(['print', 'signin-sheet', sessionId], {
      CUPS_SERVER: path.join(tmp.dir, 'no-cupsd.sock'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('打印服务 CUPS 没有运行');
    expect(r.stderr).toContain('Scheduler is not running'); // CUPS's own words, for the technician
  });

  it('the print service killed with -9: its socket is left, nobody answers', async () => {
    const other = await startCupsd();
    try {
      other.addQueue('Office', { default: true });
      const extra = { CUPS_SERVER: other.server };
      expect(run(['print', 'printers', '--json'], extra).code).toBe(0);
      await other.kill('SIGKILL');
      expect(fs.existsSync(other.server)).toBe(true);
      const r = run(['print', 'signin-sheet', sessionId], extra);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('打印服务 CUPS 没有运行');
    } finally {
      await other.stop();
    }
  }, 30_000);

  it('CUPS not installed (no lp on the PATH)', () => {
    const bin = path.join(tmp.dir, 'bin');
    fs.mkdirSync(bin);
    const r = run(['print', 'printers', '--lang', 'en'], { PATH: bin });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CUPS is not installed');
  });

  it('a missing session or a malformed month fails before anything is printed', () => {
    const out = cups.addQueue('StationTest', { default: true });
    expect(run(['print', 'signin-sheet', '9999']).stderr).toContain('9999');
    // Not a session's number at all: the same sentence and exit code as `export signin-sheet`.
    const notANumber = run(['print', 'signin-sheet', 'abc']);
    expect(notANumber.stderr.trim()).toBe('没有编号为 abc 的学习活动');
    expect(notANumber.code).toBe(1);
    expect(run(['print', 'signin-sheet']).code).toBe(2);
    expect(run(['print', 'study-record', '--month', '2026-13']).stderr).toContain('2026-13');
    expect(fs.existsSync(out)).toBe(false);
  });
});
