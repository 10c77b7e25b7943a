// The served step's room: the step, its code's advice and its section of the summary, as the list of steps takes them.
import type { Room } from '../../flow/step.js'
import { ADVICE } from './codes.js'
import { readVerifySettings, switchesResources, type ServedSettings } from './settings.js'
import { servedStep, type ServedResult } from './step.js'
import { servedSection } from './summary.js'
import type { SwitchSettings } from '../switch/step.js'

export const served: Room<ServedSettings & SwitchSettings, ServedResult> = {
  title: 'Checking the served certificate',
  settings: ({ readInput, intervalMs, requestTimeoutSeconds, certificateIds }) =>
    readVerifySettings(readInput, {
      switchable: switchesResources(readInput),
      intervalMs,
      handshakeTimeoutMs: requestTimeoutSeconds * 1000,
      shared: (certificateIds?.length ?? 0) > 1
    }),
  create: servedStep,
  advice: ADVICE,
  summary: servedSection
}
