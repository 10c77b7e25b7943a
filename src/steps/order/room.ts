// The order step's room: the step, its codes' advice, as the list of steps takes them.
import type { Room } from '../../flow/step.js'
import { ADVICE } from './codes.js'
import { readOrderSettings } from './settings.js'
import { orderStep, type OrderSettings, type OrderResult } from './step.js'

export const order: Room<OrderSettings, OrderResult> = {
  title: 'Submitting and reading certificates',
  settings: ({ readInput, verifyType }) => readOrderSettings(readInput, verifyType),
  create: orderStep,
  advice: ADVICE
}
