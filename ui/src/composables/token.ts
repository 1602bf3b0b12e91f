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
  /** The label of the dialog's submit button: what the token is for. */
  action: string
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
function askToken(message: string, action: string): Promise<string | null> {
  prompt.value?.answer(null)
  return new Promise((resolve) => {
    prompt.value = {
      message,
      action,
      answer(token) {
        prompt.value = null
        resolve(token?.trim() || null)
      },
    }
  })
}

/**
 * Runs `action` with the api's bearer token: it is asked for once per browser session, and asked
 * for again when the api rejects it. Resolves to null when the user cancels the dialog.
 */
async function withToken<T>(action: (token: string) => Promise<T>, why: string, label: string): Promise<T | null> {
  let token = storedToken() ?? (await askToken(`The api printed an access token when it started. Enter it to ${why}.`, label))
  while (token) {
    try {
      const result = await action(token)
      store(token)
      return result
    } catch (e) {
      if (!(e instanceof ApiError) || e.kind !== 'unauthorized') throw e
      store(null)
      token = await askToken('The api rejected that token. Check it and try again.', label)
    }
  }
  return null
}

/** The token of this session, if one was entered and not rejected since. */
function currentToken(): string | null {
  return storedToken()
}

/**
 * Asks the crawler to crawl a source now. Resolves to null when the user cancels the dialog.
 */
function requestCrawl(sourceId: string): Promise<CrawlAccepted | null> {
  return withToken((token) => crawlNow(sourceId, token), 'crawl sources on demand', 'Crawl now')
}

export function useToken() {
  return { prompt, requestCrawl, withToken, currentToken }
}
