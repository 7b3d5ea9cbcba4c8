/** "09:05" from an ISO 8601 time with offset: the station's own wall-clock time, as printed. */
export function clockTime(iso: string | null): string {
  const m = iso ? /T(\d{2}):(\d{2})/.exec(iso) : null;
  return m ? `${m[1]}:${m[2]}` : '';
}
