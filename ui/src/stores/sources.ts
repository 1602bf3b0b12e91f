///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { ApiError, getSources } from '../api/client'
import type { Source } from '../api/types'
import { useEvents, type EventStream } from '../composables/events'

export interface SourcesStore {
  readonly sources: ShallowRef<Source[]>
  /** Set when the last load failed; the last good list is kept meanwhile. */
  readonly error: Ref<ApiError | null>
  /** False until the first load has finished, successfully or not. */
  readonly loaded: Ref<boolean>
  load(): Promise<void>
  /** Starts following the event stream and polling; returns the function that stops both. */
  start(): () => void
}

export interface SourcesOptions {
  /** Crawl events come in bursts (one per source); wait this long after the last one. */
  debounceMillis?: number
  /** Reload this often even without events, so "next run" and recovery from errors show up. */
  pollMillis?: number
}

export function createSourcesStore(events: EventStream, options: SourcesOptions = {}): SourcesStore {
  const debounceMillis = options.debounceMillis ?? 300
  const pollMillis = options.pollMillis ?? 10_000
  const sources = shallowRef<Source[]>([])
  const error = ref<ApiError | null>(null)
  const loaded = ref(false)
  let debounce: ReturnType<typeof setTimeout> | undefined

  async function load() {
    try {
      sources.value = (await getSources()).sources
      error.value = null
    } catch (e) {
      error.value = e instanceof ApiError ? e : new ApiError('http', 0, String(e))
    } finally {
      loaded.value = true
    }
  }

  function loadSoon() {
    clearTimeout(debounce)
    debounce = setTimeout(load, debounceMillis)
  }

  return {
    sources,
    error,
    loaded,
    load,
    start() {
      const stops = [events.on('crawl-ok', loadSoon), events.on('crawl-failed', loadSoon), events.on('refetch', load)]
      const poll = setInterval(load, pollMillis)
      void load()
      return () => {
        stops.forEach((stop) => stop())
        clearInterval(poll)
        clearTimeout(debounce)
      }
    },
  }
}

let shared: SourcesStore | undefined

export function useSources(): SourcesStore {
  return (shared ??= createSourcesStore(useEvents()))
}
