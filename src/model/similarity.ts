/**
 * Similarity of a participant and a volunteer, both on a 0-1 scale.
 * Deep: interests, values, personality (three standard-normal traits); similarity falls with
 * their distance. Surface: age (a gap of about fifteen years is best, [Uyterlinde2009]),
 * gender and background.
 */
export const DEEP_TRAITS = 3;

export function deepSimilarity(a: Float64Array, ia: number, b: Float64Array, ib: number): number {
  let d2 = 0;
  for (let k = 0; k < DEEP_TRAITS; k++) {
    const d = a[ia * DEEP_TRAITS + k] - b[ib * DEEP_TRAITS + k];
    d2 += d * d;
  }
  // Random pairs have E[d2] = 6, so a typical pair scores about exp(-1).
  return Math.exp(-d2 / 6);
}

export function surfaceSimilarity(
  ageA: number, ageB: number, femaleA: number, femaleB: number, backgroundA: number, backgroundB: number,
): number {
  const age = Math.max(0, 1 - Math.abs(Math.abs(ageA - ageB) - 15) / 30);
  return (age + (femaleA === femaleB ? 1 : 0) + (backgroundA === backgroundB ? 1 : 0)) / 3;
}
