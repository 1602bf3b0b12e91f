import { describe, expect, it } from 'vitest'
import type { SourceDraft } from '../src/api/types'
import { duplicateForm, emptyForm, formOf, inputOf, parseTags, placeByField, suggestId, toDraft, uniqueId } from '../src/util/sourceDraft'

const news: SourceDraft = {
  id: 'demo-news',
  name: 'Demo News',
  kind: 'html',
  url: 'http://127.0.0.1:9000/',
  schedule: '2s',
  maxItems: 15,
  tags: ['news', '中文'],
  headers: { 'Accept-Language': 'en' },
  selectors: {
    item: 'tr.story',
    title: 'a.title',
    link: 'a.title',
    author: { select: 'h2 a', attr: 'href', pattern: '^/([^/]+)/' },
    time: 'time@datetime',
  },
}

describe('source drafts', () => {
  it('suggests an id the crawler accepts from the name', () => {
    expect(suggestId('Hacker News')).toBe('hacker-news')
    expect(suggestId('  Café & Crème — Daily! ')).toBe('cafe-creme-daily')
    expect(suggestId('中文')).toBe('source')
    expect(suggestId('A'.repeat(40))).toBe('a'.repeat(31))
    expect(suggestId('Hacker News', ['hacker-news', 'hacker-news-2'])).toBe('hacker-news-3')
    expect(uniqueId('x'.repeat(31), ['x'.repeat(31)])).toBe(`${'x'.repeat(29)}-2`)
  })

  it('reads tags from a comma list, trimmed, without empties or repeats', () => {
    expect(parseTags(' news, tech ,,news，中文 ')).toEqual(['news', 'tech', '中文'])
    expect(parseTags('')).toEqual([])
  })

  it('round-trips a configured source through the form, keeping keys it has no input for', () => {
    const form = formOf(news)
    expect(form.tags).toBe('news, 中文')
    expect(form.selectors.author).toBe('h2 a@href')
    expect(form.maxItems).toBe('15')
    expect(toDraft(form)).toEqual(news)
    // An edited mapping selector becomes the typed text.
    form.selectors.author = 'span.author'
    expect(toDraft(form).selectors?.author).toBe('span.author')
  })

  it('sends only what is filled in, per kind', () => {
    const form = emptyForm()
    form.url = ' https://example.com/feed '
    form.kind = 'rss'
    form.selectors.title = 'ignored for rss'
    expect(toDraft(form)).toEqual({ kind: 'rss', url: 'https://example.com/feed', schedule: '15m' })
    form.kind = 'json'
    form.pointers.title = '/title'
    form.maxItems = 'lots'
    expect(toDraft(form)).toMatchObject({ kind: 'json', pointers: { items: '', title: '/title' }, maxItems: 'lots' })
  })

  it('duplicates a source under a free id and a "(copy)" name', () => {
    const form = duplicateForm(news, ['demo-news', 'demo-news-copy'])
    expect(form.id).toBe('demo-news-copy-2')
    expect(form.name).toBe('Demo News (copy)')
    expect(form.idTouched).toBe(false)
    expect(toDraft(form).selectors).toEqual(news.selectors)
  })

  it('places problems and warnings next to the input they name', () => {
    expect(inputOf('selectors.title', 'html')).toBe('selectors.title')
    expect(inputOf('selectors.author.pattern', 'html')).toBe('selectors.author')
    expect(inputOf('title', 'html')).toBe('selectors.title')
    expect(inputOf('title', 'json')).toBe('pointers.title')
    expect(inputOf('tags[2]', 'rss')).toBe('tags')
    expect(inputOf('selectors.title', 'rss')).toBeNull()
    expect(inputOf('headers.X-Y', 'html')).toBeNull()
    const placed = placeByField(
      [
        { field: 'schedule', value: 'soon', message: 'not a duration' },
        { field: 'selectors.item', value: 'a[', message: 'invalid CSS selector' },
        { field: null, value: null, message: 'the source as a whole' },
      ],
      'html',
    )
    expect(Object.keys(placed.byField)).toEqual(['schedule', 'selectors.item'])
    expect(placed.general.map((p) => p.message)).toEqual(['the source as a whole'])
  })
})
