///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import type { ItemSort, Source } from '../api/types'
import { t } from '../i18n'

/** The sorts /api/items offers, each naming the one key (and time) it orders by (message keys). */
export const SORTS: readonly { value: ItemSort; label: string }[] = [
  { value: 'rank', label: 'sorts.rank' },
  { value: 'score', label: 'sorts.score' },
  { value: 'published', label: 'sorts.published' },
  { value: 'firstSeen', label: 'sorts.firstSeen' },
]

export function isSort(value: string): value is ItemSort {
  return SORTS.some((s) => s.value === value)
}

/**
 * The sources a filter lists: those picked (any of them), narrowed to those with any of the
 * picked tags; all when neither is picked.
 */
export function sourcesOf(sources: readonly Source[], picked: readonly string[] = [], tags: readonly string[] = []): Source[] {
  return sources.filter((s) => (!picked.length || picked.includes(s.id)) && (!tags.length || (s.tags ?? []).some((t) => tags.includes(t))))
}

/**
 * Why sorting by score would mislead — points and stars are not comparable — or null when it is
 * fine: every listed source counts the same thing.
 */
export function scoreSortBlocked(sources: readonly Source[], picked: readonly string[] = [], tags: readonly string[] = []): string | null {
  const units = [...new Set(sourcesOf(sources, picked, tags).map((s) => s.scoreUnit))]
  return units.length <= 1 ? null : t('sorts.scoreBlocked', { units: units.join(', ') })
}
