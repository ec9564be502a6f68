// Siting: where to open new lieux, on numbers only (no geometry).
//
// Input: `MaximalCoveringProblem` — demand units (population weights; for area-weighted coverage
// the caller splits communes into pieces, one demand unit each), which of them existing lieux
// already cover, and per candidate site the sorted demand units it would cover
// (`CoverageListBuilder` makes these lists from distances and a threshold, d ≤ d0).
//
// Questions answered:
// - `solveMCLP(p:)`: the p new sites adding the most population within reach, with the coverage
//   curve for k = 0…p (greedy order) and an upper bound on the optimum.
// - `solveTargetCover(targetShare:)`: few new sites reaching a share of the total population
//   (existing coverage counted), a proven lower bound on the count, or, when unreachable, the
//   maximum share and the demand units nothing covers.
// - `solveBudgetedMCLP(budget:)`: the same as MCLP with candidate costs and a total budget.
//
// Methods: lazy greedy (CELF), interchange (Teitz–Bart swaps), Lagrangian relaxation
// (subgradient) for bounds and extra starting sets, submodular bounds (Nemhauser–Wolsey–Fisher).
// Everything is deterministic: ties go to the lowest candidate index, no randomness, no threads.
// Candidate capacities are carried as an attribute only: coverage is not capacity-constrained.
