/**
 * The well-known dev accounts as Substrate's keyring gives them (sr25519 from the dev phrase):
 * public keys and SS58 addresses, Kusama's (prefix 2) and the generic Substrate one (prefix 42).
 * They are literal on purpose: tests compare our keyring and codecs with them, and
 * packages/crypto/src/dev.test.ts checks them against @polkadot/keyring. No imports, so that the
 * pure packages' tests can use them too. For the pairs themselves, `devKeypair` in @canary/crypto.
 */
export const DEV_ACCOUNT_IDS = {
  Alice: {
    publicKey: "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
    ss58: "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F",
    ss58Generic: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
  },
  Bob: {
    publicKey: "0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48",
    ss58: "FoQJpPyadYccjavVdTWxpxU7rUEaYhfLCPwXgkfD6Zat9QP",
    ss58Generic: "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
  },
} as const;
