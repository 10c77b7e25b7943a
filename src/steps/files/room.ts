// The files step's room: the step, its codes' advice and its section of the summary, as the list of steps takes them.
import type { Room } from '../../flow/step.js'
import { ADVICE } from './codes.js'
import { readFileSettings } from './settings.js'
import { filesStep, type FilesSettings, type FilesResult } from './step.js'
import { filesSection } from './summary.js'

export const files: Room<FilesSettings, FilesResult> = {
  title: 'Certificate files',
  settings: ({ readInput, mask }) => {
    const files = readFileSettings(readInput, mask)
    return files ? { files } : {}
  },
  create: filesStep,
  advice: ADVICE,
  summary: filesSection
}
