///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { shallowRef } from 'vue'
import { ApiError, crawlNow } from '../api/client'
import type { CrawlAccepted } from '../api/types'
import { t } from '../i18n'
import { useSession } from './session'

const KEY = 'native-shm.token'

/** The message of the error a preview fails with before any token is known (not shown as such). */
export const TOKEN_NEEDED = 'token needed'

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

/** What the token is asked for; each has its sentence in the dialog. */
export type TokenPurpose = 'crawl' | 'changeSources' | 'preview'

const { canEdit } = useSession()

/**
 * Runs `action` with the api's bearer token: it is asked for once per browser session, and asked
 * for again when the api rejects it. Resolves to null when the user cancels the dialog. An
 * editor's login needs no token: then `action` gets null and the request goes with the cookie.
 */
async function withToken<T>(action: (token: string | null) => Promise<T>, purpose: TokenPurpose, label: string): Promise<T | null> {
  if (canEdit.value) return action(null)
  let token = storedToken() ?? (await askToken(t(`token.ask.${purpose}`), label))
  while (token) {
    try {
      const result = await action(token)
      store(token)
      return result
    } catch (e) {
      if (!(e instanceof ApiError) || e.kind !== 'unauthorized') throw e
      store(null)
      token = await askToken(t('token.rejected'), label)
    }
  }
  return null
}

/** The token of this session, if one was entered and not rejected since. */
function currentToken(): string | null {
  return storedToken()
}

/** Whether changes can be sent without asking: an editor is logged in, or the token is known. */
function canChange(): boolean {
  return canEdit.value || storedToken() !== null
}

/**
 * Asks the crawler to crawl a source now. Resolves to null when the user cancels the dialog.
 */
function requestCrawl(sourceId: string): Promise<CrawlAccepted | null> {
  return withToken((token) => crawlNow(sourceId, token), 'crawl', t('card.crawlNow'))
}

export function useToken() {
  return { prompt, requestCrawl, withToken, currentToken, canChange }
}
