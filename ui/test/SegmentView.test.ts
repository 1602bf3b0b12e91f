import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useEvents } from '../src/composables/events'
import SegmentView from '../src/views/SegmentView.vue'
import { FakeEventSource, fakeTimers, item, itemEvent, json, mockApi, problem, settle, segment } from './helpers'

vi.stubGlobal('EventSource', FakeEventSource)

async function mountView() {
  const view = mount(SegmentView, { global: { stubs: { MiniChart: true } } })
  await settle()
  return view
}

describe('SegmentView', () => {
  beforeEach(() => fakeTimers())
  afterEach(() => vi.useRealTimers())

  it('shows the header, the writer and the event ring', async () => {
    mockApi({ '/api/segment': () => json(segment()) })
    const view = await mountView()
    const text = view.text()
    expect(text).toContain('e2e-test')
    expect(text).toContain('9f1c2a3b4d5e6f70')
    expect(text).toContain('256 KiB')
    expect(text).toContain('4242')
    expect(text).toContain('alive')
    expect(view.find('.heartbeat').text()).toBe('310 ms')
    expect(text).toContain('5,234')
  })

  it('lists the regions with fill bars', async () => {
    mockApi({ '/api/segment': () => json(segment()) })
    const view = await mountView()
    const rows = view.findAll('tbody tr')
    expect(rows.map((r) => r.find('th').text())).toEqual(['items', 'events'])
    expect(rows[0].text()).toContain('96 / 120')
    const meters = view.findAll('[role=meter]')
    expect(meters.map((m) => m.attributes('aria-valuenow'))).toEqual(['80', '100'])
    expect(view.findAll('.map .block')).toHaveLength(2)
  })

  it('polls, ageing the heartbeat between polls and charting the samples', async () => {
    let age = 310
    mockApi({ '/api/segment': () => json(segment({ writer: { ...segment().writer, heartbeatAgeMillis: age } })) })
    const view = await mountView()
    expect(view.find('mini-chart-stub').exists()).toBe(false)
    age = 120
    vi.advanceTimersByTime(1000)
    await settle()
    expect(view.find('.heartbeat').text()).toBe('120 ms')
    expect(view.find('mini-chart-stub').exists()).toBe(true)
  })

  it('shows the events this page received', async () => {
    mockApi({ '/api/segment': () => json(segment()) })
    const events = useEvents()
    events.start()
    FakeEventSource.latest().emit('item-new', itemEvent('item-new', item(7, { title: 'Seen live' }), 41))
    const view = await mountView()
    expect(view.find('.log li').text()).toMatch(/item-new.*demo-news.*Seen live/)
    events.stop()
  })

  it('says when the crawler has not created the segment yet', async () => {
    mockApi({ '/api/segment': () => problem(503, 'no segment') })
    const view = await mountView()
    expect(view.find('[role=alert] .title').text()).toBe('waiting for the crawler')
  })
})
