// Consensus crypto: BABE VRF sign and verify (schnorrkel over the `BABE` Merlin transcript, pure JS
// on @noble/curves), a full slot-claim check, and GRANDPA justification verification for 4, 100
// and 1,000 authorities (a supermajority of precommits on the target, as honest voters produce).
import {
  babeVrfSign,
  babeVrfVerify,
  checkSlotClaim,
  claimSlot,
  grandpaThreshold,
  initCrypto,
  sr25519KeypairFromSeed,
  verifyGrandpaJustification,
  vrfSign,
  vrfVerify,
} from "@canary/crypto";
import { GrandpaJustification } from "@canary/primitives";
import { chain, justification, voters } from "../packages/crypto/src/grandpa/test/justifications.ts";
import { type BenchRow, opsPerSecond, report } from "./report.ts";

await initCrypto();
const rows: BenchRow[] = [];

const pair = sr25519KeypairFromSeed(new Uint8Array(32).fill(1));
const randomness = new Uint8Array(32).fill(7);
let slot = 1_000_000n;
rows.push({
  name: "BABE VRF sign (JS schnorrkel)",
  value: opsPerSecond(() => {
    babeVrfSign(pair, { randomness, slot: slot++, epochIndex: 3n });
  }),
  unit: "signatures/s",
});

const signed = Array.from({ length: 64 }, (_, i) => {
  const input = { randomness, slot: BigInt(i), epochIndex: 3n };
  return { input, signature: babeVrfSign(pair, input).signature };
});
let v = 0;
rows.push({
  name: "BABE VRF verify (JS schnorrkel)",
  value: opsPerSecond(() => {
    const { input, signature } = signed[v++ % signed.length]!;
    if (!babeVrfVerify(pair.publicKey, input, signature)) throw new Error("a valid VRF failed");
  }),
  unit: "verifications/s",
});

// For scale: wasm-crypto's VRF (another transcript, so not usable for BABE).
const ctx = new Uint8Array(4);
const msg = new Uint8Array(48);
const wasmSig = vrfSign(pair, ctx, msg);
rows.push({
  name: "sr25519 VRF verify (wasm, signing-context transcript)",
  value: opsPerSecond(() => {
    if (!vrfVerify(pair.publicKey, ctx, msg, wasmSig)) throw new Error("a valid VRF failed");
  }),
  unit: "verifications/s",
  note: "reference only",
});

const authorities = Array.from({ length: 4 }, (_, i) =>
  sr25519KeypairFromSeed(new Uint8Array(32).fill(i + 1)),
);
const epoch = {
  epochIndex: 3n,
  randomness,
  authorities: authorities.map((a) => ({ publicKey: a.publicKey, weight: 1n })),
  config: { c: [1n, 4n] as [bigint, bigint], allowedSlots: "PrimaryAndSecondaryVRFSlots" as const },
};
const claims = Array.from({ length: 16 }, (_, i) =>
  claimSlot(
    BigInt(500 + i),
    epoch,
    authorities.map((p, authorityIndex) => ({ pair: p, authorityIndex })),
  ),
).filter((c) => c !== undefined);
let c = 0;
rows.push({
  name: "BABE slot-claim check (VRF + threshold or secondary author)",
  value: opsPerSecond(() => {
    checkSlotClaim(claims[c++ % claims.length]!.preDigest, epoch);
  }),
  unit: "checks/s",
});

for (const n of [4, 100, 1000]) {
  const keys = voters(n);
  const set = keys.map((k) => [k.publicKey, 1n] as const);
  const target = chain(3)[2]!;
  const signers = keys.slice(0, Number(grandpaThreshold(BigInt(n))));
  const bytes = GrandpaJustification.enc(justification({ signers, target, round: 7n, setId: 1n }));
  const perSecond = opsPerSecond(
    () => {
      verifyGrandpaJustification(bytes, set, 1n);
    },
    1,
    n >= 1000 ? 3000 : 1000,
  );
  rows.push({
    name: `GRANDPA justification verify, ${n} authorities (${signers.length} precommits)`,
    value: 1000 / perSecond,
    unit: "ms",
    note: `${bytes.length} bytes, decode included`,
  });
}

report("consensus", rows);
