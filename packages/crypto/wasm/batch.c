// sr25519 (schnorrkel, signing context "substrate") batch verification, exported to JavaScript.
//
// For signatures (R_i, s_i) by keys A_i on messages m_i, with k_i the schnorrkel challenge and
// z_i random 128-bit weights chosen by the caller, the batch holds when
//   -(sum z_i s_i) B + sum z_i R_i + sum (z_i k_i) A_i = 0
// in ristretto255 (a prime-order group, so no cofactor question). Every signature valid implies
// it; any invalid one makes it fail except with probability 2^-128 over the weights. A failed
// batch says nothing about which signature failed: the caller checks them one by one.
#include "merlin.h"
#include "msm.h"
#include "scalar.h"

#define MAX_BATCH 256
#define INPUT_CAPACITY (1 << 20)

static uint8_t input[INPUT_CAPACITY];
static point points[MSM_MAX_POINTS];
static uint8_t scalars[MSM_MAX_POINTS][32];
static int ready;

static void init(void) {
  if (ready) return;
  transcript_init_constants();
  point_init_constants();
  ready = 1;
}

static const uint8_t SIGNING_CONTEXT[14] = "SigningContext";
static const uint8_t SUBSTRATE[9] = "substrate";

// schnorrkel's challenge k = H(context, message, A, R) as bytes of the transcript.
static void challenge(uint8_t k[32], const uint8_t *pk, const uint8_t *sig, const uint8_t *msg, int len) {
  static const uint8_t sign_bytes[10] = "sign-bytes";
  static const uint8_t proto_name[10] = "proto-name";
  static const uint8_t schnorr_sig[11] = "Schnorr-sig";
  static const uint8_t sign_pk[7] = "sign:pk";
  static const uint8_t sign_r[6] = "sign:R";
  static const uint8_t sign_c[6] = "sign:c";
  transcript t;
  uint8_t wide[64];
  transcript_new(&t, SIGNING_CONTEXT, 14);
  transcript_append(&t, 0, 0, SUBSTRATE, 9);
  transcript_append(&t, sign_bytes, 10, msg, len);
  transcript_append(&t, proto_name, 10, schnorr_sig, 11);
  transcript_append(&t, sign_pk, 7, pk, 32);
  transcript_append(&t, sign_r, 6, sig, 32);
  transcript_challenge(&t, sign_c, 6, wide, 64);
  sc_reduce_wide(k, wide);
}

/** Where JavaScript writes a batch: per signature, key (32), signature (64), weight (16),
 * message length (4, little-endian) and message. */
__attribute__((export_name("input"))) uint8_t *input_address(void) { return input; }

__attribute__((export_name("inputCapacity"))) int input_capacity(void) { return INPUT_CAPACITY; }

__attribute__((export_name("maxBatch"))) int max_batch(void) { return MAX_BATCH; }

/** 1 when all n signatures in the input are valid; 0 when any is not, or the input is malformed. */
__attribute__((export_name("verifyBatch"))) int verify_batch(int n, int length) {
  init();
  if (n < 1 || n > MAX_BATCH || length < 0 || length > INPUT_CAPACITY) return 0;
  uint8_t sum[32] = {0}, k[32], zk[32], s[32], zero[32] = {0};
  int at = 0;
  for (int i = 0; i < n; i++) {
    if (length - at < 116) return 0;
    const uint8_t *pk = input + at, *sig = pk + 32, *z = sig + 64, *len_bytes = z + 16;
    uint32_t len = len_bytes[0] | len_bytes[1] << 8 | len_bytes[2] << 16 | (uint32_t)len_bytes[3] << 24;
    if (len > (uint32_t)(length - at - 116)) return 0;
    const uint8_t *msg = len_bytes + 4;
    at += 116 + (int)len;
    if ((sig[63] & 0x80) == 0) return 0;  // not marked as a schnorrkel signature
    for (int b = 0; b < 32; b++) s[b] = sig[32 + b];
    s[31] &= 0x7f;
    if (!sc_is_canonical(s)) return 0;
    if (!point_decode(&points[1 + 2 * i], sig) || !point_decode(&points[2 + 2 * i], pk)) return 0;
    challenge(k, pk, sig, msg, (int)len);
    uint8_t zs[32] = {0};
    for (int b = 0; b < 16; b++) zs[b] = z[b];
    sc_muladd(sum, zs, s, sum);
    sc_muladd(zk, zs, k, zero);
    for (int b = 0; b < 32; b++) {
      scalars[1 + 2 * i][b] = zs[b];
      scalars[2 + 2 * i][b] = zk[b];
    }
  }
  if (at != length) return 0;
  points[0] = *point_base();
  sc_negate(scalars[0], sum);
  point r;
  msm(&r, points, (const uint8_t(*)[32])scalars, 1 + 2 * n);
  return point_is_identity(&r);
}

// --- For tests: the group and scalar operations the batch is built from, on the input buffer ---

/** Decodes the 32 bytes at input[0] and encodes them again at input[32]; 0 if they do not decode. */
__attribute__((export_name("testRoundTrip"))) int test_round_trip(void) {
  init();
  point p;
  if (!point_decode(&p, input)) return 0;
  point_encode(input + 32, &p);
  return 1;
}

/** n points (32 bytes each) then n scalars at input[0]; their sum of products is encoded after them. */
__attribute__((export_name("testMsm"))) int test_msm(int n) {
  init();
  if (n < 1 || n > MSM_MAX_POINTS) return 0;
  for (int i = 0; i < n; i++) {
    if (!point_decode(&points[i], input + 32 * i)) return 0;
    for (int b = 0; b < 32; b++) scalars[i][b] = input[32 * (n + i) + b];
  }
  point r;
  msm(&r, points, (const uint8_t(*)[32])scalars, n);
  point_encode(input + 64 * n, &r);
  return 1;
}

/** input[0..64) reduced mod l at input[64]; (a b + c) mod l of input[96..192) at input[192]. */
__attribute__((export_name("testScalars"))) void test_scalars(void) {
  sc_reduce_wide(input + 64, input);
  sc_muladd(input + 192, input + 96, input + 128, input + 160);
}
