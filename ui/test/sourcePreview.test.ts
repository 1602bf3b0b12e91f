import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../src/api/client'
import type { PreviewResult, SourceDraft } from '../src/api/types'
import { createPreviewer } from '../src/composables/sourcePreview'
import { fakeTimers, settle } from './helpers'

const result = (url: string): PreviewResult => ({
  fetch: { url, status: 200, contentType: 'text/html', bytes: 10, fromCache: false, fetchedAt: null },
  items: [],
  skipped: [],
  warnings: [],
})
const draft = (url: string): SourceDraft => ({ kind: 'html', url })

describe('the live preview', () => {
  afterEach(() => vi.useRealTimers())

  it('waits for typing to pause, then sends only the latest draft', async () => {
    fakeTimers()
    const run = vi.fn(async (d: SourceDraft) => result(d.url))
    const preview = createPreviewer(run, 600)
    preview.schedule(draft('http://a/1'))
    vi.advanceTimersByTime(400)
    preview.schedule(draft('http://a/12'))
    vi.advanceTimersByTime(400)
    preview.schedule(draft('http://a/123'))
    expect(preview.pending.value).toBe(true)
    vi.advanceTimersByTime(599)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    await settle()
    expect(run).toHaveBeenCalledTimes(1)
    expect(preview.result.value?.fetch.url).toBe('http://a/123')
    expect(preview.pending.value).toBe(false)
  })

  it('aborts a request still on its way when a newer draft is sent, and never shows its answer', async () => {
    const answers: ((r: PreviewResult) => void)[] = []
    const signals: AbortSignal[] = []
    const preview = createPreviewer(
      (d, signal) =>
        new Promise((resolve) => {
          signals.push(signal)
          answers.push(() => resolve(result(d.url)))
        }),
    )
    const first = preview.now(draft('http://old'))
    const second = preview.now(draft('http://new'))
    expect(signals[0].aborted).toBe(true)
    expect(signals[1].aborted).toBe(false)
    answers[1](result('http://new'))
    answers[0](result('http://old'))
    await Promise.all([first, second])
    expect(preview.result.value?.fetch.url).toBe('http://new')
  })

  it('keeps validation problems apart from other failures', async () => {
    const problems = [{ field: 'selectors.item', value: 'a[', message: 'invalid CSS selector' }]
    let failure: unknown = new ApiError('http', 400, 'invalid draft', problems)
    const preview = createPreviewer(async () => {
      throw failure
    })
    await preview.now(draft('http://x'))
    expect(preview.problems.value).toEqual(problems)
    expect(preview.error.value).toBeNull()
    failure = new ApiError('unreachable', 0, 'api unreachable')
    await preview.now(draft('http://x'))
    expect(preview.problems.value).toEqual([])
    expect(preview.error.value?.message).toBe('api unreachable')
  })
})
