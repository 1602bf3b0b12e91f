/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
// End-to-end checks of the UI against the real app, in Debian's Chromium.
//
//   APP_JAR=/abs/path/app.jar npm run e2e     starts `java -jar app.jar --demo` on a free port, then
//                                             a second app with a bad crawler config (--config)
//   APP_URL=http://127.0.0.1:8080/ [E2E_TOKEN=...] npm run e2e  uses an app that is already running
//                                             (demo checks only)
//
// Screenshots go to ui/target/screenshots/ (or $SCREENSHOT_DIR). Exits non-zero if any check fails.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const uiDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const shots = resolve(process.env.SCREENSHOT_DIR ?? join(uiDir, 'target', 'screenshots'))
const logDir = join(uiDir, 'target')
const browser = process.env.CHROMIUM || '/usr/bin/chromium'
/** The demo crawls every few seconds; the first items can take a while on a busy machine. */
const LIVE_TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 90_000)

/** The demo changes its content this often; the live-list check needs quiet moments between changes. */
const DEMO_TICK = process.env.E2E_DEMO_TICK ?? '5s'

const results = []
/** The apps this script started, stopped at the end. */
const apps = []
let context
/** The api's token for crawl-now: chosen here when this script starts the app. */
let token = process.env.E2E_TOKEN
let profile
/** Temporary directories (the apps' data, the bad config), removed at the end. */
const temps = []
/** The little feed server of the config check. */
let feedServer
/** Browsers opened besides `context` (other languages, the login check), closed at the end. */
const extraContexts = []
/** Content-Security-Policy violations any page reported; a check during which one appears fails. */
const cspViolations = []
/** What the api must send with every response (docs/api.md); the UI has to work under it. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

async function main() {
  if (!existsSync(browser)) throw new Error(`no browser at ${browser}: install Debian's (apt-get install -y chromium) or set CHROMIUM`)
  mkdirSync(shots, { recursive: true })
  // Every run rewrites the view screenshots; failure shots of an earlier run would mislead.
  for (const old of readdirSync(shots).filter((f) => /^failed-.*\.png$/.test(f))) rmSync(join(shots, old))
  let base = process.env.APP_URL
  if (!base) {
    token = randomBytes(12).toString('hex')
    process.env.APP_TOKEN = token // the environment, not the command line, which every local user can read (ps)
    base = await startApp('demo', ['--demo'], { 'app.demo-tick': DEMO_TICK })
  }
  console.log(`e2e: testing ${base}`)
  const index = await fetch(base).catch((e) => ({ ok: false, status: e.message, text: async () => '' }))
  if (!index.ok || !(await index.text()).includes('<div id="app">')) {
    throw new Error(`${base} does not serve the UI (${index.status}); is the ui module packaged into the app?`)
  }
  const served = index.headers?.get('content-security-policy')
  console.log(served ? `e2e: the app sends the CSP: ${served}` : 'e2e: the app sends no CSP; the script adds it to the pages it loads')
  profile = mkdtempSync(join(tmpdir(), 'native-shm-e2e-'))
  const pageErrors = []
  ;({ context } = await openBrowser(profile, 'en-US', !served, pageErrors))
  const page = context.pages()[0]
  const url = (path) => new URL(path, base).toString()

  await check('items appear', async () => {
    await page.goto(url('/items'))
    await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
    await shot(page, 'items', { fullPage: true })
    return `${await page.locator('.row').count()} rows`
  })

  await check('the event stream is live', async () => {
    await page.locator('.live', { hasText: /^live$/ }).waitFor({ timeout: 20_000 })
  })

  await check('a new item appears live, highlighted, without a reload', async () => {
    // Newest first, so every new item lands on the loaded page.
    await page.goto(url('/items?sort=firstSeen'))
    await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
    await page.evaluate(() => {
      window.__e2eSamePage = true
      window.__e2eSeen = new Set([...document.querySelectorAll('.row')].map((r) => r.dataset.id))
    })
    const handle = await page.waitForFunction(
      () => {
        const row = [...document.querySelectorAll('.row')].find((r) => !window.__e2eSeen.has(r.dataset.id))
        return row && { id: row.dataset.id, title: row.querySelector('.title').textContent }
      },
      undefined,
      { timeout: LIVE_TIMEOUT, polling: 100 },
    )
    const row = await handle.jsonValue()
    if (!(await page.evaluate(() => window.__e2eSamePage === true))) throw new Error('the page was reloaded')
    // The list may show the item a moment before its event arrives; the highlight follows the event.
    await page.locator(`.row.new[data-id="${row.id}"]`).waitFor({ timeout: 1500 })
      .catch(() => { throw new Error(`new row "${row.title}" was not highlighted within 1.5 s`) })
    await shot(page, 'items-live')
    return `"${row.title}"`
  })

  for (const [sort, wantEvents, wantComparisons] of [['rank', 40, 4], ['firstSeen', 20, 3]]) {
    await check(`after many live events the list is exactly /api/items?sort=${sort}`, () =>
      compareLiveList(page, base, sort, wantEvents, wantComparisons))
  }

  await check("an item's history: first and last seen, and a chart once it changed", async () => {
    await page.goto(url('/items?sort=score'))
    await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
    const title = (await page.locator('.row .title').first().textContent()).trim()
    await page.locator('.row .history').first().click()
    await page.waitForURL((u) => /^\/items\/\d+$/.test(u.pathname))
    await page.locator('h1', { hasText: title.replace(/…$/, '') }).waitFor({ timeout: 10_000 })
    const facts = await page.locator('.facts dt').allTextContents()
    if (facts.join() !== 'first seen,last seen,gone since') throw new Error(`facts: ${facts}`)
    // The demo changes scores on every tick, so a chart appears within a few of them.
    await page.locator('.chart').first().waitFor({ timeout: LIVE_TIMEOUT })
    await shot(page, 'item-history', { fullPage: true })
    await page.getByText('← items').click()
    await page.waitForURL((u) => u.pathname === '/items' && u.searchParams.get('sort') === 'score')
    return `"${title}"`
  })

  await check('scrolling to the end loads the next page', async () => {
    await page.goto(url('/items'))
    await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
    const before = await page.locator('.row').count()
    if (!(await page.getByRole('button', { name: 'load more' }).isVisible())) return `one page holds all ${before} items`
    await page.locator('.more').scrollIntoViewIfNeeded()
    await page.waitForFunction((n) => document.querySelectorAll('.row').length > n, before, { timeout: 15_000 })
    return `${before} → ${await page.locator('.row').count()} rows`
  })

  await check('search narrows the list', async () => {
    await page.goto(url('/items'))
    await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
    const titles = await page.locator('.row .title').allTextContents()
    const word = rarestWord(titles)
    if (!word) throw new Error(`no word to search for in ${JSON.stringify(titles)}`)
    await page.getByPlaceholder('Search titles…').fill(word)
    await page.waitForURL((u) => u.searchParams.get('q') === word)
    await page.waitForFunction(
      (w) => {
        const shown = [...document.querySelectorAll('.row .title')].map((a) => a.textContent.toLowerCase())
        return shown.length > 0 && shown.every((t) => t.includes(w.toLowerCase()))
      },
      word,
      { timeout: 15_000 },
    )
    const shown = await page.locator('.row').count()
    const total = Number((await page.locator('.count').textContent()).match(/of ([\d,]+)/)[1].replace(/,/g, ''))
    if (total >= titles.length && titles.length > 1 && shown >= titles.length) {
      throw new Error(`"${word}" did not narrow ${titles.length} rows (now ${shown})`)
    }
    await shot(page, 'items-search')
    return `"${word}": ${titles.length} → ${shown} rows`
  })

  await check('the source filter narrows the list', async () => {
    await page.goto(url('/items'))
    await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
    const picker = page.locator('#filter-source')
    await picker.locator('summary').click()
    const options = await picker.locator('input[type=checkbox]').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.parentElement.textContent.trim() })))
    const feed = options.find((o) => o.value === 'demo-feed') ?? options.find((o) => o.value && o.value !== 'demo-broken')
    if (!feed) throw new Error(`no source to filter by among ${JSON.stringify(options)}`)
    await picker.getByLabel(feed.label, { exact: true }).check()
    await page.waitForURL((u) => u.searchParams.get('source') === feed.value)
    await page.keyboard.press('Escape')
    await page.waitForFunction(
      (label) => {
        const sources = [...document.querySelectorAll('.row .source')].map((s) => s.textContent.trim())
        return sources.length > 0 && sources.every((s) => s === label)
      },
      feed.label,
      { timeout: LIVE_TIMEOUT },
    )
    return `${await page.locator('.row').count()} rows from ${feed.label}`
  })

  await check('the failing demo source shows its error', async () => {
    await page.goto(url('/'))
    const alert = page.locator('.card.failing [role=alert]')
    await alert.first().waitFor({ timeout: LIVE_TIMEOUT })
    const text = (await alert.first().textContent()).trim()
    if (!/^source failing: .*503/.test(text)) throw new Error(`unexpected error text: ${text}`)
    // Let the other sources finish a crawl or two, so the screenshot shows their charts.
    await page.locator('.card.ok .chart').first().waitFor({ timeout: 30_000 }).catch(() => {})
    await shot(page, 'overview', { fullPage: true })
    return text
  })

  await check('crawl now asks for the token once, and again after a wrong one', async () => {
    if (!token) return 'skipped: no token known (set E2E_TOKEN with APP_URL)'
    await page.goto(url('/'))
    await page.evaluate(() => sessionStorage.clear())
    const card = page.locator('.card.ok').first()
    await card.waitFor({ timeout: LIVE_TIMEOUT })
    await card.getByRole('button', { name: 'crawl now' }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.getByPlaceholder('token').fill('not-the-token')
    await shot(page, 'token-dialog')
    await dialog.getByRole('button', { name: 'Crawl now' }).click()
    await dialog.getByText('rejected').waitFor({ timeout: 10_000 })
    await dialog.getByPlaceholder('token').fill(token)
    await page.keyboard.press('Enter')
    await card.locator('.notice', { hasText: 'crawl requested' }).waitFor({ timeout: 10_000 })
    await page.reload()
    await card.getByRole('button', { name: 'crawl now' }).click()
    await card.locator('.notice', { hasText: 'crawl requested' }).waitFor({ timeout: 10_000 })
    if (await page.locator('dialog[open]').count()) throw new Error('asked for the token a second time')
  })

  await sourceChecks(page, base)

  await check('the shared-memory view shows the regions', async () => {
    await page.goto(url('/segment'))
    await page.locator('tbody tr').first().waitFor({ timeout: 30_000 })
    const regions = await page.locator('tbody th').allTextContents()
    const meters = await page.locator('[role=meter]').count()
    if (meters !== regions.length) throw new Error(`${regions.length} regions but ${meters} fill bars`)
    await page.locator('.log li').first().waitFor({ timeout: LIVE_TIMEOUT })
    await shot(page, 'segment', { fullPage: true })
    return regions.map((r) => r.trim()).join(', ')
  })

  await check('keyboard: the first Tab reaches the skip link, and the nav is reachable', async () => {
    await page.goto(url('/'))
    await page.keyboard.press('Tab')
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim())
    if (first !== 'Skip to content') throw new Error(`first focus: ${first}`)
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.waitForURL((u) => u.pathname === '/items')
  })

  await check('phone-sized and dark screenshots', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    for (const [path, name] of [['/', 'overview-phone'], ['/items', 'items-phone'], ['/segment', 'segment-phone']]) {
      await page.goto(url(path))
      await page.locator('.card, .row, tbody tr').first().waitFor({ timeout: 30_000 })
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      if (overflow > 1) throw new Error(`${path} is ${overflow}px wider than the phone screen`)
      await shot(page, name, { fullPage: true })
    }
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(url('/'))
    await page.locator('.card').first().waitFor()
    await shot(page, 'overview-dark', { fullPage: true })
    await page.goto(url('/items'))
    await page.locator('.row').first().waitFor()
    await shot(page, 'items-dark')
  })

  await languageChecks(base, !served)

  if (process.env.APP_URL) {
    console.log('  - the bad-config and login checks start apps of their own: skipped with APP_URL')
  } else {
    await badConfigChecks(page)
    await loginChecks()
  }

  await check('no script errors on the page', async () => {
    if (pageErrors.length) throw new Error(pageErrors.join('\n'))
  })
}

/**
 * The Sources page against the demo: hand-written sources are read-only, OPML export parses, and
 * an HTML source of the demo site added through the editor (discover, selectors, live preview,
 * Enter to save) is crawled and its items arrive in the items view live; then it is deleted
 * after confirmation (Escape cancels). At 375 px the pages fit the screen.
 */
async function sourceChecks(page, base) {
  const url = (path) => new URL(path, base).toString()
  const id = 'e2e-news'

  await check('the Sources page marks hand-written sources read-only, without delete', async () => {
    await page.goto(url('/sources'))
    const row = page.locator('.source-row[data-id="demo-news"]')
    await row.waitFor({ timeout: 30_000 })
    if (!(await row.locator('.readonly').isVisible())) throw new Error('demo-news is not marked read-only')
    if (await row.getByRole('button', { name: /Delete/ }).count()) throw new Error('demo-news offers Delete')
    if (await row.getByRole('link', { name: /^Edit/ }).count()) throw new Error('demo-news offers Edit')
    await shot(page, 'sources', { fullPage: true })
    return `${await page.locator('.source-row').count()} sources`
  })

  await check('OPML export downloads a document that parses', async () => {
    await page.goto(url('/sources'))
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export OPML' }).click()])
    const path = await download.path()
    const { readFileSync } = await import('node:fs')
    const xml = readFileSync(path, 'utf8')
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'text/xml')
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent }
      return { root: doc.documentElement.nodeName, outlines: [...doc.querySelectorAll('outline[xmlUrl]')].map((o) => o.getAttribute('xmlUrl')) }
    }, xml)
    if (parsed.error || parsed.root !== 'opml') throw new Error(`not OPML: ${parsed.error ?? parsed.root}: ${xml.slice(0, 200)}`)
    if (!parsed.outlines.some((u) => u.endsWith('/feed.rss'))) throw new Error(`the demo feed is not among ${parsed.outlines}`)
    return `${download.suggestedFilename()}: ${parsed.outlines.length} feed outlines`
  })

  await check('OPML import through the file picker shows what was created and skipped', async () => {
    if (!token) return 'skipped: no token known'
    const feed = (await (await fetch(url('/api/sources'))).json()).sources.find((s) => s.id === 'demo-feed')?.url
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>e2e</title></head><body>
      <outline text="imports" title="imports"><outline type="rss" text="E2E Imported" title="E2E Imported" xmlUrl="${feed}"/></outline>
      <outline text="no feed here"/></body></opml>`
    await page.goto(url('/sources'))
    await page.locator('#opml-file').setInputFiles({ name: 'e2e.opml', mimeType: 'text/x-opml', buffer: Buffer.from(opml) })
    const result = page.locator('.imported')
    await result.waitFor({ timeout: 15_000 })
    const text = (await result.textContent()).replace(/\s+/g, ' ').trim()
    if (!/Imported 1 source/.test(text)) throw new Error(`import said: ${text}`)
    const created = (await result.locator('.mono').textContent()).trim()
    await page.locator(`.source-row[data-id="${created}"]`).waitFor({ timeout: 30_000 })
    return text
  })

  const demo = (await (await fetch(url('/api/sources'))).json()).sources.find((s) => s.id === 'demo-news')?.url
  await check('add an HTML source through the editor: discover, selectors, live preview, warnings in place, Enter saves', async () => {
    if (!token) return 'skipped: no token known (set E2E_TOKEN with APP_URL)'
    if (!demo) throw new Error('no demo-news source to take the demo site URL from')
    await page.goto(url('/sources'))
    await page.evaluate(() => sessionStorage.clear())
    await page.getByRole('link', { name: 'Add source' }).click()
    await page.waitForURL((u) => u.pathname === '/sources/new')
    await page.getByLabel('Page URL', { exact: true }).fill(demo)
    await page.getByRole('button', { name: 'Discover' }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.getByPlaceholder('token').fill(token)
    await page.keyboard.press('Enter')
    await page.locator('.discovery', { hasText: 'an HTML page' }).waitFor({ timeout: 20_000 })
    if ((await page.getByLabel('Name', { exact: true }).inputValue()) !== 'Demo News') throw new Error('the name was not taken from the page title')
    await page.getByLabel('Name', { exact: true }).fill('E2E News')
    if ((await page.getByLabel('Id', { exact: true }).inputValue()) !== id) throw new Error(`id suggested: ${await page.getByLabel('Id', { exact: true }).inputValue()}`)
    await page.getByLabel('item (required)').fill('tr.story')
    await page.getByLabel('title (required)').fill('a.title')
    await page.getByLabel('link (required)').fill('a.title')
    await page.getByLabel('score', { exact: true }).fill('span.score')
    await page.getByLabel('author', { exact: true }).fill('span.nobody')
    await page.getByLabel('Schedule', { exact: true }).fill('2s')
    await page.getByLabel('Tags', { exact: true }).fill('e2e, 中文')
    // The preview follows the typing: items with their matched text and selector, and a warning
    // next to the author selector that matches nothing.
    await page.locator('.preview-item').first().waitFor({ timeout: 30_000 })
    await page.locator('.preview-item code', { hasText: 'a.title' }).first().waitFor({ timeout: 5_000 })
    await page.locator('[data-field="src-sel-author"] .warnings').waitFor({ timeout: 10_000 })
    const warning = (await page.locator('[data-field="src-sel-author"] .warnings').textContent()).trim()
    await page.getByLabel('author', { exact: true }).fill('span.author')
    await page.locator('[data-field="src-sel-author"] .warnings').waitFor({ state: 'detached', timeout: 15_000 })
    await page.locator('.preview-item dd', { hasText: 'span.author' }).first().waitFor({ timeout: 10_000 })
    const items = await page.locator('.preview-item').count()
    const fetchLine = (await page.locator('.preview .fetch').textContent()).replace(/\s+/g, ' ').trim()
    await shot(page, 'source-editor', { fullPage: true })
    await page.getByLabel('Name', { exact: true }).press('Enter')
    await page.waitForURL((u) => u.pathname === '/sources', { timeout: 15_000 })
    // Listed once the crawler has picked up sources.yaml (it polls every second).
    await page.locator(`.source-row[data-id="${id}"] .origin`).waitFor({ timeout: 30_000 })
    return `${items} items previewed (${fetchLine}); warning in place: "${warning}"`
  })

  await check("the new source's items arrive in the items view live", async () => {
    if (!token) return 'skipped: no token known'
    await page.goto(url(`/items?source=${id}&sort=firstSeen`))
    await page.evaluate(() => {
      window.__e2eSamePage = true
      window.__e2eSeen = new Set([...document.querySelectorAll('.row')].map((r) => r.dataset.id))
    })
    const before = await page.evaluate(() => window.__e2eSeen.size)
    await page.waitForFunction(
      () => [...document.querySelectorAll('.row')].some((r) => !window.__e2eSeen.has(r.dataset.id)),
      undefined,
      { timeout: LIVE_TIMEOUT, polling: 200 },
    )
    if (!(await page.evaluate(() => window.__e2eSamePage === true))) throw new Error('the page was reloaded')
    const sources = await page.locator('.row .source').allTextContents()
    if (!sources.every((s) => s.trim() === 'E2E News')) throw new Error(`rows of other sources: ${[...new Set(sources)]}`)
    await page.goto(url('/items?tag=e2e'))
    await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
    await shot(page, 'items-new-source')
    return `${before} rows at first, then ${sources.length}`
  })

  await check('delete asks first: Escape cancels, Delete removes the source', async () => {
    if (!token) return 'skipped: no token known'
    await page.goto(url('/sources'))
    const row = page.locator(`.source-row[data-id="${id}"]`)
    await row.getByRole('button', { name: 'Delete E2E News' }).click()
    await page.locator('dialog[open]').waitFor()
    await shot(page, 'source-delete-dialog')
    await page.keyboard.press('Escape')
    await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: 5_000 })
    if (!(await row.isVisible())) throw new Error('Escape deleted the source')
    await row.getByRole('button', { name: 'Delete E2E News' }).click()
    await page.locator('dialog[open]').getByRole('button', { name: 'Delete' }).click()
    await row.waitFor({ state: 'detached', timeout: 15_000 })
  })

  await check('the Sources pages fit a 375 px phone', async () => {
    await page.setViewportSize({ width: 375, height: 812 })
    try {
      for (const [path, name, ready] of [['/sources', 'sources-phone', '.source-row'], ['/sources/new?copy=demo-news', 'source-editor-phone', '.preview-item']]) {
        await page.goto(url(path))
        await page.locator(ready).first().waitFor({ timeout: 30_000 })
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        if (overflow > 1) throw new Error(`${path} is ${overflow}px wider than the phone screen`)
        await shot(page, name, { fullPage: true })
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 })
    }
  })
}

/**
 * Watches the Items view through many live events and compares what it shows with what the api
 * lists for the same query, whenever the api's answer holds still long enough for the page to
 * have caught up (it refetches within about half a second of a change): ids in order, ranks and
 * the total must be exactly equal, with no duplicate rows.
 */
async function compareLiveList(page, base, sort, wantEvents, wantComparisons) {
  const path = `/items${sort === 'rank' ? '' : `?sort=${sort}`}`
  await page.goto(new URL(path, base).toString())
  await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
  // A stream of our own counts the item events the page receives meanwhile.
  await page.evaluate(() => {
    window.__e2eEvents = 0
    const es = new EventSource('/api/events')
    for (const type of ['item-new', 'item-changed', 'item-gone']) es.addEventListener(type, () => window.__e2eEvents++)
  })
  const refetches = []
  const onFinished = (request) => {
    if (new URL(request.url()).pathname === '/api/items') refetches.push(request.timing().responseEnd)
  }
  page.on('requestfinished', onFinished)
  const api = async () => {
    const answer = await (await fetch(new URL(`/api/items?sort=${sort}&limit=50`, base))).json()
    return { rows: answer.items.map((i) => [i.id, i.rank]), total: answer.total }
  }
  const shown = () =>
    page.evaluate(() => ({
      rows: [...document.querySelectorAll('.row')].map((r) => [Number(r.dataset.id), Number(r.querySelector('.rank').textContent)]),
      total: Number(document.querySelector('.count').textContent.match(/of ([\d,]+)/)?.[1].replace(/,/g, '') ?? -1),
    }))
  const deadline = Date.now() + Math.max(LIVE_TIMEOUT, 120_000)
  let comparisons = 0
  let attempts = 0
  let events = 0
  try {
    while (comparisons < wantComparisons || events < wantEvents) {
      if (Date.now() > deadline) {
        throw new Error(`only ${comparisons} quiet moments and ${events} item events in ${Math.round(Math.max(LIVE_TIMEOUT, 120_000) / 1000)} s`)
      }
      attempts++
      const before = await api()
      await page.waitForTimeout(1500)
      const seen = await shown()
      const after = await api()
      events = await page.evaluate(() => window.__e2eEvents)
      if (JSON.stringify(before) !== JSON.stringify(after)) continue // the api changed meanwhile: not a quiet moment
      comparisons++
      const ids = seen.rows.map(([id]) => id)
      if (new Set(ids).size !== ids.length) throw new Error(`duplicate rows: ${JSON.stringify(ids)}`)
      if (JSON.stringify(seen) !== JSON.stringify(after)) {
        await shot(page, `live-list-${sort}-mismatch`)
        throw new Error(`after ${events} events the page shows ${JSON.stringify(seen)}\n  but the api lists ${JSON.stringify(after)}`)
      }
    }
  } finally {
    page.off('requestfinished', onFinished)
  }
  const times = refetches.filter((t) => t >= 0).sort((a, b) => a - b)
  const median = times.length ? `${Math.round(times[Math.floor(times.length / 2)])} ms` : 'n/a'
  return `${comparisons} of ${attempts} samples quiet and equal over ${events} item events; ` +
    `the page fetched /api/items ${refetches.length} times (median ${median})`
}

/** Long text that must arrive whole: a 300-character CJK title with a percent-encoded link of 2,510 bytes. */
const CJK = '中文維基百科漢字標題測試'
const LONG_TITLE = ('全' + CJK.repeat(30)).slice(0, 300)
const LONG_URL = 'http://127.0.0.1/e2e/long/' + '%E4%B8%AD'.repeat(276)
/** A title of 400 CJK characters (1,200 bytes): more than an item holds (1,024), so it is cut and marked. */
const CUT_TITLE = ('切' + CJK.repeat(40)).slice(0, 400)

/** An RSS feed on 127.0.0.1, for the config checks: three short items and two long ones; no internet needed. */
function startFeed() {
  const items = ['Alpha', 'Bravo', 'Charlie']
    .map((t, i) => `<item><title>E2E ${t}</title><link>http://127.0.0.1/e2e/${i}</link></item>`)
    .concat(`<item><title>${LONG_TITLE}</title><link>${LONG_URL}</link></item>`,
      `<item><title>${CUT_TITLE}</title><link>http://127.0.0.1/e2e/cut</link></item>`)
    .join('')
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>E2E</title><link>http://127.0.0.1/</link><description>e2e</description>${items}</channel></rss>`
  feedServer = createServer((request, response) => {
    if (request.url === '/robots.txt') return response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n')
    if (request.url === '/feed.rss') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss)
    response.writeHead(404).end()
  })
  return new Promise((r) => feedServer.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${feedServer.address().port}/feed.rss`)))
}

function crawlerConfig(feed, { schedule, kind }) {
  return `settings:
  userAgent: "native-shm-e2e/0.1 (+https://github.com/nativeshm/native-shm)"
  perHostDelay: 100ms
sources:
  - id: e2e-feed
    name: E2E Feed
    kind: rss
    url: ${feed}
    schedule: ${schedule}
  - id: e2e-second
    name: E2E Second
    kind: ${kind}
    url: ${feed}
    schedule: 2s
`
}

/**
 * An app started with a broken crawler config: the banner lists each problem with its file,
 * source, field and value; once the file is fixed the banner goes and the feed's items appear.
 */
async function badConfigChecks(page) {
  const feed = await startFeed()
  const file = join(tempDir('native-shm-e2e-config-'), 'crawler.yaml')
  writeFileSync(file, crawlerConfig(feed, { schedule: 'soon', kind: 'gopher' }))
  let base
  await check('an app with a bad crawler config starts and serves the UI', async () => {
    base = await startApp('config', ['--config', file])
    return base
  })
  if (!base) return
  const url = (path) => new URL(path, base).toString()

  await check('the banner lists each problem of the config', async () => {
    await page.goto(url('/'))
    const banner = page.locator('.banner')
    await banner.locator('h2', { hasText: "The crawler's configuration has problems" }).waitFor({ timeout: 30_000 })
    await shot(page, 'config-problems', { fullPage: true, live: false })
    const problems = await banner.locator('.problem').evaluateAll((items) =>
      items.map((li) => ({
        text: li.querySelector('.text')?.textContent.trim(),
        ...Object.fromEntries([...li.querySelectorAll('dl > div')].map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])),
      })),
    )
    const about = (field, value) => problems.find((p) => p.file === file && p.field === field && p.value === value)
    const schedule = about('schedule', 'soon')
    const kind = about('kind', 'gopher')
    if (!schedule || schedule.source !== 'e2e-feed' || !kind || kind.source !== 'e2e-second') {
      throw new Error(`expected the schedule of e2e-feed and the kind of e2e-second among ${JSON.stringify(problems, null, 1)}`)
    }
    const live = (await page.locator('.live').textContent()).trim()
    if (live === 'live') throw new Error('the header says live while the crawler cannot start')
    return `${problems.length} problems; header says "${live}"`
  })

  await check('fixing the file clears the banner and the items appear', async () => {
    writeFileSync(file, crawlerConfig(feed, { schedule: '2s', kind: 'rss' }))
    await page.locator('.banner').waitFor({ state: 'detached', timeout: LIVE_TIMEOUT })
    await page.goto(url('/items?source=e2e-feed'))
    await page.locator('.row .title', { hasText: 'E2E Alpha' }).waitFor({ timeout: LIVE_TIMEOUT })
    await page.locator('.live', { hasText: /^live$/ }).waitFor({ timeout: 20_000 })
    await shot(page, 'config-fixed')
    return `${await page.locator('.row').count()} rows from the feed`
  })

  await check('a 2,510-byte link and a 300-character CJK title arrive whole; a longer title is cut with "…"', async () => {
    await page.locator('.row .title', { hasText: CUT_TITLE.slice(0, 10) }).waitFor({ timeout: LIVE_TIMEOUT })
    const links = await page.locator('.row .title').evaluateAll((anchors) =>
      anchors.map((a) => ({ text: a.textContent, href: a.getAttribute('href'), cut: a.querySelector('.cut') !== null })))
    const whole = links.find((l) => l.text.startsWith('全'))
    if (!whole || whole.text !== LONG_TITLE || whole.href !== LONG_URL || whole.cut) {
      throw new Error(`the long item is not whole: ${JSON.stringify(whole)?.slice(0, 300)}`)
    }
    const cut = links.find((l) => l.text.startsWith('切'))
    const shown = cut?.text.replace(/…$/, '')
    if (!cut || !cut.cut || !cut.text.endsWith('…') || !CUT_TITLE.startsWith(shown) || shown.length !== 341) {
      throw new Error(`the 400-character title is not cut at 341 characters with "…": ${JSON.stringify(cut)?.slice(0, 300)}`)
    }
    return `${LONG_TITLE.length} characters and ${LONG_URL.length} bytes whole; ${shown.length} of ${CUT_TITLE.length} characters shown, then "…"`
  })
}

/**
 * A Chromium with its own profile, reading `locale` from the browser as a reader in that language
 * would (navigator.languages, Intl). Every page reports CSP violations (the securitypolicyviolation
 * event, and Chromium's console message) into `cspViolations`; with `addCsp`, the app's pages get
 * the CSP header the api would send, so that the UI is checked under it either way.
 */
async function openBrowser(dir, locale, addCsp, errors = []) {
  const opened = await chromium.launchPersistentContext(dir, {
    executablePath: browser,
    headless: true,
    locale,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', `--lang=${locale}`],
  })
  await opened.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`))
  })
  if (addCsp) {
    // Documents only: the app's pages, not /api/ (the event stream must not be buffered) nor /assets/.
    await opened.route((u) => !/^\/(api|assets)\//.test(u.pathname) && u.pathname !== '/health', async (route) => {
      const response = await route.fetch()
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } })
    })
  }
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      const text = m.text()
      if (/CSP violation|Content Security Policy/.test(text)) cspViolations.push(`${page.url()}: ${text}`)
      else if (m.type() === 'error' && !/Failed to load resource/.test(text)) errors.push(text)
    })
  }
  opened.pages().forEach(watch)
  opened.on('page', watch)
  return { context: opened, page: opened.pages()[0] ?? (await opened.newPage()) }
}

/**
 * The UI in Simplified Chinese and in English, each chosen by the browser's language: the nav,
 * headings and <html lang>, numbers and dates as Intl writes them for the locale, and the header's
 * switch, which is remembered over a reload. Screenshots of both.
 */
async function languageChecks(base, addCsp) {
  const url = (path) => new URL(path, base).toString()
  const languages = [
    { locale: 'zh-CN', lang: 'zh-CN', nav: ['概览', '条目', '来源', '共享内存'], heading: '来源', bytes: '字节', ago: /秒前|分钟前|小时前|刚刚/ },
    { locale: 'en-US', lang: 'en', nav: ['Overview', 'Items', 'Sources', 'Shared memory'], heading: 'Sources', bytes: 'bytes', ago: /ago|just now/ },
  ]
  for (const l of languages) {
    const { context: opened, page } = await openBrowser(tempDir(`native-shm-e2e-${l.locale}-`), l.locale, addCsp)
    extraContexts.push(opened)
    await check(`the UI in ${l.locale}: texts, <html lang>, numbers and dates for the locale`, async () => {
      await page.goto(url('/'))
      await page.locator('.card').first().waitFor({ timeout: LIVE_TIMEOUT })
      const nav = (await page.locator('nav a').allTextContents()).map((t) => t.replace(/\d+$/, '').trim())
      if (nav.join() !== l.nav.join()) throw new Error(`nav: ${nav}`)
      const heading = (await page.locator('h1').textContent()).trim()
      if (heading !== l.heading) throw new Error(`heading: ${heading}`)
      const lang = await page.evaluate(() => document.documentElement.lang)
      if (lang !== l.lang) throw new Error(`<html lang="${lang}">`)
      // The last crawl: a relative time in the language, its tooltip the date as Intl writes it there.
      const source = (await (await fetch(url('/api/sources'))).json()).sources.find((s) => s.lastFinish)
      const last = page.locator(`.card:has(h2#source-${source.id}) .facts > div`).first().locator('dd')
      await page.waitForFunction(([id, ago]) => new RegExp(ago).test(document.querySelector(`.card:has(h2#source-${id}) .facts dd`)?.textContent ?? ''),
        [source.id, l.ago.source], { timeout: 30_000 })
      const title = await last.getAttribute('title')
      const expected = await page.evaluate(([iso, locale]) => new Date(iso).toLocaleString(locale), [source.lastFinish, l.lang])
      if (title.slice(0, 8) !== expected.slice(0, 8)) throw new Error(`last crawl's date "${title}", Intl says "${expected}"`)
      if (l.lang === 'zh-CN' && !(await page.evaluate(drawsCjk))) {
        throw new Error('Chinese text draws as empty boxes: no CJK font (apt-get install fonts-noto-cjk)')
      }
      await shot(page, `overview-${l.locale}`, { fullPage: true })
      // A large number: the segment's size in bytes, grouped as the locale groups digits.
      await page.goto(url('/segment'))
      const size = page.locator('.facts > div').nth(4).locator('dd')
      await size.waitFor({ timeout: 30_000 })
      const segment = await (await fetch(url('/api/segment'))).json()
      const grouped = await page.evaluate(([n, locale]) => new Intl.NumberFormat(locale).format(n), [segment.size, l.lang])
      const sizeTitle = await size.getAttribute('title')
      if (sizeTitle !== `${grouped} ${l.bytes}`) throw new Error(`segment size "${sizeTitle}", expected "${grouped} ${l.bytes}"`)
      await page.goto(url('/items'))
      await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
      await shot(page, `items-${l.locale}`)
      return `${nav.join(' · ')}; ${title}; ${sizeTitle}`
    })
    await check(`the language switch in ${l.locale} changes the texts and is remembered`, async () => {
      const other = l.lang === 'en' ? languages[0] : languages[1]
      await page.goto(url('/'))
      await page.locator('select#language').selectOption(other.lang)
      await page.locator('nav a', { hasText: other.nav[1] }).waitFor({ timeout: 5_000 })
      await page.reload()
      await page.locator('nav a', { hasText: other.nav[1] }).waitFor({ timeout: 10_000 })
      const lang = await page.evaluate(() => document.documentElement.lang)
      if (lang !== other.lang) throw new Error(`after the switch and a reload: <html lang="${lang}">`)
      await page.locator('select#language').selectOption(l.lang)
      await page.locator('nav a', { hasText: l.nav[1] }).waitFor({ timeout: 5_000 })
      return `${l.lang} → ${other.lang} (kept over a reload) → ${l.lang}`
    })
    await opened.close()
  }
}

/**
 * In the page: whether the header's font draws 中 as a glyph, not as the box every character
 * without a font gets (the same box as an unassigned private-use character).
 */
function drawsCjk() {
  const font = getComputedStyle(document.querySelector('nav a')).font
  const pixels = (text) => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = 40
    const g = canvas.getContext('2d')
    g.font = font
    g.fillText(text, 4, 30)
    return g.getImageData(0, 0, 40, 40).data.join()
  }
  return pixels('中') !== pixels('\uE000')
}

/**
 * An app with a user: reads need a login. The login page says why a login failed and how long
 * to wait after too many, comes back to the page the reader wanted, the event stream opens after
 * the login, an editor crawls without the token, and logging out leads back to the login page.
 */
async function loginChecks() {
  const jar = resolve(process.env.APP_JAR)
  const hasUsers = await new Promise((r) => {
    const help = spawn('java', ['-jar', jar, 'user', 'add', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    help.stdout.on('data', (c) => (out += c))
    help.stderr.on('data', (c) => (out += c))
    help.on('exit', () => r(/--role/.test(out)))
  })
  if (!hasUsers) {
    console.log('  - the login checks need `app.jar user add` (issue 17, access): this jar has no user command, skipped')
    return
  }
  const data = tempDir('native-shm-e2e-auth-data-')
  await new Promise((r, reject) => {
    const add = spawn('java', ['-jar', jar, 'user', 'add', '--data-dir', data, '--role', 'editor', 'alice'], { stdio: ['pipe', 'ignore', 'inherit'] })
    add.stdin.end('e2e-secret\n')
    add.on('exit', (code) => (code === 0 ? r() : reject(new Error(`user add exited with ${code}`))))
  })
  let base
  await check('an app with a user starts and asks for a login', async () => {
    base = await startApp('auth', ['--demo'], { 'app.data-dir': data, 'app.demo-tick': DEMO_TICK })
    const session = await (await fetch(new URL('/api/session', base))).json()
    if (!session.authRequired || session.user !== null) throw new Error(`/api/session: ${JSON.stringify(session)}`)
    const read = await fetch(new URL('/api/sources', base))
    if (read.status !== 401) throw new Error(`an anonymous read got ${read.status}`)
    return base
  })
  if (!base) return
  const url = (path) => new URL(path, base).toString()
  const { context: opened, page } = await openBrowser(tempDir('native-shm-e2e-login-'), 'en-US', false)
  extraContexts.push(opened)
  const login = async (user, password) => {
    await page.getByLabel('User name').fill(user)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Log in' }).click()
  }

  await check('the login page: a wrong password, then back to the page asked for with the stream live', async () => {
    await page.goto(url('/items?sort=firstSeen'))
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/items?sort=firstSeen')
    await login('alice', 'wrong')
    await page.getByRole('alert').filter({ hasText: 'Wrong user name or password.' }).waitFor({ timeout: 10_000 })
    await shot(page, 'login', { live: false })
    await login('alice', 'e2e-secret')
    await page.waitForURL((u) => u.pathname === '/items' && u.searchParams.get('sort') === 'firstSeen', { timeout: 10_000 })
    await page.locator('.row').first().waitFor({ timeout: LIVE_TIMEOUT })
    await page.locator('.live', { hasText: /^live$/ }).waitFor({ timeout: 20_000 })
    const user = (await page.locator('.user .name').textContent()).trim()
    if (user !== 'Signed in as alice') throw new Error(`header: ${user}`)
    await shot(page, 'items-logged-in')
    return user
  })

  await check("an editor's crawl now needs no token", async () => {
    await page.goto(url('/'))
    const card = page.locator('.card.ok').first()
    await card.waitFor({ timeout: LIVE_TIMEOUT })
    await card.getByRole('button', { name: 'crawl now' }).click()
    await card.locator('.notice', { hasText: 'crawl requested' }).waitFor({ timeout: 10_000 })
    if (await page.locator('dialog[open]').count()) throw new Error('the token dialog opened')
  })

  await check('logging out leads to the login page; too many failures say how long to wait', async () => {
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL((u) => u.pathname === '/login', { timeout: 10_000 })
    const read = await page.evaluate(async () => (await fetch('/api/sources')).status)
    if (read !== 401) throw new Error(`a read after logout got ${read}`)
    for (let i = 0; i < 8; i++) {
      await login('mallory', `guess-${i}`)
      const alert = page.getByRole('alert')
      await alert.waitFor({ timeout: 10_000 })
      const text = (await alert.textContent()).trim()
      const wait = text.match(/^Too many failed attempts\. Try again in (\d+) s\.$/)
      if (wait) return `after ${i + 1} attempts: "${text}"`
      await page.waitForTimeout(200)
    }
    throw new Error('no 429 after 8 failed logins')
  })
  await opened.close()
}

/** A screenshot for review, taken once the page's event stream is open so it shows 'live' (unless `live: false`). */
async function shot(page, name, { live = true, ...options } = {}) {
  if (live) await page.locator('.live', { hasText: /^live$/ }).waitFor({ timeout: 10_000 }).catch(() => {})
  await page.screenshot({ path: join(shots, `${name}.png`), ...options })
}

/** A word from the titles that occurs in as few of them as possible (but at least one). */
function rarestWord(titles) {
  const words = [...new Set(titles.flatMap((t) => t.toLowerCase().match(/[a-z]{4,}/g) ?? []))]
  const counted = words.map((w) => [w, titles.filter((t) => t.toLowerCase().includes(w)).length])
  counted.sort((a, b) => a[1] - b[1] || b[0].length - a[0].length)
  return counted[0]?.[0]
}

async function check(name, body) {
  const started = Date.now()
  const violations = cspViolations.length
  try {
    const detail = await body()
    if (cspViolations.length > violations) throw new Error(`CSP violations:\n${cspViolations.slice(violations).join('\n')}`)
    results.push({ name, ok: true })
    console.log(`  ✓ ${name}${detail ? ` (${detail})` : ''} [${Date.now() - started} ms]`)
  } catch (e) {
    results.push({ name, ok: false })
    // Playwright appends a call log to its messages; the first part says what was not found.
    const message = String(e?.message ?? e).split(/\n\s*Call log:/)[0]
    console.log(`  ✗ ${name} [${Date.now() - started} ms]\n      ${message.split('\n').join('\n      ')}`)
    const page = context?.pages()[0]
    const safe = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()
    await page?.screenshot({ path: join(shots, `failed-${safe}.png`), fullPage: true }).catch(() => {})
  }
}

/** A fresh temporary directory, removed at the end. */
function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  temps.push(dir)
  return dir
}

/**
 * Starts `java -jar $APP_JAR` on a free port with its own segment and data directory, plus `args`
 * and the Micronaut `properties`; resolves to its URL once it prints it. Output goes to
 * target/e2e-app-NAME.log.
 */
function startApp(name, args, properties = {}) {
  const jar = process.env.APP_JAR
  if (!jar) throw new Error('set APP_JAR to the app jar (or APP_URL to a running app)')
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  const settings = { 'app.data-dir': tempDir(`native-shm-e2e-${name}-data-`), ...properties }
  const all = [
    ...Object.entries(settings).map(([key, value]) => `-D${key}=${value}`),
    '-jar', resolve(jar), '--port', '0', '--segment', `e2e-${name}-${process.pid}`, ...args,
  ]
  const appLog = join(logDir, `e2e-app-${name}.log`)
  console.log(`e2e: starting ${java} ${all.join(' ').replace(token, '<token>')} (output in ${appLog})`)
  mkdirSync(logDir, { recursive: true })
  const log = createWriteStream(appLog)
  const app = spawn(java, all, { stdio: ['ignore', 'pipe', 'pipe'] })
  apps.push(app)
  app.stderr.pipe(log)
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not print its URL within 120 s; see ${appLog}`)), 120_000)
    let buffered = ''
    app.stdout.on('data', (chunk) => {
      log.write(chunk)
      buffered += chunk
      // The demo site prints its own URL first; the app's is on the "ready" line, or on the
      // "serves … meanwhile" line when the crawler cannot start.
      const found = buffered.match(/(?:\bready\b.*?|\bserves )(http:\/\/127\.0\.0\.1:\d+\/)/)
      if (found) {
        clearTimeout(timer)
        buffered = ''
        resolveUrl(found[1])
      }
    })
    app.on('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`the app exited (${signal ?? code}) before it was ready; see ${appLog}`))
    })
    app.on('error', (e) => {
      clearTimeout(timer)
      reject(new Error(`could not start ${java}: ${e.message}`))
    })
  })
}

async function stopApp(app) {
  if (app.exitCode !== null || app.signalCode !== null) return
  const exited = new Promise((r) => app.once('exit', r))
  app.kill('SIGTERM')
  const timedOut = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), 20_000))])
  if (timedOut) {
    console.log('e2e: the app did not stop within 20 s of SIGTERM; killing it')
    app.kill('SIGKILL')
    await exited
  }
}

async function cleanUp() {
  await context?.close().catch(() => {})
  await Promise.all(extraContexts.map((c) => c.close().catch(() => {})))
  if (profile) rmSync(profile, { recursive: true, force: true })
  await Promise.all(apps.map(stopApp))
  feedServer?.close()
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)))
}

let failure
try {
  await main()
} catch (e) {
  failure = e
} finally {
  await cleanUp()
}
const failed = results.filter((r) => !r.ok).length
console.log(`e2e: screenshots in ${shots}`)
if (failure) console.log(`e2e: aborted: ${failure.message ?? failure}`)
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`)
process.exit(failure || failed ? 1 : 0)
