///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import { ApiError, getStatus } from '../api/client'
import type { Status } from '../api/types'
import { useEvents, type EventStream } from './events'

export interface StatusPoll {
  /** The latest answer of /api/status; null before the first one and while the api cannot be asked. */
  readonly status: ShallowRef<Status | null>
  readonly error: Ref<ApiError | null>
  refresh(): Promise<void>
  /** Starts polling and following the event stream; returns the function that stops both. */
  start(): () => void
}

export interface StatusOptions {
  intervalMillis?: number
}

/**
 * The app's health as /api/status reports it: polled every few seconds, and asked again at once
 * whenever the event stream (re)opens or the api says to refetch, since both follow a change in
 * the crawler or the segment.
 */
export function createStatusPoll(events: EventStream, options: StatusOptions = {}): StatusPoll {
  const intervalMillis = options.intervalMillis ?? 5000
  const status = shallowRef<Status | null>(null)
  const error = ref<ApiError | null>(null)
  // Bumped per request so that a slow answer cannot overwrite a newer one.
  let generation = 0

  async function refresh() {
    const mine = ++generation
    try {
      const next = await getStatus()
      if (mine !== generation) return
      status.value = next
      error.value = null
    } catch (e) {
      if (mine !== generation) return
      // A status we can no longer confirm is not shown; the views say why the api cannot be reached.
      status.value = null
      error.value = e instanceof ApiError ? e : new ApiError('http', 0, String(e))
    }
  }

  return {
    status,
    error,
    refresh,
    start() {
      const stopRefetch = events.on('refetch', () => void refresh())
      // Synchronous: a drop and a reconnect within one tick is still a reconnect.
      const stopWatch = watch(events.state, (state) => state === 'live' && void refresh(), { flush: 'sync' })
      const timer = setInterval(refresh, intervalMillis)
      void refresh()
      return () => {
        stopRefetch()
        stopWatch()
        clearInterval(timer)
      }
    },
  }
}

let shared: StatusPoll | undefined

/** The app-wide status (started by App.vue). */
export function useStatus(): StatusPoll {
  return (shared ??= createStatusPoll(useEvents()))
}
