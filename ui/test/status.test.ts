import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Status } from '../src/api/types'
import { createEventStream } from '../src/composables/events'
import { createStatusPoll } from '../src/composables/status'
import { FakeEventSource, fakeTimers, json, mockApi, settle } from './helpers'

const ok: Status = { state: 'ok', message: 'The crawler is publishing.', problems: [] }
const down: Status = {
  state: 'crawler-down',
  message: 'The crawler exited with code 2.',
  problems: [{ kind: 'crawler', message: 'exited with code 2', file: null, source: null, field: null, value: null }],
}

describe('status poll', () => {
  let answer: Status
  let api: ReturnType<typeof mockApi>

  beforeEach(() => {
    FakeEventSource.instances = []
    fakeTimers()
    answer = ok
    api = mockApi({ '/api/status': () => json(answer) })
  })
  afterEach(() => vi.useRealTimers())

  function setup() {
    const events = createEventStream({ eventSource: FakeEventSource as unknown as typeof EventSource, backoffMillis: [1000] })
    events.start()
    const poll = createStatusPoll(events, { intervalMillis: 5000 })
    const stop = poll.start()
    return { poll, stop, es: FakeEventSource.latest() }
  }

  const calls = () => api.mock.calls.filter(([url]) => String(url) === '/api/status').length

  it('asks at once, then every interval', async () => {
    const { poll } = setup()
    await settle()
    expect(poll.status.value).toEqual(ok)
    answer = down
    vi.advanceTimersByTime(4999)
    await settle()
    expect(poll.status.value?.state).toBe('ok')
    vi.advanceTimersByTime(1)
    await settle()
    expect(poll.status.value).toEqual(down)
    expect(calls()).toBe(2)
  })

  it('asks again when the event stream opens or reopens, and on refetch', async () => {
    const { poll, es } = setup()
    await settle()
    answer = down
    es.open()
    await settle()
    expect(poll.status.value?.state).toBe('crawler-down')
    answer = ok
    es.emit('refetch', { reason: 'segment re-created' })
    await settle()
    expect(poll.status.value?.state).toBe('ok')
    answer = down
    es.fail(false)
    es.open()
    await settle()
    expect(poll.status.value?.state).toBe('crawler-down')
    expect(calls()).toBe(4)
  })

  it('shows no status it cannot confirm', async () => {
    const { poll } = setup()
    await settle()
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))))
    await poll.refresh()
    expect(poll.status.value).toBeNull()
    expect(poll.error.value?.kind).toBe('unreachable')
  })

  it('keeps the newer answer when an older one arrives late', async () => {
    let release: (r: Response) => void = () => {}
    mockApi({ '/api/status': () => new Promise<Response>((r) => (release = r)) })
    const { poll } = setup()
    const first = release
    mockApi({ '/api/status': () => json(ok) })
    await poll.refresh()
    first(json(down))
    await settle()
    expect(poll.status.value?.state).toBe('ok')
  })

  it('stops polling when stopped', async () => {
    const { stop } = setup()
    await settle()
    stop()
    vi.advanceTimersByTime(60_000)
    await settle()
    expect(calls()).toBe(1)
  })
})
