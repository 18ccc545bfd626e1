/**
 * The claims file of a launch (`--claims <file>`): who may claim KSM, as a JSON array of
 * `{"address": "0x<20-byte Ethereum address>", "amount": "<planck>", "vesting"?: {"locked",
 * "perBlock", "startingBlock"}, "statement"?: "Regular" | "Saft"}`, turned into the runtime's
 * `claims` genesis section (Substrate's shape). Every bad entry is named with its index.
 */
import { readFileSync } from "node:fs";
import { ServiceError } from "./errors.ts";

export interface ClaimsSection {
  claims: Array<[string, string, null, string | null]>;
  vesting: Array<[string, [string, string, number]]>;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const AMOUNT = /^[0-9]{1,39}$/;
const U128_MAX = (1n << 128n) - 1n;

export function readClaimsFile(path: string): ClaimsSection {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ServiceError(
      "NODE_BAD_CLAIMS",
      `cannot read the claims file ${path}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ServiceError("NODE_BAD_CLAIMS", `${path} is not JSON: ${(e as Error).message}`, { cause: e });
  }
  return parseClaims(json, path);
}

export function parseClaims(json: unknown, source = "claims"): ClaimsSection {
  const bad = (what: string) => new ServiceError("NODE_BAD_CLAIMS", `${source}: ${what}`);
  if (!Array.isArray(json)) throw bad("expected a JSON array of claims");
  const out: ClaimsSection = { claims: [], vesting: [] };
  const seen = new Set<string>();
  const amount = (v: unknown, where: string): string => {
    const s = typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v;
    if (typeof s !== "string" || !AMOUNT.test(s) || BigInt(s) > U128_MAX)
      throw bad(`${where} must be a whole number of planck (a decimal string), got ${JSON.stringify(v)}`);
    return s;
  };
  json.forEach((entry, i) => {
    const at = `claim ${i}`;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry))
      throw bad(`${at}: expected an object`);
    const { address, amount: value, vesting, statement, ...rest } = entry as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0)
      throw bad(`${at}: unknown field "${unknown[0]}" (known: address, amount, vesting, statement)`);
    if (typeof address !== "string" || !ADDRESS.test(address))
      throw bad(`${at}: "address" must be a 0x-prefixed 20-byte Ethereum address`);
    const key = address.toLowerCase();
    if (seen.has(key)) throw bad(`${at}: ${address} has a claim already`);
    seen.add(key);
    if (statement !== undefined && statement !== "Regular" && statement !== "Saft")
      throw bad(`${at}: "statement" must be "Regular" or "Saft"`);
    out.claims.push([key, amount(value, `${at} amount`), null, (statement as string | undefined) ?? null]);
    if (vesting === undefined) return;
    if (vesting === null || typeof vesting !== "object")
      throw bad(`${at}: "vesting" must be {"locked", "perBlock", "startingBlock"}`);
    const v = vesting as Record<string, unknown>;
    const start = v.startingBlock;
    if (typeof start !== "number" || !Number.isInteger(start) || start < 0 || start > 0xffff_ffff)
      throw bad(`${at}: vesting "startingBlock" must be a block number`);
    const locked = amount(v.locked, `${at} vesting locked`);
    if (BigInt(locked) > BigInt(out.claims[i]![1]))
      throw bad(`${at}: vesting locks ${locked}, more than the claim's ${out.claims[i]![1]}`);
    out.vesting.push([key, [locked, amount(v.perBlock, `${at} vesting perBlock`), start]]);
  });
  return out;
}
