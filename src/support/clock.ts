/** The one seam for time: every sleep and every reading of the time below main goes through a Clock. */
export interface Clock {
  now: () => number
  sleep: (ms: number) => Promise<void>
}
