import { MAX_PHOTO_BYTES } from '../../../../common/contract-checkin.js';

const MAX_EDGE = 1600;

/**
 * A photo as JPEG base64 small enough for one RPC body: scaled to at most 1600 px on its long
 * edge, then the quality lowered step by step until it fits. Phones and cameras give 5–10 MB;
 * a record of who was in the room needs far less.
 */
export function encodeJpeg(source: CanvasImageSource, width: number, height: number): string {
  const scale = Math.min(1, MAX_EDGE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.85, 0.7, 0.55, 0.4, 0.25]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    const base64 = url.slice(url.indexOf(',') + 1);
    if ((base64.length * 3) / 4 <= MAX_PHOTO_BYTES) return base64;
  }
  throw new Error('photo too large even at low quality');
}

export async function encodeFile(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    return encodeJpeg(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
