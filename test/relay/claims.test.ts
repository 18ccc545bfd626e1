/**
 * KSM claims in the relay runtime: a genesis with claims (one vested, one needing a statement), a
 * wallet signing Kusama's message with viem (an independent Ethereum library), the unsigned
 * `claim` accepted by the pool's validation and paid in a block — its vested part locked by Vesting
 * — then refused as spent; a signature of a key without a claim is refused with Kusama's code.
 */
import { TaggedTransactionQueueApi } from "@canary/frame";
import { AccountId32, encodeExtrinsic, fromHex, storageKey, toHex, u128 } from "@canary/primitives";
import { privateKeyToAccount } from "viem/accounts";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS } from "../../runtimes/relay/src/index.ts";
import { RelayChain, ready, relayBundle } from "./harness.ts";

const holder = privateKeyToAccount(`0x${"11".repeat(32)}`);
const attester = privateKeyToAccount(`0x${"22".repeat(32)}`);
const stranger = privateKeyToAccount(`0x${"33".repeat(32)}`);
const KSM = 10n ** 12n;
let code: Uint8Array;

beforeAll(async () => {
  await ready();
  code = (await relayBundle()).code;
}, 60_000);

function chainWithClaims(): RelayChain {
  const config = {
    balances: { balances: [[toHex(DEV_ACCOUNTS.Alice), (1000n * KSM).toString()]] },
    claims: {
      claims: [
        [holder.address, (50n * KSM).toString(), null, null],
        [attester.address, (7n * KSM).toString(), null, "Regular"],
      ],
      vesting: [[holder.address, [(10n * KSM).toString(), KSM.toString(), 100]]],
    },
  };
  return new RelayChain(code, { config: new TextEncoder().encode(JSON.stringify(config)) });
}

/** `Claims.claim { dest, ethereum_signature }`, unsigned (Claims is pallet 19, `claim` call 0). */
async function claim(signer: typeof holder, dest: Uint8Array): Promise<Uint8Array> {
  const signature = await signer.signMessage({
    message: `Pay KSMs to the Kusama account:${toHex(dest).slice(2)}`,
  });
  return encodeExtrinsic({ call: Uint8Array.of(19, 0, ...dest, ...fromHex(signature)) });
}

const free = (chain: RelayChain, who: Uint8Array) => {
  const raw = chain.state.storageGet(
    storageKey("System", "Account", ["Blake2_128Concat", AccountId32.enc(who)]),
  );
  return raw ? u128.dec(raw.subarray(16, 32)) : 0n;
};
const total = (chain: RelayChain) => u128.dec(chain.state.storageGet(storageKey("Claims", "Total"))!);

describe("claims in the relay runtime", () => {
  it("pays a claim signed with an Ethereum key, vests its part, and refuses it once spent", async () => {
    const chain = chainWithClaims();
    expect(total(chain)).toBe(57n * KSM);
    const dest = DEV_ACCOUNTS.Dave;
    const xt = await claim(holder, dest);
    const pool = chain.api(TaggedTransactionQueueApi);
    const valid = pool.validate_transaction({ tag: "External" }, xt, chain.genesisHash);
    expect(valid).toMatchObject({ ok: true, value: { priority: 100n } });
    const { results } = chain.buildBlock([xt]);
    expect(results).toEqual(["0x0000"]); // Ok(Ok(()))
    expect(free(chain, dest)).toBe(50n * KSM);
    expect(total(chain)).toBe(7n * KSM);
    // The vested 10 KSM are locked by Vesting.
    expect(
      chain.state.storageGet(storageKey("Vesting", "Vesting", ["Blake2_128Concat", AccountId32.enc(dest)])),
    ).toBeDefined();
    // Spent: the same claim is refused before it reaches a block.
    const again = chain
      .api(TaggedTransactionQueueApi)
      .validate_transaction({ tag: "External" }, xt, chain.genesisHash);
    expect(again).toMatchObject({ ok: false, error: { tag: "Invalid", value: { tag: "Custom", value: 1 } } });
  });

  it("refuses a key without a claim, and a claim that needs a statement without it, changing nothing", async () => {
    const chain = chainWithClaims();
    const pool = chain.api(TaggedTransactionQueueApi);
    const check = async (signer: typeof holder) =>
      pool.validate_transaction(
        { tag: "External" },
        await claim(signer, DEV_ACCOUNTS.Eve),
        chain.genesisHash,
      );
    // SignerHasNoClaim (1), InvalidStatement (3): Kusama's ValidityError codes.
    expect(await check(stranger)).toMatchObject({ ok: false, error: { value: { tag: "Custom", value: 1 } } });
    expect(await check(attester)).toMatchObject({ ok: false, error: { value: { tag: "Custom", value: 3 } } });
    expect(total(chain)).toBe(57n * KSM);
  });
});
