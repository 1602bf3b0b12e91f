import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createEventStream } from '../src/composables/events'
import { createSourcesStore } from '../src/stores/sources'
import { FakeEventSource, fakeTimers, json, mockApi, problem, settle, source } from './helpers'

describe('sources store', () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    fakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  function setup() {
    const events = createEventStream({ eventSource: FakeEventSource as unknown as typeof EventSource })
    events.start()
    const store = createSourcesStore(events, { debounceMillis: 300, pollMillis: 10_000 })
    return { events, store, es: FakeEventSource.latest() }
  }

  it('loads the sources when started', async () => {
    mockApi({ '/api/sources': () => json({ sources: [source(), source({ id: 'demo-broken', state: 'failing' })] }) })
    const { store } = setup()
    store.start()
    await settle()
    expect(store.loaded.value).toBe(true)
    expect(store.sources.value.map((s) => s.id)).toEqual(['demo-news', 'demo-broken'])
  })

  it('reloads once after a burst of crawl events', async () => {
    const api = mockApi({ '/api/sources': () => json({ sources: [source()] }) })
    const { store, es } = setup()
    store.start()
    await settle()
    for (const type of ['crawl-ok', 'crawl-failed', 'crawl-ok']) {
      es.emit(type, { seq: 1, time: '', type, source: 'demo-news', itemId: 0, text: '' })
    }
    vi.advanceTimersByTime(299)
    expect(api).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    await settle()
    expect(api).toHaveBeenCalledTimes(2)
  })

  it('keeps the last good list when a reload fails, and recovers by polling', async () => {
    let down = false
    mockApi({ '/api/sources': () => (down ? Promise.reject(new TypeError('refused')) : json({ sources: [source()] })) })
    const { store } = setup()
    store.start()
    await settle()
    down = true
    vi.advanceTimersByTime(10_000)
    await settle()
    expect(store.error.value?.kind).toBe('unreachable')
    expect(store.sources.value).toHaveLength(1)
    down = false
    vi.advanceTimersByTime(10_000)
    await settle()
    expect(store.error.value).toBeNull()
  })

  it('reports waiting for the crawler on 503', async () => {
    mockApi({ '/api/sources': () => problem(503, 'no segment') })
    const { store } = setup()
    store.start()
    await settle()
    expect(store.error.value?.message).toBe('no segment')
  })

  it('stops polling and listening when stopped', async () => {
    const api = mockApi({ '/api/sources': () => json({ sources: [] }) })
    const { store, es } = setup()
    const stop = store.start()
    await settle()
    stop()
    es.emit('crawl-ok', { seq: 1, time: '', type: 'crawl-ok', source: 'x', itemId: 0, text: '' })
    vi.advanceTimersByTime(60_000)
    expect(api).toHaveBeenCalledTimes(1)
  })
})
