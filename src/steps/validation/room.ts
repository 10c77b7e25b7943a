// The validation step's room: the step, its codes' advice and its section of the summary, as the list of steps takes them.
import type { Room } from '../../flow/step.js'
import { ADVICE } from './codes.js'
import { readValidationStepSettings } from './settings.js'
import { validationStep, type ValidationSettings, type ValidationResult } from './step.js'
import { validationSection } from './summary.js'

export const validation: Room<ValidationSettings, ValidationResult> = {
  title: 'Domain validation and waiting',
  settings: readValidationStepSettings,
  create: validationStep,
  advice: ADVICE,
  summary: validationSection
}
