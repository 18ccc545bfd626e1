/**
 * `canary elect --input case.json [--algorithm seq-phragmen|phragmms] [--balancing N]`: runs an
 * NPoS election on a JSON case and prints the winners in election order with their backing.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { phragmms, seqPhragmen, U64_MAX, type VoterInput } from "@canary/npos";
import { CliError } from "./errors.ts";

export interface ElectionCase {
  toElect: number;
  candidates: string[];
  voters: VoterInput[];
}

const bad = (path: string, message: string) => new CliError("CLI_BAD_INPUT", `${path}: ${message}`);
const shown = (v: unknown) => (JSON.stringify(v) ?? String(v)).slice(0, 60);

/** Checks a parsed case, naming the JSON path of the first bad value. */
export function parseElectionCase(json: unknown): ElectionCase {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw bad("$", `expected an object {"toElect", "candidates", "voters"}, got ${shown(json)}`);
  }
  const o = json as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!["toElect", "candidates", "voters"].includes(key)) throw bad(`$.${key}`, "unknown field");
  }
  const toElect = o.toElect;
  if (typeof toElect !== "number" || !Number.isSafeInteger(toElect) || toElect < 0) {
    throw bad("$.toElect", `expected a whole number ≥ 0, got ${shown(toElect)}`);
  }
  if (!Array.isArray(o.candidates))
    throw bad("$.candidates", `expected an array of ids, got ${shown(o.candidates)}`);
  const candidates = o.candidates.map((c, i) => {
    if (typeof c !== "string") throw bad(`$.candidates[${i}]`, `expected a string id, got ${shown(c)}`);
    return c;
  });
  if (!Array.isArray(o.voters))
    throw bad("$.voters", `expected an array of [id, "stake", [targets]], got ${shown(o.voters)}`);
  const voters = o.voters.map((v, i): VoterInput => {
    const at = `$.voters[${i}]`;
    if (!Array.isArray(v) || v.length !== 3)
      throw bad(at, `expected [id, "stake", [targets]], got ${shown(v)}`);
    const [who, stake, targets] = v as unknown[];
    if (typeof who !== "string") throw bad(`${at}[0]`, `expected a string id, got ${shown(who)}`);
    if (typeof stake !== "string" || !/^\d+$/.test(stake) || BigInt(stake) > U64_MAX) {
      throw bad(
        `${at}[1]`,
        `expected a decimal string from 0 to 2^64-1 (a u64 vote weight), got ${shown(stake)}`,
      );
    }
    if (!Array.isArray(targets))
      throw bad(`${at}[2]`, `expected an array of target ids, got ${shown(targets)}`);
    targets.forEach((t, j) => {
      if (typeof t !== "string") throw bad(`${at}[2][${j}]`, `expected a string id, got ${shown(t)}`);
    });
    return [who, BigInt(stake), targets as string[]];
  });
  return { toElect, candidates, voters };
}

export type Algorithm = "seq-phragmen" | "phragmms";

/** Runs the election; supports are the winners' final backings (whole units, rounded down). */
export function runElection(c: ElectionCase, algorithm: Algorithm, balancingIterations: number) {
  const balancing = balancingIterations > 0 ? { iterations: balancingIterations, tolerance: 0n } : undefined;
  const run = algorithm === "phragmms" ? phragmms : seqPhragmen;
  const { winners } = run(c.toElect, c.candidates, c.voters, balancing);
  return { winners: winners.map(([who, backed]) => [who, backed.toString()] as [string, string]) };
}

export function elect(args: string[], out: (line: string) => void): void {
  const { values } = parseArgs({
    args,
    options: { input: { type: "string" }, algorithm: { type: "string" }, balancing: { type: "string" } },
  });
  if (values.input === undefined) throw new CliError("CLI_BAD_FLAG", "elect needs --input <case.json>");
  const algorithm = (values.algorithm ?? "seq-phragmen") as Algorithm;
  if (!["seq-phragmen", "phragmms"].includes(algorithm)) {
    throw new CliError("CLI_BAD_FLAG", `--algorithm must be seq-phragmen or phragmms, got ${algorithm}`);
  }
  const balancing = values.balancing === undefined ? 0 : Number(values.balancing);
  if (!/^\d+$/.test(values.balancing ?? "0") || !Number.isSafeInteger(balancing)) {
    throw new CliError(
      "CLI_BAD_FLAG",
      `--balancing must be a number of iterations ≥ 0, got ${values.balancing}`,
    );
  }
  let text: string;
  try {
    text = readFileSync(values.input, "utf8");
  } catch (cause) {
    throw new CliError("CLI_BAD_INPUT", `cannot read ${values.input}: ${(cause as Error).message}`, {
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CliError("CLI_BAD_INPUT", `${values.input} is not JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  out(JSON.stringify(runElection(parseElectionCase(json), algorithm, balancing)));
}
