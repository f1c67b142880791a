import { readScenario } from '../src/io/readScenario.ts';
import { runReplication } from '../src/model/runReplication.ts';
for (const name of ['flemish-befriending','community-mentoring','civic-integration-40h','duo-for-a-job','resource-starved']) {
  const s = readScenario(name);
  const t0 = performance.now();
  let pw = 0, m = 0, prem12 = 0, closed=0; const reasons: Record<string, number> = {};
  let dsum=0, n=0;
  const R = 100;
  for (let r = 0; r < R; r++) {
    const res = runReplication(s, r);
    pw += res.participantWeeks;
    for (const x of res.matches) { m++; reasons[x.reason] = (reasons[x.reason]??0)+1; }
    for (const a of res.assessed) if (a.matchedWeeks>0) { dsum += a.programme[s.params.outcomes.primary]-a.counterfactual[s.params.outcomes.primary]; n++; }
  }
  const ms = performance.now() - t0;
  console.log(name, `${(ms/R).toFixed(2)} ms/rep`, `${(pw/ms/1000).toFixed(2)} M pw/s`, 'matches/rep', (m/R).toFixed(1), JSON.stringify(reasons), 'mean diff', (dsum/n).toFixed(3), 'n/rep', (n/R).toFixed(1));
}
