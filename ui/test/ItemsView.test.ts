import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Item } from '../src/api/types'
import { useEvents } from '../src/composables/events'
import { compareItems } from '../src/stores/items'
import { useSources } from '../src/stores/sources'
import ItemsView from '../src/views/ItemsView.vue'
import { FakeEventSource, fakeTimers, item, itemEvent, json, mockApi, queriesOf, routerAt, settle, source } from './helpers'

vi.stubGlobal('EventSource', FakeEventSource)

let all: Item[] = []

function serve() {
  return mockApi({
    '/api/sources': () => json({ sources: [source(), source({ id: 'demo-feed', name: 'Demo Feed', kind: 'rss' })] }),
    '/api/items': (url) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase()
      const src = url.searchParams.get('source')
      const matching = all
        .filter((i) => (!src || i.source === src) && i.title.toLowerCase().includes(q))
        .sort(compareItems('rank'))
      const start = Number(url.searchParams.get('cursor') ?? 0)
      const limit = Number(url.searchParams.get('limit'))
      const next = start + limit < matching.length ? String(start + limit) : null
      return json({ items: matching.slice(start, start + limit), total: matching.length, nextCursor: next })
    },
  })
}

async function mountAt(path: string) {
  const router = await routerAt(path)
  const view = mount(ItemsView, { global: { plugins: [router] } })
  await settle()
  return { view, router }
}

const titles = (view: ReturnType<typeof mount>) => view.findAll('.row .title').map((a) => a.text())

describe('ItemsView', () => {
  beforeEach(async () => {
    all = [
      item(1, { title: 'Rust 2.0 released' }),
      item(2, { title: 'Postgres tips', source: 'demo-feed', sourceName: 'Demo Feed', author: null, comments: null }),
      item(3, { title: 'A rusty bike' }),
    ]
    serve()
    await useSources().load()
  })
  afterEach(() => vi.useRealTimers())

  it('lists items with their link, source, score, comments, author and age', async () => {
    const { view } = await mountAt('/items')
    expect(titles(view)).toEqual(['Rust 2.0 released', 'Postgres tips', 'A rusty bike'])
    const first = view.find('.row')
    expect(first.find('a').attributes('href')).toBe('http://127.0.0.1:9000/item/1')
    expect(first.find('.meta').text()).toMatch(/Demo News.*99 points.*1 comment(?!s).*by ada.*ago/)
    expect(view.findAll('.row')[1].find('.meta').text()).not.toContain('by')
    expect(view.find('.count').text()).toBe('showing 3 of 3 items')
  })

  it('narrows by search after typing stops, keeping the filter in the URL', async () => {
    fakeTimers()
    const { view, router } = await mountAt('/items')
    const api = serve()
    await view.find('input[type=search]').setValue('rust')
    vi.advanceTimersByTime(250)
    await settle()
    expect(router.currentRoute.value.query).toEqual({ q: 'rust' })
    expect(queriesOf(api, '/api/items').map((q) => q.get('q'))).toEqual(['rust'])
    expect(titles(view)).toEqual(['Rust 2.0 released', 'A rusty bike'])
  })

  it('narrows by source from the select and from the URL', async () => {
    const { view, router } = await mountAt('/items?source=demo-feed')
    expect(titles(view)).toEqual(['Postgres tips'])
    expect((view.find('select').element as HTMLSelectElement).value).toBe('demo-feed')
    await view.find('select').setValue('')
    await settle()
    expect(router.currentRoute.value.query).toEqual({})
    expect(titles(view)).toHaveLength(3)
  })

  it('shows a new item live, highlighted, without reloading', async () => {
    const events = useEvents()
    events.start()
    const { view } = await mountAt('/items')
    const api = serve()
    FakeEventSource.latest().emit('item-new', itemEvent('item-new', item(0, { title: 'Breaking: live item', rank: 0 })))
    await flushPromises()
    expect(titles(view)[0]).toBe('Breaking: live item')
    expect(view.find('.row').classes()).toContain('new')
    expect(view.find('.count').text()).toBe('showing 4 of 4 items')
    expect(api).not.toHaveBeenCalled()
    events.stop()
  })

  it('loads the next page on request', async () => {
    all = Array.from({ length: 60 }, (_, i) => item(i + 1))
    const { view } = await mountAt('/items')
    expect(view.findAll('.row')).toHaveLength(50)
    expect(view.find('.count').text()).toBe('showing 50 of 60 items')
    await view.find('.more button').trigger('click')
    await settle()
    expect(view.findAll('.row')).toHaveLength(60)
    expect(view.find('.more button').exists()).toBe(false)
  })

  it('says when nothing matches the search', async () => {
    const { view } = await mountAt('/items?q=zzz')
    expect(view.find('[role=status] .title').text()).toBe('no matching items')
    expect(view.text()).toContain('No item title contains “zzz”.')
  })

  it('says the crawler has not published when there are no items at all', async () => {
    all = []
    const { view } = await mountAt('/items')
    expect(view.find('.state .title').text()).toBe('waiting for the crawler')
  })

  it('says when the api is unreachable', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))))
    const { view } = await mountAt('/items')
    expect(view.find('[role=alert] .title').text()).toBe('api unreachable')
  })
})
