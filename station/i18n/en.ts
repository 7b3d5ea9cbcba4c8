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
    rosterEmpty: 'The file is empty; there is no roster in it',
    rosterNotTable:
      'The file is not a roster table (CSV or XLSX). Open the roster in Excel or WPS, save it as .xlsx or CSV and import that',
    rosterOldXls:
      'This is an old Excel (.xls) or password-protected workbook and cannot be read. Save it as .xlsx (without a password) in Excel or WPS and import that',
    rosterTooLarge:
      'The file is too large ({{size}} MB) to be a roster (a roster is under {{max}} MB)',
    rosterUndecodable:
      'The file contains text in an unknown encoding. Save it as .xlsx or as CSV (UTF-8) in Excel or WPS and import that',
    rosterCsvBroken:
      'Line {{line}} of the CSV file is malformed (most likely an unmatched quote). Open it in Excel or WPS and save it again',
    fileNotFound: 'There is no file {{file}}',
    fileUnreadable: 'The file {{file}} cannot be read: {{detail}}',
    fileNotWritable: 'The file {{file}} cannot be written: {{detail}}',
    exportNoSpace:
      'Not enough space to finish {{file}} (the USB stick or disk is full). No partial file was left; choose a place with space and export again',
    exportReadOnly:
      'The place of {{file}} is read-only (is the USB stick write-protected?). Nothing was written',
    badDate: 'The date "{{value}}" is not valid; write it as YYYY-MM-DD, e.g. 2026-11-01',
    rangeReversed: 'The start date {{from}} is after the end date {{to}}; swap them and try again',
    unknownFormat: 'Unknown export format "{{format}}"; use one of: {{formats}}',
    bundleUnreadable:
      '{{file}} is not a complete Study Station bundle ({{detail}}); it may have been cut short or damaged while copying',
    bundleBadSignature:
      'The signature of bundle {{file}} does not match: its content was changed after signing, so it is refused',
    bundleUnknownTerminal:
      'The bundle comes from a terminal that is not registered (key fingerprint {{fingerprint}}), so it is refused. Once its origin is confirmed, run station terminals trust KEY.pub',
    bundleChainBroken:
      'The record chain in bundle {{file}} is broken at record {{seq}}: records were changed, deleted or inserted, so it is refused',
    bundleReplayed:
      'Bundle {{file}} is a repeat: records of terminal {{terminal}} were already received up to {{seen}}, and this bundle holds {{from}}–{{to}}',
    publicKeyBad: '{{file}} is not an Ed25519 public key (PEM)',
    lanAddressBad:
      'The LAN address "{{value}}" is not valid; write it as ADDRESS:PORT, e.g. 192.168.1.20:8080',
    browserMissing:
      'The Chromium browser used to make PDFs was not found ({{path}}); set STATION_CHROMIUM to its path',
    pdfFailed: 'Making the PDF failed: {{detail}}',
    tooManyTries: 'Too many tries; please wait and try again later',
    badMonth: 'The month "{{value}}" is not valid; write it as YYYY-MM, e.g. 2026-11',
  },
  role: { organizer: 'organizer', technician: 'technician' },
  cli: {
    usage:
      'Usage: station <command> [options]\nCommands: init [--demo] | serve [--port N] | db check --json | config get|set KEY [VALUE] | pin set --role organizer|technician --pin DIGITS | members import FILE [--dry-run] | members list | members template --out FILE.xlsx\nEvery command takes --data DIR and --lang en',
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
  members: {
    problemLine: 'Row {{row}} ({{column}}): {{message}}',
    problem: {
      nameMissing: 'the name is missing',
      nameColumnMissing:
        'there is no 姓名 (name) column. The first row of a roster names the columns: 姓名, 性别, 出生日期, 入党日期, 职务 (name, gender, birth date, joined, role)',
      headerDuplicate:
        'the column "{{header}}" appears twice (columns {{first}} and {{second}}); delete one of them',
      dateBad: '"{{value}}" is not a date; write it as 2019-07-01, 2019/7/1 or 2019年7月1日',
      dateImpossible: 'there is no such day as "{{value}}"; check the month and day',
      dateTooEarly: 'the date "{{value}}" is before 1900; check it',
      dateFuture: 'the date "{{value}}" is in the future; check it',
      joinedBeforeBirth: 'the date joined, {{joined}}, is before the birth date, {{birth}}',
      genderBad: 'the gender "{{value}}" is not known; write 男 (male) or 女 (female)',
      statusBad:
        'the status "{{value}}" is not known; write 正式党员 (full) or 预备党员 (probationary)',
      roleUnknown:
        'the post "{{value}}" is not known; write 书记 (secretary), 副书记 or a 委员 post such as 组织委员 (committee), or 党员 (member, may be left blank)',
      yesNoBad: '"{{value}}" is not known; write 是 (yes) or 否 (no)',
      tooLong: 'the text is too long (at most {{max}} characters)',
      cardDuplicateInFile: 'the card code {{card}} is also on row {{other}}',
      cardTakenByOther:
        'the card code {{card}} belongs to the member {{owner}} (no. {{id}}), who is not the person on this row',
      samePersonTwice: 'the same member ({{name}}) as on row {{other}}',
      ambiguousMatch:
        'the station has {{count}} members named "{{name}}" with the same birth date (nos. {{ids}}) and cannot tell which one this is; add the card code',
      birthDateNeeded:
        'the station already has a member named "{{name}}" (no. {{ids}}); add the birth date or the card code to show whether this is the same person',
    },
    warning: {
      unknownColumns: 'These columns are not known and were ignored: {{columns}}',
      exampleRowSkipped: "Row {{row}} is the template's example row and was skipped",
      noDataRows: 'The roster has no members, only the column names',
    },
    import: {
      refused:
        'Problems in the roster: {{count}}. Nothing was imported; correct them and import again:',
      previewRefused: 'Preview: problems in the roster: {{count}}. The import would be refused:',
      done: 'Roster imported: {{created}} added, {{updated}} updated, {{unchanged}} unchanged',
      preview:
        'Preview (nothing written): {{created}} would be added, {{updated}} updated, {{unchanged}} unchanged',
      writing: 'Writing {{rows}} roster rows…',
    },
    template: {
      written: 'Roster template saved: {{file}}',
      genderPrompt: 'Choose 男 (male) or 女 (female)',
      statusPrompt: 'Choose 正式党员 (full) or 预备党员 (probationary)',
      mobilePrompt: 'Mobile member: choose 是 (yes) or 否 (no)',
      datePrompt: 'Write dates as 2019-07-01, 2019/7/1 or 2019年7月1日',
      rolePrompt: '书记, 副书记, a 委员 post such as 组织委员, or 党员; may be blank for members',
      listError: 'Choose a value from the list',
    },
    list: {
      empty: 'There are no members yet. Import a roster with station members import FILE',
      total: '{{count}} members',
      id: 'No.',
      name: 'Name',
      role: 'Role',
      gender: 'Gender',
      birthDate: 'Born',
      joinedOn: 'Joined',
      status: 'Status',
      phone: 'Phone',
      mobile: 'Mobile',
      cardCode: 'Card',
      state: 'State',
    },
    role: { secretary: 'secretary', committee: 'committee', member: 'member' },
    gender: { male: 'male', female: 'female' },
    status: { full: 'full', probationary: 'probationary' },
    state: { active: 'active', left: 'left', transferred: 'transferred' },
    yes: 'yes',
    no: 'no',
  },
  exports: {
    column: {
      date: 'Date',
      sessionId: 'Session no.',
      sessionKind: 'Session kind',
      sessionTitle: 'Session',
      memberId: 'Member no.',
      memberName: 'Name',
      role: 'Post',
      checkIn: 'Check-in',
      checkOut: 'Check-out',
      minutes: 'Minutes present',
      credit: 'Study hours',
      status: 'Attendance',
      reason: 'Reason for absence',
      makeup: 'Make-up',
      corrected: 'Corrected',
      timeQuality: 'Time trusted',
    },
    kind: {
      collective: 'Collective study',
      'winter-spring': 'Winter–spring training',
      'party-lecture': 'Party lecture',
      'new-member': 'New-member training',
      'theme-day': 'Theme party day',
      training: 'Training class',
      meeting: 'Branch meeting',
      seminar: 'Seminar',
    },
    status: { present: 'present', excused: 'excused', absent: 'absent' },
    quality: { trusted: 'trusted', untrusted: 'untrusted' },
    sheetName: 'Attendance',
    written: 'Exported {{rows}} rows: {{file}}',
    evidence: {
      ok: 'The record chain is intact: {{count}} records, head at {{seq}} ({{hash}})',
      altered:
        'The record chain is broken: record {{seq}} ({{table}} id {{id}}) was changed after it was written',
      deleted: 'The record chain is broken: record {{seq}} ({{table}} id {{id}}) was deleted',
      inserted:
        'The record chain is broken: {{table}} id {{id}} is not in the chain; it was inserted afterwards',
      headMissing:
        'The record chain is broken: the head should be record {{expected}} but only {{seq}} was found; later records were deleted',
    },
    bundle: {
      written: 'Bundle written: {{file}} (records {{from}}–{{to}}, {{count}} in all)',
      verified:
        'The bundle is genuine: terminal {{terminal}}, records {{from}}–{{to}}, signature and record chain correct',
      imported: 'Bundle received: terminal {{terminal}}, records {{from}}–{{to}}',
    },
    lan: { serving: 'LAN data API on: {{url}} (read-only, token required)' },
    terminals: { trusted: 'Terminal key registered: {{fingerprint}} ({{name}})' },
    apiToken: {
      created:
        'Access token "{{name}}" created. It is shown only this once (the database keeps only its digest); copy it now:',
    },
    record: {
      title: 'Study record, {{month}}',
      month: '{{year}}-{{month}}',
      sessions: 'Sessions',
      members: 'Study hours per member',
      date: 'Date',
      kind: 'Kind',
      session: 'Session',
      time: 'Time',
      present: 'Present',
      excused: 'Excused',
      absent: 'Absent',
      name: 'Name',
      role: 'Post',
      attended: 'Sessions attended',
      hours: 'Study hours',
      none: 'No sessions this month',
      written: 'Study record saved: {{file}}',
    },
    sheet: {
      title: 'Sign-in sheet',
      village: 'Village',
      session: 'Session',
      kind: 'Kind',
      time: 'Time',
      number: 'No.',
      name: 'Name',
      role: 'Post',
      checkIn: 'Check-in',
      signature: 'Signature',
      absent: 'absent',
      excused: 'excused: {{reason}}',
      organizer: 'Organizer (signature):',
      date: 'Date:',
      total: '{{expected}} expected, {{present}} present, {{excused}} excused',
      written: 'Sign-in sheet saved: {{file}}',
    },
  },
};
