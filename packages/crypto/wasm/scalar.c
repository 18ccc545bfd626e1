#include "scalar.h"

// Limbs of 21 bits. 2^252 is limb 12, and 2^252 = -27742317777372353535851937790883648493 mod l,
// which in signed 21-bit digits is ELIM below: a limb at 12 + k folds into limbs k..k+5.
#define LIMBS 26
static const int64_t ELIM[6] = {666643, 470296, 654183, -997805, 136657, -683901};
static const uint8_t L_BYTES[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};
#define MASK21 ((1 << 21) - 1)

static void load(int64_t s[LIMBS], const uint8_t *in, int len) {
  for (int i = 0; i < LIMBS; i++) s[i] = 0;
  for (int bit = 0; bit < len * 8; bit++)
    s[bit / 21] |= (int64_t)((in[bit >> 3] >> (bit & 7)) & 1) << (bit % 21);
}

// Floor carries through limbs [0, top): each ends in [0, 2^21), the rest moves to limb top.
static void carry(int64_t s[LIMBS], int top) {
  for (int i = 0; i < top; i++) {
    int64_t c = s[i] >> 21;
    s[i] &= MASK21;
    s[i + 1] += c;
  }
}

static void fold(int64_t s[LIMBS], int i) {
  for (int k = 0; k < 6; k++) s[i - 12 + k] += s[i] * ELIM[k];
  s[i] = 0;
}

static int ge_l(const uint8_t a[32]) {
  for (int i = 31; i >= 0; i--) {
    if (a[i] != L_BYTES[i]) return a[i] > L_BYTES[i];
  }
  return 1;
}

static void sub_l(uint8_t a[32]) {
  int borrow = 0;
  for (int i = 0; i < 32; i++) {
    int v = a[i] - L_BYTES[i] - borrow;
    borrow = v < 0;
    a[i] = (uint8_t)(v + (borrow << 8));
  }
}

// Reduces limbs [0, LIMBS) to the value mod l in 32 bytes. Folding from the top down, each limb
// is first carried below 2^21 (its carry folded again from the limb above, already emptied), so
// every product stays within 64 bits.
static void reduce(uint8_t out[32], int64_t s[LIMBS]) {
  carry(s, LIMBS - 1);
  fold(s, LIMBS - 1);
  for (int i = LIMBS - 2; i > 12; i--) {
    carry(s, i);
    int64_t c = s[i] >> 21;
    s[i] &= MASK21;
    s[i + 1] = c;
    fold(s, i + 1);
    fold(s, i);
  }
  // Limb 12 and below are left: fold limb 12 until it is 0 or 1 (the value is then below
  // 2^253 < 2l), then subtract l once if needed.
  for (;;) {
    carry(s, 12);
    if (s[12] == 0 || s[12] == 1) break;
    fold(s, 12);
  }
  for (int i = 0; i < 32; i++) out[i] = 0;
  for (int bit = 0; bit < 253; bit++)
    out[bit >> 3] |= (uint8_t)(((s[bit / 21] >> (bit % 21)) & 1) << (bit & 7));
  if (ge_l(out)) sub_l(out);
}

void sc_reduce_wide(uint8_t out[32], const uint8_t in[64]) {
  int64_t s[LIMBS];
  load(s, in, 64);
  reduce(out, s);
}

void sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32]) {
  int64_t x[LIMBS], y[LIMBS], s[LIMBS];
  load(x, a, 32);
  load(y, b, 32);
  load(s, c, 32);
  for (int i = 0; i < 13; i++)
    for (int j = 0; j < 13; j++) s[i + j] += x[i] * y[j];
  reduce(out, s);
}

void sc_negate(uint8_t out[32], const uint8_t a[32]) {
  int borrow = 0;
  int zero = 1;
  for (int i = 0; i < 32; i++) zero &= a[i] == 0;
  for (int i = 0; i < 32; i++) {
    int v = L_BYTES[i] - a[i] - borrow;
    borrow = v < 0;
    out[i] = zero ? 0 : (uint8_t)(v + (borrow << 8));
  }
}

int sc_is_canonical(const uint8_t a[32]) { return !ge_l(a); }
