import {
  definePallet,
  type Executive,
  encodeApplyExtrinsicResult,
  type RuntimeCall,
  TransactionValidityErrorCodec,
  weight,
} from "@canary/frame";
import { MemoryHost } from "@canary/frame/testing";
import {
  type Block,
  blockHash,
  type CanaryExtra,
  type Era,
  encodeExtrinsic,
  type Header,
  mortalEra,
  payloadToSign,
  signingPayload,
  toHex,
} from "@canary/primitives";
import { sr25519KeypairFromSeed, sr25519Sign, sr25519Verify, waitReady } from "@polkadot/wasm-crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  checkSystemInvariants,
  MOCK_VERSION,
  type MockChain,
  mockChain,
  mockExecutive,
} from "./mockRuntime.ts";

interface Signer {
  public: Uint8Array;
  secret: Uint8Array;
}
let alice: Signer;
let bob: Signer;

beforeAll(async () => {
  await waitReady();
  const pair = (seed: number): Signer => {
    const kp = sr25519KeypairFromSeed(new Uint8Array(32).fill(seed));
    return { secret: kp.slice(0, 64), public: kp.slice(64) };
  };
  alice = pair(1);
  bob = pair(2);
});

let chain: MockChain;
let executive: Executive;
const GENESIS = new Uint8Array(32).fill(0xee);

afterEach(() => {
  if (chain) expect(checkSystemInvariants(chain)).toEqual([]);
});

/** A chain at genesis whose accounts `funded` exist (have a provider). */
function setup(funded: Signer[]): void {
  chain = mockChain(undefined, { sr25519Verify: (sig, msg, pub) => sr25519Verify(sig, msg, pub) });
  executive = mockExecutive(chain);
  chain.run(() => {
    chain.system.storage.BlockHash.set(0, GENESIS);
    for (const s of funded) chain.system.api.incProviders(s.public);
  });
}

const remark = (bytes: number[]): RuntimeCall => ({
  tag: "System",
  value: { tag: "remark_with_event", value: { remark: Uint8Array.from(bytes) } },
});

interface SignOptions {
  nonce?: number;
  era?: Era;
  birthHash?: Uint8Array;
  genesisHash?: Uint8Array;
  specVersion?: number;
  call?: Uint8Array;
}

function signedXt(signer: Signer, call: RuntimeCall, o: SignOptions = {}): Uint8Array {
  const callBytes = o.call ?? chain.runtime.callCodec.enc(call);
  const extra: CanaryExtra = {
    era: o.era ?? { tag: "Immortal" },
    nonce: o.nonce ?? 0,
    tip: 0n,
    metadataHashMode: 0,
  };
  const version = MOCK_VERSION;
  const payload = signingPayload({
    call: callBytes,
    extra,
    additional: {
      specVersion: o.specVersion ?? version.spec_version,
      txVersion: version.transaction_version,
      genesisHash: o.genesisHash ?? GENESIS,
      birthHash: o.birthHash ?? o.genesisHash ?? GENESIS,
      metadataHash: undefined,
    },
  });
  const signature = sr25519Sign(signer.public, signer.secret, payloadToSign(payload));
  return encodeExtrinsic({
    call: callBytes,
    signed: {
      address: { tag: "Id", value: signer.public },
      signature: { tag: "Sr25519", value: signature },
      extra,
    },
  });
}

const header = (number: number, parentHash: Uint8Array): Header => ({
  parentHash,
  number,
  stateRoot: new Uint8Array(32),
  extrinsicsRoot: new Uint8Array(32),
  digest: [],
});

/** Applies `xt` in block 1 and returns the encoded ApplyExtrinsicResult. */
function applyInBlock(xt: Uint8Array): string {
  return chain.run(() => {
    executive.initializeBlock(header(1, GENESIS));
    return toHex(encodeApplyExtrinsicResult(executive.applyExtrinsic(xt)));
  });
}

const stateRoot = () => toHex(chain.run(() => chain.host.storageRoot(1)));
const eventNames = () =>
  chain.run(() => chain.system.storage.Events.get()).map((e) => `${e.event.tag}.${e.event.value.tag}`);

describe("executive: applying extrinsics", () => {
  it("applies a signed extrinsic: nonce incremented, outcome event, Ok(Ok(()))", () => {
    setup([alice]);
    expect(applyInBlock(signedXt(alice, remark([1])))).toBe("0x0000");
    chain.run(() => expect(chain.system.storage.Account.get(alice.public).nonce).toBe(1));
    expect(eventNames()).toEqual(["System.Remarked", "System.ExtrinsicSuccess"]);
  });

  it("includes a call that fails dispatch: Ok(Err(error)), nonce still incremented, ExtrinsicFailed", () => {
    setup([alice]);
    const setStorage: RuntimeCall = { tag: "System", value: { tag: "set_storage", value: { items: [] } } };
    expect(applyInBlock(signedXt(alice, setStorage))).toBe("0x000102"); // Ok(Err(BadOrigin))
    chain.run(() => expect(chain.system.storage.Account.get(alice.public).nonce).toBe(1));
    expect(eventNames()).toEqual(["System.ExtrinsicFailed"]);
  });

  const rejected = (error: Parameters<typeof TransactionValidityErrorCodec.enc>[0]) =>
    `0x01${toHex(TransactionValidityErrorCodec.enc(error)).slice(2)}`;

  it("rejects each kind of invalid transaction with its validity error and changes nothing", () => {
    setup([alice]);
    const before = () => {
      chain.run(() => executive.initializeBlock(header(1, GENESIS)));
      return stateRoot();
    };
    const cases: Array<[string, () => Uint8Array, string]> = [
      [
        "bad signature",
        () => signedXt(bob, remark([1])).map((b, i, a) => (i === a.length - 40 ? b ^ 1 : b)),
        rejected({ tag: "Invalid", value: { tag: "BadProof" } }),
      ],
      [
        "signed for another chain",
        () => signedXt(alice, remark([1]), { genesisHash: new Uint8Array(32) }),
        rejected({ tag: "Invalid", value: { tag: "BadProof" } }),
      ],
      [
        "signed for another spec version",
        () => signedXt(alice, remark([1]), { specVersion: 999 }),
        rejected({ tag: "Invalid", value: { tag: "BadProof" } }),
      ],
      [
        "stale nonce",
        () => signedXt(alice, remark([1]), { nonce: 0 }),
        rejected({ tag: "Invalid", value: { tag: "Stale" } }),
      ],
      [
        "future nonce",
        () => signedXt(alice, remark([1]), { nonce: 5 }),
        rejected({ tag: "Invalid", value: { tag: "Future" } }),
      ],
      [
        "sender that does not exist",
        () => signedXt(bob, remark([1])),
        rejected({ tag: "Invalid", value: { tag: "Payment" } }),
      ],
      [
        "unknown pallet index",
        () => signedXt(alice, remark([1]), { nonce: 1, call: Uint8Array.of(99, 0) }),
        rejected({ tag: "Invalid", value: { tag: "Call" } }),
      ],
      [
        "truncated extrinsic",
        () => signedXt(alice, remark([1]), { nonce: 1 }).slice(0, 50),
        rejected({ tag: "Invalid", value: { tag: "Call" } }),
      ],
      [
        "birth block never seen (era)",
        () => signedXt(alice, remark([1]), { nonce: 1, era: mortalEra(64, 40) }),
        rejected({ tag: "Invalid", value: { tag: "AncientBirthBlock" } }),
      ],
    ];
    // Bring Alice's nonce to 1 so that "stale" and "future" are meaningful.
    expect(applyInBlock(signedXt(alice, remark([0])))).toBe("0x0000");
    for (const [name, build, expected] of cases) {
      const root = before();
      const result = chain.run(() => toHex(encodeApplyExtrinsicResult(executive.applyExtrinsic(build()))));
      expect(result, name).toBe(expected);
      expect(stateRoot(), `${name} changed state`).toBe(root);
    }
  });

  it("rejects an extrinsic larger than the block's Normal length limit", () => {
    setup([alice]);
    const big = remark(Array.from({ length: 4_000_000 }, () => 7));
    expect(applyInBlock(signedXt(alice, big))).toBe(
      rejected({ tag: "Invalid", value: { tag: "ExhaustsResources" } }),
    );
  });
});

describe("executive: blocks", () => {
  it("builds a block, then executing it on the same starting state reproduces the header's roots", () => {
    setup([alice]);
    const genesis = new MemoryHost([...chain.host.state.values()]);
    const xts = [signedXt(alice, remark([1])), signedXt(alice, remark([2]), { nonce: 1 })];
    const built = chain.run(() => {
      executive.initializeBlock(header(1, GENESIS));
      for (const xt of xts) expect(executive.applyExtrinsic(xt).ok).toBe(true);
      return executive.finalizeBlock();
    });
    expect(built.number).toBe(1);
    const block: Block = { header: built, extrinsics: xts };
    // Import on the state the block was built on.
    chain.host.state.clear();
    for (const [k, v] of genesis.state) chain.host.state.set(k, v);
    chain.run(() => executive.executeBlock(block));
    expect(stateRoot()).toBe(toHex(built.stateRoot));
    expect(blockHash(built)).toHaveLength(32);
  });

  it("refuses a block whose state root differs, and one with an invalid extrinsic", () => {
    setup([alice]);
    const start = [...chain.host.state.entries()];
    const xt = signedXt(alice, remark([1]));
    const built = chain.run(() => {
      executive.initializeBlock(header(1, GENESIS));
      executive.applyExtrinsic(xt);
      return executive.finalizeBlock();
    });
    const reset = () => {
      chain.host.state.clear();
      for (const [k, v] of start) chain.host.state.set(k, v);
    };
    reset();
    const tampered = { ...built, stateRoot: new Uint8Array(32).fill(1) };
    expect(() => chain.run(() => executive.executeBlock({ header: tampered, extrinsics: [xt] }))).toThrow(
      /state root/,
    );
    reset();
    expect(() =>
      chain.run(() =>
        executive.executeBlock({ header: built, extrinsics: [signedXt(alice, remark([1]), { nonce: 3 })] }),
      ),
    ).toThrow(/extrinsic 0 of block #1 is invalid: Invalid\(Future\)/);
  });
});

describe("executive: pool validation", () => {
  it("gives nonce tags, era longevity and a priority; a future nonce requires its predecessor", () => {
    setup([alice]);
    const validity = (xt: Uint8Array) =>
      chain.run(() => executive.validateTransaction("External", xt, GENESIS));
    const now = validity(signedXt(alice, remark([1]), { era: mortalEra(64, 0), birthHash: GENESIS }));
    expect(now.provides.map(toHex)).toEqual([`${toHex(alice.public)}00000000`]);
    expect(now.requires).toEqual([]);
    expect(now.longevity).toBe(63n);
    expect(now.priority > 0n).toBe(true);
    const future = validity(signedXt(alice, remark([1]), { nonce: 2 }));
    expect(future.requires.map(toHex)).toEqual([`${toHex(alice.public)}01000000`]);
    expect(future.longevity).toBe((1n << 64n) - 1n);
    expect(() => validity(signedXt(bob, remark([1])))).toThrow(
      expect.objectContaining({ error: { tag: "Invalid", value: { tag: "Payment" } } }),
    );
  });

  it("refuses unsigned calls no validator claims, and inherents, which only block authors add", () => {
    setup([alice]);
    const validity = (xt: Uint8Array) =>
      chain.run(() => executive.validateTransaction("External", xt, GENESIS));
    const unsigned = encodeExtrinsic({ call: chain.runtime.callCodec.enc(remark([1])) });
    expect(() => validity(unsigned)).toThrow(
      expect.objectContaining({ error: { tag: "Unknown", value: { tag: "NoUnsignedValidator" } } }),
    );
    // Applying does not consult a validator (FRAME's pre_dispatch): the call's origin check refuses it.
    expect(applyInBlock(unsigned)).toBe("0x000102"); // Ok(Err(BadOrigin))
  });
});

describe("executive: on_idle", () => {
  it("offers the block's leftover weight to each pallet in turn, minus what earlier ones used", () => {
    const seen: Array<[string, bigint]> = [];
    const Idle = definePallet({
      name: "Idle",
      build: (self: { name: string; config: { uses: bigint } }) => ({
        hooks: {
          onIdle: (_block: number, remaining: { refTime: bigint }) => {
            seen.push([self.name, remaining.refTime]);
            return weight(self.config.uses);
          },
        },
      }),
    });
    chain = mockChain((b) => {
      b.add(10, Idle, { uses: 1_000n }, "First");
      b.add(11, Idle, { uses: 0n }, "Second");
      return {};
    });
    executive = mockExecutive(chain);
    chain.run(() => {
      executive.initializeBlock(header(1, GENESIS));
      const used = chain.system.api.executive.blockWeight();
      const total = used.Normal.refTime + used.Operational.refTime + used.Mandatory.refTime;
      executive.finalizeBlock();
      const left = executive.limits.maxBlock.refTime - total;
      expect(seen).toEqual([
        ["First", left],
        ["Second", left - 1_000n],
      ]);
    });
  });
});
