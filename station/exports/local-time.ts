import { zonedParts } from '../domain/zoned-time.js';

/**
 * Local wall-clock text for many instants in one zone, fast enough for a million-row export.
 * Intl's formatToParts costs microseconds per call; zone offsets only change on quarter-hour
 * boundaries (every IANA transition does), so the offset is looked up once per 15-minute bucket
 * and the wall-clock fields come from plain UTC arithmetic.
 */
export class LocalTime {
  private readonly offsets = new Map<number, number>();
  constructor(readonly timeZone: string) {}

  /** Milliseconds to add to an instant to read its local wall clock with getUTC* methods. */
  offsetMs(ms: number): number {
    const bucket = Math.floor(ms / 900_000);
    let off = this.offsets.get(bucket);
    if (off === undefined) {
      off = zonedParts(new Date(bucket * 900_000), this.timeZone).offsetMinutes * 60_000;
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(bucket, off);
    }
    return off;
  }

  /** A Date whose UTC fields are the local wall clock: what spreadsheets store as a date-time. */
  wallClock(iso: string): Date {
    const ms = Date.parse(iso);
    return new Date(ms + this.offsetMs(ms));
  }

  /** 'YYYY-MM-DD HH:MM:SS' in the zone, the form Excel, WPS and LibreOffice read as a date-time. */
  dateTime(iso: string): string {
    return this.wallClock(iso).toISOString().slice(0, 19).replace('T', ' ');
  }

  /** 'YYYY-MM-DD' in the zone. */
  date(iso: string): string {
    return this.wallClock(iso).toISOString().slice(0, 10);
  }

  /** 'HH:MM' in the zone. */
  time(iso: string): string {
    return this.wallClock(iso).toISOString().slice(11, 16);
  }
}
