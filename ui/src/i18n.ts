///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { createI18n } from 'vue-i18n'
// Compiled into functions at build time by @intlify/unplugin-vue-i18n, so that the runtime-only
// build needs no message compiler (which the CSP's script-src 'self' would refuse to eval).
import en from './locales/en.json'
import zhCN from './locales/zh-CN.json'

export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]

/** Each locale's name in its own language, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' }

const KEY = 'native-shm.locale'

/** Traditional Chinese readers would rather read English than Simplified Chinese they did not ask for. */
const TRADITIONAL = /^zh-(tw|hk|mo|hant)\b/i

/** The first of the browser's languages this UI speaks: any Simplified Chinese → zh-CN; else English. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    if (/^en\b/i.test(language)) return 'en'
    if (/^zh\b/i.test(language) && !TRADITIONAL.test(language)) return 'zh-CN'
  }
  return 'en'
}

function remembered(): Locale | null {
  try {
    const value = localStorage.getItem(KEY)
    return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : null
  } catch {
    return null // storage disabled: choose from the browser every time
  }
}

function initialLocale(): Locale {
  return remembered() ?? pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language])
}

export const i18n = createI18n<[typeof en], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': zhCN },
})

/** For scripts outside components (stores, formatting); templates use `$t`. */
export const t = i18n.global.t

/** The locale in use; reactive, so formatting that reads it re-renders on a switch. */
export function currentLocale(): Locale {
  return i18n.global.locale.value
}

/** Switches the language, remembers the choice and tells the browser (fonts, screen readers, hyphenation). */
export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(KEY, locale)
  } catch {
    // See remembered().
  }
}

document.documentElement.lang = currentLocale()
