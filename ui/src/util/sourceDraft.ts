///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import type { FieldProblem, SelectorValue, SourceDraft, SourceKind } from '../api/types'

/** The fields of an html source's `selectors` block, in the editor's order. */
export const HTML_FIELDS = ['item', 'title', 'link', 'score', 'comments', 'author', 'time', 'detail'] as const
/** The fields of a json source's `pointers` block, in the editor's order. */
export const JSON_FIELDS = ['items', 'title', 'link', 'score', 'comments', 'author', 'time'] as const

export type HtmlField = (typeof HTML_FIELDS)[number]
export type JsonField = (typeof JSON_FIELDS)[number]

export const REQUIRED_HTML: readonly string[] = ['item', 'title', 'link']
export const REQUIRED_JSON: readonly string[] = ['items', 'title', 'link']

/** What the editor's inputs hold: text throughout, turned into a draft by `toDraft`. */
export interface SourceForm {
  url: string
  kind: SourceKind
  name: string
  id: string
  /** The id was typed by hand (or is an existing source's): stop suggesting it from the name. */
  idTouched: boolean
  /** A comma-separated list. */
  tags: string
  schedule: string
  maxItems: string
  scoreUnit: string
  timeFormat: string
  timeZone: string
  selectors: Record<HtmlField, string>
  pointers: Record<JsonField, string>
  /** Keys of the configured source the editor has no input for (headers, …), kept as they are. */
  extra: Record<string, unknown>
  /** Selectors written as mappings ({select, attr, pattern}), kept while their text is unchanged. */
  mappings: Partial<Record<HtmlField, { text: string; value: SelectorValue }>>
}

const blank = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, ''])) as Record<K, string>

export function emptyForm(): SourceForm {
  return {
    url: '',
    kind: 'html',
    name: '',
    id: '',
    idTouched: false,
    tags: '',
    schedule: '15m',
    maxItems: '',
    scoreUnit: '',
    timeFormat: '',
    timeZone: '',
    selectors: blank(HTML_FIELDS),
    pointers: blank(JSON_FIELDS),
    extra: {},
    mappings: {},
  }
}

/** A selector as the editor shows it: the mapping's `select`, with `@attr` when it reads one. */
function selectorText(value: SelectorValue): string {
  if (typeof value === 'string') return value
  return value.attr ? `${value.select}@${value.attr}` : value.select
}

const EDITED = new Set(['id', 'name', 'kind', 'url', 'schedule', 'maxItems', 'scoreUnit', 'tags', 'timeFormat', 'timeZone', 'selectors', 'pointers'])

/** The form for a configured source (its YAML keys as JSON). */
export function formOf(source: SourceDraft): SourceForm {
  const form = emptyForm()
  form.url = source.url ?? ''
  form.kind = (['html', 'rss', 'json'].includes(source.kind) ? source.kind : 'html') as SourceKind
  form.name = source.name ?? ''
  form.id = source.id ?? ''
  form.idTouched = Boolean(source.id)
  form.tags = (source.tags ?? []).join(', ')
  form.schedule = source.schedule ?? ''
  form.maxItems = source.maxItems === undefined || source.maxItems === null ? '' : String(source.maxItems)
  form.scoreUnit = source.scoreUnit ?? ''
  form.timeFormat = source.timeFormat ?? ''
  form.timeZone = source.timeZone ?? ''
  for (const field of HTML_FIELDS) {
    const value = source.selectors?.[field]
    if (value === undefined || value === null) continue
    form.selectors[field] = selectorText(value)
    if (typeof value !== 'string') form.mappings[field] = { text: form.selectors[field], value }
  }
  for (const field of JSON_FIELDS) {
    const value = source.pointers?.[field]
    if (value !== undefined && value !== null) form.pointers[field] = String(value)
  }
  form.extra = Object.fromEntries(Object.entries(source).filter(([key]) => !EDITED.has(key)))
  return form
}

/** Tags from a comma-separated list: trimmed, empty ones and repeats dropped, order kept. */
export function parseTags(text: string): string[] {
  const tags: string[] = []
  for (const raw of text.split(/[,，]/)) {
    const tag = raw.trim()
    if (tag && !tags.includes(tag)) tags.push(tag)
  }
  return tags
}

/**
 * The draft to send: only what is filled in, so that the crawler's defaults apply to the rest
 * and its validation names whatever is wrong. A maxItems that is not a number is sent as text,
 * for the crawler to refuse with its own message.
 */
export function toDraft(form: SourceForm): SourceDraft {
  const draft: SourceDraft = { ...form.extra, kind: form.kind, url: form.url.trim() }
  if (form.id.trim()) draft.id = form.id.trim()
  if (form.name.trim()) draft.name = form.name.trim()
  if (form.schedule.trim()) draft.schedule = form.schedule.trim()
  const max = form.maxItems.trim()
  if (max) draft.maxItems = /^\d+$/.test(max) ? Number(max) : (max as unknown as number)
  if (form.scoreUnit.trim()) draft.scoreUnit = form.scoreUnit.trim()
  const tags = parseTags(form.tags)
  if (tags.length) draft.tags = tags
  if (form.timeFormat.trim()) draft.timeFormat = form.timeFormat.trim()
  if (form.timeZone.trim()) draft.timeZone = form.timeZone.trim()
  if (form.kind === 'html') {
    const selectors: Record<string, SelectorValue> = {}
    for (const field of HTML_FIELDS) {
      const text = form.selectors[field].trim()
      if (!text) continue
      const mapping = form.mappings[field]
      selectors[field] = mapping && mapping.text === form.selectors[field] ? mapping.value : text
    }
    draft.selectors = selectors
  } else if (form.kind === 'json') {
    const pointers: Record<string, string> = {}
    for (const field of JSON_FIELDS) {
      // "" is a valid pointer for items (the whole document), so an empty items box is sent as "".
      if (form.pointers[field].trim() || field === 'items') pointers[field] = form.pointers[field].trim()
    }
    draft.pointers = pointers
  }
  return draft
}

/** An id the crawler accepts (1-31 of a-z, 0-9, '-'), from a name: "Hacker News" → "hacker-news". */
export function suggestId(name: string, taken: Iterable<string> = []): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 31)
      .replace(/-+$/, '') || 'source'
  return uniqueId(base, taken)
}

/** `base`, or `base-2`, `base-3`, … (cut to fit 31 characters), whichever is not taken. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n++) {
    const suffix = `-${n}`
    const id = `${base.slice(0, 31 - suffix.length).replace(/-+$/, '')}${suffix}`
    if (!used.has(id)) return id
  }
}

/** The form for a copy of a configured source: same settings, "(copy)" name, a free id. */
export function duplicateForm(source: SourceDraft, taken: Iterable<string>): SourceForm {
  const form = formOf(source)
  form.name = `${form.name || form.id} (copy)`
  form.id = uniqueId(form.id ? `${form.id.slice(0, 26).replace(/-+$/, '')}-copy` : suggestId(form.name), taken)
  form.idTouched = false
  return form
}

/** The editor's inputs that a problem or a warning can be shown next to. */
export function formFields(kind: string): string[] {
  const base = ['url', 'kind', 'name', 'id', 'tags', 'schedule', 'maxItems', 'scoreUnit', 'timeFormat', 'timeZone']
  if (kind === 'html') return [...base, ...HTML_FIELDS.map((f) => `selectors.${f}`)]
  if (kind === 'json') return [...base, ...JSON_FIELDS.map((f) => `pointers.${f}`)]
  return base
}

/**
 * The input a problem's or a warning's field belongs to: the field itself, the key it is inside
 * (`selectors.author.pattern` → `selectors.author`, `tags[2]` → `tags`), or, for a bare field
 * name of the kind's block (`title`), that block's entry. Null when no input shows it.
 */
export function inputOf(field: string | null | undefined, kind: string): string | null {
  if (!field) return null
  const known = formFields(kind)
  const candidates = [field]
  if (kind === 'html') candidates.push(`selectors.${field}`)
  if (kind === 'json') candidates.push(`pointers.${field}`)
  for (const candidate of candidates) {
    let best: string | null = null
    for (const key of known) {
      const inside = candidate === key || candidate.startsWith(`${key}.`) || candidate.startsWith(`${key}[`)
      if (inside && (!best || key.length > best.length)) best = key
    }
    if (best) return best
  }
  return null
}

export interface Placed<T> {
  /** By input (see `inputOf`). */
  byField: Record<string, T[]>
  /** Those no input shows: listed above the form. */
  general: T[]
}

/** Sorts problems (or warnings) by the input they belong to. */
export function placeByField<T extends { field?: string | null }>(list: readonly T[], kind: string): Placed<T> {
  const placed: Placed<T> = { byField: {}, general: [] }
  for (const entry of list) {
    const input = inputOf(entry.field, kind)
    if (input) (placed.byField[input] ??= []).push(entry)
    else placed.general.push(entry)
  }
  return placed
}

/** Problems that make a preview pointless to ask for: the url is missing or not http(s). */
export function previewable(form: SourceForm): boolean {
  return /^https?:\/\/[^\s/]+/i.test(form.url.trim())
}

export type { FieldProblem }
