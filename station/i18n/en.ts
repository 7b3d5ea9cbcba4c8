import { SESSION_KIND_NAMES } from '../../common/session-kinds.js';
import type { Messages } from './index.js';

/** Station-side messages, English. Keys mirror zh-CN.ts exactly (checked by the type). */
export const en: Messages = {
  error: {
    noUsbStick: 'No USB stick found. Insert one and try again',
    contentSyncUrlMissing: 'No course sync address is set (setting content.syncUrl); set it first',
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
    badLocalTime:
      'The time "{{value}}" is not valid; write it as year-month-day hour:minute, e.g. 2026-11-14 15:30',
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
    equipmentNotFound: 'The equipment register has no item number {{id}}',
    equipmentSerialTaken: 'The register already has a {{kind}} with serial {{serial}}',
    equipmentKindUnknown:
      'Unknown equipment kind "{{kind}}"; use one of: {{kinds}} (Chinese names such as 电脑 also work)',
    equipmentStatusUnknown: 'Unknown equipment status "{{status}}"; use one of: {{statuses}}',
    equipmentDateBad:
      '"{{value}}" is not a valid date (and may not lie in the future); write it as 2019-07-01 or 2019/7/1',
    equipmentLifeBad: 'Service life "{{value}}" is not valid: use a whole number from 1 to 50',
    equipmentSheetEmpty: 'The file is empty: it holds no equipment register',
    equipmentSheetNotTable:
      'The file is not an equipment register (XLSX or CSV). Open it in Excel or WPS and save it as .xlsx',
    equipmentSheetOldXls:
      'This is an old Excel file (.xls) or a password-protected workbook. Save it as .xlsx without a password',
    equipmentSheetTooLarge:
      'The file is too large ({{size}} MB) to be an equipment register (at most {{max}} MB)',
    equipmentSheetUndecodable:
      'The file holds text that cannot be read. Save it from Excel or WPS as .xlsx and import again',
    equipmentSheetCsvBroken:
      'Line {{line}} of the CSV file is malformed. Open it in Excel or WPS and save it again',
    backupPassphraseEmpty: 'The backup passphrase is empty (from {{source}})',
    backupNotBackup: 'The file {{file}} is not a Study Station backup',
    backupCorrupt:
      'The backup file {{file}} is damaged or incomplete ({{detail}}); nothing was restored',
    backupNeedsPassphrase:
      'The backup {{file}} is protected by a passphrase: give it with --passphrase-file FILE or STATION_BACKUP_PASSPHRASE',
    backupWrongPassphrase:
      'Wrong backup passphrase (or the backup file was altered); nothing was restored',
    restoreTargetNotEmpty:
      'The target data directory {{dir}} is not empty. Restore writes only into an empty directory; add --force to overwrite',
    playFileMissing:
      'The course file {{path}} is missing: it may have been deleted or not finished downloading',
    courseNotFound: 'There is no course “{{id}}”',
    makeupNotFound: 'There is no make-up study number {{id}}',
    makeupMemberInactive: '{{name}} is no longer in this branch; no make-up study can be recorded',
    playWrongMakeupCourse: 'This make-up study is not for the course “{{course}}”',
    playLongerThanWall:
      'Implausible play record: {{watched}} s of video cannot be watched in {{wall}} s',
    subtitlesMissing: 'The subtitle file {{path}} is missing',
    subtitlesTooLarge: 'The subtitle file {{path}} is too large to be subtitles',
    timeSourceUnreachable:
      'Cannot get the time from {{url}}: {{detail}}. Check the address and the network',
    timeSourceNoDate:
      'The answer from {{url}} carries no usable time (Date header); try another address',
    hubNotConfigured: 'No county hub address is set; enter it under "County hub address" first',
    systemClockNeedsRoot:
      'Setting the operating system clock needs root; without --system-clock the station only records and applies the correction offset',
    cardNotFound:
      'Card "{{code}}" belongs to no member of this branch. Check it and scan again, or pick the name on screen',
    photoNotImage: 'This is not a photo (JPEG, PNG or WebP); nothing was saved',
    photoNotFound: 'There is no photo number {{id}}',
    checkinTwice: '{{name}} already checked in at {{time}}; no need to do it again',
    checkinSessionEnded: '"{{title}}" ended at {{time}}; check-in is closed',
    memberNameMissing: 'Please fill in the name',
    memberRoleUnknown:
      'The post "{{value}}" is not known. Write 书记, 副书记, a 委员 post (such as 组织委员) or 党员',
    memberDateBad:
      'The date "{{value}}" is not valid; write it as 2019-07-01, 2019/7/1 or 2019年7月1日',
    memberCardTaken: 'Card {{card}} already belongs to {{owner}}',
    rruleInvalid:
      'The recurrence rule "{{rrule}}" is not valid: {{detail}}. The second Saturday of each month, for example, is FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2',
    durationInvalid: 'The duration "{{value}}" is not valid; use whole minutes from 1 to {{max}}',
    startImpossible:
      'The local time {{local}} does not exist in {{zone}} (daylight saving time skips it); choose another time',
    startInvalid:
      'The start "{{value}}" is not valid; write 2027-01-09T09:00 or, with an offset, 2027-01-09T09:00:00+08:00',
    windowUnbounded:
      'Give both a start and an end date: a plan without an end cannot be expanded without limit',
    windowInvalid:
      'The date range {{from}} to {{to}} is not valid (the end must follow the start, at most {{maxDays}} days)',
    planNotFound: 'There is no plan number {{id}}',
    occurrenceNotFound: 'The plan "{{title}}" has nothing scheduled at {{at}}',
    blockOutsideSeason:
      'Winter–spring training belongs between month {{startMonth}} and month {{endMonth}} of the next year; {{from}} to {{to}} is outside it',
    blockDaysInvalid: 'Winter–spring training lasts 2 or 3 days, not "{{value}}"',
    datesInvalid: 'The date "{{value}}" is not valid; write 2027-01-09',
    reasonMissing: 'Give a reason for moving or cancelling (e.g. harvest, weather)',
    holidaysInvalid: 'The holiday file {{file}} is not valid: {{detail}}',
    recurrenceConflict: 'Use only one of --rrule, --dates and --days',
    clockUntrusted:
      'The clock reads {{now}}, earlier than the recorded {{highWater}}, and is not trusted. Ask the technician to set the clock before starting a session',
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
    usbFolderGone:
      'No course folder {{dir}} on a USB stick (the stick may have been removed); nothing was changed',
    usbFilesIncomplete:
      'Course files on the USB stick are missing or of the wrong size ({{path}}); nothing was imported. Current courses keep playing',
    usbUnreadable:
      'Cannot read the course manifest on the USB stick ({{detail}}); nothing was imported. Current courses keep playing',
    printCupsMissing:
      'The print system CUPS is not installed on this terminal ({{command}} not found). A technician can run: apt-get install cups',
    printCupsDown:
      'The print system CUPS is not running, so nothing can be printed. A technician can run: systemctl start cups ({{detail}})',
    printNoPrinter:
      'No printer has been added yet. A technician connects the printer and adds it with lpadmin or the CUPS page at http://localhost:631',
    printPrinterUnknown: 'There is no printer "{{printer}}". Printers: {{printers}}',
    printChoosePrinter: 'There are several printers and no default; choose one: {{printers}}',
    printPrinterPaused:
      'Printer "{{label}}" is paused ({{reason}}); nothing was sent. Check the printer (paper, toner, power), then a technician runs cupsenable {{printer}}',
    printPrinterRejecting:
      'Printer "{{label}}" is not accepting jobs ({{reason}}); nothing was sent. A technician can run cupsaccept {{printer}}',
    printFailed: 'Sending to the printer failed: {{detail}}',
  },
  role: { organizer: 'organizer', technician: 'technician' },
  cli: {
    usage:
      'Usage: station <command> [options]\n' +
      'Data and service: init [--demo] | serve [--port N] [--lan ADDRESS:PORT] | db check --json | config get|set KEY [VALUE] | pin set --role organizer|technician --pin DIGITS\n' +
      'Members and study: members import|list|template | session start|end | checkin|checkout|absence SESSION MEMBER | attendance correct|export | hours external | report hours|compliance --year YYYY\n' +
      'Plans: schedule add|list|move|cancel|remove|due\n' +
      'Courses: content keygen|publish|trust|sync|import|export|list|verify\n' +
      'Terminal: health | selftest | time status|set | equipment add|list|due|status|log|import|export | backup | restore | diagnostics\n' +
      'For the county: export bundle|signin-sheet|study-record | print signin-sheet|study-record|printers | import bundle | evidence verify | terminals trust|list | api-token create|list|revoke\n' +
      'Every command takes --data DIR and --lang en; most take --json',
    unknownCommand: 'Unknown command "{{command}}". Run station --help for usage',
    badOption: 'Invalid arguments: {{detail}}',
    unknownOption: 'Unknown option {{option}}. Run station --help for usage',
    optionNeedsValue: 'The option {{option}} needs a value',
    unexpectedArg: 'Unexpected argument "{{arg}}"',
    dbIntegrity: 'Database integrity: {{integrity}}, schema version {{version}}',
    serving: 'Study Station service running: {{url}}',
    missingArg: 'Missing argument: {{name}}',
    badYear: '--year cannot be "{{value}}"; write a four-digit year, e.g. 2026',
    unknownSetting: 'There is no setting "{{key}}". Settings: {{keys}}',
    badSettingValue: 'The value "{{value}}" is not valid for {{key}}: {{detail}}',
    settingReason: {
      unknownTimeZone: 'not a known time zone; write an IANA name such as Asia/Shanghai',
      notCron: 'not a cron expression; 2 a.m. daily is 0 2 * * *',
    },
    badChoice: 'Option {{option}} cannot be "{{value}}"; use one of: {{choices}}',
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
  equipment: {
    added: 'Item registered as number {{id}}; replace it by {{replaceBy}}',
    empty:
      'The equipment register is empty. Add items with station equipment add or station equipment import FILE.xlsx',
    total: '{{count}} items',
    exported: 'Equipment register exported to {{file}} ({{count}} items)',
    statusSet: 'Item {{id}} is now: {{status}}',
    logged: 'Maintenance of item {{id}} on {{doneOn}} recorded',
    problemLine: 'Row {{row}} ({{column}}): {{message}}',
    due: {
      overdue: 'Due for replacement (as of {{at}}): {{count}}',
      soon: 'Falling due by the end of {{year}}: {{count}}',
    },
    import: {
      refused:
        'The register has {{count}} problems; nothing was imported. Fix them and import again:',
      done: 'Register imported: {{created}} added, {{updated}} updated, {{unchanged}} unchanged',
      preview:
        'Preview (nothing written): {{created}} would be added, {{updated}} updated, {{unchanged}} unchanged',
      unknownColumns: 'These columns were not recognised and were ignored: {{columns}}',
    },
    problem: {
      kindColumnMissing:
        'No 设备类型 (kind) column. The first row must hold the headers: 设备类型, 品牌型号, 序列号, 购置日期, 供应商, 资金来源, 使用年限, 状态, 备注',
      headerDuplicate:
        'The header "{{header}}" appears twice (columns {{first}} and {{second}}); delete one',
      kindMissing: 'No equipment kind',
      kindUnknown:
        'Unknown equipment kind "{{value}}": write 电脑, 机顶盒, 电视, 投影仪, 卫星接收机, 路由器, UPS, 音箱, 摄像头 or 其他',
      modelMissing: 'No brand and model',
      purchasedMissing: 'No purchase date',
      dateBad: '"{{value}}" is not a date: write 2019-07-01, 2019/7/1 or 2019年7月1日',
      dateImpossible: 'The date "{{value}}" does not exist: check the month and day',
      dateTooEarly: 'The date "{{value}}" is before 1900',
      dateFuture: 'The date "{{value}}" is after today',
      lifeBad: 'Service life "{{value}}" is not a whole number of years from 1 to 50',
      statusUnknown: 'Unknown status "{{value}}": write 在用, 故障, 维修中 or 已报废',
      tooLong: 'Too long: at most {{max}} characters',
      serialDuplicateInFile: 'Serial {{serial}} repeats row {{other}}',
    },
    column: {
      id: 'No.',
      kind: 'Kind',
      model: 'Model',
      serial: 'Serial',
      purchased: 'Purchased',
      lifeYears: 'Life (years)',
      status: 'Status',
      replaceBy: 'Replace by',
    },
    kind: {
      terminal: 'terminal',
      display: 'display',
      satellite: 'satellite receiver',
      router: 'router',
      ups: 'UPS',
      speaker: 'speaker',
      camera: 'camera',
      other: 'other',
    },
    status: {
      in_use: 'in use',
      faulty: 'faulty',
      under_repair: 'under repair',
      retired: 'retired',
    },
  },
  backup: {
    written:
      'Backup written to {{file}} ({{size}} KB, schema version {{version}}, {{files}} key/settings files, not encrypted)',
    writtenEncrypted:
      'Backup written to {{file}} ({{size}} KB, schema version {{version}}, {{files}} key/settings files, encrypted with the passphrase)',
    noCourseCache:
      'The course cache is not in the backup: re-sync the courses on the new terminal or import them from a USB stick.',
    restored:
      'Restored the backup of {{createdAt}} into {{dir}} (schema version {{version}}, integrity check passed, {{files}} key/settings files)',
    restoreNoCourseCache:
      'The course cache was not carried: re-sync the courses on this terminal or import them from a USB stick.',
  },
  diagnostics: {
    written:
      'Diagnostics bundle written to {{file}} ({{count}} files; no member personal data, passwords or keys)',
  },
  complianceExport: {
    membersSheet: 'Member hours',
    monthsSheet: 'Monthly study',
    column: {
      id: 'No.',
      name: 'Name',
      role: 'Post',
      hours: 'Hours this year',
      target: 'Target',
      makeup: 'Of which make-up',
      external: 'Of which elsewhere',
      reached: 'Target reached',
      month: 'Month',
      sessions: 'Sessions',
      status: 'Collective study',
    },
    written: 'Year report exported to {{file}} ({{members}} members)',
  },
  report: {
    title: '{{village}}: party education and training in {{year}} (as of {{asOf}})',
    months: '1. Sessions per month',
    month: 'Month',
    sessions: 'Sessions',
    kinds: 'Kinds',
    status: 'Status',
    monthStatus: { held: 'held', missed: '✗ missed', open: '—', 'not-counted': 'before set-up' },
    listSeparator: ', ',
    missed: 'Missed months: {{months}} ({{count}})',
    noMissed: 'Missed months: none',
    belowTarget: '2. Members below their study-hour target: {{count}} of {{total}}',
    allMet: '2. Study hours: all {{total}} members have reached their target',
    name: 'Name',
    role: 'Role',
    hours: 'Hours',
    target: 'Target',
    shortfall: 'Short',
    makeup: 'Make-up',
    external: 'External',
    leaders: '3. Concentrated training of the secretary and committee (at least once a year)',
    noLeaders: '(no secretary or committee members on the roster)',
    training: 'Concentrated training',
    notTrained: '✗ none',
    newMembers: '4. New-member training (within {{months}} months of joining)',
    noNewMembers: '(no new members due for training this year)',
    joinedOn: 'Joined',
    deadline: 'Deadline',
    newStatus: {
      done: 'trained ({{date}})',
      late: 'trained late ({{date}})',
      overdue: '✗ {{days}} days overdue',
      'due-soon': '! {{days}} days left',
      open: '{{days}} days left',
    },
    winterSpring:
      '5. Winter–spring training (month {{from}} to month {{to}} of the next year, at least {{days}} days a season)',
    winterSpringSameYear:
      '5. Winter–spring training (month {{from}} to month {{to}}, at least {{days}} days)',
    season: 'Season',
    days: 'Days',
    seasonStatus: { done: 'over', 'in-progress': 'running', upcoming: 'not started' },
    enough: 'enough',
    notEnough: '✗ too few',
    lectures: '6. Party lectures this year: {{count}}',
    noLectures: '6. Party lectures: ✗ none held this year',
    mobile: '7. Mobile members',
    noMobile: '(no mobile members on the roster)',
    worksIn: 'Works in',
    trainedAtHome: 'Training at home',
    yes: 'attended',
    no: '✗ not yet',
    // Lower case, for use mid-sentence (the shared names in common/session-kinds.ts are capitalised).
    kind: {
      collective: 'collective study',
      'winter-spring': 'winter–spring',
      'party-lecture': 'party lecture',
      'new-member': 'new-member training',
      'theme-day': 'theme party day',
      training: 'training class',
      meeting: 'branch meeting',
      seminar: 'seminar',
    },
  },
  health: {
    item: {
      cpu: 'CPU load',
      memory: 'Memory',
      'disk-data': 'Data disk free',
      'disk-cache': 'Course disk free',
      temperature: 'Temperature',
      uptime: 'Uptime',
      display: 'Display',
      audio: 'Audio output',
      network: 'Network',
      hub: 'County hub',
      os: 'Operating system',
      app: 'Software version',
      database: 'Database',
      content: 'Course cache',
      'last-sync': 'Last course sync',
      'last-upload': 'Last upload',
    },
    value: {
      unreadable: 'Cannot be read ({{error}})',
      notReported: 'Not reported by this machine',
      percent: '{{value}}%',
      memory: '{{value}}% used of {{total}}',
      disk: '{{free}} free of {{total}}',
      celsius: '{{value}} °C',
      uptime: '{{days}} d {{hours}} h {{minutes}} min',
      displays: '{{count}}, resolution {{resolution}}',
      displaysNoResolution: '{{count}}',
      noDisplay: 'No display detected (a headless box, or the driver does not say)',
      audio: '{{count}} output device(s): {{devices}}',
      noAudio: 'No audio output device detected',
      network: '{{count}} connected: {{interfaces}}',
      noNetwork: 'No network connected',
      hubNotConfigured: 'No county hub address set',
      hubReachable: 'Reachable ({{latency}} ms, HTTP {{status}})',
      hubUnreachable: 'Unreachable: {{error}}',
      app: '{{value}} (database schema {{schema}})',
      database: '{{size}}, integrity: {{integrity}}',
      integrityOk: 'intact',
      content: '{{count}} files, {{size}}',
      noContent: 'No course folder',
      never: 'Never',
      ago: '{{at}} ({{days}} days ago)',
      gb: '{{value}} GB',
      mb: '{{value}} MB',
      kb: '{{value}} KB',
    },
    clock: {
      trusted: 'Time trusted',
      untrusted: 'Time NOT trusted',
      'fresh-install': 'New install: the system clock is believed for now',
      consistent: 'The clock is consistent (not behind anything already recorded)',
      'agrees-with-source': 'Agrees with a good time source ({{source}})',
      'behind-last-record':
        'The clock says {{now}}, earlier than the time already recorded ({{bound}}); it was probably reset by a power cut. Records made meanwhile are flagged untrusted; please correct the time',
      'behind-source':
        'The clock is {{minutes}} min behind a good time source; please correct the time',
      'ahead-of-source':
        'The clock is {{minutes}} min ahead of a good time source; please correct the time',
      source: {
        'http-date': 'the county servers',
        ntp: 'network time (NTP)',
        'technician-url': 'a technician, from a URL',
        'technician-manual': 'a technician, by hand',
      },
      corrected:
        'Time corrected: it is now {{now}} ({{seconds}} s {{direction}} the system clock), from {{url}}',
      correctedManual:
        'Time corrected: it is now {{now}} ({{seconds}} s {{direction}} the system clock)',
      ahead: 'ahead of',
      behind: 'behind',
      systemClockSet: 'The operating system clock was set as well (date -s)',
      status: 'Clock: {{state}}. {{reason}}',
    },
    table: {
      title: 'Terminal health ({{at}})',
      item: 'Item',
      value: 'Reading',
      grade: 'State',
      ok: 'ok',
      warn: 'warn',
      fail: 'FAIL',
      unknown: 'unknown',
    },
    selftest: {
      title: 'Self-test ({{at}}): {{overall}}',
      overall: {
        pass: 'all passed',
        fail: 'some steps failed',
        unknown: 'some steps could not tell',
      },
      result: { pass: 'pass', fail: 'FAIL', unknown: 'cannot tell' },
      step: {
        screen: 'Screen test',
        audio: 'Sound test',
        network: 'Network to the hub',
        disk: 'Disk write/read',
        database: 'Database integrity',
        content: 'Course verification',
      },
      text: {
        screenPattern:
          'Colour bars are ready (technician console → self-test → colour bars); {{displays}} display(s) detected',
        screenNoDisplay:
          'Colour bars are ready; this machine reports no display, so look at the bars on the console',
        audioOutputs: 'Audio output found: {{devices}}. Play the test tone from the console',
        audioNone: 'No audio output device detected',
        hubOk: 'The county hub answers ({{latency}} ms)',
        hubNotConfigured: 'No county hub address set, nothing to test',
        hubFailed: 'Cannot reach the county hub: {{error}}',
        diskOk: 'Wrote and read back {{size}} on the data and course disks, identical',
        diskFailed: 'Disk write/read failed ({{path}}): {{error}}',
        databaseOk: 'Database integrity check passed',
        databaseFailed: 'Database integrity check found problems: {{detail}}',
        contentNone: 'No course files',
        contentUnverified:
          'Hashed {{files}} course files; there is no verified catalogue from the county yet, so their content cannot be confirmed',
        contentChanged: '{{changed}} course files differ from the last check: {{paths}}',
        contentOk: '{{files}} course files are the same as at the last check',
        contentVerified: "{{files}} course files match the county's signed catalogue",
        contentCorrupt:
          '{{count}} course files failed verification (quarantined, no longer played, fetched again at the next sync): {{paths}}',
      },
      advice: {
        screen:
          'Check the display power and the video cable (HDMI/VGA) and that the TV is on the right input; replace the cable if the colours are wrong',
        audio:
          'Check the speaker power, volume and cable and that the system sound output is the right device; replace the speaker or sound card if still silent',
        network:
          'Check the county hub address; check the network cable, router and broadband; ask the county whether the hub is up',
        disk: 'The disk may be full or failing: free space; if it keeps failing, back up now (station backup) and replace the disk or memory card',
        database:
          'Back up now and ask the county technicians to restore the latest backup with station restore',
        content:
          'Course files may be damaged: sync the courses again or re-import them from a USB stick',
      },
    },
  },
  schedule: {
    memberStatus: { done: 'done', due: 'to train', warn: 'deadline soon', overdue: 'overdue' },
    removed: 'Removed plan {{id}}: {{title}}',
    added: 'Added plan {{id}}: {{title}}',
    moved: 'Moved: {{from}} → {{to}}',
    cancelled: 'Cancelled the session at {{at}}',
    none: 'Nothing scheduled in this period',
    status: { scheduled: 'scheduled', moved: 'moved', cancelled: 'cancelled' },
    holiday: 'holiday: {{name}}',
    dueMonth: 'Collective study this month ({{month}}): {{status}}',
    dueWinterSpring: 'Winter–spring training ({{season}}): {{status}}',
    duePartyLecture: 'Party lecture ({{year}}): {{status}}',
    dueNewMember: 'New-member training {{name}}: {{status}}, deadline {{deadline}}',
    dueMobile: 'Yearly training of mobile member {{name}}: {{status}}',
    dueMissed: 'Months without a collective study: {{months}}',
    dueClockUntrusted:
      'The clock is earlier than the recorded time {{highWater}} and is not trusted; the recorded time is used',
    obligation: {
      held: 'held',
      planned: 'planned',
      due: 'due',
      'not-in-season': 'not in season',
      done: 'done',
      warn: 'deadline soon',
      overdue: 'overdue',
    },
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
    kind: SESSION_KIND_NAMES.en,
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
      writtenEmpty:
        'Bundle written: {{file}} (no new records since the last export; it carries the chain head only)',
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
  printing: {
    jobTitle: { sheet: 'Sign-in sheet {{title}}', record: 'Study record {{year}}-{{month}}' },
    sent: 'Sent to printer {{printer}} (job {{job}})',
    printed: 'Printed on {{printer}} (job {{job}})',
    stopped:
      'Printer {{printer}} has stopped{{reason}}; job {{job}} is still waiting. Check paper, ink and power, then run cupsenable {{printer}} and it prints',
    stoppedBecause: ' ({{reason}})',
    gone: 'Printer {{printer}} was removed; job {{job}} was not printed',
    stillWaiting:
      'Job {{job}} has not finished after {{minutes}} minutes; lpstat -o {{printer}} shows it',
    noPrinters: 'No printer has been added yet',
    default: 'default',
    paused: 'paused',
    rejecting: 'not accepting jobs',
  },
};
