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
  SourcesResponse,
  Status,
} from './types'

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

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await send(path, init)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** Fetches, and turns anything but a 2xx answer into an ApiError. An abort is rethrown as is. */
async function send(path: string, init?: RequestInit): Promise<Response> {
  let response: Response
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError('unreachable', 0, 'api unreachable')
  }
  if (response.ok) return response
  const problem = await problemOf(response)
  const detail = problem?.detail ?? problem?.title ?? `HTTP ${response.status} ${response.statusText}`.trim()
  if (response.status === 503) throw new ApiError('waiting', 503, detail) // the api says why: not yet, damaged, …
  if (response.status === 401) throw new ApiError('unauthorized', 401, detail)
  // A gateway error, or a bare 500 from the dev server's proxy, means the api itself is down.
  if (response.status === 502 || response.status === 504 || (response.status === 500 && !problem)) {
    throw new ApiError('unreachable', response.status, 'api unreachable')
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

export function crawlNow(sourceId: string, token: string): Promise<CrawlAccepted> {
  return request(`/api/sources/${encodeURIComponent(sourceId)}/crawl`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  })
}

function authorized(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } }
}

function jsonBody(method: string, body: unknown, token: string, signal?: AbortSignal): RequestInit {
  return authorized(token, { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, signal })
}

const sourcePath = (id: string) => `/api/sources/${encodeURIComponent(id)}`

/** The source as configured, with where it is kept and whether the api may change it. */
export function getSourceConfig(id: string): Promise<SourceConfigResponse> {
  return request(`${sourcePath(id)}/config`)
}

export function createSource(draft: SourceDraft, token: string): Promise<SourceConfigResponse> {
  return request('/api/sources', jsonBody('POST', draft, token))
}

export function replaceSource(id: string, draft: SourceDraft, token: string): Promise<SourceConfigResponse> {
  return request(sourcePath(id), jsonBody('PUT', draft, token))
}

export function deleteSource(id: string, token: string): Promise<void> {
  return request(sourcePath(id), authorized(token, { method: 'DELETE' }))
}

/** What the draft would extract now: one fetch by the server (cached a few minutes per page). */
export function previewSource(draft: SourceDraft, token: string, signal?: AbortSignal): Promise<PreviewResult> {
  return request('/api/sources/preview', jsonBody('POST', draft, token, signal))
}

/** The kind of the page at `url`, and the feeds it advertises. */
export function discoverSource(url: string, token: string, signal?: AbortSignal): Promise<Discovery> {
  return request('/api/sources/discover', jsonBody('POST', { url }, token, signal))
}

/** Where the OPML of the feed sources downloads from. */
export const OPML_URL = '/api/sources/opml'

export function importOpml(xml: string, token: string): Promise<OpmlImportResult> {
  return request(OPML_URL, authorized(token, { method: 'POST', body: xml, headers: { 'Content-Type': 'text/x-opml' } }))
}
