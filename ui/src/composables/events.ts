///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { EventType, ShmEvent } from '../api/types'

/** `live`: the stream is open; `connecting`: first attempt; `reconnecting`: lost, trying again. */
export type LiveState = 'connecting' | 'live' | 'reconnecting'

export interface Refetch {
  reason: string
}

type Handlers = {
  [K in EventType]: (event: ShmEvent) => void
} & { refetch: (event: Refetch) => void }

const EVENT_TYPES: EventType[] = ['item-new', 'item-changed', 'item-gone', 'crawl-ok', 'crawl-failed']

/** How many received events the stream keeps for the shared-memory view's log. */
const RECENT = 40

export interface EventStream {
  readonly state: Ref<LiveState>
  /** The newest events, newest first. */
  readonly recent: ShallowRef<ShmEvent[]>
  /** Subscribes to one event type; returns the unsubscribe function. */
  on<K extends keyof Handlers>(type: K, handler: Handlers[K]): () => void
  start(): void
  stop(): void
}

export interface EventStreamOptions {
  url?: string
  /** Delays between attempts to reopen a stream the browser gave up on. */
  backoffMillis?: number[]
  eventSource?: typeof EventSource
}

/**
 * One connection to /api/events, fanned out to subscribers.
 *
 * The browser reconnects by itself after a dropped connection, sending Last-Event-ID so nothing is
 * lost. It gives up for good when the api answers with an error (503 while the crawler has not
 * published yet, or the api being down behind a proxy), so then we open a new stream ourselves,
 * with backoff, and tell subscribers to refetch because events may have been missed meanwhile.
 */
export function createEventStream(options: EventStreamOptions = {}): EventStream {
  const url = options.url ?? '/api/events'
  const backoff = options.backoffMillis ?? [1000, 2000, 5000, 10000, 15000]
  const state = ref<LiveState>('connecting')
  const recent = shallowRef<ShmEvent[]>([])
  const handlers = new Map<string, Set<(data: never) => void>>()
  let source: EventSource | null = null
  let attempt = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let reopened = false

  function emit(type: string, data: unknown) {
    for (const handler of handlers.get(type) ?? []) (handler as (d: unknown) => void)(data)
  }

  function parse(message: MessageEvent): unknown {
    try {
      return JSON.parse(message.data as string)
    } catch {
      return null
    }
  }

  function open() {
    const Impl = options.eventSource ?? EventSource
    const es = new Impl(url)
    source = es
    es.onopen = () => {
      state.value = 'live'
      attempt = 0
      if (reopened) {
        reopened = false
        emit('refetch', { reason: 'reconnected' } satisfies Refetch)
      }
    }
    es.onerror = () => {
      if (source !== es) return
      state.value = 'reconnecting'
      if (es.readyState !== Impl.CLOSED) return
      es.close()
      source = null
      reopened = true
      const delay = backoff[Math.min(attempt, backoff.length - 1)]
      attempt++
      retryTimer = setTimeout(() => {
        retryTimer = undefined
        open()
      }, delay)
    }
    for (const type of EVENT_TYPES) {
      es.addEventListener(type, (message) => {
        const data = parse(message as MessageEvent) as ShmEvent | null
        if (!data) return
        recent.value = [data, ...recent.value.slice(0, RECENT - 1)]
        emit(type, data)
      })
    }
    es.addEventListener('refetch', (message) => {
      emit('refetch', (parse(message as MessageEvent) as Refetch | null) ?? { reason: 'unknown' })
    })
  }

  return {
    state,
    recent,
    on(type, handler) {
      let set = handlers.get(type)
      if (!set) handlers.set(type, (set = new Set()))
      set.add(handler as (data: never) => void)
      return () => set.delete(handler as (data: never) => void)
    },
    start() {
      if (source || retryTimer !== undefined) return
      open()
    },
    stop() {
      clearTimeout(retryTimer)
      retryTimer = undefined
      source?.close()
      source = null
    },
  }
}

let shared: EventStream | undefined

/** The app-wide event stream (started by App.vue). */
export function useEvents(): EventStream {
  return (shared ??= createEventStream())
}
