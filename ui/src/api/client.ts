///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import type {
  CrawlAccepted,
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
  let response: Response
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } })
  } catch {
    throw new ApiError('unreachable', 0, 'api unreachable')
  }
  if (response.ok) return (await response.json()) as T
  const problem = await problemOf(response)
  const detail = problem?.detail ?? problem?.title ?? `HTTP ${response.status} ${response.statusText}`.trim()
  if (response.status === 503) throw new ApiError('waiting', 503, detail) // the api says why: not yet, damaged, …
  if (response.status === 401) throw new ApiError('unauthorized', 401, detail)
  // A gateway error, or a bare 500 from the dev server's proxy, means the api itself is down.
  if (response.status === 502 || response.status === 504 || (response.status === 500 && !problem)) {
    throw new ApiError('unreachable', response.status, 'api unreachable')
  }
  throw new ApiError('http', response.status, detail)
}

export function getSources(): Promise<SourcesResponse> {
  return request('/api/sources')
}

export function getItems(query: ItemQuery = {}): Promise<ItemsResponse> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value))
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
