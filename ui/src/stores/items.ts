///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { reactive, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { ApiError, getItems } from '../api/client'
import type { Item, ItemQuery, ItemsResponse, ItemSort, ShmEvent } from '../api/types'
import { useEvents, type EventStream } from '../composables/events'

export interface ItemFilter {
  q: string
  /** Items of any of these sources; all when empty. */
  source: string[]
  /** Items of sources carrying any of these tags; all when empty. */
  tag: string[]
  sort: ItemSort
  /** Also items no longer on their page (include=gone). */
  gone: boolean
  /** ISO instants, or '' for open-ended: items seen in [from, to]. */
  from: string
  to: string
}

export const DEFAULT_FILTER: Readonly<ItemFilter> = { q: '', source: [], tag: [], sort: 'rank', gone: false, from: '', to: '' }

export type Highlight = 'new' | 'changed'

export interface ItemsStore {
  readonly filter: Readonly<ItemFilter>
  /** The first items of the api's answer for the filter, exactly as it lists them. */
  readonly items: ShallowRef<Item[]>
  /** Items matching the filter over all pages, as the api counted them. */
  readonly total: Ref<number>
  readonly hasMore: Ref<boolean>
  readonly loading: Ref<boolean>
  readonly loadingMore: Ref<boolean>
  readonly error: Ref<ApiError | null>
  /** Items that just arrived or changed, by id, for a brief highlight. */
  readonly highlights: Map<number, Highlight>
  setFilter(filter: Partial<ItemFilter>): Promise<void>
  reload(): Promise<void>
  loadMore(): Promise<void>
  /** Starts following live events; returns the function that stops. */
  start(): () => void
}

export interface ItemsOptions {
  pageSize?: number
  highlightMillis?: number
  /** A burst of item events (one crawl) is answered by one refresh this long after the last event… */
  debounceMillis?: number
  /** …but no later than this after the first, so a steady stream still shows. */
  maxWaitMillis?: number
}

/** The api's largest page (docs/api.md). */
const MAX_LIMIT = 500

/**
 * The item list behind the Items view: the first pages of /api/items, refreshed after live
 * events so that what is shown is always exactly what the api lists for the filter.
 *
 * Events only say that something changed. Merging them into the list cannot reproduce the api's
 * answer: the crawler sends no item event when ranks move (a page reordered, or an item entering
 * above others), the rank order breaks ties by the source's slot (not in the JSON), the from/to
 * window depends on lastSeen (moved by every crawl, without an item event), and gone items come
 * from the history database. So each burst of events (one crawl's items, then its crawl-ok)
 * triggers one refetch of the items already loaded: one request per crawl per open Items view,
 * of at most the loaded number of items.
 */
export function createItemsStore(events: EventStream, options: ItemsOptions = {}): ItemsStore {
  const pageSize = options.pageSize ?? 50
  const highlightMillis = options.highlightMillis ?? 3000
  const debounceMillis = options.debounceMillis ?? 250
  const maxWaitMillis = options.maxWaitMillis ?? 1000
  const filter = reactive<ItemFilter>({ ...DEFAULT_FILTER, source: [], tag: [] })
  const items = shallowRef<Item[]>([])
  const total = ref(0)
  const cursor = ref<string | null>(null)
  const hasMore = ref(false)
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = ref<ApiError | null>(null)
  const highlights = reactive(new Map<number, Highlight>())
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  /** How many items the reader has asked for: a page per load, another per "load more". */
  let wanted = pageSize
  // Bumped by every fetch of the list, so that an older answer can never overwrite a newer one.
  let generation = 0
  let fetching = false
  /** Events arrived while a fetch was in flight: its answer may predate them. */
  let stale = false
  /**
   * Items named by events, to highlight once a refresh shows them, with the generation of the
   * latest fetch when the event came: a fetch started later reflects it.
   */
  let touched = new Map<number, { kind: Highlight; generation: number }>()
  let debounce: ReturnType<typeof setTimeout> | undefined
  let firstPending: number | null = null

  function query(extra: Partial<ItemQuery>): ItemQuery {
    return {
      q: filter.q.trim(),
      source: [...filter.source],
      tag: [...filter.tag],
      sort: filter.sort,
      include: filter.gone ? 'gone' : undefined,
      from: filter.from,
      to: filter.to,
      ...extra,
    }
  }

  function fail(e: unknown) {
    error.value = e instanceof ApiError ? e : new ApiError('http', 0, String(e))
  }

  /** The first `count` items of the api's list, over as many requests as its page limit needs. */
  async function firstItems(count: number): Promise<ItemsResponse> {
    let page = await getItems(query({ limit: Math.min(count, MAX_LIMIT) }))
    const list = [...page.items]
    while (page.nextCursor && list.length < count) {
      page = await getItems(query({ limit: Math.min(count - list.length, MAX_LIMIT), cursor: page.nextCursor }))
      const seen = new Set(list.map((i) => i.id))
      list.push(...page.items.filter((i) => !seen.has(i.id)))
    }
    return { items: list, total: page.total, nextCursor: page.nextCursor }
  }

  function show(page: ItemsResponse, list: Item[]) {
    items.value = list
    total.value = page.total
    cursor.value = page.nextCursor
    hasMore.value = page.nextCursor !== null
    error.value = null
  }

  /** Fetches the loaded range again; `fresh` for a new filter (shows loading, no highlights). */
  async function fetchList(fresh: boolean) {
    const mine = ++generation
    fetching = true
    stale = false
    if (fresh) loading.value = true
    try {
      const page = await firstItems(wanted)
      if (mine !== generation) return
      show(page, page.items)
      if (!fresh) highlightTouched(page.items, mine)
    } catch (e) {
      if (mine === generation) fail(e)
    } finally {
      if (mine === generation) {
        fetching = false
        loading.value = false
        if (stale) refreshSoon()
      }
    }
  }

  async function reload() {
    wanted = pageSize
    clearTimeout(debounce)
    firstPending = null
    touched = new Map()
    await fetchList(true)
  }

  async function loadMore() {
    if (!cursor.value || loading.value || loadingMore.value) return
    const mine = generation
    wanted = items.value.length + pageSize
    loadingMore.value = true
    try {
      const page = await getItems(query({ limit: pageSize, cursor: cursor.value }))
      // A refresh started meanwhile: it fetched `wanted`, this page included.
      if (mine !== generation) return
      const seen = new Set(items.value.map((i) => i.id))
      show(page, [...items.value, ...page.items.filter((i) => !seen.has(i.id))])
    } catch (e) {
      if (mine === generation) fail(e)
    } finally {
      loadingMore.value = false
    }
  }

  async function setFilter(next: Partial<ItemFilter>) {
    Object.assign(filter, next)
    await reload()
  }

  function highlight(id: number, kind: Highlight) {
    clearTimeout(timers.get(id))
    highlights.set(id, kind)
    timers.set(
      id,
      setTimeout(() => {
        highlights.delete(id)
        timers.delete(id)
      }, highlightMillis),
    )
  }

  /**
   * Highlights the listed items that events named. An item not listed is forgotten once a fetch
   * that started after its event has answered; before that, the answer may predate the item.
   */
  function highlightTouched(list: Item[], fetched: number) {
    const listed = new Set(list.map((i) => i.id))
    for (const [id, { kind, generation: seen }] of touched) {
      if (listed.has(id)) highlight(id, kind)
      if (listed.has(id) || seen < fetched) touched.delete(id)
    }
  }

  /** One refresh after a burst of events: debounced, but never postponed past maxWaitMillis. */
  function refreshSoon() {
    const now = Date.now()
    firstPending ??= now
    clearTimeout(debounce)
    debounce = setTimeout(
      () => {
        firstPending = null
        if (fetching) stale = true
        else void fetchList(false)
      },
      Math.max(0, Math.min(debounceMillis, firstPending + maxWaitMillis - now)),
    )
  }

  function onListEvent(kind: Highlight | null) {
    return (event: ShmEvent) => {
      if (kind && touched.get(event.itemId)?.kind !== 'new') touched.set(event.itemId, { kind, generation })
      // Listed already (the last answer was newer than the event), so surely new: highlight it now.
      if (kind === 'new' && items.value.some((i) => i.id === event.itemId)) highlight(event.itemId, kind)
      refreshSoon()
    }
  }

  return {
    filter,
    items,
    total,
    hasMore,
    loading,
    loadingMore,
    error,
    highlights,
    setFilter,
    reload,
    loadMore,
    start() {
      const stops = [
        events.on('item-new', onListEvent('new')),
        events.on('item-changed', onListEvent('changed')),
        events.on('item-gone', onListEvent(null)),
        // A crawl can reorder its page without any item event (ranks are not compared), and it
        // moves every listed item's lastSeen, which the from/to window depends on.
        events.on('crawl-ok', onListEvent(null)),
        // A new epoch or a reconnect after missed events: the whole list may differ.
        events.on('refetch', () => void fetchList(false)),
      ]
      return () => {
        stops.forEach((stop) => stop())
        clearTimeout(debounce)
        firstPending = null
        timers.forEach((t) => clearTimeout(t))
        timers.clear()
        highlights.clear()
      }
    },
  }
}

let shared: ItemsStore | undefined

export function useItems(): ItemsStore {
  return (shared ??= createItemsStore(useEvents()))
}
