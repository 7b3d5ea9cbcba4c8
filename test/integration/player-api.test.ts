import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, sha256File } from '../helpers/temp-dir.js';
import { fixedClock } from '../../station/clock.js';
import { openStation, type Station } from '../../station/service.js';
import { startLoopbackServer, type LoopbackServer } from '../../station/http/server.js';
import Database from 'better-sqlite3';
import { ROOT, serve, station as stationCli } from '../helpers/station-process.js';

// The player's API on a real station (demo data, real SQLite file) behind real HTTP on 127.0.0.1.
let tmp: ReturnType<typeof makeTempDir>;
let station: Station;
let server: LoopbackServer;
const clock = fixedClock('2026-11-26T02:00:00Z');
const MP4 = 'demo/intro.mp4';
const WEBM = 'demo/intro.webm';

beforeAll(async () => {
  tmp = makeTempDir();
  const uiDir = path.join(tmp.dir, 'ui');
  fs.mkdirSync(uiDir);
  fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>学习站</title>');
  station = await openStation({ dataDir: path.join(tmp.dir, 'data'), clock, demo: true });
  server = await startLoopbackServer(station, { port: 0, uiDir });
});
afterAll(async () => {
  await server.close();
  await station.close();
  tmp.cleanup();
});

async function rpc(method: string, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${server.port}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-station-token': server.token },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

interface LogRow {
  id: number;
  course_id: string;
  file_path: string;
  file_sha256: string;
  session_id: number | null;
  makeup_id: number | null;
  started_at: string;
  ended_at: string;
  watched: string;
  watched_seconds: number;
}
const logRow = (id: number) =>
  station.db.prepare('SELECT * FROM play_log WHERE id = ?').get(id) as LogRow;
/** Where the verified cache keeps the file a media path names. */
const contentFile = (rel: string): string => {
  const root = station.mediaRoot;
  const file = typeof root === 'string' ? path.join(root, rel) : root(rel);
  if (!file) throw new Error(`${rel} is not in the verified cache`);
  return file;
};

const play = (over: Record<string, unknown> = {}) => ({
  courseId: 'demo',
  path: MP4,
  elapsedMs: 30_000,
  watched: [
    [0, 10],
    [5, 18],
    [20, 24],
  ],
  positionSeconds: 24,
  ...over,
});

describe('the player API over loopback HTTP', () => {
  it('queues the whole catalogue when no session runs, each file with its subtitles', async () => {
    const { status, json } = await rpc('getPlayerQueue', {});
    expect(status).toBe(200);
    expect(json.value.session).toBeNull();
    expect(json.value.makeup).toBeNull();
    expect(json.value.items).toEqual([
      {
        courseId: 'demo',
        courseTitle: '示范课程：远程教育终端使用入门',
        path: MP4,
        subtitles: [{ lang: 'zh', path: 'demo/intro.zh.vtt' }],
        resumeSeconds: 0,
      },
      expect.objectContaining({ path: WEBM, resumeSeconds: 0 }),
    ]);
    const unknown = await rpc('getPlayerQueue', { courseIds: ['demo', 'nope'] });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toContain('nope');
  });

  it('logs a stretch with merged ranges, the station’s own SHA-256 and the running session', async () => {
    const session = station.db
      .prepare(
        `INSERT INTO study_sessions (kind, title, started_at, started_by, created_at)
         VALUES ('collective', '十一月集中学习', ?, 'organizer', ?)`,
      )
      .run('2026-11-26T01:30:00.000Z', '2026-11-26T01:30:00.000Z');
    const sessionId = Number(session.lastInsertRowid);
    const queue = await rpc('getPlayerQueue', { courseIds: ['demo'] });
    expect(queue.json.value.session).toEqual({ id: sessionId, title: '十一月集中学习' });

    const { status, json } = await rpc('recordPlay', play({ sessionId }));
    expect(status).toBe(200);
    expect(json.value.watchedSeconds).toBe(22);
    const row = logRow(json.value.playId);
    expect(row).toMatchObject({
      course_id: 'demo',
      file_path: MP4,
      file_sha256: sha256File(contentFile(MP4)),
      session_id: sessionId,
      makeup_id: null,
      started_at: '2026-11-26T01:59:30.000Z', // the station's clock minus the stretch's length
      ended_at: '2026-11-26T02:00:00.000Z',
      watched_seconds: 22,
    });
    expect(JSON.parse(row.watched)).toEqual([
      [0, 18],
      [20, 24],
    ]);
    station.db
      .prepare('UPDATE study_sessions SET ended_at = ? WHERE id = ?')
      .run('2026-11-26T02:00:00.000Z', sessionId);
  });

  it('keeps the resume position per course file, and starts over after the end', async () => {
    await rpc('recordPlay', play({ path: WEBM, watched: [], positionSeconds: 12.5 }));
    let items = (await rpc('getPlayerQueue', {})).json.value.items;
    expect(items.map((i: { resumeSeconds: number }) => i.resumeSeconds)).toEqual([24, 12.5]);

    // Nothing watched: only the bookmark moves, no play_log row.
    const count = () =>
      (station.db.prepare('SELECT count(*) AS n FROM play_log').get() as { n: number }).n;
    const before = count();
    const moved = await rpc('recordPlay', play({ path: WEBM, watched: [], positionSeconds: 3 }));
    expect(moved.json.value).toEqual({ playId: null, watchedSeconds: 0 });
    expect(count()).toBe(before);

    await rpc('recordPlay', play({ finished: true }));
    items = (await rpc('getPlayerQueue', {})).json.value.items;
    expect(items.map((i: { resumeSeconds: number }) => i.resumeSeconds)).toEqual([0, 3]);
  });

  it('logs the SHA-256 the verified cache checked the file against, per file', async () => {
    const webm = await rpc('recordPlay', play({ path: WEBM }));
    const mp4 = await rpc('recordPlay', play({ path: MP4 }));
    expect(logRow(webm.json.value.playId).file_sha256).toBe(sha256File(contentFile(WEBM)));
    expect(logRow(mp4.json.value.playId).file_sha256).toBe(sha256File(contentFile(MP4)));
    expect(logRow(webm.json.value.playId).file_sha256).not.toBe(
      logRow(mp4.json.value.playId).file_sha256,
    );
  });

  it.each([
    ['no course', { courseId: undefined }],
    ['a range that ends before it starts', { watched: [[10, 5]] }],
    ['a negative time', { watched: [[-1, 5]] }],
    ['a hash from the UI', { fileSha256: 'a'.repeat(64) }],
    ['a session and a make-up study at once', { sessionId: 1, makeupId: 1 }],
    ['a fractional elapsed time', { elapsedMs: 1.5 }],
    ['ranges as text', { watched: '0-10' }],
  ])('refuses %s with 400 and a Chinese sentence, writing nothing', async (_name, over) => {
    const before = station.db.prepare('SELECT count(*) AS n FROM play_log').get();
    const { status, json } = await rpc('recordPlay', play(over));
    expect(status).toBe(400);
    expect(json.ok).toBe(false);
    expect(json.error.code).toBe('BAD_REQUEST');
    expect(json.error.message).toMatch(/请求参数有误/);
    expect(station.db.prepare('SELECT count(*) AS n FROM play_log').get()).toEqual(before);
  });

  it('refuses more media time than wall time, files outside the course, and unknown courses', async () => {
    const tooMuch = await rpc('recordPlay', play({ elapsedMs: 5_000, watched: [[0, 24]] }));
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.error.message).toContain('不可能');

    for (const p of ['../../etc/passwd', 'demo/../../station.db', 'demo/missing.mp4']) {
      const escaped = await rpc('recordPlay', play({ path: p }));
      expect(escaped.status).toBe(404);
      expect(escaped.json.error.code).toBe('NOT_FOUND');
    }
    const unknown = await rpc('recordPlay', play({ courseId: 'other' }));
    expect(unknown.status).toBe(404);
    const noSession = await rpc('recordPlay', play({ sessionId: 9999 }));
    expect(noSession.status).toBe(404);
  });

  it('hands out a course’s subtitles, and nothing else, as text', async () => {
    const ok = await rpc('getSubtitles', { courseId: 'demo', path: 'demo/intro.zh.vtt' });
    expect(ok.status).toBe(200);
    expect(ok.json.value).toBe(fs.readFileSync(contentFile('demo/intro.zh.vtt'), 'utf8'));
    expect(ok.json.value).toMatch(/^WEBVTT/);
    for (const p of ['demo/intro.mp4', '../station.db', 'demo/../../station.db', 'demo/x.vtt']) {
      const refused = await rpc('getSubtitles', { courseId: 'demo', path: p });
      expect(refused.status).toBe(404);
      expect(refused.json.error.message).toContain('字幕');
    }
    expect((await rpc('getSubtitles', { courseId: 'demo' })).status).toBe(400);
  });

  it('records a make-up study for a member, and its plays carry the make-up id', async () => {
    const unlock = await rpc('unlock', { role: 'organizer', pin: '1234' });
    const grant = unlock.json.value.grant as string;
    const noGrant = await rpc('startMakeup', {
      grant: 'x'.repeat(20),
      memberId: 1,
      courseId: 'demo',
    });
    expect(noGrant.status).toBe(401);

    const member = station.db.prepare('SELECT id, name FROM members ORDER BY id LIMIT 1').get() as {
      id: number;
      name: string;
    };
    clock.advance(60_000);
    const started = await rpc('startMakeup', { grant, memberId: member.id, courseId: 'demo' });
    expect(started.status).toBe(200);
    const makeupId = started.json.value.makeupId as number;
    expect(started.json.value.memberName).toBe(member.name);

    const queue = await rpc('getPlayerQueue', { makeupId });
    expect(queue.json.value.makeup).toEqual({ id: makeupId, memberName: member.name });
    expect(queue.json.value.session).toBeNull();
    expect(queue.json.value.items).toHaveLength(2);

    clock.advance(30_000);
    const logged = await rpc('recordPlay', play({ makeupId }));
    expect(logRow(logged.json.value.playId)).toMatchObject({
      makeup_id: makeupId,
      session_id: null,
    });
    expect(
      station.db.prepare('SELECT * FROM makeup_studies WHERE id = ?').get(makeupId),
    ).toMatchObject({
      member_id: member.id,
      course_id: 'demo',
      for_session_id: null,
      started_at: '2026-11-26T02:01:00.000Z',
      ended_at: '2026-11-26T02:01:30.000Z',
      recorded_by: 'organizer',
    });

    // The sessions this member missed: ended ones without their check-in, latest first.
    const insertSession = (title: string, start: string, end: string | null) =>
      Number(
        station.db
          .prepare(
            `INSERT INTO study_sessions (kind, title, started_at, ended_at, started_by, created_at)
             VALUES ('collective', ?, ?, ?, 'organizer', ?)`,
          )
          .run(title, start, end, start).lastInsertRowid,
      );
    const october = insertSession('十月集中学习', '2026-10-10T01:00:00Z', '2026-10-10T03:00:00Z');
    const attended = insertSession('九月集中学习', '2026-09-12T01:00:00Z', '2026-09-12T03:00:00Z');
    insertSession('去年的学习', '2025-09-01T01:00:00Z', '2025-09-01T03:00:00Z');
    station.db
      .prepare(
        `INSERT INTO attendance_records (session_id, member_id, kind, at, recorded_by, recorded_at)
         VALUES (?, ?, 'check-in', ?, 'organizer', ?)`,
      )
      .run(attended, member.id, '2026-09-12T01:00:00Z', '2026-09-12T01:00:00Z');
    const missed = await rpc('listMissedSessions', { grant, memberId: member.id });
    expect(missed.status).toBe(200);
    expect(missed.json.value.timeZone).toBe('Asia/Shanghai');
    const titles = missed.json.value.sessions.map((m: { title: string }) => m.title);
    // Latest first (November's session of the test above ended too); the attended one and one
    // more than a year ago are left out.
    expect(titles).toEqual(['十一月集中学习', '十月集中学习']);
    expect(missed.json.value.sessions[1].startedAt).toBe('2026-10-10T09:00:00+08:00');

    const forOctober = await rpc('startMakeup', {
      grant,
      memberId: member.id,
      courseId: 'demo',
      forSessionId: october,
    });
    expect(
      station.db
        .prepare('SELECT for_session_id AS s FROM makeup_studies WHERE id = ?')
        .get(forOctober.json.value.makeupId),
    ).toEqual({ s: october });
    expect((await rpc('listMissedSessions', { grant: 'y'.repeat(20), memberId: 1 })).status).toBe(
      401,
    );

    const missingMember = await rpc('startMakeup', { grant, memberId: 99999, courseId: 'demo' });
    expect(missingMember.status).toBe(404);
    const missingCourse = await rpc('startMakeup', { grant, memberId: member.id, courseId: 'x' });
    expect(missingCourse.status).toBe(404);
  });
});

describe('proof of play survives the station being killed', () => {
  it('keeps every acknowledged stretch when `station serve` is killed with SIGKILL', async () => {
    const dir = makeTempDir();
    try {
      expect(stationCli(['init', '--demo', '--data', dir.dir]).code).toBe(0);
      const server = await serve(['--data', dir.dir, '--port', '0']);
      const call = async (method: string, body: unknown) => {
        const res = await fetch(`http://127.0.0.1:${server.port}/rpc/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-station-token': server.token },
          body: JSON.stringify(body),
        });
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        return (await res.json()) as Record<string, any>;
      };
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) {
        const answer = await call('recordPlay', play({ watched: [[i * 4, i * 4 + 4]] }));
        expect(answer.ok).toBe(true);
        ids.push(answer.value.playId as number);
      }
      // No clean shutdown, no checkpoint: what was acknowledged must already be committed (each
      // call is its own transaction; synchronous=FULL then carries it through a power cut too).
      await server.stop('SIGKILL');
      const db = new Database(path.join(dir.dir, 'station.db'), { readonly: true });
      try {
        const rows = db.prepare('SELECT id, file_sha256 AS sha FROM play_log ORDER BY id').all();
        expect(rows).toEqual(
          ids.map((id) => ({
            id,
            sha: sha256File(path.join(ROOT, 'resources', 'demo-course', 'intro.mp4')),
          })),
        );
      } finally {
        db.close();
      }
    } finally {
      dir.cleanup();
    }
  });
});
