///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { ApiError, getSegment } from '../api/client'
import type { Segment } from '../api/types'

/** One poll's worth of the numbers charted in the shared-memory view. */
export interface SegmentSample {
  time: number
  perSecond: number
  heartbeatAgeMillis: number
}

export interface SegmentPoll {
  readonly segment: ShallowRef<Segment | null>
  readonly error: Ref<ApiError | null>
  /** The latest samples, oldest first. */
  readonly samples: ShallowRef<SegmentSample[]>
  /** When the shown segment was fetched, to age the writer's heartbeat between polls. */
  readonly fetchedAt: Ref<number>
  refresh(): Promise<void>
}

export interface SegmentOptions {
  intervalMillis?: number
  keepSamples?: number
}

/**
 * Polls /api/segment while the calling component is mounted. The segment changes continuously
 * (heartbeat, ring counters) rather than by discrete events, so polling fits better than SSE.
 */
export function useSegment(options: SegmentOptions = {}): SegmentPoll {
  const intervalMillis = options.intervalMillis ?? 1000
  const keepSamples = options.keepSamples ?? 120
  const segment = shallowRef<Segment | null>(null)
  const error = ref<ApiError | null>(null)
  const samples = shallowRef<SegmentSample[]>([])
  const fetchedAt = ref(0)
  let epoch: string | null = null
  let busy = false

  async function refresh() {
    if (busy) return
    busy = true
    try {
      const next = await getSegment()
      // A re-created segment starts its counters again; do not draw a line across the restart.
      if (epoch !== null && next.epoch !== epoch) samples.value = []
      epoch = next.epoch
      segment.value = next
      fetchedAt.value = Date.now()
      error.value = null
      const sample = { time: fetchedAt.value, perSecond: next.events.perSecond, heartbeatAgeMillis: next.writer.heartbeatAgeMillis }
      samples.value = [...samples.value.slice(-(keepSamples - 1)), sample]
    } catch (e) {
      error.value = e instanceof ApiError ? e : new ApiError('http', 0, String(e))
    } finally {
      busy = false
    }
  }

  void refresh()
  const timer = setInterval(refresh, intervalMillis)
  onScopeDispose(() => clearInterval(timer))
  return { segment, error, samples, fetchedAt, refresh }
}
