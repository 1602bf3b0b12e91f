import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ItemHistory } from '../src/api/types'
import { useEvents } from '../src/composables/events'
import ItemHistoryView from '../src/views/ItemHistoryView.vue'
import { FakeEventSource, item, itemEvent, json, mockApi, problem, queriesOf, routerAt, settle } from './helpers'

vi.stubGlobal('EventSource', FakeEventSource)

function history(overrides: Partial<ItemHistory> = {}): ItemHistory {
  return {
    item: item(7, { title: 'Rust 2.0 released', score: 120, comments: 31, rank: 2 }),
    points: [
      { at: '2026-11-26T17:00:00Z', rank: 5, score: 10, comments: 2 },
      { at: '2026-11-26T17:30:00Z', rank: 3, score: 80, comments: 12 },
      { at: '2026-11-26T18:00:00Z', rank: 2, score: 120, comments: 31 },
    ],
    firstSeen: '2026-11-26T17:00:00Z',
    lastSeen: '2026-11-26T18:00:00Z',
    goneSince: null,
    ...overrides,
  }
}

async function mountAt(path: string) {
  const router = await routerAt(path)
  const view = mount(ItemHistoryView, { global: { plugins: [router], stubs: { MiniChart: true } } })
  await settle()
  return { view, router }
}

const facts = (view: ReturnType<typeof mount>) =>
  Object.fromEntries(view.findAll('.facts > div').map((d) => [d.find('dt').text(), d.find('dd').text()]))

describe('ItemHistoryView', () => {
  let answer: () => Response
  let api: ReturnType<typeof mockApi>
  beforeEach(() => {
    answer = () => json(history())
    api = mockApi({ '/api/items/7/history': () => answer() })
  })
  afterEach(() => vi.useRealTimers())

  it('shows the item, when it was first and last seen, and charts of its score, comments and rank', async () => {
    const { view } = await mountAt('/items/7')
    expect(view.find('h1').text()).toBe('Rust 2.0 released')
    expect(view.find('h1 a').attributes('href')).toBe('http://127.0.0.1:9000/item/7')
    expect(view.text()).toContain('Demo News · by ada · rank 2 · 120 points · 31 comments')
    expect(Object.keys(facts(view))).toEqual(['first seen', 'last seen', 'gone since'])
    expect(facts(view)['gone since']).toBe('still on its page')
    expect(view.find('.facts time').attributes('datetime')).toBe('2026-11-26T17:00:00Z')
    const charts = view.findAllComponents({ name: 'MiniChart' })
    expect(charts).toHaveLength(2)
    const x = [17, 17.5, 18].map((h) => Date.parse('2026-11-26T00:00:00Z') + h * 3_600_000)
    expect(charts[0].props('x')).toEqual(x)
    expect(charts[0].props('series').map((s: { label: string; values: unknown[] }) => [s.label, s.values])).toEqual([
      ['points', [10, 80, 120]],
      ['comments', [2, 12, 31]],
    ])
    expect(charts[1].props('series')[0].values).toEqual([5, 3, 2])
  })

  it('says when an item is gone, and when there is not enough history to draw', async () => {
    answer = () => json(history({ goneSince: '2026-11-26T18:05:00Z', points: [] }))
    const { view } = await mountAt('/items/7')
    expect(facts(view)['gone since']).toMatch(/ago$/)
    expect(view.text()).not.toContain('rank 2')
    expect(view.findAllComponents({ name: 'MiniChart' })).toHaveLength(0)
    expect(view.find('.empty').text()).toBe('No points recorded yet: one is stored whenever the rank, score or comments change.')
  })

  it('names an unknown item', async () => {
    answer = () => problem(404, 'id: no item has id 7')
    const { view } = await mountAt('/items/7')
    expect(view.find('[role=alert] .title').text()).toBe('error 404')
    expect(view.text()).toContain('no item has id 7')
  })

  it('loads again when an event names this item, and only then', async () => {
    const events = useEvents()
    events.start()
    const { view } = await mountAt('/items/7')
    answer = () => json(history({ item: item(7, { title: 'Rust 2.0 released', score: 150 }) }))
    FakeEventSource.latest().emit('item-changed', itemEvent('item-changed', item(8)))
    FakeEventSource.latest().emit('item-changed', itemEvent('item-changed', item(7)))
    await settle()
    expect(queriesOf(api, '/api/items/7/history')).toHaveLength(2)
    expect(view.text()).toContain('150 points')
    events.stop()
  })
})
