// Executing one relay block of N transfer_keep_alive calls between distinct pre-existing accounts,
// in-process through the executor and the node's host (issue 3): signatures checked inside the
// runtime, checked ahead on worker threads (time included) with the runtime answered from the
// verified set, and execution alone (verified before the clock starts). Reported as transactions
// per second and as a ratio to single-thread sr25519 verifications per second measured in the
// same run.
import { availableParallelism } from "node:os";
import {
  initCrypto,
  type Keypair,
  type SignatureCheck,
  SignatureVerifier,
  sr25519KeypairFromSeed,
  sr25519Sign,
  sr25519Verify,
} from "@canary/crypto";
import { VerifiedSignatureSet } from "@canary/node";
import { Block, decodeExtrinsic, encodeUtf8, payloadToSign, signingPayload, toHex } from "@canary/primitives";
import { SPEC_VERSION } from "../runtimes/relay/src/index.ts";
import { RelayChain, relayBundle } from "../test/relay/harness.ts";
import { signedTransfer } from "../test/support/transfer.ts";
import { transferAccounts } from "./fixtures/transferAccounts.ts";
import { type BenchRow, collectGarbage, opsPerSecond, report } from "./report.ts";

// BLOCK_SIZES=2000 limits a run to the sizes given (profiling).
const SIZES = (process.env.BLOCK_SIZES ?? "1000,5000").split(",").map(Number);
const UNITS = 1_000_000_000_000n;

await initCrypto();
const rows: BenchRow[] = [];
const { code } = await relayBundle();

/** Distinct funded senders and receivers, all existing at genesis. */
function genesisConfig(senders: Keypair[], receivers: Uint8Array[]): Uint8Array {
  const entries = [...senders.map((k) => k.publicKey), ...receivers].map(
    (key) => `["${toHex(key)}", ${1_000n * UNITS}]`,
  );
  return encodeUtf8(`{"balances":{"balances":[${entries.join(",")}]}}`);
}

function transfers(chain: RelayChain, senders: Keypair[], receivers: Uint8Array[]): Uint8Array[] {
  return senders.map((sender, i) => signedTransfer(chain.genesisHash, sender, receivers[i]!, UNITS));
}

/** What an importer verifies ahead: each signed extrinsic's signature over its payload. */
function signatureChecks(chain: RelayChain, xts: Uint8Array[]): SignatureCheck[] {
  const checks: SignatureCheck[] = [];
  for (const xt of xts) {
    const { signed, call } = decodeExtrinsic(xt);
    if (signed?.signature.tag !== "Sr25519" || signed.address.tag !== "Id") continue;
    const payload = signingPayload({
      call,
      extra: signed.extra,
      additional: {
        specVersion: SPEC_VERSION,
        txVersion: 1,
        genesisHash: chain.genesisHash,
        birthHash: chain.genesisHash,
        metadataHash: undefined,
      },
    });
    checks.push({
      scheme: "sr25519",
      signature: signed.signature.value,
      message: payloadToSign(payload),
      publicKey: signed.address.value,
    });
  }
  return checks;
}

// The single-thread reference, measured in this run.
const sample = sr25519KeypairFromSeed(new Uint8Array(32).fill(7));
const message = new Uint8Array(120).fill(1);
const signature = sr25519Sign(sample, message);
const verifyRate = opsPerSecond(() => {
  if (!sr25519Verify(signature, message, sample.publicKey)) throw new Error("valid signature refused");
});
rows.push({ name: "sr25519 verify, 1 thread", value: verifyRate, unit: "verifications/s" });

// The importer waits for the verdicts before executing, so verification may take every core.
const verifier = new SignatureVerifier({ workers: availableParallelism() });
for (const n of SIZES) {
  const { senders, receivers } = transferAccounts(n);
  const config = genesisConfig(senders, receivers);
  const author = new RelayChain(code, { config });
  const xts = transfers(author, senders, receivers);
  const { block, results } = author.buildBlock(xts);
  const failed = results.filter((r) => r !== "0x0000").length;
  if (failed > 0)
    throw new Error(`${failed} of ${n} transfers were not applied: ${results.find((r) => r !== "0x0000")}`);
  const encoded = Block.enc(block);

  // Each run imports on a fresh copy of the genesis state (the executor's compiled code is kept).
  const importInside = () => {
    const chain = new RelayChain(code, { config });
    collectGarbage();
    const start = performance.now();
    chain.importBlock(Block.dec(encoded));
    return performance.now() - start;
  };
  const importAhead = async () => {
    const chain = new RelayChain(code, { config });
    collectGarbage();
    const start = performance.now();
    const decoded = Block.dec(encoded);
    const checks = signatureChecks(chain, decoded.extrinsics);
    const verdicts = await verifier.verify(checks);
    const verified = new VerifiedSignatureSet();
    checks.forEach((c, i) => {
      if (verdicts[i]) verified.add(c.signature, c.message, c.publicKey);
    });
    chain.hostOptions = { verified };
    chain.importBlock(decoded);
    return performance.now() - start;
  };
  // Execution alone: the verdicts are in hand before the clock starts.
  const verifiedAhead = new VerifiedSignatureSet();
  {
    const checks = signatureChecks(author, xts);
    const verdicts = await verifier.verify(checks);
    checks.forEach((c, i) => {
      if (verdicts[i]) verifiedAhead.add(c.signature, c.message, c.publicKey);
    });
  }
  const executeOnly = () => {
    const chain = new RelayChain(code, { config }, { verified: verifiedAhead });
    const decoded = Block.dec(encoded);
    collectGarbage();
    const start = performance.now();
    chain.importBlock(decoded);
    return performance.now() - start;
  };
  importInside(); // warm up
  // Execution alone is the steady state a running node reaches: two imports to warm up the JIT,
  // then the best of five (this shared machine's spread between runs is about ±10%).
  executeOnly();
  executeOnly();
  const alone = Math.min(...Array.from({ length: 5 }, executeOnly));
  const inside = Math.min(importInside(), importInside(), importInside());
  await importAhead();
  const ahead = Math.min(await importAhead(), await importAhead(), await importAhead());
  const insideRate = (n * 1000) / inside;
  const aheadRate = (n * 1000) / ahead;
  rows.push(
    {
      name: `block of ${n.toLocaleString("en-US")} transfers, execution alone (signatures verified before)`,
      value: (alone * 1000) / n,
      unit: "µs/transfer",
      note: `${alone.toFixed(0)} ms; goal ≤ 150 µs`,
    },
    {
      name: `block of ${n.toLocaleString("en-US")} transfers, signatures inside`,
      value: insideRate,
      unit: "tx/s",
      note: `${inside.toFixed(0)} ms; ${(insideRate / verifyRate).toFixed(2)}× 1-thread verify rate`,
    },
    {
      name: `block of ${n.toLocaleString("en-US")} transfers, signatures ahead (${verifier.workers} workers)`,
      value: aheadRate,
      unit: "tx/s",
      note: `${ahead.toFixed(0)} ms; ${(aheadRate / verifyRate).toFixed(2)}× 1-thread verify rate`,
    },
  );
}
await verifier.close();
report("block-execution", rows);
