import { toHex } from "@canary/primitives";
import { Keyring } from "@polkadot/keyring";
import { cryptoWaitReady, mnemonicGenerate } from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNT_IDS } from "../../../test/support/devAccounts.ts";
import { initCrypto } from "./init.ts";
import type { Scheme } from "./keypair.ts";
import { DEV_PHRASE, keypairFromSuri, miniSecretFromMnemonic } from "./keyring.ts";
import { sr25519Sign, sr25519Verify } from "./sr25519.ts";

let generated = "";
beforeAll(async () => {
  await initCrypto();
  await cryptoWaitReady();
  generated = mnemonicGenerate(24);
});

const ALICE = DEV_ACCOUNT_IDS.Alice.publicKey;
const BOB = DEV_ACCOUNT_IDS.Bob.publicKey;
const HEX_SEED = `0x${"4f".repeat(32)}`;
const code = (c: string) => expect.objectContaining({ code: c });

function polkadotJs(suri: string, scheme: Scheme): string {
  return toHex(new Keyring({ type: scheme }).createFromUri(suri, {}, scheme).publicKey);
}

/** Hard-only URIs: valid for every scheme. */
const HARD_URIS = () => [
  "//Alice",
  "//Bob//stash",
  "//0",
  "//1//2",
  "//18446744073709551615",
  "//18446744073709551616",
  "//0x1234",
  "//0x",
  "//0xabc",
  `//0x${"ab".repeat(40)}`,
  `//${"x".repeat(31)}`,
  `//${"x".repeat(32)}`,
  "//a-very-long-junction-name-that-is-longer-than-thirty-two-bytes",
  "//Ünïcödé",
  "//with space",
  `${DEV_PHRASE}`,
  `${DEV_PHRASE}///password`,
  `${DEV_PHRASE}//Alice///secret pass`,
  `${HEX_SEED}`,
  `${HEX_SEED}//x//0`,
  `${HEX_SEED}///ignored-for-hex-seeds`,
  `${generated}//x//0`,
  `${generated}///pw`,
];

const SOFT_URIS = () => [
  "//Alice/soft",
  "//Alice/1/2//3",
  "//Alice/0x00ff",
  `${DEV_PHRASE}/soft//hard/0`,
  `${generated}/0`,
];

describe("keypairFromSuri", () => {
  it("gives the golden dev keys", () => {
    expect(toHex(keypairFromSuri("//Alice").publicKey)).toBe(ALICE);
    expect(toHex(keypairFromSuri("//Bob").publicKey)).toBe(BOB);
    expect(toHex(keypairFromSuri(`${DEV_PHRASE}//Alice`, "sr25519").publicKey)).toBe(ALICE);
  });

  it.each<Scheme>(["sr25519", "ed25519", "ecdsa"])(
    "matches @polkadot/keyring for %s, hard paths",
    (scheme) => {
      for (const uri of HARD_URIS()) {
        expect([uri, toHex(keypairFromSuri(uri, scheme).publicKey)]).toEqual([uri, polkadotJs(uri, scheme)]);
      }
    },
  );

  it("matches @polkadot/keyring for sr25519 soft and mixed paths", () => {
    for (const uri of SOFT_URIS()) {
      expect([uri, toHex(keypairFromSuri(uri).publicKey)]).toEqual([uri, polkadotJs(uri, "sr25519")]);
    }
    // A leading soft junction also derives from the dev phrase (Substrate accepts it; polkadot.js does not).
    expect(toHex(keypairFromSuri("/soft").publicKey)).toBe(polkadotJs(`${DEV_PHRASE}/soft`, "sr25519"));
  });

  it("gives pairs that sign", () => {
    const pair = keypairFromSuri("//Alice/soft");
    const message = new Uint8Array([1, 2, 3]);
    expect(sr25519Verify(sr25519Sign(pair, message), message, pair.publicKey)).toBe(true);
  });

  it("rejects soft derivation for ed25519 and ecdsa", () => {
    for (const scheme of ["ed25519", "ecdsa"] as const) {
      expect(() => keypairFromSuri("//Alice/soft", scheme)).toThrow(code("SURI_SOFT_UNSUPPORTED"));
      expect(() => polkadotJs("//Alice/soft", scheme)).toThrow(); // polkadot.js refuses it too
    }
  });

  it("rejects unknown words and bad checksums, as polkadot.js does", () => {
    const unknownWord = "bottom drive obey lake curtain smoke basket hold race lonely fit wakl";
    const badChecksum = Array(12).fill("abandon").join(" ");
    for (const phrase of [unknownWord, badChecksum]) {
      expect(() => keypairFromSuri(`${phrase}//Alice`)).toThrow(code("SURI_BAD_MNEMONIC"));
      expect(() => polkadotJs(`${phrase}//Alice`, "sr25519")).toThrow();
    }
    expect(() => miniSecretFromMnemonic(badChecksum)).toThrow(code("SURI_BAD_MNEMONIC"));
    // The valid neighbour of the bad-checksum phrase is accepted.
    expect(() => keypairFromSuri(`${Array(11).fill("abandon").join(" ")} about`)).not.toThrow();
  });

  it("rejects malformed seeds and phrases with typed errors that do not echo them", () => {
    const cases: Array<[string, string]> = [
      ["0x1234//Alice", "SURI_BAD_SEED"],
      [`0x${"4f".repeat(33)}`, "SURI_BAD_SEED"],
      ["0xZZZZ", "SURI_BAD_SEED"],
      ["bottom drive obey", "SURI_BAD_WORD_COUNT"],
      ["Alice", "SURI_BAD_WORD_COUNT"],
      ["bottom drive//", "SURI_MALFORMED"],
      ["", "SURI_MALFORMED"],
      [`${DEV_PHRASE}//${(2n ** 256n).toString()}`, "SURI_BAD_JUNCTION"],
    ];
    for (const [suri, expected] of cases) {
      let caught: unknown;
      try {
        keypairFromSuri(suri);
      } catch (error) {
        caught = error;
      }
      expect([suri, (caught as { code?: string })?.code]).toEqual([suri, expected]);
      expect((caught as Error).message).not.toContain("bottom drive");
      expect((caught as Error).message).not.toContain("4f4f");
    }
    expect(() => keypairFromSuri(`${HEX_SEED}`, "nope" as Scheme)).toThrow(code("CRYPTO_BAD_INPUT"));
  });
});
