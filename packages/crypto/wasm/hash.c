// blake2b (RFC 7693, unkeyed, 1..64-byte output) and xxhash64 (XXH64 as specified by its author,
// concatenated over seeds 0..n-1 as Substrate's twox), over one static input buffer: the node hashes
// a few short keys and trie nodes per transfer, and a binding that allocates and frees Wasm memory
// for every call cost as much as the hashing (docs/performance.md).
#include <stdint.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint8_t u8;

#define INPUT_CAPACITY (64 * 1024)
static u8 in[INPUT_CAPACITY];
static u8 out[64];

__attribute__((export_name("hashInput"))) u8 *hash_input(void) { return in; }
__attribute__((export_name("hashInputCapacity"))) u32 hash_input_capacity(void) { return INPUT_CAPACITY; }
__attribute__((export_name("hashOutput"))) u8 *hash_output(void) { return out; }

static u64 load64(const u8 *p) {
  return (u64)p[0] | ((u64)p[1] << 8) | ((u64)p[2] << 16) | ((u64)p[3] << 24) | ((u64)p[4] << 32) |
         ((u64)p[5] << 40) | ((u64)p[6] << 48) | ((u64)p[7] << 56);
}

static u32 load32(const u8 *p) { return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24); }

static void store64(u8 *p, u64 v) {
  for (int i = 0; i < 8; i++) p[i] = (u8)(v >> (8 * i));
}

static u64 rotr64(u64 x, int n) { return (x >> n) | (x << (64 - n)); }
static u64 rotl64(u64 x, int n) { return (x << n) | (x >> (64 - n)); }

// ---- blake2b ----

static const u64 IV[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

static const u8 SIGMA[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

#define G(a, b, c, d, x, y)         \
  do {                              \
    v[a] = v[a] + v[b] + (x);       \
    v[d] = rotr64(v[d] ^ v[a], 32); \
    v[c] = v[c] + v[d];             \
    v[b] = rotr64(v[b] ^ v[c], 24); \
    v[a] = v[a] + v[b] + (y);       \
    v[d] = rotr64(v[d] ^ v[a], 16); \
    v[c] = v[c] + v[d];             \
    v[b] = rotr64(v[b] ^ v[c], 63); \
  } while (0)

// `t` counts the message bytes so far (inputs here are below 2^64 bytes, so the high word is 0).
static void compress(u64 h[8], const u8 *block, u64 t, int last) {
  u64 v[16], m[16];
  for (int i = 0; i < 16; i++) m[i] = load64(block + 8 * i);
  for (int i = 0; i < 8; i++) {
    v[i] = h[i];
    v[i + 8] = IV[i];
  }
  v[12] ^= t;
  if (last) v[14] = ~v[14];
#pragma clang loop unroll(full)
  for (int r = 0; r < 12; r++) {
    const u8 *s = SIGMA[r];
    G(0, 4, 8, 12, m[s[0]], m[s[1]]);
    G(1, 5, 9, 13, m[s[2]], m[s[3]]);
    G(2, 6, 10, 14, m[s[4]], m[s[5]]);
    G(3, 7, 11, 15, m[s[6]], m[s[7]]);
    G(0, 5, 10, 15, m[s[8]], m[s[9]]);
    G(1, 6, 11, 12, m[s[10]], m[s[11]]);
    G(2, 7, 8, 13, m[s[12]], m[s[13]]);
    G(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (int i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

/** blake2b of the input's first `length` bytes into the output; `outLength` is 1..64 (checked by the caller). */
__attribute__((export_name("blake2b"))) void blake2b(u32 length, u32 outLength) {
  u64 h[8];
  for (int i = 0; i < 8; i++) h[i] = IV[i];
  h[0] ^= 0x01010000ULL ^ outLength;
  u32 at = 0;
  // Every full block but the last is compressed as it comes; the last one (even if full) is final.
  while (length - at > 128) {
    compress(h, in + at, (u64)at + 128, 0);
    at += 128;
  }
  u8 last[128];
  u32 rest = length - at;
  for (u32 i = 0; i < 128; i++) last[i] = i < rest ? in[at + i] : 0;
  compress(h, last, length, 1);
  u8 full[64];
  for (int i = 0; i < 8; i++) store64(full + 8 * i, h[i]);
  for (u32 i = 0; i < outLength; i++) out[i] = full[i];
}

// ---- xxhash64 ----

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static u64 round64(u64 acc, u64 lane) { return rotl64(acc + lane * P2, 31) * P1; }
static u64 merge64(u64 acc, u64 v) { return (acc ^ round64(0, v)) * P1 + P4; }

static u64 xxh64(const u8 *p, u32 length, u64 seed) {
  const u8 *end = p + length;
  u64 h;
  if (length >= 32) {
    u64 v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
    do {
      v1 = round64(v1, load64(p));
      v2 = round64(v2, load64(p + 8));
      v3 = round64(v3, load64(p + 16));
      v4 = round64(v4, load64(p + 24));
      p += 32;
    } while (end - p >= 32);
    h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
    h = merge64(h, v1);
    h = merge64(h, v2);
    h = merge64(h, v3);
    h = merge64(h, v4);
  } else {
    h = seed + P5;
  }
  h += length;
  while (end - p >= 8) {
    h ^= round64(0, load64(p));
    h = rotl64(h, 27) * P1 + P4;
    p += 8;
  }
  if (end - p >= 4) {
    h ^= (u64)load32(p) * P1;
    h = rotl64(h, 23) * P2 + P3;
    p += 4;
  }
  while (p < end) {
    h ^= (*p) * P5;
    h = rotl64(h, 11) * P1;
    p++;
  }
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

/** Substrate's twox: xxhash64 of the input's first `length` bytes with seeds 0..rounds-1, little-endian, concatenated (rounds 1, 2 or 4). */
__attribute__((export_name("twox"))) void twox(u32 length, u32 rounds) {
  for (u32 seed = 0; seed < rounds; seed++) store64(out + 8 * seed, xxh64(in, length, seed));
}
