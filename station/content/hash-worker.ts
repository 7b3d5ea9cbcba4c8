import { Worker } from 'node:worker_threads';

/**
 * SHA-256 on a worker thread, fed blocks that live in shared memory. A course download used to
 * hash every byte on the main thread, between socket reads: on a GB file that is most of a
 * second (SHA-NI, ~1.8 GB/s) during which nothing is read from the network. Here the main thread
 * only reads into blocks and hands them on; the worker hashes while the next ones arrive and the
 * thread pool writes them to disk. Messages are handled in order, so the digest is over the
 * blocks in the order they were given.
 */

// Plain CommonJS run with `eval`: no file to find beside the compiled module, in the built
// service and under the test runner alike.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
let hash = crypto.createHash('sha256');
parentPort.on('message', (m) => {
  try {
    if (m.type === 'block') {
      hash.update(m.view);
      parentPort.postMessage({ id: m.id });
    } else if (m.type === 'file') {
      // The partial file a resumed download starts from.
      const fd = fs.openSync(m.path, 'r');
      try {
        const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
        for (let pos = 0; pos < m.bytes; ) {
          const n = fs.readSync(fd, buf, 0, Math.min(buf.length, m.bytes - pos), pos);
          if (n === 0) throw new Error('file shorter than ' + m.bytes + ' bytes');
          hash.update(buf.subarray(0, n));
          pos += n;
        }
      } finally {
        fs.closeSync(fd);
      }
      parentPort.postMessage({ id: m.id });
    } else if (m.type === 'digest') {
      const hex = hash.digest('hex');
      hash = crypto.createHash('sha256');
      parentPort.postMessage({ id: m.id, hex });
    }
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err && err.message || err) });
  }
});
`;

interface Reply {
  id: number;
  hex?: string;
  error?: string;
}

export class HashWorker {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
  private failed: Error | null = null;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.on('message', (r: Reply) => {
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      if (r.error !== undefined) w.reject(new Error(r.error));
      else w.resolve(r);
    });
    const fail = (err: Error) => {
      this.failed ??= err;
      for (const w of this.waiting.values()) w.reject(this.failed);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('hash worker exited')));
  }

  private call(msg: Record<string, unknown>): Promise<Reply> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  /** Hashes the first `bytes` bytes of `file` (a partial download being resumed). */
  async file(path: string, bytes: number): Promise<void> {
    if (bytes > 0) await this.call({ type: 'file', path, bytes });
  }

  /**
   * Hashes `view`, which must lie in a SharedArrayBuffer (shared, not copied). Resolves once the
   * worker is done with it: only then may the memory be reused.
   */
  async update(view: Uint8Array): Promise<void> {
    await this.call({ type: 'block', view });
  }

  async digest(): Promise<string> {
    return (await this.call({ type: 'digest' })).hex ?? '';
  }

  async close(): Promise<void> {
    this.failed ??= new Error('hash worker closed');
    await this.worker.terminate();
  }
}
