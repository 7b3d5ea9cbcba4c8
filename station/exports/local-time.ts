import { zonedParts } from '../domain/zoned-time.js';

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Local wall-clock text for many instants in one zone, fast enough for a million-row export.
 * Intl's formatToParts costs microseconds per call; zone offsets only change on quarter-hour
 * boundaries (every IANA transition does), so the offset is looked up once per 15-minute bucket
 * and the wall-clock fields come from plain UTC arithmetic.
 */
export class LocalTime {
  private readonly offsets = new Map<number, number>();
  /** 'YYYY-MM-DD' per local day number: a million timestamps fall on a few hundred days. */
  private readonly days = new Map<number, string>();
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
    const ms = Date.parse(iso);
    const local = ms + this.offsetMs(ms);
    const day = Math.floor(local / 86_400_000);
    let dayText = this.days.get(day);
    if (dayText === undefined) {
      if (this.days.size > 10_000) this.days.clear();
      dayText = new Date(day * 86_400_000).toISOString().slice(0, 10);
      this.days.set(day, dayText);
    }
    const secs = Math.floor((local - day * 86_400_000) / 1000);
    return `${dayText} ${TWO_DIGITS[Math.floor(secs / 3600)]}:${TWO_DIGITS[Math.floor((secs % 3600) / 60)]}:${TWO_DIGITS[secs % 60]}`;
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
