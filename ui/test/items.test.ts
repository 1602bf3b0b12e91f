import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Item } from '../src/api/types'
import { createEventStream } from '../src/composables/events'
import { compareItems, createItemsStore } from '../src/stores/items'
import { FakeEventSource, fakeTimers, item, itemEvent, json, mockApi, queriesOf, settle } from './helpers'

/** Serves /api/items from a fixed list: filters, sorts and pages like the api. */
function serveItems(all: Item[]) {
  return mockApi({
    '/api/items': (url) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase()
      const src = url.searchParams.get('source')
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const start = Number(url.searchParams.get('cursor') ?? 0)
      const matching = all
        .filter((i) => (!src || i.source === src) && i.title.toLowerCase().includes(q))
        .sort(compareItems((url.searchParams.get('sort') as 'rank') ?? 'rank'))
      const page = matching.slice(start, start + limit)
      return json({ items: page, total: matching.length, nextCursor: start + limit < matching.length ? String(start + limit) : null })
    },
  })
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
    const store = createItemsStore(events, { pageSize, highlightMillis: 3000 })
    store.start()
    return { store, es: FakeEventSource.latest() }
  }

  const ids = (items: Item[]) => items.map((i) => i.id)

  it('loads the first page for the filter', async () => {
    const api = serveItems([item(1), item(2, { source: 'demo-feed', title: 'Rust in production' }), item(3)])
    const { store } = setup()
    await store.setFilter({ q: 'rust', source: 'demo-feed', sort: 'score' })
    expect(ids(store.items.value)).toEqual([2])
    expect(store.total.value).toBe(1)
    expect(Object.fromEntries(queriesOf(api, '/api/items')[0])).toEqual({ q: 'rust', source: 'demo-feed', sort: 'score', limit: '50' })
  })

  it('pages with the cursor and stops at the last page', async () => {
    const api = serveItems([1, 2, 3, 4, 5].map((id) => item(id)))
    const { store } = setup(2)
    await store.reload()
    expect(store.hasMore.value).toBe(true)
    await store.loadMore()
    await store.loadMore()
    expect(ids(store.items.value)).toEqual([1, 2, 3, 4, 5])
    expect(store.hasMore.value).toBe(false)
    await store.loadMore()
    expect(queriesOf(api, '/api/items').map((q) => q.get('cursor'))).toEqual([null, '2', '4'])
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

  it('inserts a new matching item in sort order and highlights it briefly', async () => {
    serveItems([item(1), item(3)])
    const { store, es } = setup()
    await store.reload()
    es.emit('item-new', itemEvent('item-new', item(2)))
    expect(ids(store.items.value)).toEqual([1, 2, 3])
    expect(store.total.value).toBe(3)
    expect(store.highlights.get(2)).toBe('new')
    vi.advanceTimersByTime(3000)
    expect(store.highlights.has(2)).toBe(false)
  })

  it('ignores new items outside the filter', async () => {
    serveItems([item(1, { title: 'Rust 2.0' })])
    const { store, es } = setup()
    await store.setFilter({ q: 'rust' })
    es.emit('item-new', itemEvent('item-new', item(2, { title: 'Go 2.0' })))
    es.emit('item-new', itemEvent('item-new', item(3, { title: 'Rust tips', source: 'demo-feed' })))
    expect(ids(store.items.value)).toEqual([1, 3])
    await store.setFilter({ source: 'demo-news' })
    es.emit('item-new', itemEvent('item-new', item(4, { title: 'rusty', source: 'demo-feed' })))
    expect(ids(store.items.value)).toEqual([1])
  })

  it('leaves an item that sorts past the loaded pages for a later page', async () => {
    serveItems([1, 2, 3, 4].map((id) => item(id)))
    const { store, es } = setup(2)
    await store.reload()
    es.emit('item-new', itemEvent('item-new', item(9)))
    expect(ids(store.items.value)).toEqual([1, 2])
    expect(store.total.value).toBe(5)
  })

  it('updates a changed item in place, moving it when its sort key changed', async () => {
    serveItems([item(1, { score: 50 }), item(2, { score: 40 }), item(3, { score: 30 })])
    const { store, es } = setup()
    await store.setFilter({ sort: 'score' })
    es.emit('item-changed', itemEvent('item-changed', item(3, { score: 99, comments: 12 })))
    expect(ids(store.items.value)).toEqual([3, 1, 2])
    expect(store.items.value[0].comments).toBe(12)
    expect(store.highlights.get(3)).toBe('changed')
    expect(store.total.value).toBe(3)
  })

  it('removes a changed item that no longer matches the search', async () => {
    serveItems([item(1, { title: 'Rust 1' }), item(2, { title: 'Rust 2' })])
    const { store, es } = setup()
    await store.setFilter({ q: 'rust' })
    es.emit('item-changed', itemEvent('item-changed', item(2, { title: 'Renamed' })))
    expect(ids(store.items.value)).toEqual([1])
    expect(store.total.value).toBe(1)
  })

  it('removes gone items', async () => {
    serveItems([item(1), item(2)])
    const { store, es } = setup()
    await store.reload()
    es.emit('item-gone', itemEvent('item-gone', item(1, { gone: true })))
    expect(ids(store.items.value)).toEqual([2])
    expect(store.total.value).toBe(1)
  })

  it('applies events that arrive during a reload on top of its answer', async () => {
    let release: (r: Response) => void = () => {}
    mockApi({ '/api/items': () => new Promise<Response>((r) => (release = r)) })
    const { store, es } = setup()
    const loading = store.reload()
    await settle()
    es.emit('item-new', itemEvent('item-new', item(2)))
    es.emit('item-gone', itemEvent('item-gone', item(3, { gone: true })))
    release(json({ items: [item(1), item(3)], total: 2, nextCursor: null }))
    await loading
    expect(ids(store.items.value)).toEqual([1, 2])
    expect(store.total.value).toBe(2)
  })

  it('reloads on refetch', async () => {
    const all = [item(1)]
    serveItems(all)
    const { store, es } = setup()
    await store.reload()
    all.push(item(2))
    es.emit('refetch', { reason: 'lapped' })
    await settle()
    expect(ids(store.items.value)).toEqual([1, 2])
  })

  it('orders by each sort with the id breaking ties', () => {
    const a = item(1, { rank: 2, score: 10, published: '2026-11-26T17:00:00Z', firstSeen: '2026-11-26T17:00:00.500Z' })
    const b = item(2, { rank: 1, score: 10, published: null, firstSeen: '2026-11-26T17:00:00Z' })
    expect([a, b].sort(compareItems('rank')).map((i) => i.id)).toEqual([2, 1])
    expect([b, a].sort(compareItems('score')).map((i) => i.id)).toEqual([1, 2])
    expect([b, a].sort(compareItems('published')).map((i) => i.id)).toEqual([1, 2])
    expect([b, a].sort(compareItems('firstSeen')).map((i) => i.id)).toEqual([1, 2])
  })
})
