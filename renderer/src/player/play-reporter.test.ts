import { describe, expect, it } from 'vitest';
import { StationError } from '../../../common/result.js';
import { PlayReporter, type PlayReport } from './play-reporter.js';

const report = (positionSeconds: number): PlayReport => ({
  courseId: 'demo',
  path: 'demo/intro.mp4',
  elapsedMs: 15_000,
  watched: [[positionSeconds - 15, positionSeconds]],
  positionSeconds,
});

/** A station whose answers the test decides, one call at a time. */
function fakeStation() {
  const calls: { report: PlayReport; settle: (error?: unknown) => void }[] = [];
  const send = (r: PlayReport) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ report: r, settle: (error) => (error ? reject(error) : resolve()) });
    });
  return { calls, send };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PlayReporter', () => {
  it('sends stretches one at a time, in order', async () => {
    const station = fakeStation();
    const problems: unknown[] = [];
    const reporter = new PlayReporter(station.send, (p) => problems.push(p));
    reporter.report(report(15));
    reporter.report(report(30));
    await tick();
    expect(station.calls.map((c) => c.report.positionSeconds)).toEqual([15]);
    station.calls[0]!.settle();
    await tick();
    expect(station.calls.map((c) => c.report.positionSeconds)).toEqual([15, 30]);
    station.calls[1]!.settle();
    await tick();
    expect(problems).toEqual([null, null]);
  });

  it('keeps a stretch the station could not take and sends it before the next one', async () => {
    const station = fakeStation();
    const problems: unknown[] = [];
    const reporter = new PlayReporter(station.send, (p) => problems.push(p));
    reporter.report(report(15));
    await tick();
    const unreachable = new Error('station unreachable');
    station.calls[0]!.settle(unreachable);
    await tick();
    expect(problems).toEqual([unreachable]);

    reporter.report(report(30));
    await tick();
    expect(station.calls.map((c) => c.report.positionSeconds)).toEqual([15, 15]);
    station.calls[1]!.settle();
    await tick();
    expect(station.calls.map((c) => c.report.positionSeconds)).toEqual([15, 15, 30]);
  });

  it('drops a stretch the station refused, since sending it again cannot succeed', async () => {
    const station = fakeStation();
    const reporter = new PlayReporter(station.send, () => undefined);
    reporter.report(report(15));
    reporter.report(report(30));
    await tick();
    station.calls[0]!.settle(new StationError('NOT_FOUND', '找不到课件文件'));
    await tick();
    expect(station.calls.map((c) => c.report.positionSeconds)).toEqual([15, 30]);
  });
});
