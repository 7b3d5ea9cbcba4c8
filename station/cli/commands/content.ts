import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../clock.js';
import { listCourseStatus } from '../../content/courses.js';
import { generateKeyPair, readPrivateKey, trustKey } from '../../content/keys.js';
import { publish } from '../../content/publish.js';
import { importFromDir, syncFromUrl, type SyncReport } from '../../content/sync.js';
import { exportCache, verifyCache } from '../../content/verify.js';
import { StationFailure } from '../../errors.js';
import { withStation } from '../station-db.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';

function printSync(report: SyncReport, json: boolean, ctx: CommandContext): number {
  const { io, t } = ctx;
  if (json) {
    io.stdout(JSON.stringify(report));
  } else if (report.status === 'up-to-date') {
    io.stdout(t('content.upToDate', { version: report.acceptedVersion }));
  } else if (report.status === 'updated') {
    io.stdout(
      t('content.updated', { version: report.acceptedVersion, files: report.fetched.length }),
    );
  } else {
    const active =
      report.activeVersion === null
        ? t('content.activeNone')
        : t('content.activeVersion', { version: report.activeVersion });
    io.stderr(
      t('content.incomplete', {
        version: report.acceptedVersion,
        failed: report.failed.length,
        active,
      }),
    );
    for (const f of report.failed) io.stderr(t('content.failedFile', f));
  }
  return report.status === 'incomplete' ? 1 : 0;
}

/** `station content keygen|publish|trust|sync|import|export|list|verify` (issue 6). */
export async function contentCommand(ctx: CommandContext): Promise<number> {
  const { args, io, t } = ctx;
  const [sub, ...rest] = args;
  switch (sub) {
    case 'keygen': {
      const { values } = parseCommand(rest, { out: { type: 'string' } });
      if (!values.out) throw new UsageError('cli.missingArg', { name: '--out DIR' });
      const r = generateKeyPair(path.resolve(values.out));
      if (values.json) io.stdout(JSON.stringify(r));
      else io.stdout(t('content.keygenDone', { keyId: r.keyId, key: r.keyFile, pub: r.pubFile }));
      return 0;
    }
    case 'publish': {
      const { values, positionals } = parseCommand(
        rest,
        {
          key: { type: 'string' },
          version: { type: 'string' },
          expires: { type: 'string' },
          out: { type: 'string' },
        },
        1,
      );
      const src = positionals[0];
      if (!src) throw new UsageError('cli.missingArg', { name: 'SRC' });
      if (!values.key) throw new UsageError('cli.missingArg', { name: '--key county.key' });
      if (!values.out) throw new UsageError('cli.missingArg', { name: '--out DIR' });
      if (!values.version || !/^[1-9]\d{0,14}$/.test(values.version)) {
        throw new UsageError('cli.missingArg', { name: '--version N' });
      }
      let expires: Date | null = null;
      if (values.expires !== undefined) {
        expires = new Date(values.expires);
        if (Number.isNaN(expires.getTime())) {
          throw new StationFailure('BAD_REQUEST', 'badTime', { value: values.expires });
        }
        // Publishing does not judge the date (a county may prepare a release in advance): it warns.
        if (expires.getTime() <= systemClock.now().getTime()) {
          io.stderr(t('content.publishExpiredWarning', { expires: values.expires }));
        }
      }
      const manifest = await publish({
        src,
        out: values.out,
        privateKey: readPrivateKey(values.key),
        version: Number(values.version),
        expires,
        now: systemClock.now(),
      });
      // A subtitle shared by a course's MP4 and WebM is one file beside the manifest.
      const files = new Set(
        manifest.courses.flatMap((c) =>
          c.files.flatMap((f) => [f.path, ...f.subtitles.map((sub) => sub.path)]),
        ),
      ).size;
      if (values.json) io.stdout(JSON.stringify(manifest));
      else
        io.stdout(
          t('content.publishDone', {
            version: manifest.version,
            courses: manifest.courses.length,
            files,
            out: path.resolve(values.out),
          }),
        );
      return 0;
    }
    case 'trust': {
      const { values, positionals } = parseCommand(rest, { label: { type: 'string' } }, 1);
      const file = positionals[0];
      if (!file) throw new UsageError('cli.missingArg', { name: 'county.pub' });
      let pem: string;
      try {
        pem = fs.readFileSync(file, 'utf8');
      } catch {
        throw new StationFailure('NOT_FOUND', 'fileNotFound', { file });
      }
      return withStation(values.data, ctx.io.env, async (db) => {
        const k = trustKey(db, pem, values.label ?? path.basename(file), systemClock.now(), file);
        if (values.json) io.stdout(JSON.stringify({ keyId: k.keyId, label: k.label }));
        else io.stdout(t('content.trustDone', { keyId: k.keyId, file }));
        return 0;
      });
    }
    case 'sync': {
      const { values } = parseCommand(rest, { from: { type: 'string' } });
      if (!values.from) throw new UsageError('cli.missingArg', { name: '--from URL' });
      const from = values.from;
      return withStation(values.data, ctx.io.env, async (db) =>
        printSync(await syncFromUrl(db, systemClock, from), values.json, ctx),
      );
    }
    case 'import': {
      const { values, positionals } = parseCommand(rest, {}, 1);
      const dir = positionals[0];
      if (!dir) throw new UsageError('cli.missingArg', { name: 'DIR' });
      return withStation(values.data, ctx.io.env, async (db) =>
        printSync(await importFromDir(db, systemClock, dir), values.json, ctx),
      );
    }
    case 'export': {
      const { values } = parseCommand(rest, { out: { type: 'string' } });
      if (!values.out) throw new UsageError('cli.missingArg', { name: '--out DIR' });
      const out = path.resolve(values.out);
      return withStation(values.data, ctx.io.env, async (db) => {
        const r = await exportCache(db, out);
        if (values.json) io.stdout(JSON.stringify({ ...r, out }));
        else io.stdout(t('content.exportDone', { ...r, out }));
        return 0;
      });
    }
    case 'list': {
      const { values } = parseCommand(rest, {});
      return withStation(values.data, ctx.io.env, async (db) => {
        const courses = listCourseStatus(db);
        if (values.json) io.stdout(JSON.stringify({ courses }));
        else if (courses.length === 0) io.stdout(t('content.listEmpty'));
        else
          for (const c of courses) {
            io.stdout(
              t('content.listLine', {
                status: t(`content.status.${c.status}`),
                title: c.title,
                id: c.id,
                playable: c.playable ? t('content.playable') : '',
              }),
            );
          }
        return 0;
      });
    }
    case 'verify': {
      const { values } = parseCommand(rest, {});
      return withStation(values.data, ctx.io.env, async (db) => {
        const report = await verifyCache(db, () => systemClock.now());
        const bad = report.files.filter((f) => f.status !== 'verified');
        if (values.json) io.stdout(JSON.stringify(report));
        else {
          for (const f of bad)
            io.stdout(
              t('content.verifyLine', { status: t(`content.status.${f.status}`), path: f.path }),
            );
          const line = bad.length === 0 ? 'content.verifyOk' : 'content.verifyBad';
          (bad.length === 0 ? io.stdout : io.stderr)(
            t(line, { count: report.files.length, bad: bad.length }),
          );
        }
        return bad.length === 0 ? 0 : 1;
      });
    }
    default:
      if (sub === undefined || sub === '--help' || sub === '-h') {
        (sub ? io.stdout : io.stderr)(t('content.usage'));
        return sub ? 0 : 2;
      }
      throw new UsageError('cli.unknownCommand', { command: `content ${sub}` });
  }
}
