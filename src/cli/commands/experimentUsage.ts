/** The forms of `buddysim experiment`, for its help and its usage errors (apart, so help does not load the experiment code). */
export const EXPERIMENT_USAGE = `buddysim experiment run <file> [--out DIR] [--workers W] [--shard K/N|auto] [--quiet]
  buddysim experiment resume <dir> [--workers W] [--quiet]
  buddysim experiment merge <shard files> --out DIR [--quiet]
  buddysim experiment report <dir> --out DIR
  buddysim experiment schema [--out FILE]`;
