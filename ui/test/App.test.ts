import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import App from '../src/App.vue'
import { FakeEventSource, json, mockApi, routerAt, settle, source } from './helpers'

vi.stubGlobal('EventSource', FakeEventSource)

describe('App', () => {
  // First: the app-wide sources store keeps the last good list, which later tests fill.
  it('says the api is unreachable when it cannot load anything', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))))
    const router = await routerAt('/')
    const app = mount(App, { global: { plugins: [router], stubs: { MiniChart: true } } })
    await settle()
    expect(app.find('[role=alert] .title').text()).toBe('api unreachable')
  })

  it('shows the live state and a count of failing sources, and routes between views', async () => {
    mockApi({
      '/api/sources': () =>
        json({ sources: [source(), source({ id: 'demo-broken', name: 'Demo Broken', state: 'failing', error: 'HTTP 503 Service Unavailable' })] }),
    })
    const router = await routerAt('/')
    const app = mount(App, { global: { plugins: [router], stubs: { MiniChart: true } } })
    await settle()
    expect(app.find('.live').text()).toBe('connecting…')
    FakeEventSource.latest().open()
    await settle()
    expect(app.find('.live').text()).toBe('live')
    expect(app.find('nav .alert').text()).toBe('1')
    expect(app.findAll('.card h2').map((h) => h.text())).toEqual(['Demo News', 'Demo Broken'])
    expect(app.find('.summary').text()).toMatch(/1 ok · 1 failing · 0 waiting/)

    FakeEventSource.latest().fail(false)
    await settle()
    expect(app.find('.live').text()).toBe('reconnecting…')

    await router.push('/segment')
    await settle()
    expect(app.find('h1').text()).toBe('Shared memory')
  })

  it('shows the problems above the views and does not call the page live while the app is not ok', async () => {
    let status = {
      state: 'not-publishing',
      message: 'The crawler has not published for 40 s.',
      problems: [{ kind: 'segment', message: 'no space left on /dev/shm', file: null, source: null, field: null, value: null }],
    }
    mockApi({ '/api/sources': () => json({ sources: [source()] }), '/api/status': () => json(status) })
    const router = await routerAt('/')
    const app = mount(App, { global: { plugins: [router], stubs: { MiniChart: true } } })
    await settle()
    FakeEventSource.latest().open()
    await settle()
    const banner = app.find('main > .banner')
    expect(banner.find('h2').text()).toBe('The crawler is not publishing')
    expect(banner.find('.problem').text()).toContain('no space left on /dev/shm')
    expect(app.find('main').element.firstElementChild).toBe(banner.element)
    expect(app.find('.live').text()).toBe('not publishing')

    status = { state: 'ok', message: 'The crawler is publishing.', problems: [] }
    FakeEventSource.latest().emit('refetch', { reason: 'segment re-created' })
    await settle()
    expect(app.find('.banner').exists()).toBe(false)
    expect(app.find('.live').text()).toBe('live')
  })
})
