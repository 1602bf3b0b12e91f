import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createEventStream } from '../src/composables/events'
import { FakeEventSource, fakeTimers, item, itemEvent } from './helpers'

describe('event stream', () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    fakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  function start() {
    const stream = createEventStream({ eventSource: FakeEventSource as unknown as typeof EventSource, backoffMillis: [1000, 5000] })
    stream.start()
    return stream
  }

  it('connects to /api/events and turns live when open', () => {
    const stream = start()
    expect(FakeEventSource.latest().url).toBe('/api/events')
    expect(stream.state.value).toBe('connecting')
    FakeEventSource.latest().open()
    expect(stream.state.value).toBe('live')
  })

  it('hands each named event to its subscribers and keeps the newest first', () => {
    const stream = start()
    const seen = vi.fn()
    const unsubscribe = stream.on('item-new', seen)
    const es = FakeEventSource.latest()
    es.emit('item-new', itemEvent('item-new', item(1), 1))
    es.emit('crawl-ok', { seq: 2, time: '2026-11-26T18:00:06Z', type: 'crawl-ok', source: 'demo-news', itemId: 0, text: '30 items' })
    expect(seen).toHaveBeenCalledTimes(1)
    expect(seen.mock.calls[0][0].item.id).toBe(1)
    expect(stream.recent.value.map((e) => e.seq)).toEqual([2, 1])
    unsubscribe()
    es.emit('item-new', itemEvent('item-new', item(3), 3))
    expect(seen).toHaveBeenCalledTimes(1)
  })

  it('ignores events whose data is not JSON', () => {
    const stream = start()
    const seen = vi.fn()
    stream.on('item-changed', seen)
    FakeEventSource.latest().emit('item-changed', 'not json')
    expect(seen).not.toHaveBeenCalled()
  })

  it('shows reconnecting while the browser retries, and live again after', () => {
    const stream = start()
    const es = FakeEventSource.latest()
    es.open()
    es.fail(false)
    expect(stream.state.value).toBe('reconnecting')
    es.open()
    expect(stream.state.value).toBe('live')
    expect(FakeEventSource.instances).toHaveLength(1)
  })

  it('reopens a stream the browser gave up on, with backoff, and asks for a refetch', () => {
    const stream = start()
    const refetch = vi.fn()
    stream.on('refetch', refetch)
    FakeEventSource.latest().fail(true)
    expect(stream.state.value).toBe('reconnecting')
    vi.advanceTimersByTime(999)
    expect(FakeEventSource.instances).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeEventSource.instances).toHaveLength(2)
    FakeEventSource.latest().fail(true)
    vi.advanceTimersByTime(4999)
    expect(FakeEventSource.instances).toHaveLength(2)
    vi.advanceTimersByTime(1)
    FakeEventSource.latest().open()
    expect(stream.state.value).toBe('live')
    expect(refetch).toHaveBeenCalledWith({ reason: 'reconnected' })
  })

  it('passes the server refetch event on', () => {
    const stream = start()
    const refetch = vi.fn()
    stream.on('refetch', refetch)
    FakeEventSource.latest().emit('refetch', { reason: 'lapped' })
    expect(refetch).toHaveBeenCalledWith({ reason: 'lapped' })
  })

  it('stops reconnecting when stopped', () => {
    const stream = start()
    FakeEventSource.latest().fail(true)
    stream.stop()
    vi.advanceTimersByTime(60_000)
    expect(FakeEventSource.instances).toHaveLength(1)
  })
})
