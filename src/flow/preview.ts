// dry-run: what a real run would do, step by step, for each certificate; the flow records it where it would write.
export interface PlanStep {
  /** The API action (or the file step) the real run would make. */
  Step: string
  Would: string
  Why: string
}

/** The plan of every certificate in a preview, each step said in the log as it is decided. */
export class Preview {
  private readonly plans = new Map<string, PlanStep[]>()

  constructor(private readonly say: (line: string) => void) {}

  add(id: string, step: PlanStep): void {
    this.plans.set(id, [...(this.plans.get(id) ?? []), step])
    this.say(`Certificate ${id}: ${step.Step}: would ${step.Would} (${step.Why})`)
  }

  of(id: string): PlanStep[] {
    return this.plans.get(id) ?? []
  }
}
