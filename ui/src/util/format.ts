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

export function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`
}

/** The absolute time as a tooltip, in the reader's locale. */
export function absoluteTime(iso: string | null | undefined): string {
  const t = parseTime(iso)
  return t === null ? '' : new Date(t).toLocaleString()
}
