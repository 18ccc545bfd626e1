/**
 * Where a chain lives under a base path (`<base>/chains/<id>/{db,keystore,network}`), as
 * Substrate lays it out. A chain spec's id becomes a directory name, so it is checked before any
 * path is made from it, and every path is checked to stay under the base path: nothing the node
 * creates or deletes is outside it.
 */
import { lstatSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { ServiceError } from "./errors.ts";

/** Letters, digits, `_` and `-`: a chain id is a directory name and nothing more. */
export const CHAIN_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidChainId(id: string): boolean {
  return CHAIN_ID_PATTERN.test(id);
}

export interface ChainPaths {
  base: string;
  chain: string;
  db: string;
  keystore: string;
  network: string;
  lock: string;
}

/** The chain's directories under `base`; throws NODE_BAD_CHAIN_ID for an id that is not a plain name. */
export function chainPaths(base: string, chainId: string): ChainPaths {
  if (!isValidChainId(chainId)) {
    throw new ServiceError(
      "NODE_BAD_CHAIN_ID",
      `the chain id ${JSON.stringify(chainId)} is not allowed: a chain id is 1 to 64 letters, digits, "_" or "-"; fix "id" in the chain spec`,
    );
  }
  const root = resolve(base);
  const chain = join(root, "chains", chainId);
  const paths = {
    base: root,
    chain,
    db: join(chain, "db"),
    keystore: join(chain, "keystore"),
    network: join(chain, "network"),
    lock: join(chain, "LOCK"),
  };
  for (const p of Object.values(paths)) assertInside(root, p);
  return paths;
}

/**
 * Throws NODE_PATH_OUTSIDE_BASE unless `path` is under `base`, also once symbolic links are
 * followed as far as the path exists (a `chains` link pointing elsewhere is refused).
 */
export function assertInside(base: string, path: string): void {
  const outside = () =>
    new ServiceError(
      "NODE_PATH_OUTSIDE_BASE",
      `${path} is outside the base path ${base}: the node creates and deletes files only under its base path`,
    );
  if (!within(resolve(base), resolve(path))) throw outside();
  const realBase = realExisting(base);
  if (!within(realBase, realExisting(path))) throw outside();
}

function within(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep));
}

/** The real path of the longest existing prefix of `path`, with the rest appended. */
function realExisting(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      lstatSync(existing);
      return join(realpathSync(existing), ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return resolve(path);
      rest.push(existing.slice(parent.length).replace(/^[\\/]/, ""));
      existing = parent;
    }
  }
}
