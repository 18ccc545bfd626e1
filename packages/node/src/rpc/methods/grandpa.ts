/**
 * `grandpa_*` JSON-RPC, as sc-consensus-grandpa-rpc serves it: the voter's round state, finality
 * proofs from stored justifications, and a subscription to every justification the voter makes
 * or applies. Without a voter (instant seal) the methods answer Substrate's "not ready" error.
 */
import { Bytes, GRANDPA_ENGINE_ID, H256, Header, Struct, ss58Encode, toHex, Vec } from "@canary/primitives";
import type { Chain } from "../../chain/index.ts";
import type { GrandpaVoter } from "../../consensus/grandpa/index.ts";
import { invalidParams, RPC_CODES, RpcError } from "../errors.ts";
import type { RpcServer } from "../rpcServer.ts";
import { arg } from "./params.ts";

/** `sc_consensus_grandpa::FinalityProof`: the justified block, its justification, the headers leading to it. */
export const FinalityProof = Struct(
  { block: H256, justification: Bytes, unknownHeaders: Vec(Header, "FinalityProof.unknown_headers") },
  "FinalityProof",
);

/** At most this many headers in a proof (Substrate's `MAX_UNKNOWN_HEADERS`). */
const MAX_UNKNOWN_HEADERS = 100_000;

export function registerGrandpa(
  server: Pick<RpcServer, "register" | "registerSubscription">,
  chain: Chain,
  voter: () => GrandpaVoter | undefined,
): void {
  const running = (): GrandpaVoter => {
    const v = voter();
    if (!v)
      throw new RpcError(
        RPC_CODES.stateCallFailed,
        "GRANDPA RPC endpoint not ready: this node runs no GRANDPA voter",
      );
    return v;
  };

  server.register("grandpa_roundState", () => {
    const s = running().state();
    const votes = (t: { currentWeight: bigint; missing: Uint8Array[] }) => ({
      currentWeight: Number(t.currentWeight),
      missing: t.missing.map((id) => ss58Encode(id, 2)),
    });
    return {
      setId: Number(s.setId),
      best: {
        round: Number(s.round),
        totalWeight: Number(s.totalWeight),
        thresholdWeight: Number(s.thresholdWeight),
        prevotes: votes(s.prevotes),
        precommits: votes(s.precommits),
      },
      background: [],
    };
  });

  server.register("grandpa_proveFinality", (params) => {
    const n = arg(params, 0);
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
      throw invalidParams("the block number must be a whole number");
    const finalized = chain.finalized().number;
    if (n > finalized) return null;
    // The first stored justification at or above the block proves it, with the headers in between.
    for (let m = n; m <= finalized; m++) {
      const hash = chain.blocks.hashAt(m)!;
      const justification = chain.blocks
        .justifications(hash)
        ?.find(([e]) => toHex(e) === toHex(GRANDPA_ENGINE_ID))?.[1];
      if (!justification) continue;
      const unknownHeaders = [];
      for (let k = n + 1; k <= m && unknownHeaders.length < MAX_UNKNOWN_HEADERS; k++)
        unknownHeaders.push(chain.header(chain.blocks.hashAt(k)!)!);
      return toHex(FinalityProof.enc({ block: hash, justification, unknownHeaders }));
    }
    return null;
  });

  server.registerSubscription({
    subscribe: "grandpa_subscribeJustifications",
    unsubscribe: "grandpa_unsubscribeJustifications",
    notification: "grandpa_justifications",
    start: (_params, sink) => running().onJustification((j) => sink.send(toHex(j))),
  });
}
