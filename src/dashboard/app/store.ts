/**
 * The dashboard's state in one place: a plain, frozen object replaced by `update` (never changed in
 * place), and listeners told after every update with the state before it, so a view redraws only
 * what changed. Listeners render; they may not update the store themselves (actions do), so an
 * update can never run in the middle of another one's notifications.
 */
export type Listener<S> = (state: S, previous: S) => void;

/**
 * One store per page.
 *
 * @example
 *   const store = new Store(initialState(ASSUMED_SPEED));
 *   store.subscribe((s, before) => s.view !== before.view && render(s));
 */
export class Store<S extends object> {
  private state: Readonly<S>;
  private readonly listeners = new Set<Listener<S>>();
  private notifying = false;

  constructor(initial: S) {
    this.state = Object.freeze({ ...initial });
  }

  get(): Readonly<S> {
    return this.state;
  }

  /**
   * Replaces the fields in `patch` (or those a function of the current state returns) and tells
   * every listener.
   *
   * @example
   *   const store = new Store({ count: 0 });
   *   store.subscribe((s, before) => console.log(before.count, '->', s.count));
   *   store.update((s) => ({ count: s.count + 1 })); // logs 0 -> 1
   */
  update(patch: Partial<S> | ((state: Readonly<S>) => Partial<S>)): void {
    if (this.notifying) throw new Error('a store listener may not update the store: call an action instead');
    const previous = this.state;
    const changes = typeof patch === 'function' ? patch(previous) : patch;
    this.state = Object.freeze({ ...previous, ...changes });
    this.notifying = true;
    try {
      for (const listener of [...this.listeners]) listener(this.state, previous);
    } finally {
      this.notifying = false;
    }
  }

  /** Calls `listener` after every update; returns the function that stops it. */
  subscribe(listener: Listener<S>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
