import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { HashWorker } from './hash-worker.js';

let tmp: ReturnType<typeof makeTempDir>;
let worker: HashWorker;
beforeEach(() => {
  tmp = makeTempDir();
  worker = new HashWorker();
});
afterEach(async () => {
  await worker.close();
  tmp.cleanup();
});

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('HashWorker', () => {
  it('hashes a partial file then shared blocks, in order, to the same SHA-256', async () => {
    const whole = crypto.randomBytes(3 * 1024 * 1024 + 17);
    const prefix = 1024 * 1024 + 5;
    const file = path.join(tmp.dir, 'x.part');
    fs.writeFileSync(file, whole.subarray(0, prefix + 999)); // longer than the prefix hashed
    const shared = Buffer.from(new SharedArrayBuffer(whole.length));
    whole.copy(shared);
    const done = [
      worker.file(file, prefix),
      worker.update(shared.subarray(prefix, prefix + 700_000)),
      worker.update(shared.subarray(prefix + 700_000)),
    ];
    await Promise.all(done);
    expect(await worker.digest()).toBe(sha(whole));
    // The digest starts a fresh hash.
    await worker.update(shared.subarray(0, 10));
    expect(await worker.digest()).toBe(sha(whole.subarray(0, 10)));
  });

  it('reports a partial file shorter than claimed, and refuses work once closed', async () => {
    const file = path.join(tmp.dir, 'short.part');
    fs.writeFileSync(file, Buffer.alloc(100));
    await expect(worker.file(file, 200)).rejects.toThrow(/shorter than 200/);
    await worker.close();
    await expect(worker.digest()).rejects.toThrow(/closed/);
  });
});
