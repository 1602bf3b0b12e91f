import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../src/App.vue'
import { pickLocale, setLocale } from '../src/i18n'
import enText from '../src/locales/en.json?raw'
import zhText from '../src/locales/zh-CN.json?raw'
import { FakeEventSource, json, mockApi, routerAt, settle, source } from './helpers'

vi.stubGlobal('EventSource', FakeEventSource)


/** Every key of a message tree with its text, as `a.b.c`. */
function flatten(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [key, value] of Object.entries(tree)) {
    if (value && typeof value === 'object') for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v)
    else out.set(`${prefix}${key}`, value)
  }
  return out
}

describe('messages', () => {
  it('has exactly the same keys in English and Chinese, none empty', () => {
    // As written: a plain import gives the build's compiled form.
    const english = flatten(JSON.parse(enText) as object)
    const chinese = flatten(JSON.parse(zhText) as object)
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort())
    for (const [key, text] of [...english, ...chinese]) {
      expect(typeof text, key).toBe('string')
      expect((text as string).trim(), key).not.toBe('')
    }
  })

  it('picks Simplified Chinese for any zh but the Traditional ones, else English', () => {
    expect(pickLocale(['zh-CN'])).toBe('zh-CN')
    expect(pickLocale(['zh'])).toBe('zh-CN')
    expect(pickLocale(['zh-SG', 'en'])).toBe('zh-CN')
    expect(pickLocale(['zh-Hans-CN'])).toBe('zh-CN')
    expect(pickLocale(['zh-TW', 'zh-CN'])).toBe('zh-CN')
    expect(pickLocale(['zh-TW'])).toBe('en')
    expect(pickLocale(['zh-HK'])).toBe('en')
    expect(pickLocale(['zh-Hant'])).toBe('en')
    expect(pickLocale(['en-US', 'zh-CN'])).toBe('en')
    expect(pickLocale(['fr-FR', 'zh-CN'])).toBe('zh-CN')
    expect(pickLocale(['fr-FR'])).toBe('en')
    expect(pickLocale([])).toBe('en')
  })
})

describe('the language switch', () => {
  afterEach(() => setLocale('en'))

  it('changes the texts, the formats, <html lang> and is remembered', async () => {
    mockApi({ '/api/sources': () => json({ sources: [source({ itemCount: 1234, lastFinish: new Date(Date.now() - 42_000).toISOString() })] }) })
    const router = await routerAt('/')
    const app = mount(App, { global: { plugins: [router], stubs: { MiniChart: true } } })
    await settle()
    FakeEventSource.latest().open()
    await settle()
    expect(app.find('nav').text()).toContain('Items')
    expect(app.find('.live').text()).toBe('live')
    const facts = () => Object.fromEntries(app.findAll('.facts > div').map((d) => [d.find('dt').text(), d.find('dd').text()]))
    expect(facts()).toMatchObject({ items: '1,234', 'last crawl': '42s ago' })

    await app.find('select#language').setValue('zh-CN')
    await settle()
    expect(app.find('nav').text()).toContain('条目')
    expect(app.find('.live').text()).toBe('实时')
    expect(app.find('h1').text()).toBe('来源')
    expect(facts()).toMatchObject({ 条目: '1,234', 上次抓取: '42秒前' })
    expect(document.documentElement.lang).toBe('zh-CN')
    expect(localStorage.getItem('native-shm.locale')).toBe('zh-CN')
  })
})
