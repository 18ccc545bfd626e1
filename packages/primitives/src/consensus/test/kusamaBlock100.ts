import type { Header } from "../../header.ts";
import { fromHex } from "../../hex.ts";

/**
 * Kusama block #100 as polkadot.js returns it from a Kusama node (quoted in a public write-up of
 * `chain_getBlock`): a secondary plain claim by authority 1 in slot 262493784, epoch 0 (genesis
 * randomness, zero), sealed by that authority. With six authorities, reading blake2_256(randomness
 * ‖ slot) big-endian gives index 1; little-endian would give 4.
 */
export const KUSAMA_BLOCK_100: Header = {
  parentHash: fromHex("0x7d9f149e05130ad2d7adc88db828eee5d32dd30598e06f7accde3505732cf120"),
  number: 100,
  stateRoot: fromHex("0x07d185c7b8b68ce9d49c2ff3dd588c7780dcb4f38486a1166f263effcf59e8a7"),
  extrinsicsRoot: fromHex("0xb5c5efe7bb8387adc911d639e11cb44bac163ff9374c48700138ff36a842afc7"),
  digest: [
    {
      tag: "PreRuntime",
      value: { engine: fromHex("0x42414245"), data: fromHex("0x02010000005856a50f00000000") },
    },
    {
      tag: "Seal",
      value: {
        engine: fromHex("0x42414245"),
        data: fromHex(
          "0xc69ae57563a7d53697f0d2165401a6f4041b2fc654c4a1451349f16e11d46164c604953ccf46c2284a737e0a8bc75a1f31592a3db22026a7aa369ff549442983",
        ),
      },
    },
  ],
};
