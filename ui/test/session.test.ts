import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeEventSource, json, mockApi, problem, settle, source } from './helpers'

vi.stubGlobal('EventSource', FakeEventSource)

/** A fresh app, as on a page load: the session store is module state. */
async function load(path: string) {
  vi.resetModules()
  const { default: App } = await import('../src/App.vue')
  const { createAppRouter } = await import('../src/router')
  const { useToken } = await import('../src/composables/token')
  const { useSources } = await import('../src/stores/sources')
  window.history.replaceState(null, '', path)
  const router = createAppRouter()
  const app = mount(App, { global: { plugins: [router], stubs: { MiniChart: true } } })
  await router.isReady()
  await settle()
  return { app, router, token: useToken(), sources: useSources() }
}

/** An api with one editor, alice, whose password is "secret"; "slow" stands for a locked-out user. */
function api() {
  let user: string | null = null
  const mock = mockApi({
    '/api/session': () => json({ user, role: user ? 'editor' : null, authRequired: true, canEdit: user !== null }),
    'POST /api/login': (_url, init) => {
      const { username, password } = JSON.parse(String(init?.body)) as { username: string; password: string }
      if (username === 'slow') {
        return new Response(JSON.stringify({ status: 429, detail: 'too many failed logins' }), {
          status: 429,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '30' },
        })
      }
      if (username !== 'alice' || password !== 'secret') return problem(401, 'bad credentials')
      user = 'alice'
      return json({ user, role: 'editor' })
    },
    'POST /api/logout': () => {
      user = null
      return new Response(null, { status: 200 })
    },
    '/api/sources': () => (user ? json({ sources: [source()] }) : problem(401, 'login needed')),
    'POST /api/sources/demo-news/crawl': () => json({ source: 'demo-news', command: 3 }, 202),
  })
  // The session ends on the server's side (expired, or the api restarted).
  return { mock, expire: () => (user = null) }
}

async function logIn(app: Awaited<ReturnType<typeof load>>['app'], username: string, password: string) {
  await app.find('#login-user').setValue(username)
  await app.find('#login-password').setValue(password)
  await app.find('form').trigger('submit')
  await settle()
}

// Each test loads the app's modules afresh, which takes seconds on a busy machine.
describe('login', { timeout: 30_000 }, () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    sessionStorage.clear()
  })

  it('asks for a login before anything is read, says why one failed, and comes back to where the reader was', async () => {
    const { mock } = api()
    const { app, router } = await load('/items?q=rust')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/items?q=rust')
    expect(FakeEventSource.instances).toHaveLength(0) // a stream refused with 401 would retry forever
    expect(app.find('nav').exists()).toBe(false)

    await logIn(app, 'alice', 'wrong')
    expect(app.find('[role=alert]').text()).toBe('Wrong user name or password.')
    await logIn(app, 'slow', 'secret')
    expect(app.find('[role=alert]').text()).toBe('Too many failed attempts. Try again in 30 s.')

    await logIn(app, 'alice', 'secret')
    expect(router.currentRoute.value.fullPath).toBe('/items?q=rust')
    expect(app.find('.user').text()).toContain('Signed in as alice')
    expect(FakeEventSource.instances).toHaveLength(1)
    const sent = mock.mock.calls.find(([input]) => String(input) === '/api/login')![1]!
    expect((sent.headers as Record<string, string>)['X-Requested-With']).toBe('native-shm')
  })

  it('lets an editor change things without the token, with the CSRF header', async () => {
    const { mock } = api()
    const { app, token } = await load('/')
    await logIn(app, 'alice', 'secret')
    expect(await token.requestCrawl('demo-news')).toEqual({ source: 'demo-news', command: 3 })
    expect(token.prompt.value).toBeNull()
    const headers = mock.mock.calls.find(([input]) => String(input).endsWith('/crawl'))![1]!.headers as Record<string, string>
    expect(headers['X-Requested-With']).toBe('native-shm')
    expect(headers.Authorization).toBeUndefined()
  })

  it('goes to the login page when a read meets a 401, and after a logout', async () => {
    const { expire } = api()
    const { app, router, sources } = await load('/')
    await logIn(app, 'alice', 'secret')
    await router.push('/segment')
    expire()
    await sources.load()
    await settle()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/segment')

    await logIn(app, 'alice', 'secret')
    expect(router.currentRoute.value.fullPath).toBe('/segment')
    await app.find('button.logout').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('login')
    expect(app.find('.user').exists()).toBe(false)
  })
})
