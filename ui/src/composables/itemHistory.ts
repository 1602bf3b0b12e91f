///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { onScopeDispose, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import { ApiError, getItemHistory } from '../api/client'
import type { ItemHistory, ShmEvent } from '../api/types'
import { useEvents, type EventStream } from './events'

export interface ItemHistoryLoad {
  readonly history: ShallowRef<ItemHistory | null>
  readonly error: Ref<ApiError | null>
  readonly loading: Ref<boolean>
  refresh(): Promise<void>
}

/**
 * The stored history of one item while the calling component is mounted: loaded when the id
 * changes, and again whenever an event says this item was seen new, changed or gone.
 */
export function useItemHistory(id: Ref<number>, events: EventStream = useEvents()): ItemHistoryLoad {
  const history = shallowRef<ItemHistory | null>(null)
  const error = ref<ApiError | null>(null)
  const loading = ref(false)
  let generation = 0

  async function refresh() {
    const mine = ++generation
    loading.value = true
    try {
      const next = await getItemHistory(id.value)
      if (mine !== generation) return
      history.value = next
      error.value = null
    } catch (e) {
      if (mine === generation) error.value = e instanceof ApiError ? e : new ApiError('http', 0, String(e))
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  const mine = (event: ShmEvent) => event.itemId === id.value && void refresh()
  const stops = [events.on('item-new', mine), events.on('item-changed', mine), events.on('item-gone', mine)]
  watch(
    id,
    () => {
      history.value = null
      void refresh()
    },
    { immediate: true },
  )
  onScopeDispose(() => stops.forEach((stop) => stop()))
  return { history, error, loading, refresh }
}
