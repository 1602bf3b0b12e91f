///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { shallowRef } from 'vue'
import { ApiError, crawlNow } from '../api/client'
import type { CrawlAccepted } from '../api/types'

const KEY = 'native-shm.token'

/** The question the token dialog is showing, if any. */
export interface TokenPrompt {
  message: string
  answer(token: string | null): void
}

const prompt = shallowRef<TokenPrompt | null>(null)
// Used only where sessionStorage is unavailable (disabled storage): the token then lasts as long as the page.
let memory: string | null = null

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY)
  } catch {
    return memory
  }
}

function store(token: string | null) {
  memory = token
  try {
    if (token) sessionStorage.setItem(KEY, token)
    else sessionStorage.removeItem(KEY)
  } catch {
    // See `memory`.
  }
}

/** Shows the token dialog; resolves to the token entered, or null when cancelled. */
function askToken(message: string): Promise<string | null> {
  prompt.value?.answer(null)
  return new Promise((resolve) => {
    prompt.value = {
      message,
      answer(token) {
        prompt.value = null
        resolve(token?.trim() || null)
      },
    }
  })
}

/**
 * Asks the crawler to crawl a source now. The api wants a bearer token: it is asked for once per
 * browser session, and asked for again when the api rejects it.
 * Resolves to null when the user cancels the dialog.
 */
async function requestCrawl(sourceId: string): Promise<CrawlAccepted | null> {
  let token = storedToken() ?? (await askToken('The api printed an access token when it started. Enter it to crawl sources on demand.'))
  while (token) {
    try {
      const accepted = await crawlNow(sourceId, token)
      store(token)
      return accepted
    } catch (e) {
      if (!(e instanceof ApiError) || e.kind !== 'unauthorized') throw e
      store(null)
      token = await askToken('The api rejected that token. Check it and try again.')
    }
  }
  return null
}

export function useToken() {
  return { prompt, requestCrawl }
}
