// Resident memory of `station serve`, after start and after 200 RPC calls, beside a bare Node HTTP
// server (the floor any Node service pays) measured the same way in the same run.
import fs from 'node:fs';
import { demoDataDir, rssMegabytes, startReadyProcess, startStation } from './station.mjs';

const CALLS = 200;
const SETTLE_MS = 1_000;

// The reference: node:http answering JSON on loopback, nothing else loaded.
const BARE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, value: { now: new Date().toISOString() } }));
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log('ready http://127.0.0.1:' + server.address().port + '/?token=bare');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The kiosk's everyday calls, alternated: the home screen and the course list. */
async function rpcCalls(server) {
  const methods = ['getHome', 'listCourses'];
  for (let i = 0; i < CALLS; i++) {
    const res = await fetch(`${server.origin}/rpc/${methods[i % methods.length]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-station-token': server.token },
      body: '{}',
    });
    const body = await res.json();
    if (!body.ok) throw new Error(`RPC ${methods[i % 2]} failed: ${JSON.stringify(body)}`);
  }
}

async function measure(server) {
  await sleep(SETTLE_MS);
  const afterStart = rssMegabytes(server.child.pid);
  await rpcCalls(server);
  await sleep(SETTLE_MS);
  const afterCalls = rssMegabytes(server.child.pid);
  return { afterStart, afterCalls };
}

export const serviceMemory = {
  id: 'memory',
  note: () =>
    `station service resident memory: VmRSS of the \`station serve\` process from /proc/<pid>/status ` +
    `${SETTLE_MS / 1000} s after \`ready\`, and again after ${CALLS} RPC calls (getHome and ` +
    'listCourses alternating); the reference is a bare node:http server answering the same ' +
    'number of requests.',
  async run() {
    if (!fs.existsSync('/proc/self/status')) {
      process.stdout.write('memory: skipped (needs /proc)\n');
      return [];
    }
    const data = demoDataDir();
    const station = await startStation(data.dir);
    const bare = await startReadyProcess(['-e', BARE_SERVER], 'bare node:http server');
    try {
      const ours = await measure(station);
      const ref = await measure(bare);
      const goal = { max: 120 };
      const referenceLabel = 'bare node:http';
      return [
        {
          name: 'station service RSS after start',
          figure: ours.afterStart,
          reference: ref.afterStart,
          referenceLabel,
          unit: 'MB',
          goal,
        },
        {
          name: `station service RSS after ${CALLS} RPC calls`,
          figure: ours.afterCalls,
          reference: ref.afterCalls,
          referenceLabel,
          unit: 'MB',
          goal,
        },
      ];
    } finally {
      await Promise.all([station.stop(), bare.stop()]);
      data.cleanup();
    }
  },
};
