import { reactive, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { ApiError, getItems } from '../api/client'
import type { Item, ItemsResponse, ItemSort, ShmEvent } from '../api/types'
import { useEvents, type EventStream } from '../composables/events'
import { parseTime } from '../util/format'

export interface ItemFilter {
  q: string
  source: string
  sort: ItemSort
}

export type Highlight = 'new' | 'changed'

export interface ItemsStore {
  readonly filter: Readonly<ItemFilter>
  readonly items: ShallowRef<Item[]>
  /** Items matching the filter over all pages, as the api counted them, kept up to date by events. */
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
  /** Starts applying live events; returns the function that stops. */
  start(): () => void
}

export interface ItemsOptions {
  pageSize?: number
  highlightMillis?: number
}

/** Orders items as the api does for each sort: rank ascending, the others newest/highest first. */
export function compareItems(sort: ItemSort): (a: Item, b: Item) => number {
  const descending = (value: (item: Item) => number | null) => (a: Item, b: Item) =>
    (value(b) ?? -Infinity) - (value(a) ?? -Infinity)
  const primary =
    sort === 'score'
      ? descending((i) => i.score)
      : sort === 'published'
        ? descending((i) => parseTime(i.published))
        : sort === 'firstSeen'
          ? descending((i) => parseTime(i.firstSeen))
          : (a: Item, b: Item) => a.rank - b.rank
  return (a, b) => primary(a, b) || a.id - b.id
}

function matchesFilter(item: Item, filter: ItemFilter): boolean {
  if (item.gone) return false
  if (filter.source && item.source !== filter.source) return false
  return !filter.q || item.title.toLowerCase().includes(filter.q.toLowerCase())
}

/**
 * The item list behind the Items view: pages loaded from /api/items, then kept current by
 * item events so new and changed items show up in place without reloading.
 */
export function createItemsStore(events: EventStream, options: ItemsOptions = {}): ItemsStore {
  const pageSize = options.pageSize ?? 50
  const highlightMillis = options.highlightMillis ?? 3000
  const filter = reactive<ItemFilter>({ q: '', source: '', sort: 'rank' })
  const items = shallowRef<Item[]>([])
  const total = ref(0)
  const cursor = ref<string | null>(null)
  const hasMore = ref(false)
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = ref<ApiError | null>(null)
  const highlights = reactive(new Map<number, Highlight>())
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  // Bumped by every reload so that a slow response for an old filter cannot overwrite a newer one.
  let generation = 0
  // Events that arrive while a reload is in flight, applied on top of its answer: the api may have
  // built that answer before they happened.
  let deferred: (() => void)[] = []

  function query(extra: { cursor?: string } = {}) {
    return { q: filter.q.trim(), source: filter.source, sort: filter.sort, limit: pageSize, ...extra }
  }

  function fail(e: unknown) {
    error.value = e instanceof ApiError ? e : new ApiError('http', 0, String(e))
  }

  /** Shows `list` and remembers where `page` ends. */
  function take(page: ItemsResponse, list: Item[]) {
    items.value = list
    total.value = page.total
    cursor.value = page.nextCursor
    hasMore.value = page.nextCursor !== null
    error.value = null
  }

  async function reload() {
    const mine = ++generation
    loading.value = true
    deferred = []
    try {
      const page = await getItems(query())
      if (mine !== generation) return
      take(page, page.items)
    } catch (e) {
      if (mine === generation) fail(e)
    } finally {
      if (mine === generation) {
        loading.value = false
        const late = deferred
        deferred = []
        late.forEach((apply) => apply())
      }
    }
  }

  async function loadMore() {
    if (!cursor.value || loading.value || loadingMore.value) return
    const mine = generation
    loadingMore.value = true
    try {
      const page = await getItems(query({ cursor: cursor.value }))
      if (mine !== generation) return
      const seen = new Set(items.value.map((i) => i.id))
      take(page, [...items.value, ...page.items.filter((i) => !seen.has(i.id))])
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
   * Puts an item where the current sort wants it. An item that sorts after the last loaded one
   * belongs to a page not loaded yet, so it is left for that page; returns whether it was placed.
   */
  function place(list: Item[], item: Item): boolean {
    const compare = compareItems(filter.sort)
    let index = list.findIndex((other) => compare(item, other) < 0)
    if (index < 0) {
      if (hasMore.value) return false
      index = list.length
    }
    list.splice(index, 0, item)
    return true
  }

  /** Runs an event's effect now, or after the reload in flight. */
  function whenLoaded(apply: (event: ShmEvent) => void) {
    return (event: ShmEvent) => (loading.value ? deferred.push(() => apply(event)) : apply(event))
  }

  function onNew(event: ShmEvent) {
    const item = event.item
    if (!item || !matchesFilter(item, filter)) return
    const list = items.value.filter((i) => i.id !== item.id)
    const wasListed = list.length !== items.value.length
    if (place(list, item)) highlight(item.id, 'new')
    if (!wasListed) total.value++
    items.value = list
  }

  function onChanged(event: ShmEvent) {
    const item = event.item
    if (!item) return
    const list = items.value.filter((i) => i.id !== item.id)
    const wasListed = list.length !== items.value.length
    if (!matchesFilter(item, filter)) {
      if (wasListed) total.value--
    } else if (place(list, item)) {
      highlight(item.id, 'changed')
      // Without more pages the list is everything that matches, so an item new to it is new to the total.
      if (!wasListed && !hasMore.value) total.value++
    }
    items.value = list
  }

  function onGone(event: ShmEvent) {
    const list = items.value.filter((i) => i.id !== event.itemId)
    if (list.length !== items.value.length) {
      total.value--
      items.value = list
    } else if (hasMore.value && event.item && matchesFilter({ ...event.item, gone: false }, filter)) {
      total.value--
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
        events.on('item-new', whenLoaded(onNew)),
        events.on('item-changed', whenLoaded(onChanged)),
        events.on('item-gone', whenLoaded(onGone)),
        events.on('refetch', () => void reload()),
      ]
      return () => {
        stops.forEach((stop) => stop())
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
