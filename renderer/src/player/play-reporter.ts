import type { MethodInput } from '../../../common/contract.js';
import { StationError } from '../../../common/result.js';

// Answers that will be the same however often the stretch is sent again.
const REFUSALS = new Set(['BAD_REQUEST', 'NOT_FOUND', 'CONFLICT', 'UNKNOWN_METHOD']);

export type PlayReport = MethodInput<'recordPlay'>;

/**
 * Sends proof-of-play stretches to the station one at a time, in order. A stretch the station
 * could not take because it was unreachable stays queued and goes with the next one; one it
 * refused (bad input, file gone) is dropped, since sending it again cannot succeed.
 */
export class PlayReporter {
  private readonly pending: PlayReport[] = [];
  private sending = false;

  constructor(
    private readonly send: (report: PlayReport) => Promise<unknown>,
    private readonly onProblem: (error: unknown | null) => void,
  ) {}

  report(entry: PlayReport): void {
    this.pending.push(entry);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.pending.length > 0) {
        const next = this.pending[0] as PlayReport;
        try {
          await this.send(next);
          this.pending.shift();
          this.onProblem(null);
        } catch (error) {
          const refused = error instanceof StationError && REFUSALS.has(error.code);
          if (refused) this.pending.shift();
          this.onProblem(error);
          if (!refused) return;
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
