/**
 * The contract every process of a model keeps: a name (for the order of the week and for
 * error messages) and a step that advances the shared state by one week.
 */
export interface Process<State> {
  readonly name: string;
  step(state: State, week: number): void;
}
