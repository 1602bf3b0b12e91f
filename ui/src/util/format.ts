///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

/** Formatting shared by the views; every function accepts the nulls the api sends for "unknown". */

export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago"; for future times "in 5 min". */
export function relativeTime(iso: string | null | undefined, now: number): string {
  const t = parseTime(iso)
  if (t === null) return 'never'
  const diff = Math.round((t - now) / 1000)
  const abs = Math.abs(diff)
  if (abs < 2) return diff > 0 ? 'now' : 'just now'
  const span =
    abs < 60 ? `${abs} s` : abs < 3600 ? `${Math.floor(abs / 60)} min` : abs < 86400 ? `${Math.floor(abs / 3600)} h` : `${Math.floor(abs / 86400)} d`
  return diff > 0 ? `in ${span}` : `${span} ago`
}

export function duration(millis: number | null | undefined): string {
  if (millis === null || millis === undefined) return '–'
  if (millis < 1000) return `${Math.round(millis)} ms`
  if (millis < 60_000) return `${(millis / 1000).toFixed(millis < 10_000 ? 2 : 1)} s`
  return `${Math.floor(millis / 60_000)} min ${Math.round((millis % 60_000) / 1000)} s`
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KiB', 'MiB', 'GiB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US')
}

/** "1 point", "12 points". */
export function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`
}

/** 950, 3.4k, 12k, 1.2M: a count at a glance. */
export function compact(n: number): string {
  const abs = Math.abs(n)
  const [value, suffix] = abs >= 1e6 ? [n / 1e6, 'M'] : abs >= 1e3 ? [n / 1e3, 'k'] : [n, '']
  if (!suffix) return count(n)
  return `${Math.abs(value) < 10 ? Math.floor(value * 10) / 10 : Math.floor(value)}${suffix}`
}

/** A score in the unit its source counts: "120 points", "3.4k stars", "1 point"; the default unit reads "score 7". */
export function scoreText(n: number, unit: string): string {
  if (!unit || unit === 'score') return `score ${compact(n)}`
  return `${compact(n)} ${n === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit}`
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`
}

/** The absolute time as a tooltip, in the reader's locale. */
export function absoluteTime(iso: string | null | undefined): string {
  const t = parseTime(iso)
  return t === null ? '' : new Date(t).toLocaleString()
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
