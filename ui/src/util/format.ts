///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { currentLocale, t as tr } from '../i18n'

/**
 * Formatting shared by the views; every function accepts the nulls the api sends for "unknown", and
 * formats for the current locale (reactively: a template calling these re-renders on a switch).
 */

export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** How long ago or how soon, coarsened with distance: "42s ago", "5m ago", "in 3m"; "42秒前" in Chinese. */
export function relativeTime(iso: string | null | undefined, now: number): string {
  const t = parseTime(iso)
  if (t === null) return tr('time.never')
  const diff = Math.round((t - now) / 1000)
  const abs = Math.abs(diff)
  if (abs < 2) return tr('time.justNow')
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < 60 ? [abs, 'second'] : abs < 3600 ? [Math.floor(abs / 60), 'minute'] : abs < 86400 ? [Math.floor(abs / 3600), 'hour'] : [Math.floor(abs / 86400), 'day']
  return new Intl.RelativeTimeFormat(currentLocale(), { style: 'narrow' }).format(Math.sign(diff) * value, unit)
}

function unit(value: number, unit: string, digits = 0): string {
  const options = { style: 'unit', unit, unitDisplay: 'short', minimumFractionDigits: digits, maximumFractionDigits: digits } as const
  return new Intl.NumberFormat(currentLocale(), options).format(value)
}

export function duration(millis: number | null | undefined): string {
  if (millis === null || millis === undefined) return '–'
  if (millis < 1000) return unit(Math.round(millis), 'millisecond')
  if (millis < 60_000) return unit(millis / 1000, 'second', millis < 10_000 ? 2 : 1)
  return `${unit(Math.floor(millis / 60_000), 'minute')} ${unit(Math.round((millis % 60_000) / 1000), 'second')}`
}

export function bytes(n: number): string {
  // Binary units are the same in every language.
  if (n < 1024) return `${count(n)} B`
  const units = ['KiB', 'MiB', 'GiB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = value < 10 ? 1 : 0
  const number = new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)
  return `${number} ${units[unit]}`
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : new Intl.NumberFormat(currentLocale()).format(n)
}

/** A rate with one decimal: "12.5". */
export function decimal(n: number): string {
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)
}

/** "1 comment", "1,200 comments"; "1,200 条评论". */
export function comments(n: number): string {
  return tr('item.comments', { n: count(n) }, n)
}

/** 950, 3.4K, 12K, 1.2M (1.2万 in Chinese): a count at a glance, never rounded up. */
export function compact(n: number): string {
  // roundingMode is ES2023, which the TypeScript lib in use (ES2022) does not list.
  const options = { notation: 'compact', roundingMode: 'trunc' } as Intl.NumberFormatOptions
  return new Intl.NumberFormat(currentLocale(), options).format(n)
}

/**
 * A score in the unit its source counts: "120 points", "3.4K stars", "1 point"; the default unit
 * reads "score 7". The unit is the source's own word and is not translated.
 */
export function scoreText(n: number, unit: string): string {
  if (!unit || unit === 'score') return tr('format.score', { n: compact(n) })
  const singular = n === 1 && unit.endsWith('s') && currentLocale() === 'en'
  return `${compact(n)} ${singular ? unit.slice(0, -1) : unit}`
}

export function percent(fraction: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(fraction)
}

/** The absolute time as a tooltip, in the reader's language. */
export function absoluteTime(iso: string | null | undefined): string {
  const t = parseTime(iso)
  return t === null ? '' : new Date(t).toLocaleString(currentLocale())
}

/** An ISO instant as the value of an `<input type="datetime-local">`, in the reader's time zone. */
export function localInput(iso: string): string {
  const t = parseTime(iso)
  if (t === null) return ''
  const d = new Date(t)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`
}

/** The instant a `datetime-local` value means in the reader's time zone, as ISO; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
  const t = value ? new Date(value).getTime() : NaN
  return Number.isNaN(t) ? '' : new Date(t).toISOString()
}
