import { z } from 'zod';

/**
 * Declaring a parameter once: default, unit, range, label, help text and evidence source.
 * The scenario schema (zod), its JSON Schema, `buddysim params`, the docs table and the
 * dashboard's controls are all derived from these declarations.
 */
export interface ParamMeta {
  readonly label: string;
  readonly help: string;
  /**
   * Where the value comes from, citing docs/references.md by key. The convention (checked by
   * tests/docs/references.test.ts): the source contains at least one `[Key]` that resolves in
   * docs/references.md, or says `assumption` with why, or both; a section or note may follow a key.
   * A calibrated value starts with `calibrated:` and names the target's fact and its evidence.
   * @example '[DeWit2016] (12-month commitment); [LitReview2021] §5.2'
   * @example '[VanRobaeys2018] (usually part-time); assumption: half of a 38-hour week'
   * @example 'calibrated: average effect (fact 3: [Raposa2019] g = 0.21)'
   */
  readonly source: string;
}

export interface NumberParam extends ParamMeta {
  readonly kind: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly integer: boolean;
  readonly step: number;
}

export interface ChoiceParam<T extends string = string> extends ParamMeta {
  readonly kind: 'choice';
  readonly default: T;
  readonly options: readonly T[];
  readonly unit: '';
}

/** Several of a fixed set of options (e.g. the outcome domains a scenario reports), in the options' order. */
export interface ChoicesParam<T extends string = string> extends ParamMeta {
  readonly kind: 'choices';
  readonly default: readonly T[];
  readonly options: readonly T[];
  readonly unit: '';
}

export type ParamSpec = NumberParam | ChoiceParam | ChoicesParam;

type NumberArgs = Omit<NumberParam, 'kind' | 'integer' | 'step'> & { integer?: boolean; step?: number };

/**
 * The unit as it follows a number in a message (" hours/week"), or nothing for a figure without a
 * unit (a seed is a label, not an amount: "must be at least 0").
 *
 * @example
 *   unitAfter({ unit: 'weeks' } as NumberParam); // ' weeks'
 */
export function unitAfter(spec: Pick<NumberParam, 'unit'>): string {
  return spec.unit === '' ? '' : ` ${spec.unit}`;
}

export function num(args: NumberArgs) {
  const spec: NumberParam = { kind: 'number', integer: false, step: args.integer ? 1 : 0.01, ...args };
  const after = unitAfter(spec);
  const within = after === '' ? '' : ` (${spec.unit})`;
  let schema = z.number({ error: `must be a number${within} from ${spec.min} to ${spec.max}` });
  schema = schema.min(spec.min, { error: `must be at least ${spec.min}${after}` });
  schema = schema.max(spec.max, { error: `must be at most ${spec.max}${after}` });
  if (spec.integer) schema = schema.int({ error: `must be a whole number${within}` });
  return {
    spec,
    schema: schema.default(spec.default).meta({ title: spec.label, description: spec.help, unit: spec.unit, source: spec.source }),
  };
}

export function choice<const T extends string>(args: Omit<ChoiceParam<T>, 'kind' | 'unit'>) {
  const spec: ChoiceParam<T> = { kind: 'choice', unit: '', ...args };
  const schema = z
    .enum(spec.options as unknown as [T, ...T[]], { error: `must be one of: ${spec.options.join(', ')}` })
    .default(spec.default)
    .meta({ title: spec.label, description: spec.help, source: spec.source });
  return { spec, schema };
}

/**
 * A list of distinct options, at least one. Written in the order given; duplicates and unknown
 * options are errors naming what is allowed.
 *
 * @example
 *   choices({ options: ['a', 'b', 'c'], default: ['a'], label: 'L', help: 'H', source: 'assumption' }).schema.parse(['c', 'a']);
 */
export function choices<const T extends string>(args: Omit<ChoicesParam<T>, 'kind' | 'unit'>) {
  const spec: ChoicesParam<T> = { kind: 'choices', unit: '', ...args };
  const schema = z
    .array(z.enum(spec.options as unknown as [T, ...T[]], { error: `must be one of: ${spec.options.join(', ')}` }), { error: `must be a list of: ${spec.options.join(', ')}` })
    .min(1, { error: 'must name at least one' })
    .refine((xs) => new Set(xs).size === xs.length, { error: 'must not name an option twice' })
    .default([...spec.default])
    .meta({ title: spec.label, description: spec.help, source: spec.source });
  return { spec, schema };
}

export interface Section<F extends Record<string, { spec: ParamSpec; schema: z.ZodType }>> {
  readonly label: string;
  readonly help: string;
  readonly fields: F;
}

type Shape<F> = { [K in keyof F]: F[K] extends { schema: infer S } ? S : never };

/** A strict zod object for one section: unknown keys are errors, missing keys take defaults. */
export function sectionSchema<F extends Record<string, { spec: ParamSpec; schema: z.ZodType }>>(section: Section<F>) {
  const shape = {} as Record<string, z.ZodType>;
  for (const [key, field] of Object.entries(section.fields)) shape[key] = field.schema;
  return z
    .strictObject(shape as Shape<F>)
    .prefault({} as never)
    .meta({ title: section.label, description: section.help });
}
