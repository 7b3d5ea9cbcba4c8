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
    contentKeyExists:
      'A private key already exists at {{file}}; it was not overwritten. Choose another directory for a new key',
    contentKeyInvalid: '{{file}} is not a valid Ed25519 key (PEM)',
    contentOutIsSource: 'The output directory {{dir}} cannot be the course source directory',
    contentCourseJsonInvalid:
      '{{file}} is malformed (expected fields such as title, kind, audience, order)',
    contentBadUrl:
      '"{{url}}" is not a valid address; give the http:// or https:// address of the published folder',
    contentManifestUnreachable:
      'Could not get the course manifest from {{url}} ({{detail}}). Current courses are unaffected; try again later',
    contentNoManifest:
      'There is no course manifest (manifest.json and manifest.json.sig) in {{dir}}',
    contentManifestMalformed:
      'The course manifest is malformed ({{detail}}) and was refused. Current courses are unaffected',
    contentUnknownKey:
      'The course manifest is signed by key {{keyId}}, which is not trusted; refused. Current courses are unaffected. If the county did publish it, run station content trust PUBLIC-KEY first',
    contentBadSignature:
      'The course manifest signature does not match (the file may have been altered); refused. Current courses are unaffected',
    contentUnsafePath:
      'The course manifest names an unsafe file path "{{path}}"; refused. Current courses are unaffected',
    contentExpired:
      'The course manifest expired on {{expires}}; refused. Current courses are unaffected; ask the county for a new release',
    contentRollback:
      'The course manifest is version {{version}}, older than the accepted version {{last}}; refused (rollback protection). Current courses are unaffected',
    contentSyncRunning: 'Another course sync is running (process {{pid}}); wait for it to finish',
    contentDiskFull:
      'Not enough disk space: {{needMB}} MB needed (with the reserve), {{freeMB}} MB free on the disk of {{dir}}. Nothing was changed; current courses keep playing',
    contentNothingToExport: 'This station has no fully verified courses to export yet',
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
  content: {
    usage:
      'Usage: station content keygen --out DIR | publish SRC --key county.key --version N [--expires ISO] --out DIR | trust county.pub | sync --from URL [--json] | import DIR [--json] | export --out DIR | list [--json] | verify [--json]',
    keygenDone:
      'Key pair created (id {{keyId}}): private key {{key}} (keep it safe, never share it), public key {{pub}} (give it to the stations)',
    publishDone: 'Published version {{version}}: {{courses}} courses, {{files}} files → {{out}}',
    publishExpiredWarning:
      'Warning: the expiry {{expires}} has already passed; stations will refuse this manifest',
    trustDone: 'Trusted public key {{keyId}} ({{file}})',
    upToDate: 'Courses are up to date (version {{version}})',
    updated: 'Courses updated to version {{version}}: {{files}} files fetched',
    incomplete:
      'Version {{version}} is not complete yet: {{failed}} files failed; what was downloaded resumes next time. Still playing {{active}}',
    activeNone: '(no courses yet)',
    activeVersion: 'version {{version}}',
    failedFile: '  failed: {{path}} ({{reason}})',
    exportDone:
      'Exported version {{version}} to {{out}}: {{files}} files, with the county signature',
    listEmpty:
      'No courses yet. Get them with station content sync --from URL or station content import DIR',
    listLine: '{{status}}  {{title}} ({{id}}){{playable}}',
    playable: '  playable',
    verifyOk: 'All {{count}} files verified',
    verifyBad:
      '{{bad}} of {{count}} files failed verification. Corrupt files were quarantined and will be fetched again at the next sync',
    verifyLine: '{{status}}  {{path}}',
    status: {
      verified: 'verified',
      downloading: 'downloading',
      missing: 'missing',
      corrupt: 'corrupt',
    },
  },
};
