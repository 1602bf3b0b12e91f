import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PreviewResult, Source } from '../src/api/types'
import SourceEditView from '../src/views/SourceEditView.vue'
import SourcesView from '../src/views/SourcesView.vue'
import { FakeEventSource, fakeTimers, json, mockApi, routerAt, settle, source } from './helpers'

vi.stubGlobal('EventSource', FakeEventSource)
// The first test imports every view (through the router); on a busy machine that alone can take seconds.
vi.setConfig({ testTimeout: 20_000 })

let sources: Source[] = []
const mine = { id: 'mine', name: 'Mine', kind: 'html', url: 'http://127.0.0.1:9000/', schedule: '2s', tags: ['news'], selectors: { item: 'tr.story', title: 'a.title', link: 'a.title' } }

const preview: PreviewResult = {
  fetch: { url: 'http://127.0.0.1:9000/', status: 200, contentType: 'text/html; charset=utf-8', bytes: 2048, fromCache: true, fetchedAt: '2026-11-26T18:00:00Z' },
  items: [
    { index: 1, url: 'http://127.0.0.1:9000/s/1', fields: { title: { text: 'First story', selector: 'a.title' }, score: { text: '12', selector: 'span.score', raw: '12 points' } } },
    { index: 2, url: null, fields: {}, skipped: 'no link: selectors.link matched nothing' },
  ],
  skipped: [{ index: 2, reason: 'no link: selectors.link matched nothing' }],
  warnings: [{ field: 'selectors.author', message: "selector 'span.who' matched nothing" }, { field: null, message: 'the page is big' }],
}

async function mountAt(path: string, component: typeof SourcesView | typeof SourceEditView) {
  const router = await routerAt(path)
  const view = mount(component, { global: { plugins: [router] }, props: router.currentRoute.value.params.id ? { id: String(router.currentRoute.value.params.id) } : {} })
  await settle()
  return { view, router }
}

describe('SourcesView', () => {
  beforeEach(() => {
    sessionStorage.setItem('native-shm.token', 'tok')
    sources = [
      source({ tags: ['news', '中文'], origin: 'file', editable: false }),
      source({ id: 'mine', name: 'Mine', origin: 'app', editable: true, tags: [] }),
    ]
  })

  it('lists sources with kind and tags; hand-written ones are read-only', async () => {
    mockApi({ '/api/sources': () => json({ sources }) })
    const { view } = await mountAt('/sources', SourcesView)
    const rows = view.findAll('.source-row')
    expect(rows.map((r) => r.find('.name').text())).toEqual(['Demo News', 'Mine'])
    expect(rows[0].find('.readonly').exists()).toBe(true)
    expect(rows[0].findAll('.tag').map((t) => t.text())).toEqual(['news', '中文'])
    expect(rows[0].find('.delete').exists()).toBe(false)
    expect(rows[0].find('[aria-label="Edit Demo News"]').exists()).toBe(false)
    expect(rows[0].find('[aria-label="Duplicate Demo News"]').attributes('href')).toBe('/sources/new?copy=demo-news')
    expect(rows[1].find('[aria-label="Edit Mine"]').attributes('href')).toBe('/sources/mine/edit')
    expect(view.find('a[download]').attributes('href')).toBe('/api/sources/opml')
  })

  it('deletes only after confirmation, with the token', async () => {
    const api = mockApi({ '/api/sources': () => json({ sources }), 'DELETE /api/sources/mine': () => new Response(null, { status: 204 }) })
    const { view } = await mountAt('/sources', SourcesView)
    await view.find('[aria-label="Delete Mine"]').trigger('click')
    await settle()
    const dialog = view.find('dialog.confirm')
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    expect(dialog.text()).toContain('Delete Mine?')
    await dialog.find('button[type=button]').trigger('click') // Cancel
    await settle()
    expect(api.mock.calls.filter(([, init]) => init?.method === 'DELETE')).toHaveLength(0)
    await view.find('[aria-label="Delete Mine"]').trigger('click')
    await settle()
    sources = sources.slice(0, 1)
    await view.find('dialog.confirm form').trigger('submit')
    await settle()
    const deletes = api.mock.calls.filter(([, init]) => init?.method === 'DELETE')
    expect(deletes).toHaveLength(1)
    expect((deletes[0][1]?.headers as Record<string, string>).Authorization).toBe('Bearer tok')
    expect(view.findAll('.source-row')).toHaveLength(1)
    expect(view.find('.notice').text()).toBe('Mine deleted')
  })
})

describe('SourceEditView', () => {
  beforeEach(() => {
    sessionStorage.setItem('native-shm.token', 'tok')
    sources = [source()]
  })

  it('suggests the id from the name, previews once typing pauses, and shows warnings next to their field', async () => {
    fakeTimers()
    const api = mockApi({ '/api/sources': () => json({ sources }), 'POST /api/sources/preview': () => json(preview) })
    const { view } = await mountAt('/sources/new', SourceEditView)
    await view.find('#src-name').setValue('Demo News')
    expect((view.find('#src-id').element as HTMLInputElement).value).toBe('demo-news-2')
    await view.find('#src-url').setValue('http://127.0.0.1:9000/')
    await view.find('#src-sel-item').setValue('tr.story')
    vi.advanceTimersByTime(300)
    await view.find('#src-sel-title').setValue('a.title')
    vi.advanceTimersByTime(599)
    const previews = () => api.mock.calls.filter(([input]) => String(input) === '/api/sources/preview')
    expect(previews()).toHaveLength(0)
    vi.advanceTimersByTime(1)
    await settle()
    expect(previews()).toHaveLength(1)
    expect(JSON.parse(String(previews()[0][1]?.body))).toMatchObject({ id: 'demo-news-2', name: 'Demo News', kind: 'html', url: 'http://127.0.0.1:9000/', selectors: { item: 'tr.story', title: 'a.title' } })
    expect(view.find('.fetch').text()).toContain('HTTP 200 · text/html · 2.0 KiB · from cache')
    expect(view.findAll('.preview-item .title').map((t) => t.text())).toEqual(['First story'])
    expect(view.find('.preview-item dd').text()).toContain('a.title')
    expect(view.find('.skipped').text()).toBe('item 2: no link: selectors.link matched nothing')
    expect(view.find('[data-field="src-sel-author"] .warnings').text()).toContain("selector 'span.who' matched nothing")
    expect(view.find('#src-sel-author').attributes('aria-describedby')).toContain('src-sel-author-warnings')
    expect(view.find('.preview .warnings').text()).toContain('the page is big')
    vi.useRealTimers()
  })

  it('shows the problems of a refused save next to their fields, and goes back to the list once saved', async () => {
    let answer = () => json({ title: 'invalid', status: 400, detail: '2 problems', problems: [
      { field: 'schedule', value: 'soon', message: 'not an interval or cron expression' },
      { field: 'selectors.item', value: 'a[', message: 'invalid CSS selector' },
    ] }, 400)
    const api = mockApi({
      '/api/sources': () => json({ sources }),
      'POST /api/sources/preview': () => json(preview),
      'POST /api/sources': () => answer(),
    })
    const { view, router } = await mountAt('/sources/new', SourceEditView)
    await view.find('#src-url').setValue('http://127.0.0.1:9000/')
    await view.find('#src-name').setValue('Mine')
    await view.find('#src-schedule').setValue('soon')
    await view.find('form.editor').trigger('submit')
    await settle()
    expect(view.find('[data-field="src-schedule"] .problems').text()).toBe('not an interval or cron expression (was soon)')
    expect(view.find('#src-schedule').attributes('aria-invalid')).toBe('true')
    expect(view.find('[data-field="src-sel-item"] .problems').text()).toContain('invalid CSS selector')
    answer = () => json({ id: 'mine', origin: 'app', editable: true, file: 'sources.yaml', source: mine }, 201)
    await view.find('form.editor').trigger('submit')
    await settle()
    const posts = api.mock.calls.filter(([input, init]) => String(input) === '/api/sources' && init?.method === 'POST')
    expect(posts).toHaveLength(2)
    expect(router.currentRoute.value.name).toBe('sources')
  })

  it('edits with PUT and duplicates under a free id', async () => {
    sources = [source({ id: 'mine', name: 'Mine', origin: 'app', editable: true })]
    const config = { id: 'mine', origin: 'app', editable: true, file: 'sources.yaml', source: mine }
    const api = mockApi({
      '/api/sources': () => json({ sources }),
      '/api/sources/mine/config': () => json(config),
      'POST /api/sources/preview': () => json(preview),
      'PUT /api/sources/mine': () => json(config),
    })
    const { view, router } = await mountAt('/sources/mine/edit', SourceEditView)
    expect((view.find('#src-sel-item').element as HTMLInputElement).value).toBe('tr.story')
    expect((view.find('#src-tags').element as HTMLInputElement).value).toBe('news')
    await view.find('#src-tags').setValue('news, tech')
    await view.find('form.editor').trigger('submit')
    await settle()
    const put = api.mock.calls.find(([, init]) => init?.method === 'PUT')!
    expect(JSON.parse(String(put[1]?.body))).toMatchObject({ id: 'mine', tags: ['news', 'tech'] })
    expect(router.currentRoute.value.name).toBe('sources')

    const copy = await mountAt('/sources/new?copy=mine', SourceEditView)
    expect((copy.view.find('#src-id').element as HTMLInputElement).value).toBe('mine-copy')
    expect((copy.view.find('#src-name').element as HTMLInputElement).value).toBe('Mine (copy)')
  })

  it('discovers the kind and offers the advertised feeds', async () => {
    mockApi({
      '/api/sources': () => json({ sources }),
      'POST /api/sources/preview': () => json(preview),
      'POST /api/sources/discover': () => json({ url: 'http://127.0.0.1:9000/', kind: 'html', title: 'Demo', feeds: [{ url: 'http://127.0.0.1:9000/feed.rss', title: 'Demo Feed', type: 'application/rss+xml' }] }),
    })
    const { view } = await mountAt('/sources/new', SourceEditView)
    await view.find('#src-url').setValue('http://127.0.0.1:9000/')
    // Enter in the URL of a new source discovers (the first step) instead of saving.
    await view.find('#src-url').trigger('keydown', { key: 'Enter' })
    await settle()
    expect((view.find('#src-name').element as HTMLInputElement).value).toBe('Demo')
    await view.find('.feeds button').trigger('click')
    await settle()
    expect((view.find('#src-url').element as HTMLInputElement).value).toBe('http://127.0.0.1:9000/feed.rss')
    expect((view.find('input[value=rss]').element as HTMLInputElement).checked).toBe(true)
    expect(view.find('#src-sel-item').exists()).toBe(false)
    expect((view.find('#src-name').element as HTMLInputElement).value).toBe('Demo Feed')
  })
})
