import { beforeEach, describe, expect, it, vi } from 'vitest'
import { json, mockApi, problem, settle } from './helpers'

/** A fresh copy of the module, as on a page load, reading whatever sessionStorage holds. */
async function load() {
  vi.resetModules()
  return (await import('../src/composables/token')).useToken()
}

function acceptOnly(valid: string) {
  return mockApi({
    'POST /api/sources/demo-news/crawl': (_url, init) =>
      (init?.headers as Record<string, string>).Authorization === `Bearer ${valid}`
        ? json({ source: 'demo-news', command: 7 }, 202)
        : problem(401, 'wrong token'),
  })
}

describe('crawl now with a token', () => {
  beforeEach(() => sessionStorage.clear())

  it('asks for the token once and keeps it for the session', async () => {
    const { prompt, requestCrawl } = await load()
    const api = acceptOnly('good')
    const first = requestCrawl('demo-news')
    await settle()
    expect(prompt.value?.message).toMatch(/token/)
    prompt.value!.answer('  good  ')
    expect(await first).toEqual({ source: 'demo-news', command: 7 })
    expect(sessionStorage.getItem('native-shm.token')).toBe('good')

    expect(await requestCrawl('demo-news')).toEqual({ source: 'demo-news', command: 7 })
    expect(prompt.value).toBeNull()
    expect(api).toHaveBeenCalledTimes(2)
  })

  it('forgets a rejected token from an earlier page load and asks again', async () => {
    sessionStorage.setItem('native-shm.token', 'stale')
    const { prompt, requestCrawl } = await load()
    const api = acceptOnly('fresh')
    const pending = requestCrawl('demo-news')
    await settle()
    expect(api).toHaveBeenCalledTimes(1)
    expect(sessionStorage.getItem('native-shm.token')).toBeNull()
    expect(prompt.value?.message).toMatch(/rejected/)
    prompt.value!.answer('fresh')
    expect(await pending).toMatchObject({ command: 7 })
    expect(sessionStorage.getItem('native-shm.token')).toBe('fresh')
  })

  it('resolves to null when the dialog is cancelled', async () => {
    const { prompt, requestCrawl } = await load()
    const api = acceptOnly('good')
    const pending = requestCrawl('demo-news')
    await settle()
    prompt.value!.answer(null)
    expect(await pending).toBeNull()
    expect(api).not.toHaveBeenCalled()
  })

  it('passes other errors on', async () => {
    const { prompt, requestCrawl } = await load()
    mockApi({ 'POST /api/sources/demo-news/crawl': () => problem(404, 'unknown source demo-news') })
    const pending = requestCrawl('demo-news').catch((e: unknown) => e)
    await settle()
    prompt.value!.answer('good')
    expect(await pending).toMatchObject({ kind: 'http', status: 404 })
  })
})
