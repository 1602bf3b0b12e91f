///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

/** Types of the HTTP API, as documented in docs/api.md. */

export type SourceState = 'ok' | 'failing' | 'waiting'

export type Outcome =
  | 'PENDING'
  | 'OK'
  | 'NOT_MODIFIED'
  | 'ROBOTS_DISALLOWED'
  | 'HTTP_ERROR'
  | 'TIMEOUT'
  | 'NETWORK_ERROR'
  | 'REDIRECT_LOOP'
  | 'PARSE_ERROR'

export interface CrawlRecord {
  finished: string
  durationMillis: number
  itemCount: number
  outcome: Outcome
}

export interface Source {
  id: string
  name: string
  kind: string
  url: string
  state: SourceState
  outcome: Outcome
  httpStatus: number
  error: string | null
  itemCount: number
  lastStart: string | null
  lastFinish: string | null
  nextRun: string | null
  durationMillis: number
  runs: number
  failures: number
  bytesOnWire: number
  bytesDecoded: number
  hostDelayMillis: number
  /** What the source's scores count, e.g. "points", "stars"; "score" when the config does not say. */
  scoreUnit: string
  /** The latest crawls, oldest first (at most 30); empty before the first. */
  history: CrawlRecord[]
  /** The source's tags, in the config's order (absent from an older api). */
  tags?: string[]
  /** `file`: the hand-written config (read-only here); `app`: made through the api. */
  origin?: SourceOrigin
  /** Whether the api lets this source be replaced or deleted. */
  editable?: boolean
}

export type SourceOrigin = 'file' | 'app'
export type SourceKind = 'html' | 'rss' | 'json'

/** An html field: a selector string ("a.title", "time@datetime") or a mapping. */
export type SelectorValue = string | { select: string; attr?: string; pattern?: string }

/** A source as configured: the YAML keys of a `sources:` entry, as JSON. */
export interface SourceDraft {
  id?: string
  name?: string
  kind: SourceKind | string
  url: string
  schedule?: string
  maxItems?: number
  scoreUnit?: string
  tags?: string[]
  headers?: Record<string, string>
  timeFormat?: string
  timeZone?: string
  selectors?: Record<string, SelectorValue>
  pointers?: Record<string, string>
  [key: string]: unknown
}

/** GET /api/sources/{id}/config, and the answer to POST/PUT. */
export interface SourceConfigResponse {
  id: string
  origin: SourceOrigin
  editable: boolean
  /** The file the source is kept in. */
  file: string
  source: SourceDraft
}

/** One thing wrong with a draft, as the crawler's config validation says it. */
export interface FieldProblem {
  /** The dotted path of the key, e.g. `selectors.title`, or null for the source as a whole. */
  field: string | null
  value: string | null
  message: string
}

export interface PreviewFetch {
  url: string
  /** The URL of the last response, after redirects. */
  finalUrl?: string | null
  /** ok, robots_disallowed, http_error, timeout, network_error, redirect_loop, not_modified, cancelled */
  outcome?: string
  status: number
  contentType: string | null
  bytes: number
  fromCache: boolean
  fetchedAt: string | null
  error?: string | null
}

export interface PreviewField {
  text: string
  /** The selector (or pointer) that matched. */
  selector: string | null
  raw?: string | null
  /** What happened: "matched nothing", "relative link made absolute against …". */
  note?: string | null
}

export interface PreviewItem {
  /** 1-based position among the candidates. */
  index: number
  fields: Record<string, PreviewField>
  url: string | null
  skipped?: string | null
}

export interface PreviewResult {
  fetch: PreviewFetch
  items: PreviewItem[]
  skipped: { index: number; reason: string }[]
  warnings: { field: string | null; message: string }[]
  error?: string | null
}

export interface DiscoveredFeed {
  url: string
  title: string | null
  type: string | null
}

export interface Discovery {
  url: string
  kind: SourceKind
  title: string | null
  feeds: DiscoveredFeed[]
}

export interface OpmlImportResult {
  created: string[]
  skipped: { title: string | null; url: string | null; reason: string }[]
}

export interface SourcesResponse {
  sources: Source[]
}

export interface Item {
  id: number
  source: string
  sourceName: string
  title: string
  /** The crawler cut the title to fit its slot. */
  titleCut: boolean
  url: string
  rank: number
  score: number | null
  /** What `score` counts, e.g. "points". */
  scoreUnit: string
  comments: number | null
  author: string | null
  published: string | null
  firstSeen: string
  lastSeen: string
  gone: boolean
  /** When the item left its page; null while it is on it. */
  goneSince: string | null
}

export type ItemSort = 'rank' | 'score' | 'published' | 'firstSeen'

export interface ItemQuery {
  /** Items of any of these sources (one `source=` parameter each). */
  source?: string | string[]
  /** Items of sources carrying any of these tags (AND with `source`). */
  tag?: string[]
  q?: string
  sort?: ItemSort
  /** `gone`: also items no longer on their page. */
  include?: 'gone'
  /** ISO instants: items seen in [from, to]. */
  from?: string
  to?: string
  limit?: number
  cursor?: string
}

export interface HistoryPoint {
  at: string
  rank: number
  score: number | null
  comments: number | null
}

export interface ItemHistory {
  item: Item
  /** Oldest first; a point is stored whenever rank, score or comments changed. */
  points: HistoryPoint[]
  firstSeen: string
  lastSeen: string
  goneSince: string | null
}

export interface ItemsResponse {
  items: Item[]
  total: number
  nextCursor: string | null
}

export interface Writer {
  pid: number
  alive: boolean
  heartbeat: string | null
  heartbeatAgeMillis: number
  started: string | null
  generation: number
}

export interface Region {
  name: string
  kind: 'VALUE' | 'ARRAY' | 'RING' | 'RAW' | string
  layout: string
  fingerprint: string
  elementSize: number
  capacity: number
  used: number
  fill: number
  offset: number
  length: number
}

export interface Segment {
  name: string
  epoch: string
  state: string
  formatVersion: number
  size: number
  writer: Writer
  regions: Region[]
  events: { written: number; capacity: number; perSecond: number }
}

export type ItemEventType = 'item-new' | 'item-changed' | 'item-gone'
export type CrawlEventType = 'crawl-ok' | 'crawl-failed'
export type EventType = ItemEventType | CrawlEventType

/** The data of every event on /api/events except `refetch`. */
export interface ShmEvent {
  seq: number
  time: string
  type: string
  source: string
  itemId: number
  text: string
  item?: Item | null
}

export interface CrawlAccepted {
  source: string
  command: number
}

/** GET /api/session: who this browser is logged in as, and what it may do. */
export interface Session {
  user: string | null
  role: 'editor' | 'viewer' | null
  /** Reads need a login (or the token). */
  authRequired: boolean
  /** This session may make changes without the token. */
  canEdit: boolean
}

/** An RFC 9457 problem body. */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  /** Validation problems of a source draft, one per field. */
  problems?: FieldProblem[]
}

/** The app's overall state, from /api/status; anything but `ok` shows the problems banner. */
export type AppState =
  | 'ok'
  | 'starting'
  | 'config-invalid'
  | 'config-refused'
  | 'crawler-down'
  | 'segment-damaged'
  | 'not-publishing'

/** One thing wrong, with the keys that apply (null otherwise). */
export interface StatusProblem {
  kind: 'config' | 'segment' | 'crawler' | 'database'
  message: string
  file: string | null
  source: string | null
  field: string | null
  value: string | null
}

export interface Status {
  state: AppState
  /** One plain sentence. */
  message: string
  problems: StatusProblem[]
}
