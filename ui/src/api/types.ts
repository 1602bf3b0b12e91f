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
  source?: string
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

/** An RFC 9457 problem body. */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
}

/** The app's overall state, from /api/status; anything but `ok` shows the problems banner. */
export type AppState = 'ok' | 'starting' | 'config-invalid' | 'crawler-down' | 'segment-damaged' | 'not-publishing'

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
