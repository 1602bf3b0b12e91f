///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import type {
  CrawlAccepted,
  Discovery,
  FieldProblem,
  OpmlImportResult,
  PreviewResult,
  SourceConfigResponse,
  SourceDraft,
  ItemHistory,
  ItemQuery,
  ItemsResponse,
  Problem,
  Segment,
  Session,
  SourcesResponse,
  Status,
} from './types'
import { t } from '../i18n'

/**
 * Why a request failed, in the terms the UI shows: the api cannot be reached at all, the api is
 * up but the crawler has not published yet (503), or the api answered with another error.
 */
export type ApiErrorKind = 'unreachable' | 'waiting' | 'unauthorized' | 'http'

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    message: string,
    /** The validation problems of a rejected source draft (400), one per field. */
    readonly problems: FieldProblem[] = [],
    /** How many seconds to wait before trying again (429, from Retry-After), if the api said. */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

async function problemOf(response: Response): Promise<Problem | null> {
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('json')) return null
  try {
    return (await response.json()) as Problem
  } catch {
    return null
  }
}

/**
 * Sent with every request. The api accepts a change made with the session cookie only when this
 * header comes with it: a page of another origin cannot add it without CORS, so this stops CSRF.
 */
const CSRF_HEADER = { 'X-Requested-With': 'native-shm' }

let unauthorized: () => void = () => {}

/**
 * Called when the api answers 401 to a request made with the session cookie alone (the session
 * ended or was never there), not to one with a bearer token (the token dialog deals with those).
 */
export function onUnauthorized(handler: () => void) {
  unauthorized = handler
}

function retryAfterOf(response: Response): number | null {
  const value = response.headers.get('retry-after')
  if (!value) return null
  const seconds = /^\d+$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000)
  return Number.isNaN(seconds) ? null : Math.max(seconds, 1)
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await send(path, init)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** Fetches, and turns anything but a 2xx answer into an ApiError. An abort is rethrown as is. */
async function send(path: string, init?: RequestInit): Promise<Response> {
  let response: Response
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...CSRF_HEADER, ...init?.headers } })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError('unreachable', 0, t('api.unreachable'))
  }
  if (response.ok) return response
  const problem = await problemOf(response)
  const detail = problem?.detail ?? problem?.title ?? `HTTP ${response.status} ${response.statusText}`.trim()
  if (response.status === 503) throw new ApiError('waiting', 503, detail) // the api says why: not yet, damaged, …
  if (response.status === 401) {
    const withToken = Boolean((init?.headers as Record<string, string> | undefined)?.Authorization)
    if (!withToken && path !== LOGIN_PATH) unauthorized()
    throw new ApiError('unauthorized', 401, detail)
  }
  if (response.status === 429) throw new ApiError('http', 429, detail, [], retryAfterOf(response))
  // A gateway error, or a bare 500 from the dev server's proxy, means the api itself is down.
  if (response.status === 502 || response.status === 504 || (response.status === 500 && !problem)) {
    throw new ApiError('unreachable', response.status, t('api.unreachable'))
  }
  throw new ApiError('http', response.status, detail, Array.isArray(problem?.problems) ? problem.problems : [])
}

export function getSources(): Promise<SourcesResponse> {
  return request('/api/sources')
}

export function getItems(query: ItemQuery = {}): Promise<ItemsResponse> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== '') params.append(key, String(one))
    }
  }
  const search = params.toString()
  return request(search ? `/api/items?${search}` : '/api/items')
}

export function getItemHistory(id: number): Promise<ItemHistory> {
  return request(`/api/items/${encodeURIComponent(id)}/history`)
}

export function getStatus(): Promise<Status> {
  return request('/api/status')
}

export function getSegment(): Promise<Segment> {
  return request('/api/segment')
}

const LOGIN_PATH = '/api/login'

/** Who is logged in, and whether changes need the token; always answered, even without a session. */
export function getSession(): Promise<Session> {
  return request('/api/session')
}

/** Logs in: the api sets the session cookie. A wrong password is a 401, too many attempts a 429. */
export async function login(username: string, password: string): Promise<void> {
  await send(LOGIN_PATH, { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'Content-Type': 'application/json' } })
}

export async function logout(): Promise<void> {
  await send('/api/logout', { method: 'POST' })
}

/**
 * A change is sent with the bearer token when there is one, else with the session cookie alone
 * (an editor's session: the api needs no token then).
 */
type Credential = string | null

export function crawlNow(sourceId: string, token: Credential): Promise<CrawlAccepted> {
  return request(`/api/sources/${encodeURIComponent(sourceId)}/crawl`, authorized(token, { method: 'POST' }))
}

function authorized(token: Credential, init: RequestInit = {}): RequestInit {
  const headers = init.headers as Record<string, string> | undefined
  return { ...init, headers: token ? { Authorization: `Bearer ${token}`, ...headers } : headers }
}

function jsonBody(method: string, body: unknown, token: Credential, signal?: AbortSignal): RequestInit {
  return authorized(token, { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, signal })
}

const sourcePath = (id: string) => `/api/sources/${encodeURIComponent(id)}`

/** The source as configured, with where it is kept and whether the api may change it. */
export function getSourceConfig(id: string): Promise<SourceConfigResponse> {
  return request(`${sourcePath(id)}/config`)
}

export function createSource(draft: SourceDraft, token: Credential): Promise<SourceConfigResponse> {
  return request('/api/sources', jsonBody('POST', draft, token))
}

export function replaceSource(id: string, draft: SourceDraft, token: Credential): Promise<SourceConfigResponse> {
  return request(sourcePath(id), jsonBody('PUT', draft, token))
}

export function deleteSource(id: string, token: Credential): Promise<void> {
  return request(sourcePath(id), authorized(token, { method: 'DELETE' }))
}

/** What the draft would extract now: one fetch by the server (cached a few minutes per page). */
export function previewSource(draft: SourceDraft, token: Credential, signal?: AbortSignal): Promise<PreviewResult> {
  return request('/api/sources/preview', jsonBody('POST', draft, token, signal))
}

/** The kind of the page at `url`, and the feeds it advertises. */
export function discoverSource(url: string, token: Credential, signal?: AbortSignal): Promise<Discovery> {
  return request('/api/sources/discover', jsonBody('POST', { url }, token, signal))
}

/** Where the OPML of the feed sources downloads from. */
export const OPML_URL = '/api/sources/opml'

export function importOpml(xml: string, token: Credential): Promise<OpmlImportResult> {
  return request(OPML_URL, authorized(token, { method: 'POST', body: xml, headers: { 'Content-Type': 'text/x-opml' } }))
}
