// The wait step's room: the step, its codes' advice, as the list of steps takes them.
import type { Room } from '../../flow/step.js'
import { ADVICE } from './codes.js'
import { readWaitSettings } from './settings.js'
import { waitStep, type WaitSettings } from './step.js'
import type { BaseResult } from '../../flow/result.js'

export const wait: Room<WaitSettings, BaseResult> = {
  title: 'Domain validation and waiting',
  settings: ({ readInput, intervalMs }) => readWaitSettings(readInput, intervalMs),
  create: waitStep,
  advice: ADVICE
}
