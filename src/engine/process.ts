import type { RandomStream, Streams } from './random.ts';

/**
 * The contract every process of a model keeps: a name (for the order of the week and for error
 * messages) and a step that advances the shared state by one week. This is the runnable form the
 * loop steps; a model declares its processes as `ProcessSpec`s and wires them with `wireProcesses`.
 */
export interface Process<State> {
  readonly name: string;
  step(state: State, week: number): void;
}

/**
 * A process as a model declares it, in one place (after Starsim's modules): the random streams it
 * draws, the parameters it reads, the state columns it adds, the weekly series it records, and its
 * step. The step receives exactly the streams it declares and no others, so two processes cannot
 * share a stream by accident (which would correlate decisions the model treats as independent) and
 * a process cannot draw one it did not declare.
 *
 * @example
 *   const leaving = defineProcess({
 *     name: 'leaving', streams: ['leaving.hazard'], params: ['behaviour.leavePerYear'],
 *     series: ['left'],
 *     step(state: S, week, rng) { if (rng['leaving.hazard'].u(0, week) < 0.1) state.left += 1; },
 *   });
 */
export interface ProcessSpec<State, S extends string = string> {
  readonly name: string;
  /** Names of the random streams this process draws, each owned by this process alone. */
  readonly streams: readonly S[];
  /** Parameter paths (section.key) this process reads. */
  readonly params: readonly string[];
  /** State columns this process adds, by table (its types are declared next to the process). */
  readonly columns?: Readonly<Record<string, ColumnDecls>>;
  /** Weekly series this process records (flows it counts or stocks it sets). */
  readonly series?: readonly string[];
  /** Sets up state of its own (beyond columns) once, before the first week. */
  init?(state: State): void;
  step(state: State, week: number, rng: Readonly<Record<S, RandomStream>>): void;
}

/** Identity with inference: keeps the literal stream names of a process spec. */
export function defineProcess<State, const S extends string>(spec: ProcessSpec<State, S>): ProcessSpec<State, S> {
  return spec;
}

/** A column's storage and initial value; `width` values per agent (e.g. one per outcome domain). */
export interface ColumnDecl {
  readonly type: 'int32' | 'uint8' | 'float64';
  readonly init?: number;
  readonly width?: number;
}
export type ColumnDecls = Readonly<Record<string, ColumnDecl>>;

export const int32 = (init = 0, width = 1): ColumnDecl => ({ type: 'int32', init, width });
export const uint8 = (init = 0, width = 1): ColumnDecl => ({ type: 'uint8', init, width });
export const float64 = (init = 0, width = 1): ColumnDecl => ({ type: 'float64', init, width });

const BYTES = { int32: 4, uint8: 1, float64: 8 } as const;

/**
 * Typed arrays for the declared columns of `size` agents. They are views on one zeroed buffer (one
 * allocation per table instead of one per column: a replication sets up tens of columns), each
 * column starting at a multiple of 8 bytes.
 *
 * @example
 *   allocateColumns({ age: float64(), status: uint8() }, 3).age; // Float64Array [0, 0, 0]
 */
export function allocateColumns(decls: ColumnDecls, size: number): Record<string, Int32Array | Uint8Array | Float64Array> {
  const entries = Object.entries(decls);
  const offsets = new Array<number>(entries.length);
  let bytes = 0;
  for (let i = 0; i < entries.length; i++) {
    const d = entries[i][1];
    offsets[i] = bytes;
    bytes += Math.ceil((size * (d.width ?? 1) * BYTES[d.type]) / 8) * 8;
  }
  const buffer = new ArrayBuffer(bytes);
  const out: Record<string, Int32Array | Uint8Array | Float64Array> = {};
  for (let i = 0; i < entries.length; i++) {
    const [name, d] = entries[i];
    const n = size * (d.width ?? 1);
    const at = offsets[i];
    const col = d.type === 'int32' ? new Int32Array(buffer, at, n) : d.type === 'uint8' ? new Uint8Array(buffer, at, n) : new Float64Array(buffer, at, n);
    if (d.init) col.fill(d.init);
    out[name] = col;
  }
  return out;
}

/**
 * The columns every process declares for one table, merged; a column declared twice is an error.
 */
export function mergeColumns(table: string, processes: readonly ProcessSpec<unknown>[], base: ColumnDecls = {}): ColumnDecls {
  const out: Record<string, ColumnDecl> = { ...base };
  for (const p of processes) {
    for (const [name, decl] of Object.entries(p.columns?.[table] ?? {})) {
      if (name in out) throw new Error(`column ${table}.${name} is declared twice (again by process ${p.name})`);
      out[name] = decl;
    }
  }
  return out;
}

/** The weekly series all processes declare, each once, in the order of the week. */
export function declaredSeries(processes: readonly ProcessSpec<unknown>[]): string[] {
  const out: string[] = [];
  for (const p of processes) {
    for (const s of p.series ?? []) {
      if (out.includes(s)) throw new Error(`series ${s} is declared twice (again by process ${p.name})`);
      out.push(s);
    }
  }
  return out;
}

/**
 * The runnable processes of one replication: each process sets up its own state, and each step gets
 * its own declared streams, created once. A stream declared by two processes is an error (Streams
 * refuses a name taken twice).
 */
export function wireProcesses<State>(specs: readonly ProcessSpec<State, string>[], streams: Streams, state: State): Process<State>[] {
  for (const spec of specs) spec.init?.(state);
  return specs.map((spec) => {
    const rng = {} as Record<string, RandomStream>;
    for (const name of spec.streams) rng[name] = streams.stream(name);
    Object.freeze(rng);
    return { name: spec.name, step: (state: State, week: number) => spec.step(state, week, rng) };
  });
}
