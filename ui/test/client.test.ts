import { describe, expect, it, vi } from 'vitest'
import { ApiError, crawlNow, getItems, getSources } from '../src/api/client'
import { json, mockApi, problem, queriesOf, source } from './helpers'

describe('api client', () => {
  it('returns the parsed body on success', async () => {
    mockApi({ '/api/sources': () => json({ sources: [source()] }) })
    expect((await getSources()).sources[0].id).toBe('demo-news')
  })

  it('sends only the item query parameters that are set', async () => {
    const api = mockApi({ '/api/items': () => json({ items: [], total: 0, nextCursor: null }) })
    await getItems({ q: 'rust', source: '', sort: 'score', limit: 50 })
    expect(Object.fromEntries(queriesOf(api, '/api/items')[0])).toEqual({ q: 'rust', sort: 'score', limit: '50' })
  })

  it.each([
    ['a refused connection', () => Promise.reject(new TypeError('Failed to fetch')), 'unreachable', 'api unreachable'],
    ['503 before the crawler publishes', () => problem(503, 'no segment yet'), 'waiting', 'no segment yet'],
    ['a bare 500 from the dev proxy', () => new Response('', { status: 500 }), 'unreachable', 'api unreachable'],
    ['502 from a gateway', () => new Response('bad gateway', { status: 502 }), 'unreachable', 'api unreachable'],
    ['a problem+json 400', () => problem(400, 'limit must be 1..500, was 0'), 'http', 'limit must be 1..500, was 0'],
  ])('classifies %s', async (_name, respond, kind, message) => {
    vi.stubGlobal('fetch', vi.fn(respond))
    const error = await getSources().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).kind).toBe(kind)
    expect((error as ApiError).message).toBe(message)
  })

  it('posts a crawl with the bearer token', async () => {
    const api = mockApi({ 'POST /api/sources/demo-news/crawl': () => json({ source: 'demo-news', command: 7 }, 202) })
    expect(await crawlNow('demo-news', 's3cret')).toEqual({ source: 'demo-news', command: 7 })
    const init = api.mock.calls[0][1] as RequestInit
    expect(init.method).toBe('POST')
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer s3cret')
  })

  it('reports a rejected token as unauthorized', async () => {
    mockApi({ 'POST /api/sources/demo-news/crawl': () => problem(401, 'missing or wrong token') })
    await expect(crawlNow('demo-news', 'nope')).rejects.toMatchObject({ kind: 'unauthorized', status: 401 })
  })
})
