// The information step's room: the step, its codes' advice, as the list of steps takes them.
import type { Room } from '../../flow/step.js'
import { ADVICE } from './codes.js'
import { readInformation } from './settings.js'
import { informationStep, type InformationSlice, type InformationStepSettings } from './step.js'
import type { BaseResult } from '../../flow/result.js'

export const information: Room<InformationStepSettings, BaseResult & InformationSlice> = {
  title: "A bought certificate's information",
  settings: ({ readInput, certificateIds, verifyType, mask }) => {
    const information = readInformation(readInput, certificateIds, verifyType, mask)
    return information ? { information } : {}
  },
  create: informationStep,
  advice: ADVICE
}
