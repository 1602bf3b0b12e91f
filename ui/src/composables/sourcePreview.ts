///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { ApiError } from '../api/client'
import type { FieldProblem, PreviewResult, SourceDraft } from '../api/types'

export interface Previewer {
  /** The latest answer for the latest draft; kept while a newer one is on its way. */
  readonly result: ShallowRef<PreviewResult | null>
  /** The draft's validation problems (400), or [] */
  readonly problems: ShallowRef<FieldProblem[]>
  /** Any other failure of the latest request. */
  readonly error: Ref<ApiError | null>
  /** A request is waiting out the pause in typing or on its way. */
  readonly pending: Ref<boolean>
  /** Previews `draft` once typing pauses; a newer call replaces it, and aborts an older request. */
  schedule(draft: SourceDraft): void
  /** Previews `draft` now. */
  now(draft: SourceDraft): Promise<void>
  /** Drops the pending request, if any. */
  cancel(): void
}

/**
 * The editor's live preview: each change of the draft restarts a pause of `delayMillis`; when it
 * ends, the draft is sent and any request still on its way is aborted, so only the latest draft's
 * answer is ever shown.
 */
export function createPreviewer(
  run: (draft: SourceDraft, signal: AbortSignal) => Promise<PreviewResult>,
  delayMillis = 600,
): Previewer {
  const result = shallowRef<PreviewResult | null>(null)
  const problems = shallowRef<FieldProblem[]>([])
  const error = ref<ApiError | null>(null)
  const pending = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | null = null

  async function now(draft: SourceDraft) {
    clearTimeout(timer)
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    pending.value = true
    try {
      const answer = await run(draft, mine.signal)
      if (controller !== mine) return
      result.value = answer
      problems.value = []
      error.value = null
    } catch (e) {
      if (controller !== mine || mine.signal.aborted) return
      const failure = e instanceof ApiError ? e : new ApiError('http', 0, String(e))
      if (failure.problems.length) {
        problems.value = failure.problems
        error.value = null
      } else {
        problems.value = []
        error.value = failure
      }
    } finally {
      if (controller === mine) {
        controller = null
        pending.value = false
      }
    }
  }

  return {
    result,
    problems,
    error,
    pending,
    now,
    schedule(draft) {
      clearTimeout(timer)
      pending.value = true
      timer = setTimeout(() => void now(draft), delayMillis)
    },
    cancel() {
      clearTimeout(timer)
      controller?.abort()
      controller = null
      pending.value = false
    },
  }
}
