// Check-in speed with a 10,000-member roster (issue 4, "Speed"):
// - a check-in through the station's API entry point (dispatch: schema validation, grant, member
//   lookup, the refusal checks, the durable insert and the counts the kiosk shows) beside a bare
//   better-sqlite3 insert into a WAL database with synchronous=FULL, alternating one of each so
//   both see the same disk in the same run; goal p99 ≤ 2×;
// - search as you type: every prefix of pinyin queries over the same 10,000 names, each a full
//   searchMembers call on a warm index; goal p99 < 16 ms (one frame).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../lib/run.mjs';

const ROSTER = 10_000;
const CHECKINS = 1_500;
const WARM_UP = 20;
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'建国明华秀英玉兰志强德春海军丽芳伟红金山文平桂香凤永利继小光辉立新庆福来长贵淑勇涛斌燕梅',
];
const QUERIES = ['zhangguoqing', 'zgq', 'lixiuying', 'lxy', 'wjj', 'chenzhiqiang', 'hgx', 'ouyang'];

const build = (...p) => path.join(repoRoot, 'build', ...p);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function rosterNames() {
  const names = [];
  for (let i = 0; names.length < ROSTER; i++) {
    const s = SURNAMES[i % SURNAMES.length];
    const a = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
    const b = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length];
    // A third of village names have two characters.
    names.push(i % 3 === 0 ? s + a : s + a + b);
  }
  return names;
}

async function call(station, dispatch, method, input) {
  const { body } = await dispatch(station, method, input);
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value;
}

export const checkin = {
  id: 'checkin',
  note: () =>
    `check-in: ${CHECKINS} check-ins into one session with a ${ROSTER.toLocaleString('en')}-member ` +
    'roster, each through the API entry point both transports call (validation, grant, lookup, ' +
    'refusal checks, the synchronous=FULL insert, the counts shown on screen), alternating with ' +
    'a bare better-sqlite3 INSERT into a WAL, synchronous=FULL database in the same directory; ' +
    'p99 of each. Search: every prefix of ' +
    `${QUERIES.length} pinyin queries (${QUERIES.join(', ')}) as searchMembers calls over the ` +
    'same roster with a warm index; p99 per keystroke. Building the index for a changed roster ' +
    'is a one-off (printed, not a goal).',
  async run({ runs }) {
    const { openStation } = await import(build('station', 'service.js'));
    const { dispatch } = await import(build('station', 'api', 'dispatch.js'));
    const { insertMember } = await import(build('station', 'members', 'repository.js'));
    const { setPin } = await import(build('station', 'auth', 'pins.js'));

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-bench-checkin-'));
    const station = await openStation({ dataDir: path.join(dir, 'data') });
    const bare = new Database(path.join(dir, 'bare.db'));
    try {
      bare.pragma('journal_mode = WAL');
      bare.pragma('synchronous = FULL');
      bare.exec(
        'CREATE TABLE records (id INTEGER PRIMARY KEY, session_id INTEGER, member_id INTEGER, at TEXT) STRICT',
      );
      const bareInsert = bare.prepare(
        'INSERT INTO records (session_id, member_id, at) VALUES (?, ?, ?)',
      );

      const now = new Date();
      const names = rosterNames();
      station.db.transaction(() => {
        setPin(station.db, 'organizer', '1234', now);
        names.forEach((name, i) =>
          insertMember(
            station.db,
            {
              name,
              gender: null,
              birthDate: null,
              joinedOn: null,
              status: 'full',
              role: 'member',
              roleTitle: null,
              phone: null,
              isMobile: false,
              worksIn: null,
              cardCode: `C${String(i).padStart(6, '0')}`,
            },
            now,
          ),
        );
      })();
      const { grant } = await call(station, dispatch, 'unlock', { role: 'organizer', pin: '1234' });

      // The first search builds the index for this roster version: a one-off, shown for scale.
      const t0 = performance.now();
      await call(station, dispatch, 'searchMembers', { grant, query: 'z' });
      const buildMs = performance.now() - t0;
      process.stdout.write(
        `checkin: search index for ${ROSTER} names built in ${buildMs.toFixed(0)} ms\n`,
      );

      const checkinMs = [];
      const bareMs = [];
      const session = await call(station, dispatch, 'startCheckinSession', {
        grant,
        kind: 'collective',
        title: 'bench',
      });
      const picked = station.db
        .prepare('SELECT id FROM members ORDER BY random() LIMIT ?')
        .all(CHECKINS + WARM_UP)
        .map((r) => r.id);
      const ids = picked.slice(WARM_UP);
      // Warm-up outside the measurement: the first statements compile. Both sides get it: the
      // bare insert always did, and without it the station's first check-in (statements
      // prepared, code not yet optimised: several times a warm one) counted against it alone.
      // The station's warm-up goes into a session of its own, so the measured one starts empty.
      for (let i = 0; i < WARM_UP; i++) bareInsert.run(0, i, new Date().toISOString());
      const warmUp = await call(station, dispatch, 'startCheckinSession', {
        grant,
        kind: 'collective',
        title: 'warm-up',
      });
      for (let i = 0; i < WARM_UP; i++) {
        await call(station, dispatch, 'checkinMember', {
          grant,
          sessionId: warmUp.id,
          ...(i % 2
            ? { memberId: picked[i] }
            : { code: `C${String(picked[i] - 1).padStart(6, '0')}` }),
        });
      }
      for (let i = 0; i < ids.length; i++) {
        const a = performance.now();
        bareInsert.run(1, ids[i], new Date().toISOString());
        bareMs.push(performance.now() - a);
        const b = performance.now();
        await call(station, dispatch, 'checkinMember', {
          grant,
          sessionId: session.id,
          ...(i % 2 ? { memberId: ids[i] } : { code: `C${String(ids[i] - 1).padStart(6, '0')}` }),
        });
        checkinMs.push(performance.now() - b);
      }

      const searchMs = [];
      // CPU time beside wall time: on a shared machine the wall clock also counts the time the
      // process waited for a core, which the kiosk (alone on its box) does not.
      const searchCpuMs = [];
      for (let round = 0; round < Math.max(1, runs); round++) {
        for (const q of QUERIES) {
          for (let n = 1; n <= q.length; n++) {
            const cpu = process.cpuUsage();
            const a = performance.now();
            await call(station, dispatch, 'searchMembers', { grant, query: q.slice(0, n) });
            searchMs.push(performance.now() - a);
            const used = process.cpuUsage(cpu);
            searchCpuMs.push((used.user + used.system) / 1000);
          }
        }
      }
      process.stdout.write(
        `checkin: check-in p50 ${percentile(checkinMs, 50).toFixed(2)} ms, p99 ${percentile(checkinMs, 99).toFixed(2)} ms; ` +
          `bare insert p50 ${percentile(bareMs, 50).toFixed(2)} ms, p99 ${percentile(bareMs, 99).toFixed(2)} ms; ` +
          `search p50 ${percentile(searchMs, 50).toFixed(2)} ms, max ${Math.max(...searchMs).toFixed(2)} ms, ` +
          `CPU time p99 ${percentile(searchCpuMs, 99).toFixed(2)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores\n`,
      );
      return [
        {
          name: `check-in p99, ${ROSTER.toLocaleString('en')}-member roster`,
          figure: percentile(checkinMs, 99),
          reference: percentile(bareMs, 99),
          referenceLabel: 'bare better-sqlite3 insert, WAL + synchronous=FULL',
          unit: 'ms',
          goal: { maxRatio: 2 },
        },
        {
          name: `search per keystroke p99, ${ROSTER.toLocaleString('en')} names`,
          figure: percentile(searchMs, 99),
          reference: null,
          unit: 'ms',
          goal: { max: 16 },
        },
      ];
    } finally {
      bare.close();
      await station.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
