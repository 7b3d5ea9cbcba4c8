import { z } from 'zod';
import { systemClock } from '../../clock.js';
import { initDataDir } from '../../init.js';
import { resolveDataDir } from '../../paths.js';
import { SETTINGS, SETTING_KEYS, isSettingKey } from '../../settings/definitions.js';
import { coerceSettingInput, readSettings, writeSetting } from '../../settings/store.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';

/** `station config get [KEY]` and `station config set KEY VALUE`. */
export async function configCommand({ args, io, t, lang }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, 3);
  const [action, key, value] = positionals;
  if (action !== 'get' && action !== 'set') {
    throw new UsageError('cli.unknownCommand', { command: `config ${action ?? ''}`.trim() });
  }
  if (key !== undefined && !isSettingKey(key)) {
    throw new UsageError('cli.unknownSetting', { key, keys: SETTING_KEYS.join(', ') });
  }
  if (action === 'set' && (key === undefined || value === undefined)) {
    throw new UsageError('cli.missingArg', { name: key === undefined ? 'KEY' : 'VALUE' });
  }
  if (action === 'get' && value !== undefined) {
    throw new UsageError('cli.unexpectedArg', { arg: value });
  }

  const { db } = initDataDir({ dataDir: resolveDataDir(values.data, io.env), clock: systemClock });
  try {
    if (action === 'get') {
      const all = readSettings(db);
      if (key !== undefined) {
        const v = all[key];
        io.stdout(values.json ? JSON.stringify({ key, value: v }) : String(v));
      } else if (values.json) {
        io.stdout(JSON.stringify(all));
      } else {
        for (const k of SETTING_KEYS) io.stdout(`${k} = ${String(all[k])}`);
      }
      return 0;
    }
    // action === 'set'
    if (!key || value === undefined) return 2;
    if ((SETTINGS[key] as { readOnly?: boolean }).readOnly) {
      throw new UsageError('cli.readOnlySetting', { key });
    }
    const parsed = (SETTINGS[key].schema as z.ZodType).safeParse(coerceSettingInput(key, value), {
      error: (lang === 'en' ? z.locales.en() : z.locales.zhCN()).localeError,
    });
    if (!parsed.success) {
      throw new UsageError('cli.badSettingValue', {
        key,
        value,
        // zod words its own checks in the user's language (the locale above); our refinements
        // name a translated reason instead of an English message.
        detail: parsed.error.issues
          .map((i) => {
            const reason = i.code === 'custom' ? (i.params as { reason?: string })?.reason : null;
            return reason ? t(`cli.settingReason.${reason}`) : i.message;
          })
          .join('; '),
      });
    }
    const saved = writeSetting(db, key, parsed.data, systemClock.now());
    if (values.json) io.stdout(JSON.stringify({ key, value: saved }));
    else io.stdout(t('cli.settingSaved', { key, value: String(saved) }));
    return 0;
  } finally {
    db.close();
  }
}
