// Test vectors shared by the trie's tests (ecosystem.md §4, computed with smoldot).
import { blake2_256, fromHex } from "@canary/primitives";

export type Entry = [Uint8Array, Uint8Array];
const e = (k: string, v: string): Entry => [fromHex(k), fromHex(v)];

export const VECTORS: Array<{ name: string; entries: Entry[]; v0: string; v1?: string }> = [
  { name: "empty", entries: [], v0: "0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314" },
  {
    name: "01→01",
    entries: [e("01", "01")],
    v0: "0xaec6072b6e4507c220045c5c0ce8438894d9f2280a6a034b355e908546fc28a5",
  },
  {
    name: "do",
    entries: [e("646f", "76657262")],
    v0: "0x99f345fb6a08647f3023238d6dd4a15b53809bb7534c323d9ff1b2f090b5e566",
  },
  {
    name: "do/dog/doge/horse",
    entries: [
      e("646f", "76657262"),
      e("646f67", "7075707079"),
      e("646f6765", "636f696e"),
      e("686f727365", "7374616c6c696f6e"),
    ],
    v0: "0xd5c178906f28a2159b3e302bb248ceb9b876c2359fe023cc9059c5e96050c2be",
  },
  {
    name: "0102→aa×32",
    entries: [e("0102", "aa".repeat(32))],
    v0: "0x4824abafe49e7c418638721a7388f670aa1c9ed902543b4791d14c236a809a6f",
  },
  {
    name: "0102→aa×33",
    entries: [e("0102", "aa".repeat(33))],
    v0: "0xfcccac340b2a0cd76845597138af3997bbed5b76abd107432cad07e9cb02aab4",
    v1: "0xf0ee14f7f26ebe400d39e52b1a7d59c67176301dbc2263615c6c3b6054e00bc6",
  },
  {
    name: "00→bb×40, 10→cc×40",
    entries: [e("00", "bb".repeat(40)), e("10", "cc".repeat(40))],
    v0: "0x471e0cd34374e5ec3368bb39693d041f1d171ac2c949f1a22b2ec924d40618e7",
    v1: "0x76d8f0106524f022c7bc89d9bfc8443ce87f67ac0b00524fec5d02aaa1a75225",
  },
  {
    name: "80-nibble leaf",
    entries: [e("11".repeat(40), "22")],
    v0: "0xa4ce5a99829969809991b52bbed5d9b42c4fae94f29b5df964162fd493b39c51",
  },
  {
    name: "1000 entries",
    entries: thousand(),
    v0: "0x7de934a61f79f279d5de44680d072b18c6352597516e6734368c55f10eb8f5f0",
    v1: "0x62b06326517008a72004ee1ecce46d470b9a24f81ccd112e230d69c7f3c1deea",
  },
];

/** key = blake2_256(u32le(i)), value = byte (i & 0xff) repeated 1 + i % 70 times. */
export function thousand(): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < 1000; i++) {
    const k = Uint8Array.of(i & 0xff, (i >> 8) & 0xff, 0, 0);
    out.push([blake2_256(k), new Uint8Array(1 + (i % 70)).fill(i & 0xff)]);
  }
  return out;
}
