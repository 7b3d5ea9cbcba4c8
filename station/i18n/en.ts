import type { Messages } from './index.js';

/** Station-side messages, English. Keys mirror zh-CN.ts exactly (checked by the type). */
export const en: Messages = {
  error: {
    badRequest: 'The request is not valid: {{detail}}',
    unknownMethod: 'There is no function named "{{method}}"',
    unauthorized: 'Not authorized: the access token is missing or wrong',
    grantInvalid: 'Your sign-in has expired; please enter the PIN again',
    pinWrong: 'Wrong PIN; {{remaining}} tries left',
    pinWrongLast: 'Wrong PIN; one more wrong try locks it for {{minutes}} minutes',
    pinLocked: 'Too many wrong PINs; locked. Try again in {{minutes}} minutes',
    pinNotSet:
      'The {{role}} PIN has not been set; run station pin set --role {{roleId}} on the terminal',
    setupDone: 'This station has already been set up',
    internal: 'Internal error; please call the technician ({{detail}})',
    dbNotSqlite:
      'The database file {{file}} is not a Study Station database (wrong file header); it was not changed. Check the data directory.',
    dbForeign:
      'The database file {{file}} belongs to another program, not Study Station; it was not changed.',
    dbTooNew:
      'The database file {{file}} was created by a newer Study Station (schema {{found}}, this program supports up to {{supported}}); please upgrade. The file was not changed.',
    dbCorrupt:
      'The database file {{file}} is damaged: {{detail}}. It was not changed; ask the technician to restore a backup.',
    dataDirNotWritable: 'The data directory {{dir}} cannot be written: {{detail}}',
    dataDirMissing:
      'The data directory {{dir}} has not been initialised; run station init --data {{dir}} first',
    portInUse: 'Port {{port}} is already in use; choose another port, or --port 0 for a free one',
    sessionNotFound: 'There is no session number {{id}}',
    sessionEnded: 'The session "{{title}}" ended at {{at}}; no more check-ins',
    sessionAlreadyEnded: 'The session "{{title}}" has already ended',
    endBeforeStart: 'The end time {{at}} is before the start {{start}}',
    alreadyCheckedIn: '{{name}} has already checked in ({{at}})',
    notCheckedIn: '{{name}} has not checked in, so cannot check out',
    alreadyCheckedOut: '{{name}} has already checked out ({{at}})',
    checkoutBeforeCheckin: 'The check-out time {{at}} is before the check-in {{checkIn}}',
    excusedButPresent: '{{name}} has checked in; an excused absence cannot be recorded',
    alreadyExcused: '{{name}} is already excused',
    memberNotFound: 'No member "{{query}}" (use the number, card code or name)',
    memberAmbiguous:
      'Several members are called "{{query}}": {{candidates}}; use the number or card code',
    memberInactive: '{{name}} is no longer in this branch ({{state}}) and cannot check in',
    badTime:
      'The time "{{value}}" is not valid; use ISO 8601 with an offset, e.g. 2026-11-14T09:00:00+08:00',
    badKind: 'Unknown session kind "{{kind}}"; use one of: {{kinds}}',
    nothingToCorrect: '{{name}} has no record in this session to correct',
    portInvalid: 'Port "{{port}}" is not valid; use a whole number from 0 to 65535',
  },
  role: { organizer: 'organizer', technician: 'technician' },
  cli: {
    usage:
      'Usage: station <command> [options]\nCommands: init [--demo] | serve [--port N] | db check --json | config get|set KEY [VALUE] | pin set --role organizer|technician --pin DIGITS\nEvery command takes --data DIR and --lang en',
    unknownCommand: 'Unknown command "{{command}}". Run station --help for usage',
    badOption: 'Invalid arguments: {{detail}}',
    unknownOption: 'Unknown option {{option}}. Run station --help for usage',
    optionNeedsValue: 'The option {{option}} needs a value',
    unexpectedArg: 'Unexpected argument "{{arg}}"',
    dbIntegrity: 'Database integrity: {{integrity}}, schema version {{version}}',
    serving: 'Study Station service running: {{url}}',
    missingArg: 'Missing argument: {{name}}',
    unknownSetting: 'There is no setting "{{key}}". Settings: {{keys}}',
    badSettingValue: 'The value "{{value}}" is not valid for {{key}}: {{detail}}',
    readOnlySetting: 'The setting {{key}} cannot be changed',
    initDone: 'Data directory ready: {{dir}} (schema version {{version}})',
    demoAdded: 'Demo data added: {{village}}, {{members}} members, 1 demo course',
    settingSaved: 'Saved: {{key}} = {{value}}',
    pinSaved: 'The {{role}} PIN has been reset',
    stopping: 'Stopping the service…',
  },
};
