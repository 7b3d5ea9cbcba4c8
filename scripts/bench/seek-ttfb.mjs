// Time to first byte after a seek: the player jumps (±30 s, or anywhere on the progress bar) and
// the browser asks the station for a byte range far into the file. With Range served from an
// offset, that answer must not depend on the file's size: a 2 GB course against a 100 MB one.
import fs from 'node:fs';
import path from 'node:path';
import { median } from './report.mjs';
import { demoDataDir, startStation } from './station.mjs';

const MB = 1024 * 1024;
const FILES = [
  { name: 'small.mp4', size: 100 * MB },
  { name: 'large.mp4', size: 2048 * MB },
];
const SEEKS_PER_RUN = 40;
/** What a player asks for after a seek: an open-ended range; we read only the first chunk. */
const rangeFrom = (offset) => `bytes=${offset}-`;

/** Deterministic offsets spread over the whole file (a fixed LCG, so runs are comparable). */
function offsets(size, count, seed) {
  const out = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(Math.floor((x / 2147483648) * (size - MB)));
  }
  return out;
}

async function timeToFirstByte(server, file, offset) {
  const started = process.hrtime.bigint();
  const res = await fetch(`${server.origin}/media/seek/${file}?token=${server.token}`, {
    headers: { range: rangeFrom(offset) },
  });
  if (res.status !== 206) throw new Error(`expected 206 for ${file}@${offset}, got ${res.status}`);
  const reader = res.body.getReader();
  const first = await reader.read();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await reader.cancel();
  if (first.done || first.value.length === 0) throw new Error(`no bytes for ${file}@${offset}`);
  return ms;
}

export const seekTtfb = {
  id: 'seek',
  note: ({ runs }) =>
    `seek time to first byte: \`station serve\` answering \`Range: bytes=N-\` at ${SEEKS_PER_RUN} ` +
    `spread offsets per run (${runs} runs, after one warm-up run), a 2 GB course file against a ` +
    '100 MB one, requests alternating between the two; the files are sparse, so the figure is ' +
    'the service and the page cache, not the disk. Median milliseconds to the first body chunk.',
  async run({ runs }) {
    const data = demoDataDir();
    const dir = path.join(data.dir, 'content', 'seek');
    fs.mkdirSync(dir, { recursive: true });
    for (const f of FILES) {
      const fd = fs.openSync(path.join(dir, f.name), 'w');
      fs.ftruncateSync(fd, f.size);
      fs.closeSync(fd);
    }
    const server = await startStation(data.dir);
    const samples = { small: [], large: [] };
    try {
      for (let run = 0; run <= runs; run++) {
        const small = offsets(FILES[0].size, SEEKS_PER_RUN, run + 1);
        const large = offsets(FILES[1].size, SEEKS_PER_RUN, run + 1);
        for (let i = 0; i < SEEKS_PER_RUN; i++) {
          const a = await timeToFirstByte(server, FILES[0].name, small[i]);
          const b = await timeToFirstByte(server, FILES[1].name, large[i]);
          if (run === 0) continue; // warm-up
          samples.small.push(a);
          samples.large.push(b);
        }
      }
    } finally {
      await server.stop();
      data.cleanup();
    }
    return [
      {
        name: 'time to first byte after a seek, 2 GB file',
        figure: median(samples.large),
        reference: median(samples.small),
        referenceLabel: 'same, 100 MB file',
        unit: 'ms',
        goal: { maxRatio: 1.2 },
      },
    ];
  },
};
