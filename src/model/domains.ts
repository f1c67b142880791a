/**
 * The outcome domains of participants and how each responds. The first four come from the outcome
 * domains of buddy programmes ([ArmenTeKort2017]: psychological, social-communicative, personal
 * development, horizon); language, societal and institutional know-how and work are the outcomes
 * newcomers and job mentoring aim at ([LitReview2021] §2.2.2; [OECD2024]).
 */
export const DOMAINS = ['wellbeing', 'network', 'skills', 'horizon', 'language', 'knowHow', 'employment'] as const;
export type Domain = (typeof DOMAINS)[number];

export const DOMAIN_LABELS: Record<Domain, string> = {
  wellbeing: 'well-being',
  network: 'social network beyond the pair',
  skills: 'skills',
  horizon: 'horizon',
  language: 'language use',
  knowHow: 'societal and institutional know-how',
  employment: 'work',
};

/** Relational domains respond to relational support, instrumental ones to instrumental support. */
export const DOMAIN_IS_INSTRUMENTAL: Record<Domain, boolean> = {
  wellbeing: false,
  network: false,
  skills: true,
  horizon: true,
  language: true,
  knowHow: true,
  employment: true,
};

/**
 * A continuous domain is a score in SD of the baseline; an event domain is whether something has
 * happened (finding work), and its effect is a difference in shares.
 */
export const DOMAIN_KIND: Record<Domain, 'score' | 'event'> = {
  wellbeing: 'score',
  network: 'score',
  skills: 'score',
  horizon: 'score',
  language: 'score',
  knowHow: 'score',
  employment: 'event',
};

/**
 * How much each domain gains under a programme's focus (`programme.focus`), as a multiplier on the
 * weekly gain. The four general domains gain under every focus (support style shapes them); the
 * newcomer and work domains gain in proportion to the focus. Source: [LitReview2021] §2.2.2
 * (newcomers gain language use, know-how and weak ties; work sometimes); [OECD2024] (job mentoring
 * aims at work); magnitudes are assumptions.
 */
export const FOCI = ['wellbeing', 'integration', 'work'] as const;
export type Focus = (typeof FOCI)[number];
export const FOCUS_WEIGHTS: Record<Focus, Record<Domain, number>> = {
  wellbeing: { wellbeing: 1, network: 1, skills: 1, horizon: 1, language: 0.3, knowHow: 0.3, employment: 0.1 },
  integration: { wellbeing: 1, network: 1, skills: 1, horizon: 1, language: 1, knowHow: 1, employment: 0.3 },
  work: { wellbeing: 1, network: 1, skills: 1, horizon: 1, language: 0.6, knowHow: 0.6, employment: 1 },
};

/**
 * Whether a domain means something for a target group: language use and institutional know-how
 * are newcomers' outcomes ([LitReview2021] §2.2.2); for people who grew up here they change little
 * (assumption: a tenth of the newcomers' gain in know-how, none in language).
 */
export function domainRelevance(domain: Domain, newcomer: boolean): number {
  if (newcomer) return 1;
  return domain === 'language' ? 0 : domain === 'knowHow' ? 0.1 : 1;
}

/**
 * Natural change without the programme, per year, in SD of the baseline: newcomers' language use
 * and know-how improve with time in the country whatever the programme (assumption: a tenth of an
 * SD a year); other domains have no drift, only the random walk of `outcomes.naturalChangeSdPerYear`.
 */
export function naturalDriftPerYear(domain: Domain, newcomer: boolean): number {
  return newcomer && (domain === 'language' || domain === 'knowHow') ? 0.1 : 0;
}

/**
 * The per-domain functions above as tables indexed by `newcomer * N + d` (newcomer 0 or 1): the
 * weekly loops read them for every participant and domain.
 */
const byNewcomer = (f: (d: Domain, newcomer: boolean) => number) =>
  Float64Array.from([0, 1].flatMap((n) => DOMAINS.map((d) => f(d, n === 1))));
export const RELEVANCE_TABLE = byNewcomer(domainRelevance);
export const DRIFT_TABLE = byNewcomer(naturalDriftPerYear);
/** 1 for a domain measured as an event (work found), 0 for a score. */
export const IS_EVENT = Uint8Array.from(DOMAINS, (d) => (DOMAIN_KIND[d] === 'event' ? 1 : 0));
