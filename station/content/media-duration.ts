import fs from 'node:fs';

/**
 * A video's duration in seconds, read from its container header, or null when it cannot be read.
 * Only the two containers the station plays are understood (MP4's `mvhd`, WebM's Segment Info);
 * a publisher never fails because of this — the duration is a hint for the organizer's planning.
 */
export function readDurationSeconds(file: string): number | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 12));
    fs.readSync(fd, head, 0, head.length, 0);
    if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return webmDuration(fd, size);
    if (head.length >= 8 && head.toString('latin1', 4, 8) === 'ftyp') return mp4Duration(fd, size);
    return null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function read(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  const n = fs.readSync(fd, buf, 0, len, pos);
  return buf.subarray(0, n);
}

/** Walks top-level boxes to `moov`, then its children to `mvhd` (timescale and duration). */
function mp4Duration(fd: number, size: number): number | null {
  const findBox = (start: number, end: number, type: string): [number, number] | null => {
    let pos = start;
    while (pos + 8 <= end) {
      const h = read(fd, pos, 16);
      if (h.length < 8) return null;
      let len = h.readUInt32BE(0);
      let header = 8;
      if (len === 1) {
        len = Number(h.readBigUInt64BE(8));
        header = 16;
      } else if (len === 0) len = end - pos;
      if (len < header) return null;
      if (h.toString('latin1', 4, 8) === type) return [pos + header, pos + len];
      pos += len;
    }
    return null;
  };
  const moov = findBox(0, size, 'moov');
  if (!moov) return null;
  const mvhd = findBox(moov[0], moov[1], 'mvhd');
  if (!mvhd) return null;
  const b = read(fd, mvhd[0], 32);
  const version = b[0];
  const timescale = version === 1 ? b.readUInt32BE(20) : b.readUInt32BE(12);
  const duration = version === 1 ? Number(b.readBigUInt64BE(24)) : b.readUInt32BE(16);
  return timescale > 0 ? duration / timescale : null;
}

/** EBML variable-length integer at `pos`: its value (marker bit kept for ids) and length. */
function vint(
  buf: Buffer,
  pos: number,
  keepMarker: boolean,
): { value: number; length: number } | null {
  const first = buf[pos];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (!(first & (0x80 >> (length - 1)))) length++;
  if (pos + length > buf.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + buf[pos + i]!;
  const allOnes = !keepMarker && value === 2 ** (7 * length) - 1;
  return { value: allOnes ? -1 : value, length }; // -1: unknown size
}

/** EBML header, then Segment's children up to Info: TimecodeScale × Duration. */
function webmDuration(fd: number, size: number): number | null {
  const buf = read(fd, 0, Math.min(size, 256 * 1024));
  let pos = 0;
  const element = () => {
    const id = vint(buf, pos, true);
    if (!id) return null;
    const len = vint(buf, pos + id.length, false);
    if (!len) return null;
    const start = pos + id.length + len.length;
    return { id: id.value, start, size: len.value };
  };
  const ebml = element();
  if (!ebml || ebml.size < 0) return null;
  pos = ebml.start + ebml.size;
  const segment = element();
  if (!segment || segment.id !== 0x18538067) return null;
  pos = segment.start;
  while (pos < buf.length) {
    const el = element();
    if (!el || el.size < 0) return null;
    if (el.id === 0x1549a966) {
      let scale = 1_000_000;
      let duration: number | null = null;
      pos = el.start;
      const end = Math.min(el.start + el.size, buf.length);
      while (pos < end) {
        const child = element();
        if (!child || child.size < 0) break;
        const body = buf.subarray(child.start, child.start + child.size);
        if (child.id === 0x2ad7b1) scale = body.readUIntBE(0, Math.min(6, body.length));
        if (child.id === 0x4489)
          duration = body.length === 4 ? body.readFloatBE(0) : body.readDoubleBE(0);
        pos = child.start + child.size;
      }
      return duration === null ? null : (duration * scale) / 1e9;
    }
    pos = el.start + el.size;
  }
  return null;
}
