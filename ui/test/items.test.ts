import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Item, ItemSort } from '../src/api/types'
import { createEventStream } from '../src/composables/events'
import { createItemsStore, type ItemFilter } from '../src/stores/items'
import { FakeEventSource, fakeTimers, item, itemEvent, json, mockApi, queriesOf, serveItems, serverOrder, settle } from './helpers'

const DEBOUNCE = 250
const MAX_WAIT = 1000

const ids = (items: Item[]) => items.map((i) => i.id)

/**
 * A crawler in miniature, publishing like crawler/run/ItemTable: each crawl of a source ranks its
 * items 1..n; an item is `item-new` when it was not listed, `item-changed` when its title, score
 * or comments changed — never for a rank that moved — and `item-gone` when it left the page; then
 * `crawl-ok`.
 */
class Crawler {
  readonly items = new Map<number, Item>()
  private nextId = 1
  private clock = Date.parse('2026-11-26T18:00:00Z')
  constructor(
    private readonly es: FakeEventSource,
    private readonly random: () => number,
  ) {}

  /** One crawl of `source`: a few items come, go, move and change score, as on a real page. */
  crawl(source: string) {
    this.clock += 1000
    const at = new Date(this.clock).toISOString()
    const page = [...this.items.values()].filter((i) => i.source === source && !i.gone).sort((a, b) => a.rank - b.rank)
    const pick = () => Math.floor(this.random() * (page.length + 1))
    for (let n = Math.floor(this.random() * 3); n > 0; n--) page.splice(pick(), 0, item(this.nextId++, { source, score: null, firstSeen: at, published: this.random() < 0.7 ? at : null }))
    for (let n = Math.floor(this.random() * 3); n > 0 && page.length > 2; n--) page.splice(pick() % page.length, 1)
    if (page.length > 1 && this.random() < 0.5) page.push(page.splice(pick() % page.length, 1)[0])
    const listed = new Set(page.map((i) => i.id))
    page.forEach((listedItem, index) => {
      const old = this.items.get(listedItem.id)
      const score = this.random() < 0.3 ? Math.floor(this.random() * 500) : (old?.score ?? Math.floor(this.random() * 500))
      const next = { ...listedItem, rank: index + 1, score, lastSeen: at, gone: false, goneSince: null }
      this.items.set(next.id, next)
      if (!old || old.gone) this.es.emit('item-new', itemEvent('item-new', next))
      else if (old.score !== next.score || old.title !== next.title) this.es.emit('item-changed', itemEvent('item-changed', next))
    })
    for (const gone of [...this.items.values()].filter((i) => i.source === source && !i.gone && !listed.has(i.id))) {
      const next = { ...gone, rank: 0, gone: true, goneSince: at }
      this.items.set(next.id, next)
      this.es.emit('item-gone', itemEvent('item-gone', next))
    }
    this.es.emit('crawl-ok', { seq: 0, time: at, type: 'crawl-ok', source, itemId: 0, text: `${page.length} items` })
  }
}

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
}

describe('items store', () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    fakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  function setup(pageSize = 50) {
    const events = createEventStream({ eventSource: FakeEventSource as unknown as typeof EventSource })
    events.start()
    const store = createItemsStore(events, { pageSize, highlightMillis: 3000, debounceMillis: DEBOUNCE, maxWaitMillis: MAX_WAIT })
    store.start()
    return { store, es: FakeEventSource.latest() }
  }

  it('loads the first page for the filter', async () => {
    const api = serveItems(() => [item(1), item(2, { source: 'demo-feed', title: 'Rust in production' }), item(3)])
    const { store } = setup()
    await store.setFilter({ q: 'rust', source: ['demo-feed'], sort: 'score' })
    expect(ids(store.items.value)).toEqual([2])
    expect(store.total.value).toBe(1)
    expect(Object.fromEntries(queriesOf(api, '/api/items')[0])).toEqual({ q: 'rust', source: 'demo-feed', sort: 'score', limit: '50' })
  })

  it('asks for gone items and a time window when the filter says so', async () => {
    const api = serveItems(() => [item(1), item(2, { gone: true, goneSince: '2026-11-26T18:00:00Z' })])
    const { store } = setup()
    await store.setFilter({ gone: true, from: '2026-11-26T17:00:00.000Z', to: '2026-11-26T19:00:00.000Z' })
    expect(ids(store.items.value)).toEqual([1, 2])
    expect(Object.fromEntries(queriesOf(api, '/api/items')[0])).toEqual({
      sort: 'rank', include: 'gone', from: '2026-11-26T17:00:00.000Z', to: '2026-11-26T19:00:00.000Z', limit: '50',
    })
  })

  it('pages with the cursor and stops at the last page', async () => {
    const api = serveItems(() => [1, 2, 3, 4, 5].map((id) => item(id)))
    const { store } = setup(2)
    await store.reload()
    expect(store.hasMore.value).toBe(true)
    await store.loadMore()
    await store.loadMore()
    expect(ids(store.items.value)).toEqual([1, 2, 3, 4, 5])
    expect(store.hasMore.value).toBe(false)
    await store.loadMore()
    expect(queriesOf(api, '/api/items').map((q) => q.get('cursor') !== null)).toEqual([false, true, true])
  })

  it('drops the answer to an older filter that arrives late', async () => {
    let release: (r: Response) => void = () => {}
    mockApi({
      '/api/items': (url) =>
        url.searchParams.get('q') === 'slow'
          ? new Promise<Response>((r) => (release = r))
          : json({ items: [item(2)], total: 1, nextCursor: null }),
    })
    const { store } = setup()
    const slow = store.setFilter({ q: 'slow' })
    await store.setFilter({ q: 'fast' })
    release(json({ items: [item(1)], total: 1, nextCursor: null }))
    await slow
    expect(ids(store.items.value)).toEqual([2])
  })

  it('answers a burst of events with one refetch of what is loaded, and highlights what they named', async () => {
    let all = [item(1), item(3)]
    const api = serveItems(() => all)
    const { store, es } = setup()
    await store.reload()
    all = [item(1, { rank: 2 }), item(2, { rank: 1 }), item(3, { score: 7 })]
    es.emit('item-new', itemEvent('item-new', all[1]))
    vi.advanceTimersByTime(DEBOUNCE - 1)
    es.emit('item-changed', itemEvent('item-changed', all[2]))
    vi.advanceTimersByTime(DEBOUNCE - 1)
    await settle()
    expect(queriesOf(api, '/api/items')).toHaveLength(1)
    vi.advanceTimersByTime(1)
    await settle()
    expect(queriesOf(api, '/api/items')).toHaveLength(2)
    expect(ids(store.items.value)).toEqual([2, 1, 3])
    expect(store.total.value).toBe(3)
    expect(store.highlights.get(2)).toBe('new')
    expect(store.highlights.get(3)).toBe('changed')
    expect(store.highlights.has(1)).toBe(false)
    vi.advanceTimersByTime(3000)
    expect(store.highlights.size).toBe(0)
  })

  it('does not postpone the refetch forever under a steady stream of events', async () => {
    const api = serveItems(() => [item(1)])
    const { store, es } = setup()
    await store.reload()
    for (let t = 0; t < MAX_WAIT; t += DEBOUNCE / 2) {
      es.emit('item-changed', itemEvent('item-changed', item(1)))
      vi.advanceTimersByTime(DEBOUNCE / 2)
    }
    await settle()
    expect(queriesOf(api, '/api/items')).toHaveLength(2)
  })

  it('fetches again when events arrive while a refetch is in flight', async () => {
    let all = [item(1)]
    let release: (() => void) | null = null
    const serve = serveItems(() => all)
    const slow = async (input: RequestInfo | URL, init?: RequestInit) => {
      const answer = serve(input, init) // built now, before the events below
      if (queriesOf(serve, '/api/items').length === 2) await new Promise<void>((r) => (release = r))
      return answer
    }
    vi.stubGlobal('fetch', vi.fn(slow))
    const { store, es } = setup()
    await store.reload()
    all = [item(1), item(2)]
    es.emit('item-new', itemEvent('item-new', all[1]))
    vi.advanceTimersByTime(DEBOUNCE)
    await settle()
    all = [item(1), item(2), item(3)]
    es.emit('item-new', itemEvent('item-new', all[2]))
    vi.advanceTimersByTime(DEBOUNCE)
    release!()
    await settle()
    expect(ids(store.items.value)).toEqual([1, 2])
    vi.advanceTimersByTime(DEBOUNCE)
    await settle()
    expect(ids(store.items.value)).toEqual([1, 2, 3])
  })

  it('highlights an item whose event came while the fetch that shows it was in flight, or after it', async () => {
    let all = [item(1)]
    let release: (() => void) | null = null
    const serve = serveItems(() => all)
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const answer = serve(input, init)
        if (queriesOf(serve, '/api/items').length === 2) await new Promise<void>((r) => (release = r))
        return answer
      }),
    )
    const { store, es } = setup()
    await store.reload()
    all = [item(1), item(2), item(3)]
    es.emit('crawl-ok', { seq: 1, time: '2026-11-26T18:00:05Z', type: 'crawl-ok', source: 'demo-news', itemId: 0, text: '3 items' })
    vi.advanceTimersByTime(DEBOUNCE)
    await settle()
    // The answer in flight already holds items 2 and 3; the event for 2 arrives before it lands.
    es.emit('item-new', itemEvent('item-new', item(2)))
    release!()
    await settle()
    expect(ids(store.items.value)).toEqual([1, 2, 3])
    expect(store.highlights.get(2)).toBe('new')
    // The event for 3 arrives after the list shows it.
    es.emit('item-new', itemEvent('item-new', item(3)))
    expect(store.highlights.get(3)).toBe('new')
    // An event for an item the list does not show is forgotten once a later fetch did not list it.
    es.emit('item-new', itemEvent('item-new', item(4, { source: 'elsewhere' })))
    vi.advanceTimersByTime(DEBOUNCE)
    await settle()
    all = [item(1), item(2), item(3), item(4)]
    es.emit('crawl-ok', { seq: 2, time: '2026-11-26T18:00:07Z', type: 'crawl-ok', source: 'demo-news', itemId: 0, text: '4 items' })
    vi.advanceTimersByTime(DEBOUNCE)
    await settle()
    expect(ids(store.items.value)).toEqual([1, 2, 3, 4])
    expect(store.highlights.has(4)).toBe(false)
  })

  it('refetches on refetch, keeping what was loaded', async () => {
    let all = [1, 2, 3].map((id) => item(id))
    serveItems(() => all)
    const { store, es } = setup(2)
    await store.reload()
    await store.loadMore()
    all = [0, 1, 2, 3].map((id) => item(id))
    es.emit('refetch', { reason: 'lapped' })
    await settle()
    expect(ids(store.items.value)).toEqual([0, 1, 2, 3])
  })

  describe.each<[ItemSort, Partial<ItemFilter>, number]>([
    ['rank', {}, 8],
    ['rank', { gone: true }, 8],
    ['score', { source: ['b'] }, 5],
    ['firstSeen', {}, 6],
    ['published', { q: '1' }, 3],
  ])('after many crawls sorted by %s (%o)', (sort, extra, pageSize) => {
    it('shows exactly what /api/items lists: same items, order and ranks, no duplicates', async () => {
      const { store, es } = setup(pageSize)
      const crawler = new Crawler(es, seeded(pageSize * 31 + sort.length))
      const slots = { a: 0, b: 1, c: 2 }
      serveItems(() => [...crawler.items.values()], slots)
      for (const source of ['a', 'b', 'c']) crawler.crawl(source)
      await store.setFilter({ sort, ...extra })
      const wanted = store.hasMore.value ? 2 * pageSize : pageSize
      await store.loadMore()
      const shown = new Set<string>()
      for (let round = 0; round < 60; round++) {
        crawler.crawl(['a', 'b', 'c'][round % 3])
        // Crawls overlap the debounce and the fetch now and then; the list catches up after each burst.
        vi.advanceTimersByTime(round % 4 === 0 ? DEBOUNCE / 2 : DEBOUNCE)
        await settle()
        if (round % 4 === 0) continue
        const expected = (await (await fetch(`/api/items?${new URLSearchParams(apiQuery(store.filter, store.items.value.length))}`)).json()) as {
          items: Item[]
          total: number
        }
        expect(store.items.value.map((i) => [i.id, i.rank])).toEqual(expected.items.map((i) => [i.id, i.rank]))
        expect(new Set(ids(store.items.value)).size).toBe(store.items.value.length)
        expect(store.items.value.length).toBe(Math.min(expected.total, wanted))
        expect(store.total.value).toBe(expected.total)
        shown.add(JSON.stringify(store.items.value.map((i) => [i.id, i.rank])))
      }
      // The list kept changing, and not to nothing.
      expect(shown.size).toBeGreaterThan(10)
      expect(Math.max(...[...shown].map((list) => JSON.parse(list).length))).toBeGreaterThan(2)
      expect([...store.items.value].sort(serverOrder(sort, slots))).toEqual(store.items.value)
    })
  })
})

function apiQuery(filter: ItemFilter, limit: number): Record<string, string> {
  const query: Record<string, string> = { sort: filter.sort, limit: String(Math.max(limit, 1)) }
  if (filter.q) query.q = filter.q
  if (filter.source.length) query.source = filter.source.join()
  if (filter.gone) query.include = 'gone'
  return query
}
