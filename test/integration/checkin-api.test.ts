import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { ROOT, serve, station as stationCli } from '../helpers/station-process.js';
import { fixedClock } from '../../station/clock.js';
import { openStation, type Station } from '../../station/service.js';
import { startLoopbackServer, type LoopbackServer } from '../../station/http/server.js';

// A real station on a real SQLite file behind a real HTTP server on 127.0.0.1, its clock fixed
// so lateness and hours are exact.
let tmp: ReturnType<typeof makeTempDir>;
let station: Station;
let server: LoopbackServer;
let clock: ReturnType<typeof fixedClock>;
let grant: string;

// The tests read deep into answers of many shapes; the assertions are the type check here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

async function rpc(method: string, body: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-station-token': server.token },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

async function ok(method: string, body: unknown): Promise<Json> {
  const r = await rpc(method, body);
  if (!r.json.ok) throw new Error(`${method}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.value as Json;
}

/** Id of the demo member with this name. */
function idOf(name: string): number {
  return (station.db.prepare('SELECT id FROM members WHERE name = ?').get(name) as { id: number })
    .id;
}

beforeEach(async () => {
  tmp = makeTempDir();
  clock = fixedClock('2026-11-26T01:00:00Z'); // 09:00 in Asia/Shanghai
  station = await openStation({ dataDir: path.join(tmp.dir, 'data'), clock, demo: true });
  server = await startLoopbackServer(station, { port: 0, uiDir: tmp.dir });
  grant = (await ok('unlock', { role: 'organizer', pin: '1234' })).grant as string;
});
afterEach(async () => {
  await server.close();
  await station.close();
  tmp.cleanup();
});

describe('running a session through the StationApi over HTTP', () => {
  it('starts, checks in by id and by card, marks late arrivals, and counts', async () => {
    const started = await ok('startCheckinSession', {
      grant,
      kind: 'collective',
      title: '11月集中学习',
    });
    expect(started).toMatchObject({
      kind: 'collective',
      title: '11月集中学习',
      startedAt: '2026-11-26T09:00:00+08:00',
      endedAt: null,
      startedBy: 'kiosk:organizer',
      lateAfter: '2026-11-26T09:10:00+08:00',
      counts: { roster: 30, present: 0, absent: 30 },
    });
    expect(await ok('getCheckinSession', { grant })).toMatchObject({ id: started.id });

    clock.advance(5 * 60_000);
    const first = await ok('checkinMember', {
      grant,
      sessionId: started.id,
      memberId: idOf('张国庆'),
    });
    expect(first).toMatchObject({
      member: { name: '张国庆', role: 'secretary', roleTitle: '党支部书记' },
      at: '2026-11-26T09:05:00+08:00',
      late: false,
      counts: { present: 1, late: 0, absent: 29 },
    });

    clock.advance(10 * 60_000); // 09:15, after the 10-minute grace
    const byCard = await ok('checkinMember', { grant, sessionId: started.id, code: 'XY0002' });
    expect(byCard).toMatchObject({ member: { name: '李秀英' }, late: true });
    expect(byCard.counts).toMatchObject({ present: 2, late: 1, absent: 28 });

    const view = await ok('getCheckinSession', { grant, sessionId: started.id });
    expect(view.attendees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '张国庆', status: 'present', late: false }),
        expect.objectContaining({ name: '李秀英', status: 'present', late: true }),
      ]),
    );
    // On disk, named as the kiosk's organizer.
    const rows = station.db
      .prepare('SELECT recorded_by AS by FROM attendance_records WHERE session_id = ?')
      .all(started.id);
    expect(rows).toEqual([{ by: 'kiosk:organizer' }, { by: 'kiosk:organizer' }]);
  });

  it('refuses twice, after the end, unknown sessions, members and cards with zh-CN sentences', async () => {
    const s = await ok('startCheckinSession', { grant, kind: 'meeting', title: '支委会' });
    const zhang = idOf('张国庆');
    await ok('checkinMember', { grant, sessionId: s.id, memberId: zhang });

    const twice = await rpc('checkinMember', { grant, sessionId: s.id, memberId: zhang });
    expect(twice.status).toBe(409);
    expect(twice.json.error.message).toBe('张国庆 已经在 09:00 签到过了，不用再签');

    const noSession = await rpc('checkinMember', { grant, sessionId: 999, memberId: zhang });
    expect(noSession.status).toBe(404);
    expect(noSession.json.error.message).toBe('没有编号为 999 的学习活动');

    const noMember = await rpc('checkinMember', { grant, sessionId: s.id, memberId: 4242 });
    expect(noMember.status).toBe(404);
    expect(noMember.json.error.message).toContain('找不到党员“4242”');

    const noCard = await rpc('checkinMember', { grant, sessionId: s.id, code: 'NOPE-1' });
    expect(noCard.status).toBe(404);
    expect(noCard.json.error.message).toContain('卡号“NOPE-1”不是本支部党员的卡');

    clock.advance(60 * 60_000);
    // The grant has lapsed by now (pin.grantMinutes is 30); the PIN typed to end stands in for it.
    expect((await rpc('getCheckinSession', { grant })).status).toBe(401);
    await ok('endCheckinSession', { grant, sessionId: s.id, pin: '1234' });
    grant = (await ok('unlock', { role: 'organizer', pin: '1234' })).grant as string;
    const after = await rpc('checkinMember', { grant, sessionId: s.id, memberId: idOf('王建军') });
    expect(after.status).toBe(409);
    expect(after.json.error.message).toBe('“支委会”已在 10:00 结束，不能再签到');
    const endAgain = await rpc('endCheckinSession', { grant, sessionId: s.id, pin: '1234' });
    expect(endAgain.json.error.message).toBe('学习活动“支委会”已经结束');

    // Nothing was written by the refusals: one check-in, nothing else.
    const count = station.db
      .prepare('SELECT count(*) AS n FROM attendance_records WHERE session_id = ?')
      .get(s.id);
    expect(count).toEqual({ n: 1 });
  });

  it('check-out, absence and end need the PIN again, are recorded as PIN-confirmed, and credit hours', async () => {
    const s = await ok('startCheckinSession', { grant, kind: 'party-lecture', title: '党课' });
    const [zhang, li, wang] = [idOf('张国庆'), idOf('李秀英'), idOf('王建军')];
    await ok('checkinMember', { grant, sessionId: s.id, memberId: zhang });
    await ok('checkinMember', { grant, sessionId: s.id, memberId: li });

    clock.advance(50 * 60_000);
    const wrong = await rpc('checkoutMember', {
      grant,
      sessionId: s.id,
      memberId: li,
      pin: '0000',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.message).toContain('密码错误');
    const left = await ok('checkoutMember', { grant, sessionId: s.id, memberId: li, pin: '1234' });
    expect(left.attendees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: '李秀英',
          status: 'left',
          checkedOutAt: '2026-11-26T09:50:00+08:00',
          recordedBy: 'kiosk:organizer+pin',
        }),
      ]),
    );

    const noReason = await rpc('excuseMember', {
      grant,
      sessionId: s.id,
      memberId: wang,
      reason: ' ',
      pin: '1234',
    });
    expect(noReason.status).toBe(400);
    const excused = await ok('excuseMember', {
      grant,
      sessionId: s.id,
      memberId: wang,
      reason: '外出务工',
      pin: '1234',
    });
    expect(excused.counts).toMatchObject({ present: 1, left: 1, excused: 1, absent: 27 });

    clock.advance(40 * 60_000); // 10:30
    const ended = await ok('endCheckinSession', { grant, sessionId: s.id, pin: '1234' });
    expect(ended).toMatchObject({
      endedAt: '2026-11-26T10:30:00+08:00',
      endedBy: 'kiosk:organizer+pin',
    });
    grant = (await ok('unlock', { role: 'organizer', pin: '1234' })).grant as string;
    expect(await ok('getCheckinSession', { grant })).toBeNull();

    // The county's figure, from the CLI as a separate process reading the same file.
    const r = stationCli([
      'report',
      'hours',
      '--year',
      '2026',
      '--json',
      '--data',
      station.dataDir,
    ]);
    expect(r.code).toBe(0);
    const hours = new Map(
      (JSON.parse(r.stdout) as { members: { name: string; hours: number }[] }).members.map((m) => [
        m.name,
        m.hours,
      ]),
    );
    expect(hours.get('张国庆')).toBe(2); // 90 min / 45 = 2
    expect(hours.get('李秀英')).toBe(1); // 50 min → 1.1 → 1
    expect(hours.get('王建军')).toBe(0);
  });

  it('searches the roster by pinyin initials, full pinyin and characters', async () => {
    const names = async (query: string) =>
      ((await ok('searchMembers', { grant, query })).members as { name: string }[]).map(
        (m) => m.name,
      );
    expect(await names('zgq')).toEqual(['张国庆']);
    expect(await names('zhangguoqing')).toEqual(['张国庆']);
    expect(await names('秀英')).toEqual(['李秀英']);
    const all = await ok('searchMembers', { grant, query: '', limit: 5 });
    expect(all).toMatchObject({ total: 30, rosterSize: 30 });
    expect(all.members).toHaveLength(5);
    // A roster change made by another process is seen on the next keystroke.
    station.db
      .prepare("UPDATE members SET name = '张国清', updated_at = ? WHERE name = '张国庆'")
      .run('2026-11-26T01:00:00.001Z');
    expect(await names('zgq')).toEqual(['张国清']);
  });

  it('minutes and photos attach to the session; photos are files under DATA/photos/<session>/', async () => {
    const s = await ok('startCheckinSession', { grant, kind: 'meeting', title: '党员大会' });
    await ok('saveSessionMinutes', { grant, sessionId: s.id, text: '一、学习文件\n二、讨论' });
    const v = await ok('saveSessionMinutes', { grant, sessionId: s.id, text: '一、学习文件' });
    expect(v).toMatchObject({
      minutes: '一、学习文件',
      minutesSavedAt: '2026-11-26T09:00:00+08:00',
    });
    expect(
      station.db
        .prepare('SELECT count(*) AS n FROM session_minutes WHERE session_id = ?')
        .get(s.id),
    ).toEqual({ n: 2 });

    // The smallest valid PNG: 1×1 pixel.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const photo = await ok('addSessionPhoto', {
      grant,
      sessionId: s.id,
      mime: 'image/png',
      source: 'file',
      dataBase64: png.toString('base64'),
    });
    const dir = path.join(station.dataDir, 'photos', String(s.id));
    expect(fs.readdirSync(dir)).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]!))).toEqual(png);
    const back = await ok('getSessionPhoto', { grant, photoId: photo.id });
    expect(Buffer.from(back.dataBase64 as string, 'base64')).toEqual(png);

    const notImage = await rpc('addSessionPhoto', {
      grant,
      sessionId: s.id,
      mime: 'image/jpeg',
      source: 'camera',
      dataBase64: Buffer.from('not a photo at all').toString('base64'),
    });
    expect(notImage.status).toBe(400);
    expect(notImage.json.error.message).toContain('不是照片文件');
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });

  it('every method refuses without the organizer grant', async () => {
    const tech = (await ok('unlock', { role: 'technician', pin: '5678' })).grant as string;
    for (const g of ['x'.repeat(20), tech]) {
      const r = await rpc('startCheckinSession', { grant: g, kind: 'collective', title: 't' });
      expect(r.status).toBe(401);
      expect((await rpc('searchMembers', { grant: g, query: 'z' })).status).toBe(401);
    }
  });
});

describe('the roster on the kiosk', () => {
  const fixture = (name: string) =>
    fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rosters', name)).toString('base64');

  it('adds and edits a member by the import rules, and refuses bad fields with a sentence', async () => {
    const form = {
      grant,
      name: ' 新 党员 ',
      gender: 'female',
      birthDate: '1990年5月4日',
      joinedOn: '2026/7/1',
      status: 'probationary',
      roleTitle: '组织委员',
      phone: null,
      isMobile: true,
      worksIn: '长沙',
      cardCode: 'XY9001',
    };
    const added = await ok('saveMember', form);
    expect(added).toMatchObject({
      name: '新党员',
      birthDate: '1990-05-04',
      joinedOn: '2026-07-01',
      role: 'committee',
      state: 'active',
      worksIn: '长沙',
    });
    // The check-in search sees the new member at once.
    const found = await ok('searchMembers', { grant, query: 'xdy' });
    expect(found.members.map((m: { name: string }) => m.name)).toEqual(['新党员']);

    const edited = await ok('saveMember', { ...form, id: added.id, roleTitle: '党员' });
    expect(edited).toMatchObject({ id: added.id, role: 'member', roleTitle: null });

    const bad = async (change: Record<string, unknown>) =>
      (await rpc('saveMember', { ...form, ...change })).json.error.message as string;
    expect(await bad({ name: '  ' })).toBe('请填写姓名');
    expect(await bad({ roleTitle: '村长' })).toContain('职务“村长”无法识别');
    expect(await bad({ birthDate: '1990-02-30' })).toContain('日期“1990-02-30”无效');
    expect(await bad({ cardCode: 'XY0001' })).toBe('卡号 XY0001 已是 张国庆 的卡号，不能重复');
  });

  it('marks a member as left with the PIN: off the check-in roster, history kept', async () => {
    const s = await ok('startCheckinSession', { grant, kind: 'collective', title: 't' });
    const zhang = idOf('张国庆');
    await ok('checkinMember', { grant, sessionId: s.id, memberId: zhang });
    const wrong = await rpc('setMemberState', {
      grant,
      memberId: zhang,
      state: 'left',
      pin: '9999',
    });
    expect(wrong.status).toBe(403);
    const left = await ok('setMemberState', {
      grant,
      memberId: zhang,
      state: 'transferred',
      pin: '1234',
    });
    expect(left).toMatchObject({ name: '张国庆', state: 'transferred' });
    expect((await ok('searchMembers', { grant, query: 'zgq' })).members).toEqual([]);
    const refused = await rpc('checkinMember', {
      grant,
      sessionId: s.id,
      memberId: idOf('李秀英'),
    });
    expect(refused.json.ok).toBe(true);
    const later = await ok('startCheckinSession', { grant, kind: 'collective', title: 't2' });
    const gone = await rpc('checkinMember', { grant, sessionId: later.id, memberId: zhang });
    expect(gone.status).toBe(409);
    // The earlier check-in is still there.
    const view = await ok('getCheckinSession', { grant, sessionId: s.id });
    expect(view.attendees.map((a: { name: string }) => a.name)).toContain('张国庆');
  });

  it('imports a roster file: a preview lists problems by row, a bad roster writes nothing', async () => {
    const before = (await ok('listRoster', { grant })).length;
    const badPreview = await ok('importRoster', {
      grant,
      dataBase64: fixture('roster-bad.csv'),
      dryRun: false,
    });
    expect(badPreview.applied).toBe(false);
    expect(badPreview.problems.length).toBeGreaterThan(0);
    expect(badPreview.problems[0]).toMatch(/^第 \d+ 行（.+）：/);
    expect((await ok('listRoster', { grant })).length).toBe(before);

    // A GBK CSV as Excel on Chinese Windows saves it: two new members, one update (张国庆's phone).
    const csv = iconv
      .encode(
        '姓名,性别,出生日期,职务,卡号,联系电话\r\n赵新一,男,1980-01-02,党员,NEW001,\r\n' +
          '钱新二,女,1985/3/4,组织委员,NEW002,\r\n张国庆,男,,党支部书记,XY0001,13800000000\r\n',
        'gbk',
      )
      .toString('base64');
    const preview = await ok('importRoster', { grant, dataBase64: csv, dryRun: true });
    expect(preview).toMatchObject({ applied: false, created: 2, updated: 1, problems: [] });
    expect((await ok('listRoster', { grant })).length).toBe(before);
    const done = await ok('importRoster', { grant, dataBase64: csv, dryRun: false });
    expect(done).toMatchObject({ applied: true, created: 2, updated: 1 });
    expect((await ok('listRoster', { grant })).length).toBe(before + 2);
    expect((await ok('searchMembers', { grant, query: 'qxe' })).members).toMatchObject([
      { name: '钱新二', role: 'committee' },
    ]);

    const notRoster = await rpc('importRoster', {
      grant,
      dataBase64: fixture('photo.jpg'),
      dryRun: true,
    });
    expect(notRoster.json.ok).toBe(false);
    expect(notRoster.json.error.message).toContain('不是名单表格');
  });
});

describe('station serve killed with SIGKILL during check-ins', () => {
  let data: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    data = makeTempDir('station-kill-');
    const init = stationCli(['init', '--demo', '--data', data.dir]);
    expect(init.code).toBe(0);
  });
  afterAll(() => data.cleanup());

  it('loses no acknowledged check-in and leaves the database intact', async () => {
    const server = await serve(['--data', data.dir, '--port', '0']);
    const origin = new URL(server.url).origin;
    const call = async (method: string, body: unknown) => {
      const res = await fetch(`${origin}/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-station-token': server.token },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Json;
    };
    const g = ((await call('unlock', { role: 'organizer', pin: '1234' })).value as Json)
      .grant as string;
    const session = (
      await call('startCheckinSession', { grant: g, kind: 'collective', title: 'kill' })
    ).value as Json;
    const members = (
      (await call('searchMembers', { grant: g, query: '', limit: 100 })).value as Json
    ).members as { id: number }[];

    // Four check-ins in flight at a time; the process is killed after the tenth answer, with
    // more requests still on the wire. Every answered one must be on disk.
    const acknowledged: number[] = [];
    let killed = false;
    const queue = [...members];
    const worker = async () => {
      for (let m = queue.shift(); m && !killed; m = queue.shift()) {
        try {
          const r = await call('checkinMember', {
            grant: g,
            sessionId: session.id,
            memberId: m.id,
          });
          if (r.ok) acknowledged.push(m.id);
          if (acknowledged.length >= 10 && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        } catch {
          // The connection died with the process: not acknowledged.
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    if (server.child.exitCode === null && server.child.signalCode === null) {
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);

    const db = new Database(path.join(data.dir, 'station.db'), { readonly: true });
    const stored = (
      db
        .prepare(
          "SELECT member_id AS m FROM attendance_records WHERE session_id = ? AND kind = 'check-in'",
        )
        .all(session.id) as { m: number }[]
    ).map((r) => r.m);
    db.close();
    for (const m of acknowledged) expect(stored).toContain(m);
    expect(new Set(stored).size).toBe(stored.length);
    expect(
      JSON.parse(stationCli(['db', 'check', '--json', '--data', data.dir]).stdout),
    ).toMatchObject({ integrity: 'ok' });
  });
});
