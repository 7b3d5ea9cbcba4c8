import { describe, expect, it } from 'vitest';
import { StationFailure } from '../errors.js';
import type { PrinterListView } from '../../common/contract-printing.js';
import { choosePrinter, parseLpstat, parsePendingJobs, parseRequestId } from './cups.js';

// `lpstat -d -l -p -a` as CUPS 2.4 prints it under LC_ALL=C (captured from Debian 12's cupsd).
const LPSTAT = `system default destination: PdfTest
printer PdfTest disabled since Thu Nov 26 10:26:12 2026 -
\tpaper jam
\tForm mounted:
\tContent types: any
\tPrinter types: unknown
\tDescription: 办公室打印机
\tAlerts: paused
\tLocation: 
\tConnection: direct
\tInterface: /etc/cups/ppd/PdfTest.ppd
\tOn fault: no alert
\tAfter fault: continue
\tUsers allowed:
\t\t(all)
\tForms allowed:
\t\t(none)
\tBanner required
\tCharset sets:
\t\t(none)
\tDefault pitch:
\tDefault page size:
\tDefault port settings:
printer StationTest is idle.  enabled since Thu Nov 26 10:25:17 2026
\tfull
\tForm mounted:
\tContent types: any
\tPrinter types: unknown
\tDescription: StationTest
\tAlerts: none
\tLocation: 
\tConnection: direct
\tOn fault: no alert
\tAfter fault: continue
\tUsers allowed:
\t\t(all)
PdfTest accepting requests since Thu Nov 26 10:26:12 2026
StationTest not accepting requests since Thu Nov 26 10:25:17 2026 -
\tfull
`;

describe('parseLpstat', () => {
  it('reads each queue’s state, reason, description and the default', () => {
    expect(parseLpstat(LPSTAT)).toEqual({
      defaultPrinter: 'PdfTest',
      printers: [
        {
          name: 'PdfTest',
          description: '办公室打印机',
          enabled: false,
          accepting: true,
          reason: 'paper jam',
          isDefault: true,
        },
        {
          name: 'StationTest',
          description: null,
          enabled: true,
          accepting: false,
          reason: 'full',
          isDefault: false,
        },
      ],
    });
  });
  it('no queues', () => {
    expect(parseLpstat('no system default destination\n')).toEqual({
      printers: [],
      defaultPrinter: null,
    });
  });
  it('a printing queue is enabled', () => {
    const list = parseLpstat(
      'printer Hall now printing Hall-7.  enabled since Thu Nov 26 10:25:17 2026\n\tDescription: Hall\n',
    );
    expect(list.printers[0]).toMatchObject({ name: 'Hall', enabled: true, reason: null });
  });
  it('a paused queue without a message has no reason, not lpstat’s English placeholder', () => {
    const list = parseLpstat(
      'printer Hall disabled since Thu Nov 26 15:50:51 2026 -\n\treason unknown\n\tDescription: Hall\n',
    );
    expect(list.printers[0]).toMatchObject({ name: 'Hall', enabled: false, reason: null });
  });
});

const printer = (name: string, more: object = {}) => ({
  name,
  description: null,
  enabled: true,
  accepting: true,
  reason: null,
  isDefault: false,
  ...more,
});

function failureKey(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StationFailure) return e.key;
    throw e;
  }
  return 'none';
}

describe('choosePrinter', () => {
  const two: PrinterListView = { printers: [printer('A'), printer('B')], defaultPrinter: 'B' };
  it('takes the one asked for, else the default, else the only one', () => {
    expect(choosePrinter(two, 'A').name).toBe('A');
    expect(choosePrinter(two).name).toBe('B');
    expect(choosePrinter({ printers: [printer('C')], defaultPrinter: null }).name).toBe('C');
  });
  it.each([
    [{ printers: [], defaultPrinter: null }, undefined, 'printNoPrinter'],
    [two, 'Z', 'printPrinterUnknown'],
    [
      { printers: [printer('A'), printer('B')], defaultPrinter: null },
      undefined,
      'printChoosePrinter',
    ],
    [
      { printers: [printer('A', { enabled: false })], defaultPrinter: null },
      undefined,
      'printPrinterPaused',
    ],
    [
      { printers: [printer('A', { accepting: false })], defaultPrinter: 'A' },
      'A',
      'printPrinterRejecting',
    ],
  ] as [PrinterListView, string | undefined, string][])('%#: %s', (list, wanted, key) => {
    expect(failureKey(() => choosePrinter(list, wanted))).toBe(key);
  });
});

describe('parseRequestId', () => {
  it('reads lp’s answer', () => {
    expect(parseRequestId('request id is Office_Laser-12 (1 file(s))\n')).toEqual({
      jobId: 'Office_Laser-12',
      job: 12,
    });
    expect(parseRequestId('')).toBeNull();
  });
});

describe('parsePendingJobs', () => {
  it('takes the request id that starts each line of lpstat -o', () => {
    const out = [
      'Office-12               root              1024   Thu Nov 26 15:50:50 2026',
      'Office_Laser-3          organizer        20480   Thu Nov 26 15:51:02 2026',
      '\tStatus: ',
      '\tAlerts: job-printing',
      '',
    ].join('\n');
    expect([...parsePendingJobs(out)]).toEqual(['Office-12', 'Office_Laser-3']);
    expect(parsePendingJobs('').size).toBe(0);
  });
});
