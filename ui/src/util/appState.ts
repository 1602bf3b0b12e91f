///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import type { AppState } from '../api/types'

export interface StateWords {
  /** The banner's heading. */
  heading: string
  /** What the header's live indicator says instead of "live". */
  short: string
  /** `info` while things are on their way, `bad` when something needs repair. */
  tone: 'info' | 'bad'
}

const WORDS: Record<Exclude<AppState, 'ok'>, StateWords> = {
  starting: { heading: 'The crawler is starting', short: 'starting…', tone: 'info' },
  'config-invalid': { heading: "The crawler's configuration has problems", short: 'config invalid', tone: 'bad' },
  'config-refused': {
    heading: "An edit of the crawler's configuration was refused — the crawler goes on with the sources it had",
    short: 'edit refused',
    tone: 'bad',
  },
  'crawler-down': { heading: 'The crawler is not running', short: 'crawler down', tone: 'bad' },
  'segment-damaged': { heading: 'The segment is damaged — waiting for the crawler to repair it', short: 'segment damaged', tone: 'bad' },
  'not-publishing': { heading: 'The crawler is not publishing', short: 'not publishing', tone: 'bad' },
}

/** How the UI names a state that is not `ok`; a state this UI does not know yet still gets a plain heading. */
export function stateWords(state: AppState | string): StateWords {
  return WORDS[state as keyof typeof WORDS] ?? { heading: `The app reports a problem (${state})`, short: state, tone: 'bad' }
}
