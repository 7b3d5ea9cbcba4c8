import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../common/contract.js';
import { zhCN, type Messages } from './zh-CN.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Messages };
  }
}

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/**
 * The kiosk's language is the station's setting and nothing else: no detector, so neither the
 * browser's nor the system's locale can change it. Until the station answers it is zh-CN.
 */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    // Only Chinese is in the first bundle; English is fetched when a station switches to it.
    resources: { 'zh-CN': { translation: zhCN } },
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** Switch the UI (and the document's lang, which picks CJK glyph forms) to the station's language. */
export async function applyLanguage(instance: i18n, language: Language): Promise<void> {
  if (language === 'en' && !instance.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./en.js');
    instance.addResourceBundle('en', 'translation', en);
  }
  if (instance.language !== language) await instance.changeLanguage(language);
  // Only on a change: at start both already hold what index.html says in Chinese.
  if (document.documentElement.lang !== language) document.documentElement.lang = language;
  const title = instance.t('app.title');
  if (document.title !== title) document.title = title;
}
