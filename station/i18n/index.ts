/**
 * Station-side translation. Messages that reach a person (CLI lines, RPC error messages) are
 * rendered here in the station's language; zh-CN is the default and never comes from the OS locale.
 */
import i18next from 'i18next';
import type { Language } from '../../common/contract.js';
import { zhCN } from './zh-CN.js';
import { en } from './en.js';

type DeepString<T> = { [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };
export type Messages = DeepString<typeof zhCN>;

/**
 * Our own narrow signature: the renderer augments i18next's global key types for its own
 * resources, and the station's keys must not be checked against those.
 */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

const cache = new Map<Language, Translate>();

export function translator(language: Language): Translate {
  const cached = cache.get(language);
  if (cached) return cached;
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'zh-CN',
    initAsync: false,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as Parameters<typeof instance.init>[0]);
  const t: Translate = (key, params) =>
    (instance.t as unknown as (k: string, o?: object) => string)(key, params);
  cache.set(language, t);
  return t;
}

export function parseLanguage(value: string | undefined): Language | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === 'en' || v.startsWith('en-') || v.startsWith('en_')) return 'en';
  if (v === 'zh' || v === 'zh-cn' || v.startsWith('zh-hans') || v === 'zh_cn') return 'zh-CN';
  return undefined;
}
