import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import SourceCard from '../src/components/SourceCard.vue'
import TokenDialog from '../src/components/TokenDialog.vue'
import type { Source } from '../src/api/types'
import { json, mockApi, problem, routerAt, settle, source } from './helpers'

const now = Date.parse('2026-11-26T18:00:11.200Z')

async function mountCard(s: Source) {
  const router = await routerAt('/')
  // The card asks for the token through the app-wide dialog, so mount both as App does.
  const Host = defineComponent(() => () => [h(SourceCard, { source: s, now }), h(TokenDialog)])
  return mount(Host, { global: { plugins: [router], stubs: { MiniChart: true } }, attachTo: document.body })
}

describe('SourceCard', () => {
  beforeEach(() => {
    sessionStorage.clear()
    document.body.innerHTML = ''
  })

  it('shows the state, times, counts and the history chart of a healthy source', async () => {
    const card = await mountCard(source())
    expect(card.find('h2').text()).toBe('Demo News')
    expect(card.find('.badge').text()).toBe('ok')
    const facts = Object.fromEntries(card.findAll('.facts > div').map((d) => [d.find('dt').text(), d.find('dd').text()]))
    expect(facts).toMatchObject({ 'last crawl': '10s ago', 'next run': 'in 20s', items: '30', fetch: '1.20 sec', page: '40 KiB 10 KiB sent' })
    expect(card.find('mini-chart-stub').exists()).toBe(true)
    expect(card.find('.error').exists()).toBe(false)
    expect(card.find('a[href="/items?source=demo-news"]').exists()).toBe(true)
  })

  it('shows the error of a failing source', async () => {
    const card = await mountCard(
      source({ id: 'demo-broken', name: 'Demo Broken', state: 'failing', outcome: 'HTTP_ERROR', httpStatus: 503, error: 'HTTP 503 Service Unavailable', failures: 4 }),
    )
    expect(card.find('.badge').text()).toBe('failing')
    expect(card.find('[role=alert]').text()).toBe('source failing: HTTP 503 Service Unavailable')
    expect(card.text()).toContain('4 failed')
  })

  it('says when a source has not been crawled yet', async () => {
    const card = await mountCard(source({ state: 'waiting', outcome: 'PENDING', lastFinish: null, runs: 0, history: [] }))
    expect(card.text()).toContain('waiting for the first crawl')
    expect(card.text()).toContain('never')
    expect(card.find('mini-chart-stub').exists()).toBe(false)
  })

  it('copes with a source whose stored history is empty or a single crawl', async () => {
    for (const history of [[], [source().history[1]]]) {
      const card = await mountCard(source({ history }))
      expect(card.find('mini-chart-stub').exists()).toBe(false)
      expect(card.find('.no-history').text()).toBe('the chart fills in as crawls happen')
      card.unmount()
    }
  })

  it('calls a next run whose time has passed due', async () => {
    const card = await mountCard(source({ nextRun: '2026-11-26T18:00:05Z' }))
    expect(card.findAll('.facts dd')[1].text()).toBe('due')
  })

  it('asks for the token, then requests the crawl', async () => {
    const api = mockApi({ 'POST /api/sources/demo-news/crawl': () => json({ source: 'demo-news', command: 7 }, 202) })
    const card = await mountCard(source())
    await card.find('footer button').trigger('click')
    await settle()
    const dialog = card.find('dialog[open]')
    expect(dialog.exists()).toBe(true)
    expect(document.activeElement).toBe(dialog.find('input').element)
    await dialog.find('input').setValue('s3cret')
    await dialog.find('form').trigger('submit')
    await settle()
    expect(card.find('dialog[open]').exists()).toBe(false)
    expect(api).toHaveBeenCalledOnce()
    expect(card.find('.notice').text()).toBe('crawl requested')
  })

  it('shows why a crawl request failed', async () => {
    sessionStorage.setItem('native-shm.token', 'x')
    mockApi({ 'POST /api/sources/demo-news/crawl': () => problem(503, 'no segment') })
    const card = await mountCard(source())
    await card.find('footer button').trigger('click')
    await settle()
    expect(card.find('dialog[open]').exists()).toBe(false)
    expect(card.find('.notice').text()).toBe('no segment')
  })

  it('closes the dialog on Escape without crawling', async () => {
    const api = mockApi({})
    const card = await mountCard(source())
    await card.find('footer button').trigger('click')
    await settle()
    // What the browser fires on Escape.
    await card.find('dialog').trigger('cancel')
    await settle()
    expect(card.find('dialog[open]').exists()).toBe(false)
    expect(api).not.toHaveBeenCalled()
    expect((card.find('footer button').element as HTMLButtonElement).disabled).toBe(false)
  })
})
