import { flushPromises } from '@vue/test-utils'
import { vi } from 'vitest'
import type { Item, ItemSort, Segment, Source } from '../src/api/types'

/** A stand-in for the browser's EventSource that tests drive by hand. */
export class FakeEventSource {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  static instances: FakeEventSource[] = []

  readonly url: string
  readyState = FakeEventSource.CONNECTING
  onopen: ((e: Event) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>()

  constructor(url: string) {
    this.url = url
    FakeEventSource.instances.push(this)
  }

  static latest(): FakeEventSource {
    return FakeEventSource.instances[FakeEventSource.instances.length - 1]
  }

  addEventListener(type: string, listener: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  close() {
    this.readyState = FakeEventSource.CLOSED
  }

  open() {
    this.readyState = FakeEventSource.OPEN
    this.onopen?.(new Event('open'))
  }

  /** A dropped connection the browser will retry (`closed` false) or has given up on. */
  fail(closed: boolean) {
    this.readyState = closed ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING
    this.onerror?.(new Event('error'))
  }

  emit(type: string, data: unknown) {
    const event = new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) })
    for (const listener of this.listeners.get(type) ?? []) listener(event)
  }
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  })
}

export function problem(status: number, detail: string): Response {
  return json({ type: 'about:blank', title: 'Error', status, detail }, status)
}

type Handler = (url: URL, init?: RequestInit) => Response | Promise<Response>

/**
 * Replaces fetch with a router over path → handler; unknown paths answer 404.
 * Returns the mock so tests can inspect the calls.
 */
export function mockApi(routes: Record<string, Handler>) {
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost')
    const handler = routes[`${init?.method ?? 'GET'} ${url.pathname}`] ?? routes[url.pathname]
    return handler ? handler(url, init) : problem(404, `no route ${url.pathname}`)
  })
  vi.stubGlobal('fetch', mock)
  return mock
}

/** The query strings fetch was called with for one path, in order. */
export function queriesOf(mock: ReturnType<typeof mockApi>, path: string): URLSearchParams[] {
  return mock.mock.calls
    .map(([input]) => new URL(String(input), 'http://localhost'))
    .filter((url) => url.pathname === path)
    .map((url) => url.searchParams)
}

export function source(overrides: Partial<Source> = {}): Source {
  return {
    id: 'demo-news',
    name: 'Demo News',
    kind: 'html',
    url: 'http://127.0.0.1:9000/news',
    state: 'ok',
    outcome: 'OK',
    httpStatus: 200,
    error: null,
    itemCount: 30,
    lastStart: '2026-11-26T18:00:00Z',
    lastFinish: '2026-11-26T18:00:01.200Z',
    nextRun: '2026-11-26T18:00:31Z',
    durationMillis: 1200,
    runs: 4,
    failures: 0,
    bytesOnWire: 10240,
    bytesDecoded: 40960,
    hostDelayMillis: 5000,
    scoreUnit: 'points',
    history: [
      { finished: '2026-11-26T17:59:01Z', durationMillis: 900, itemCount: 28, outcome: 'OK' },
      { finished: '2026-11-26T18:00:01.200Z', durationMillis: 1200, itemCount: 30, outcome: 'OK' },
    ],
    ...overrides,
  }
}

export function item(id: number, overrides: Partial<Item> = {}): Item {
  return {
    id,
    source: 'demo-news',
    sourceName: 'Demo News',
    title: `Item ${id}`,
    titleCut: false,
    url: `http://127.0.0.1:9000/item/${id}`,
    rank: id,
    score: 100 - id,
    scoreUnit: 'points',
    comments: id,
    author: 'ada',
    published: null,
    firstSeen: '2026-11-26T17:00:00Z',
    lastSeen: '2026-11-26T18:00:00Z',
    gone: false,
    goneSince: null,
    ...overrides,
  }
}

/**
 * The api's order for each sort (Snapshot.ItemOrder): rank ascending with ties broken by the
 * source's slot (`slots`, not in the JSON), the others descending with unknown values last; then id.
 */
export function serverOrder(sort: ItemSort, slots: Record<string, number> = {}): (a: Item, b: Item) => number {
  // Java's String.compareTo, with null as '' (last when descending).
  const text = (x: string | null, y: string | null) => ((x ?? '') < (y ?? '') ? -1 : (x ?? '') > (y ?? '') ? 1 : 0)
  const primary = {
    rank: (a: Item, b: Item) => a.rank - b.rank || (slots[a.source] ?? 0) - (slots[b.source] ?? 0),
    score: (a: Item, b: Item) => (b.score ?? -1) - (a.score ?? -1),
    published: (a: Item, b: Item) => text(b.published, a.published),
    firstSeen: (a: Item, b: Item) => text(b.firstSeen, a.firstSeen),
  }[sort]
  return (a, b) => primary(a, b) || a.id - b.id
}

/**
 * Serves /api/items from `all()` as the api does: source, q, include=gone, from/to, sort, and
 * cursor paging (the cursor is the page's last item: the next page starts after its place in the order).
 */
export function serveItems(
  all: () => Item[],
  slots: Record<string, number> = {},
  more: Record<string, Handler> = {},
  tagsOf: Record<string, string[]> = {},
) {
  return mockApi({
    ...more,
    '/api/items': (url) => {
      const p = url.searchParams
      const q = (p.get('q') ?? '').toLowerCase()
      const src = p.getAll('source')
      const tags = p.getAll('tag')
      const from = p.get('from')
      const to = p.get('to')
      const matching = all()
        .filter((i) => p.get('include') === 'gone' || !i.gone)
        .filter((i) => (!src.length || src.includes(i.source)) && (!tags.length || (tagsOf[i.source] ?? []).some((t) => tags.includes(t))))
        .filter((i) => i.title.toLowerCase().includes(q))
        .filter((i) => (!from || Date.parse(i.lastSeen) >= Date.parse(from)) && (!to || Date.parse(i.firstSeen) <= Date.parse(to)))
      const order = serverOrder((p.get('sort') as ItemSort | null) ?? 'rank', slots)
      matching.sort(order)
      const limit = Number(p.get('limit') ?? 50)
      const after = p.get('cursor')
      let start = 0
      if (after !== null) while (start < matching.length && order(matching[start], JSON.parse(after) as Item) <= 0) start++
      const page = matching.slice(start, start + limit)
      const next = start + limit < matching.length ? JSON.stringify(page[page.length - 1]) : null
      return json({ items: page, total: matching.length, nextCursor: next })
    },
  })
}

export function itemEvent(type: string, it: Item, seq = 1) {
  return { seq, time: '2026-11-26T18:00:05Z', type, source: it.source, itemId: it.id, text: it.title, item: it }
}

export function segment(overrides: Partial<Segment> = {}): Segment {
  return {
    name: 'e2e-test',
    epoch: '9f1c2a3b4d5e6f70',
    state: 'READY',
    formatVersion: 1,
    size: 262144,
    writer: { pid: 4242, alive: true, heartbeat: '2026-11-26T18:00:00Z', heartbeatAgeMillis: 310, started: '2026-11-26T17:00:00Z', generation: 1 },
    regions: [
      { name: 'items', kind: 'ARRAY', layout: 'Item', fingerprint: '0x1234', elementSize: 1032, capacity: 120, used: 96, fill: 0.8, offset: 8192, length: 123840 },
      { name: 'events', kind: 'RING', layout: 'Event', fingerprint: '0x5678', elementSize: 32, capacity: 4096, used: 4096, fill: 1, offset: 132032, length: 131072 },
    ],
    events: { written: 5234, capacity: 4096, perSecond: 3.5 },
    ...overrides,
  }
}

/** Lets pending promises (fetch mocks, response bodies) settle; unaffected by fake timers. */
export async function settle() {
  for (let i = 0; i < 5; i++) await flushPromises()
}

/** Fakes only the timers the code under test uses, so `settle` keeps working. */
export function fakeTimers() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
}

/** The app's routes over in-memory history, already at `path`. */
export async function routerAt(path: string) {
  const { createRouter, createMemoryHistory } = await import('vue-router')
  const { routes } = await import('../src/router')
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  await router.isReady()
  return router
}
