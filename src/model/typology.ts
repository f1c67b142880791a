/**
 * The programme types set defaults that a scenario can override ([ArmenTeKort2017]; [LitReview2021]
 * §4): befriending is relational and long, coaching instrumental, short and goal-directed, mentoring
 * instrumental and holistic, aimed at education or work. Befriending needs less training than
 * coaching or mentoring ([LitReview2021] §5.7.2). Befriending relationships often run past a year
 * ([BefriendingNetworks2008]). The values are assumptions within those directions.
 */
export const TYPOLOGY_DEFAULTS = {
  befriending: { supportStyle: 0.3, goalClosure: 'no', focus: 'wellbeing', continuationShare: 0.35, preMatchTrainingHours: 4 },
  coaching: { supportStyle: 0.65, goalClosure: 'yes', focus: 'integration', continuationShare: 0.1, preMatchTrainingHours: 8 },
  mentoring: { supportStyle: 0.55, goalClosure: 'no', focus: 'work', continuationShare: 0.2, preMatchTrainingHours: 8 },
} as const;
export type Typology = keyof typeof TYPOLOGY_DEFAULTS;
type TypedField = keyof (typeof TYPOLOGY_DEFAULTS)[Typology];

/**
 * A field the programme type sets, in words for its help text: the parameter tables then say that a
 * scenario's type, not the schema default, decides the value when the scenario does not give it.
 *
 * @example
 *   byProgrammeType('preMatchTrainingHours');
 *   // 'The programme type sets it unless the scenario does: befriending 4, coaching 8, mentoring 8.'
 */
export function byProgrammeType(field: TypedField): string {
  const values = Object.entries(TYPOLOGY_DEFAULTS).map(([type, d]) => `${type} ${d[field]}`);
  return `The programme type sets it unless the scenario does: ${values.join(', ')}.`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Scenario JSON with the programme type's defaults filled in wherever the file does not set the
 * field itself. An unknown type is left for the schema to reject.
 *
 * @example
 *   withTypologyDefaults({ programme: { typology: 'coaching', supportStyle: 0.8 } }).programme;
 *   // { typology: 'coaching', supportStyle: 0.8, goalClosure: 'yes', focus: 'integration', ... }
 */
export function withTypologyDefaults(json: unknown): unknown {
  if (!isObject(json)) return json;
  const programme = isObject(json.programme) ? json.programme : json.programme === undefined ? {} : null;
  if (programme === null) return json;
  const typology = programme.typology ?? 'befriending';
  const defaults = TYPOLOGY_DEFAULTS[typology as Typology];
  if (!defaults) return json;
  return { ...json, programme: { ...defaults, ...programme } };
}

/** Parameters that act when a scenario is resolved (through the defaults they set), not in a process. */
export const RESOLUTION_PARAMS: readonly string[] = ['programme.typology'];
