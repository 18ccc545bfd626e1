/** The election's working graph: candidates, voters and the edges between them (`sp-npos-elections`). */

/** An election input voter: who, their stake (a u64 vote weight), and whom they vote for. */
export type VoterInput = readonly [who: string, stake: bigint, targets: readonly string[]];

export interface Candidate {
  readonly who: string;
  /** The sum of the stakes of every voter approving this candidate. */
  approval: bigint;
  /** The stake finally assigned to this candidate. */
  backed: bigint;
  elected: boolean;
  /** The round in which it was elected. */
  round: number;
  /** Sequential Phragmén's score numerator (over DEN), or PhragMMS's score n/d. */
  scoreN: bigint;
  scoreD: bigint;
}

export interface Edge {
  /** Index of the candidate in the candidate list. */
  readonly target: number;
  weight: bigint;
  /** Sequential Phragmén's edge load (n over d). */
  loadN: bigint;
  loadD: bigint;
}

export interface Voter {
  readonly who: string;
  readonly budget: bigint;
  edges: Edge[];
  loadN: bigint;
  loadD: bigint;
}

export interface BalancingConfig {
  iterations: number;
  tolerance: bigint;
}

/** A voter's stake split over winners, in absolute amounts (`StakedAssignment`). */
export interface StakedAssignment {
  who: string;
  distribution: Array<[target: string, weight: bigint]>;
}

export interface ElectionResult {
  /** Winners in election order, with their final backing. */
  winners: Array<[who: string, backed: bigint]>;
  /** Each voter's stake over the winners, summing exactly to its stake. */
  assignments: StakedAssignment[];
}
