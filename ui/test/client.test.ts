import { describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  OPML_URL,
  crawlNow,
  createSource,
  deleteSource,
  discoverSource,
  getItems,
  getSourceConfig,
  getSources,
  importOpml,
  previewSource,
  replaceSource,
} from '../src/api/client'
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

describe('source management calls', () => {
  const config = { id: 'mine', origin: 'app', editable: true, file: '/data/sources.yaml', source: { id: 'mine', kind: 'rss', url: 'http://x/feed' } }
  const bearer = (init: RequestInit | undefined) => (init?.headers as Record<string, string>).Authorization

  it('creates, replaces, reads and deletes a source with the token', async () => {
    const api = mockApi({
      'POST /api/sources': () => json(config, 201),
      'PUT /api/sources/mine': () => json(config),
      'GET /api/sources/mine/config': () => json(config),
      'DELETE /api/sources/mine': () => new Response(null, { status: 204 }),
    })
    expect(await createSource({ kind: 'rss', url: 'http://x/feed', id: 'mine' }, 't')).toEqual(config)
    expect(await replaceSource('mine', { kind: 'rss', url: 'http://x/feed', id: 'mine' }, 't')).toEqual(config)
    expect(await getSourceConfig('mine')).toEqual(config)
    expect(await deleteSource('mine', 't')).toBeUndefined()
    const calls = api.mock.calls.map(([, init]) => [init?.method ?? 'GET', bearer(init)])
    expect(calls).toEqual([['POST', 'Bearer t'], ['PUT', 'Bearer t'], ['GET', undefined], ['DELETE', 'Bearer t']])
    expect(JSON.parse(String(api.mock.calls[0][1]?.body))).toEqual({ kind: 'rss', url: 'http://x/feed', id: 'mine' })
    expect((api.mock.calls[0][1]?.headers as Record<string, string>)['Content-Type']).toBe('application/json')
  })

  it('carries the validation problems of a refused draft', async () => {
    const problems = [{ field: 'schedule', value: 'soon', message: 'not a schedule' }]
    mockApi({ 'POST /api/sources': () => json({ title: 'invalid source', status: 400, detail: '1 problem', problems }, 400) })
    await expect(createSource({ kind: 'rss', url: 'x' }, 't')).rejects.toMatchObject({ kind: 'http', status: 400, problems })
  })

  it('previews and discovers with an abort signal, and imports OPML as XML', async () => {
    const api = mockApi({
      'POST /api/sources/preview': () => json({ fetch: {}, items: [], skipped: [], warnings: [] }),
      'POST /api/sources/discover': () => json({ url: 'http://x/', kind: 'html', title: 'X', feeds: [] }),
      'POST /api/sources/opml': () => json({ created: ['x'], skipped: [] }),
    })
    const controller = new AbortController()
    await previewSource({ kind: 'html', url: 'http://x/' }, 't', controller.signal)
    expect(api.mock.calls[0][1]?.signal).toBe(controller.signal)
    expect((await discoverSource('http://x/', 't')).kind).toBe('html')
    expect(JSON.parse(String(api.mock.calls[1][1]?.body))).toEqual({ url: 'http://x/' })
    expect(await importOpml('<opml/>', 't')).toEqual({ created: ['x'], skipped: [] })
    expect(api.mock.calls[2][1]?.body).toBe('<opml/>')
    expect(OPML_URL).toBe('/api/sources/opml')
  })

  it('passes an abort through as an abort, not as an unreachable api', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new DOMException('aborted', 'AbortError'))))
    await expect(previewSource({ kind: 'html', url: 'http://x/' }, 't')).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('sends several sources and tags as repeated parameters', async () => {
    const api = mockApi({ '/api/items': () => json({ items: [], total: 0, nextCursor: null }) })
    await getItems({ source: ['a', 'b'], tag: ['x'], sort: 'rank' })
    const q = queriesOf(api, '/api/items')[0]
    expect(q.getAll('source')).toEqual(['a', 'b'])
    expect(q.getAll('tag')).toEqual(['x'])
  })
})
