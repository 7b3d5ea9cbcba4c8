import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A private CUPS scheduler for tests: Debian's own cupsd with its configuration, spool, state and
 * logs in a temporary directory, listening on a Unix socket there. Point a station at it with
 * CUPS_SERVER=<socket>. Its queues print to a file through a one-line pass-through filter, so
 * the bytes a real printer would receive land in a file the test reads.
 *
 * cupsd refuses to run filters from a world-writable directory or owned by another user, so the
 * directory is made 0755 (mkdtemp gives 0700) and the filter 0755.
 */
export interface TestCupsd {
  dir: string;
  /** The value for CUPS_SERVER. */
  server: string;
  env: NodeJS.ProcessEnv;
  /**
   * Adds an enabled, accepting queue that prints to `printed/<name>.out`; returns that path.
   * `slowSeconds` makes each job take that long in the filter, like a real printer's page time,
   * so a test can pause the queue while a job is on it.
   */
  addQueue(
    name: string,
    opts?: { default?: boolean; description?: string; slowSeconds?: number },
  ): string;
  /** Runs a CUPS admin command (lpadmin, cupsdisable, …) against this scheduler. */
  admin(command: string, args: string[]): void;
  /** Waits until the file a queue prints to has stopped growing and holds something. */
  waitForOutput(file: string, timeoutMs?: number): Promise<Buffer>;
  /** Kills the scheduler without letting it clean up (its socket file stays behind). */
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
  errorLog(): string;
}

const PPD = (filter: string) => `*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "STATION.PPD"
*Manufacturer: "Station"
*Product: "(Station Test)"
*ModelName: "Station Test PDF Printer"
*ShortNickName: "Station Test"
*NickName: "Station Test PDF Printer"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsVersion: 2.4
*cupsFilter2: "application/pdf application/vnd.cups-pdf 0 ${filter}"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "18 36 577 806"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
`;

// A CUPS filter gets: job user title copies options [file]; the PDF goes through untouched.
const PASS_THROUGH = 'if [ -n "$6" ]; then exec cat "$6"; else exec cat; fi\n';

export async function startCupsd(): Promise<TestCupsd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cupsd-'));
  fs.chmodSync(dir, 0o755);
  for (const sub of ['spool', 'tmp', 'cache', 'state', 'log', 'printed']) {
    fs.mkdirSync(path.join(dir, sub));
  }
  const server = path.join(dir, 'cups.sock');
  const filter = path.join(dir, 'passthrough');
  fs.writeFileSync(filter, '#!/bin/sh\n' + PASS_THROUGH, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'station-test.ppd'), PPD(filter));
  fs.writeFileSync(
    path.join(dir, 'cupsd.conf'),
    [
      `Listen ${server}`,
      'LogLevel debug',
      'WebInterface No',
      'Browsing No',
      'DefaultAuthType None',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'cups-files.conf'),
    [
      `ServerRoot ${dir}`,
      `RequestRoot ${dir}/spool`,
      `TempDir ${dir}/tmp`,
      `CacheDir ${dir}/cache`,
      `StateDir ${dir}/state`,
      `AccessLog ${dir}/log/access_log`,
      `ErrorLog ${dir}/log/error_log`,
      `PageLog ${dir}/log/page_log`,
      `Printcap ${dir}/printcap`,
      'FileDevice Yes',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    '/usr/sbin/cupsd',
    ['-f', '-c', path.join(dir, 'cupsd.conf'), '-s', path.join(dir, 'cups-files.conf')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const env = { ...process.env, CUPS_SERVER: server, LC_ALL: 'C', LANG: 'C' };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`cupsd exited (${child.exitCode}): ${stderr}`);
    }
    if (spawnSync('lpstat', ['-r'], { env, encoding: 'utf8' }).stdout.includes('is running')) break;
    if (Date.now() > deadline) throw new Error(`cupsd did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }

  /** A PPD whose filter waits `seconds` before passing the PDF on. */
  const slowPpd = (seconds: number) => {
    const slowFilter = path.join(dir, `passthrough-slow-${seconds}`);
    fs.writeFileSync(slowFilter, `#!/bin/sh\nsleep ${seconds}\n` + PASS_THROUGH, { mode: 0o755 });
    const ppd = path.join(dir, `station-test-slow-${seconds}.ppd`);
    fs.writeFileSync(ppd, PPD(slowFilter));
    return ppd;
  };

  const admin = (command: string, args: string[]) => {
    const r = spawnSync(command, args, { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr}`);
  };
  return {
    dir,
    server,
    env,
    admin,
    addQueue(name, opts = {}) {
      const out = path.join(dir, 'printed', `${name}.out`);
      admin('lpadmin', [
        '-p',
        name,
        '-E',
        '-v',
        `file://${out}`,
        '-P',
        opts.slowSeconds ? slowPpd(opts.slowSeconds) : path.join(dir, 'station-test.ppd'),
        ...(opts.description ? ['-D', opts.description] : []),
      ]);
      if (opts.default) admin('lpadmin', ['-d', name]);
      return out;
    },
    async waitForOutput(file, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      let last = -1;
      for (;;) {
        const size = fs.existsSync(file) ? fs.statSync(file).size : -1;
        if (size > 0 && size === last) return fs.readFileSync(file);
        if (Date.now() > until) throw new Error(`nothing printed to ${file}`);
        last = size;
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    errorLog: () => {
      try {
        return fs.readFileSync(path.join(dir, 'log', 'error_log'), 'utf8');
      } catch {
        return '';
      }
    },
    async kill(signal) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
