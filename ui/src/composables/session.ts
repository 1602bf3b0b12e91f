///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { computed, shallowRef } from 'vue'
import { getSession, login as postLogin, logout as postLogout, onUnauthorized } from '../api/client'
import type { Session } from '../api/types'

/**
 * The browser's session with the api. Null while not known: before the first answer, or when the
 * api cannot be reached or predates sessions; the views then show what their own requests meet.
 */
const session = shallowRef<Session | null>(null)
let first: Promise<void> | null = null

async function refresh(): Promise<void> {
  try {
    session.value = await getSession()
  } catch {
    // Unknown: keep what we knew.
  }
}

/** Whether reads may go ahead: the api needs no login, or someone is logged in. */
const canRead = computed(() => !session.value?.authRequired || session.value.user !== null)
/** Changes go with the session cookie, without the token. */
const canEdit = computed(() => session.value?.canEdit === true)

// A read the api refused: the session ended (expired, logged out elsewhere, the api restarted with
// users). Say so, and the app sends the reader to the login page.
onUnauthorized(() => {
  session.value = { user: null, role: null, authRequired: true, canEdit: false }
})

export function useSession() {
  return {
    session,
    canRead,
    canEdit,
    /** The first answer of /api/session (asked once; later calls wait for the same). */
    ready: () => (first ??= refresh()),
    refresh,
    async login(username: string, password: string) {
      await postLogin(username, password)
      await refresh()
    },
    async logout() {
      await postLogout()
      await refresh()
    },
  }
}
