///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import type { AppState } from '../api/types'
import { t } from '../i18n'

export interface StateWords {
  /** The banner's heading. */
  heading: string
  /** What the header's live indicator says instead of "live". */
  short: string
  /** `info` while things are on their way, `bad` when something needs repair. */
  tone: 'info' | 'bad'
}

/** How bad each state is; the words are the messages `appState.<state>.heading` and `.short`. */
const TONES: Record<Exclude<AppState, 'ok'>, StateWords['tone']> = {
  starting: 'info',
  'config-invalid': 'bad',
  'config-refused': 'bad',
  'crawler-down': 'bad',
  'segment-damaged': 'bad',
  'not-publishing': 'bad',
}

/** How the UI names a state that is not `ok`; a state this UI does not know yet still gets a plain heading. */
export function stateWords(state: AppState | string): StateWords {
  const tone = TONES[state as keyof typeof TONES]
  if (!tone) return { heading: t('appState.unknown', { state }), short: state, tone: 'bad' }
  return { heading: t(`appState.${state}.heading`), short: t(`appState.${state}.short`), tone }
}
