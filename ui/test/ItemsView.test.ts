import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Item, Source } from '../src/api/types'
import { useEvents } from '../src/composables/events'
import { useSources } from '../src/stores/sources'
import ItemsView from '../src/views/ItemsView.vue'
import { FakeEventSource, fakeTimers, item, itemEvent, json, queriesOf, routerAt, serveItems, settle, source } from './helpers'

vi.stubGlobal('EventSource', FakeEventSource)

let all: Item[] = []
let sources: Source[] = []

function serve() {
  return serveItems(() => all, {}, { '/api/sources': () => json({ sources }) })
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
    sources = [source(), source({ id: 'demo-feed', name: 'Demo Feed', kind: 'rss', scoreUnit: 'stars' })]
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
    expect(first.find('.meta').text()).toMatch(/Demo News.*99 points.*1 comment(?!s).*by ada.*first seen.*ago/)
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

  it('narrows by source from the picker and from the URL', async () => {
    const { view, router } = await mountAt('/items?source=demo-feed')
    expect(titles(view)).toEqual(['Postgres tips'])
    const box = (id: string) => view.find(`#filter-source input[value="${id}"]`)
    expect((box('demo-feed').element as HTMLInputElement).checked).toBe(true)
    expect(view.find('#filter-source summary').text()).toContain('Demo Feed')
    await box('demo-feed').setValue(false)
    await settle()
    expect(router.currentRoute.value.query).toEqual({})
    expect(titles(view)).toHaveLength(3)
  })

  it('narrows by several sources and by tags, all carried in the URL and sent to the api', async () => {
    sources = [
      source({ tags: ['news'] }),
      source({ id: 'demo-feed', name: 'Demo Feed', kind: 'rss', tags: ['feeds', 'news'] }),
      source({ id: 'other', name: 'Other', tags: ['misc'] }),
    ]
    all = [...all, item(4, { title: 'Elsewhere', source: 'other', sourceName: 'Other' })]
    const tagsOf = Object.fromEntries(sources.map((s) => [s.id, s.tags ?? []]))
    let api = serveItems(() => all, {}, { '/api/sources': () => json({ sources }) }, tagsOf)
    await useSources().load()
    const { view, router } = await mountAt('/items?source=demo-news&source=other')
    expect(titles(view)).toEqual(['Rust 2.0 released', 'A rusty bike', 'Elsewhere'])
    expect(queriesOf(api, '/api/items')[0].getAll('source')).toEqual(['demo-news', 'other'])
    expect(view.find('.count').text()).toBe('showing 3 of 3 items from Demo News or Other')

    api = serveItems(() => all, {}, { '/api/sources': () => json({ sources }) }, tagsOf)
    await view.find('#filter-tag input[value="news"]').setValue(true)
    await settle()
    expect(router.currentRoute.value.query).toEqual({ source: ['demo-news', 'other'], tag: 'news' })
    expect(queriesOf(api, '/api/items').at(-1)?.getAll('tag')).toEqual(['news'])
    expect(titles(view)).toEqual(['Rust 2.0 released', 'A rusty bike'])

    await view.find('#filter-source input[value="demo-news"]').setValue(false)
    await view.find('#filter-source input[value="other"]').setValue(false)
    await settle()
    expect(router.currentRoute.value.query).toEqual({ tag: 'news' })
    expect(titles(view)).toEqual(['Rust 2.0 released', 'Postgres tips', 'A rusty bike'])
    expect(view.findAll('#filter-tag input').map((i) => i.attributes('value'))).toEqual(['feeds', 'misc', 'news'])
  })

  it('shows a new item live, highlighted, by fetching the loaded page again', async () => {
    fakeTimers()
    const events = useEvents()
    events.start()
    const { view } = await mountAt('/items?source=demo-news')
    const api = serve()
    all = [item(0, { title: 'Breaking: live item', rank: 1 }), ...all.map((i) => ({ ...i, rank: i.rank + 1 }))]
    FakeEventSource.latest().emit('item-new', itemEvent('item-new', all[0]))
    vi.advanceTimersByTime(250)
    await settle()
    expect(titles(view)).toEqual(['Breaking: live item', 'Rust 2.0 released', 'A rusty bike'])
    expect(view.findAll('.row .rank').map((r) => r.text())).toEqual(['1', '2', '4'])
    expect(view.find('.row').classes()).toContain('new')
    expect(view.find('.count').text()).toBe('showing 3 of 3 items from Demo News')
    expect(queriesOf(api, '/api/items').map((q) => Object.fromEntries(q))).toEqual([{ source: 'demo-news', sort: 'rank', limit: '50' }])
    events.stop()
  })

  it('names the time each sort uses on every row', async () => {
    all = [item(1, { published: '2026-11-26T16:00:00Z' }), item(2)]
    const labels = (view: ReturnType<typeof mount>) => view.findAll('.row .when').map((w) => w.text().replace(/ (\S+ ago|unknown)$/, ''))
    const { view, router } = await mountAt('/items?sort=published')
    expect(labels(view)).toEqual(['published', 'published'])
    expect(view.findAll('.row .when')[1].text()).toBe('published unknown')
    await router.push('/items?sort=firstSeen')
    await settle()
    expect(labels(view)).toEqual(['first seen', 'first seen'])
    // Rank uses no time: the published one where the source gives it, else the first sighting.
    await router.push('/items')
    await settle()
    expect(labels(view)).toEqual(['published', 'first seen'])
    expect(view.findAll('#filter-sort option').map((o) => o.text())).toEqual([
      'rank on source', 'score (highest first)', 'published (newest first)', 'first seen (newest first)',
    ])
  })

  it('shows scores in their unit, cut titles with an ellipsis, and gone items with their time', async () => {
    all = [
      item(1, { score: 3456, scoreUnit: 'stars', titleCut: true, title: 'A very long title' }),
      item(2, { score: 1, gone: true, goneSince: '2026-11-26T17:30:00Z' }),
    ]
    const { view } = await mountAt('/items?include=gone')
    const rows = view.findAll('.row')
    expect(rows[0].find('.score').text()).toBe('3.4K stars')
    expect(rows[0].find('.title').text()).toBe('A very long title…')
    expect(rows[0].find('.title').attributes('title')).toBe('A very long title')
    expect(rows[1].find('.score').text()).toBe('1 point')
    expect(rows[1].find('.title').text()).toBe('Item 2')
    expect(rows[1].classes()).toContain('gone')
    expect(rows[1].find('.gone-since').text()).toMatch(/^gone since \d+\w+ ago$/)
    expect(view.find('.count').text()).toBe('showing 2 of 2 items, gone ones included')
    expect((view.find('#filter-gone').element as HTMLInputElement).checked).toBe(true)
  })

  it('offers the score sort only when the listed sources count the same thing', async () => {
    const { view, router } = await mountAt('/items')
    const scoreOption = () => view.find('#filter-sort option[value=score]')
    expect(scoreOption().attributes('disabled')).toBeDefined()
    expect(scoreOption().attributes('title')).toBe('The sources count different things (points, stars); pick sources that count the same to sort by score.')
    await view.find('#filter-source input[value="demo-feed"]').setValue(true)
    await settle()
    expect(scoreOption().attributes('disabled')).toBeUndefined()
    await view.find('#filter-sort').setValue('score')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ source: 'demo-feed', sort: 'score' })
    // Back to all sources: scores in different units cannot be ranked together.
    await view.find('#filter-source input[value="demo-feed"]').setValue(false)
    await settle()
    expect(router.currentRoute.value.query).toEqual({})
    sources = [source(), source({ id: 'demo-feed', name: 'Demo Feed' })]
    await useSources().load()
    await settle()
    expect(scoreOption().attributes('disabled')).toBeUndefined()
  })

  it('filters by the time window in the URL and sends it to the api', async () => {
    const api = serve()
    const { view, router } = await mountAt('/items?from=2026-11-26T17:30:00.000Z')
    expect(queriesOf(api, '/api/items').map((q) => q.get('from'))).toEqual(['2026-11-26T17:30:00.000Z'])
    const from = view.find('#filter-from').element as HTMLInputElement
    expect(new Date(from.value).toISOString()).toBe('2026-11-26T17:30:00.000Z')
    await view.find('#filter-to').setValue('2026-11-26T20:00')
    await view.find('#filter-to').trigger('change')
    await settle()
    expect(router.currentRoute.value.query.to).toBe(new Date('2026-11-26T20:00').toISOString())
    expect(queriesOf(api, '/api/items').at(-1)?.get('to')).toBe(new Date('2026-11-26T20:00').toISOString())
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

  it('links each row to its history', async () => {
    const { view } = await mountAt('/items')
    expect(view.find('.row .history').attributes('href')).toBe('/items/1')
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
