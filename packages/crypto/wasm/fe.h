// Arithmetic in GF(2^255 - 19): ten signed limbs alternating 26 and 25 bits (limb i starts at
// bit ceil(25.5 i)). Every operation returns carried limbs (|limb| a little over 2^26 at most),
// so any two results can be multiplied without overflowing the 64-bit accumulators.
// Verification handles public data only, so nothing here needs to run in constant time.
#ifndef CANARY_FE_H
#define CANARY_FE_H
#include <stdint.h>

typedef int32_t fe[10];

void fe_0(fe h);
void fe_1(fe h);
void fe_copy(fe h, const fe f);
void fe_add(fe h, const fe f, const fe g);
void fe_sub(fe h, const fe f, const fe g);
void fe_neg(fe h, const fe f);
void fe_mul(fe h, const fe f, const fe g);
void fe_sq(fe h, const fe f);
void fe_invert(fe out, const fe z);
/** z^((p-5)/8), the exponent of the square-root-of-a-ratio formula. */
void fe_pow22523(fe out, const fe z);
/** Bit 255 is ignored, as in the encodings of curve25519 (callers check canonicity). */
void fe_frombytes(fe h, const uint8_t s[32]);
/** The canonical (fully reduced) little-endian encoding. */
void fe_tobytes(uint8_t s[32], const fe h);
int fe_iszero(const fe f);
/** The low bit of the canonical encoding: "negative" in the ristretto255 sense. */
int fe_isnegative(const fe f);
int fe_equal(const fe f, const fe g);

#endif
