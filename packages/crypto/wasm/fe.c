#include "fe.h"

#define LIMB_BITS(i) (((i) & 1) ? 25 : 26)

// Carries 64-bit limb sums into the loose form every operation returns.
static void carry(fe h, int64_t t[10]) {
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    int64_t c = t[i] >> LIMB_BITS(i);
    t[i] -= c << LIMB_BITS(i);
    if (i == 9) t[0] += 19 * c;
    else t[i + 1] += c;
  }
  // Limb 0 took 19 times limb 9's carry: carry twice more so that it fits again.
  #pragma clang loop unroll(full)
  for (int i = 0; i < 2; i++) {
    int64_t c = t[i] >> LIMB_BITS(i);
    t[i] -= c << LIMB_BITS(i);
    t[i + 1] += c;
  }
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) h[i] = (int32_t)t[i];
}

void fe_0(fe h) {
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) h[i] = 0;
}

void fe_1(fe h) {
  fe_0(h);
  h[0] = 1;
}

void fe_copy(fe h, const fe f) {
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) h[i] = f[i];
}

void fe_add(fe h, const fe f, const fe g) {
  int64_t t[10];
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) t[i] = (int64_t)f[i] + g[i];
  carry(h, t);
}

void fe_sub(fe h, const fe f, const fe g) {
  int64_t t[10];
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) t[i] = (int64_t)f[i] - g[i];
  carry(h, t);
}

void fe_neg(fe h, const fe f) {
  int64_t t[10];
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) t[i] = -(int64_t)f[i];
  carry(h, t);
}

// Limb i times limb j lands at limb i + j, doubled when both are odd (their positions round up
// twice), and times 19 past limb 9 (2^255 = 19 mod p).
void fe_mul(fe h, const fe f, const fe g) {
  int32_t f2[10], g19[10];
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    f2[i] = 2 * f[i];
    g19[i] = 19 * g[i];
  }
  int64_t t[10] = {0};
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    #pragma clang loop unroll(full)
    for (int j = 0; j < 10; j++) {
      int64_t a = (i & j & 1) ? f2[i] : f[i];
      int64_t b = (i + j >= 10) ? g19[j] : g[j];
      t[(i + j) % 10] += a * b;
    }
  }
  carry(h, t);
}

void fe_sq(fe h, const fe f) {
  int32_t f2[10], f19[10];
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    f2[i] = 2 * f[i];
    f19[i] = 19 * f[i];
  }
  int64_t t[10] = {0};
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    // The square term, then each cross term once, doubled.
    int64_t a = (i & 1) ? f2[i] : f[i];
    t[(2 * i) % 10] += a * (int64_t)(2 * i >= 10 ? f19[i] : f[i]);
    #pragma clang loop unroll(full)
    for (int j = i + 1; j < 10; j++) {
      int64_t x = (int64_t)((i & j & 1) ? 2 * f2[i] : f2[i]);
      t[(i + j) % 10] += x * (int64_t)(i + j >= 10 ? f19[j] : f[j]);
    }
  }
  carry(h, t);
}

static void sq_times(fe h, const fe f, int n) {
  fe_sq(h, f);
  #pragma clang loop unroll(full)
  for (int i = 1; i < n; i++) fe_sq(h, h);
}

// z^(2^250 - 1) and z^11, shared by inversion and the square-root exponent.
static void pow_2_250_1(fe z_250_0, fe z11, const fe z) {
  fe z2, z9, t, z_5_0, z_10_0, z_20_0, z_50_0, z_100_0;
  fe_sq(z2, z);
  sq_times(t, z2, 2);
  fe_mul(z9, t, z);
  fe_mul(z11, z9, z2);
  fe_sq(t, z11);
  fe_mul(z_5_0, t, z9);
  sq_times(t, z_5_0, 5);
  fe_mul(z_10_0, t, z_5_0);
  sq_times(t, z_10_0, 10);
  fe_mul(z_20_0, t, z_10_0);
  sq_times(t, z_20_0, 20);
  fe_mul(t, t, z_20_0);
  sq_times(t, t, 10);
  fe_mul(z_50_0, t, z_10_0);
  sq_times(t, z_50_0, 50);
  fe_mul(z_100_0, t, z_50_0);
  sq_times(t, z_100_0, 100);
  fe_mul(t, t, z_100_0);
  sq_times(t, t, 50);
  fe_mul(z_250_0, t, z_50_0);
}

void fe_invert(fe out, const fe z) {
  fe t, z11;
  pow_2_250_1(t, z11, z);
  sq_times(t, t, 5);
  fe_mul(out, t, z11);  // 2^255 - 21 = p - 2
}

void fe_pow22523(fe out, const fe z) {
  fe t, z11;
  pow_2_250_1(t, z11, z);
  sq_times(t, t, 2);
  fe_mul(out, t, z);  // 2^252 - 3 = (p - 5) / 8
}

static const int START[10] = {0, 26, 51, 77, 102, 128, 153, 179, 204, 230};

void fe_frombytes(fe h, const uint8_t s[32]) {
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    int bits = LIMB_BITS(i), pos = START[i];
    uint32_t v = 0;
    #pragma clang loop unroll(full)
    for (int b = 0; b < bits; b++) {
      int at = pos + b;
      v |= (uint32_t)((s[at >> 3] >> (at & 7)) & 1) << b;
    }
    h[i] = (int32_t)v;
  }
}

void fe_tobytes(uint8_t s[32], const fe f) {
  int64_t t[10];
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) t[i] = f[i];
  fe h;
  // Two full carries leave every limb in [0, 2^bits): a value below 2^255.
  carry(h, t);
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) t[i] = h[i];
  carry(h, t);
  #pragma clang loop unroll(full)
  for (int pass = 0; pass < 2; pass++) {
    #pragma clang loop unroll(full)
    for (int i = 0; i < 9; i++) {
      int32_t c = h[i] >> LIMB_BITS(i);
      h[i] -= c << LIMB_BITS(i);
      h[i + 1] += c;
    }
    int32_t c = h[9] >> 25;
    h[9] -= c << 25;
    h[0] += 19 * c;
  }
  // v >= p exactly when v + 19 reaches 2^255; then v - p = v + 19 - 2^255.
  int32_t g[10];
  int32_t c = 19;
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    g[i] = h[i] + c;
    c = g[i] >> LIMB_BITS(i);
    g[i] -= c << LIMB_BITS(i);
  }
  const int32_t *r = c ? g : h;
  #pragma clang loop unroll(full)
  for (int i = 0; i < 32; i++) s[i] = 0;
  #pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    #pragma clang loop unroll(full)
    for (int b = 0; b < LIMB_BITS(i); b++) {
      int at = START[i] + b;
      s[at >> 3] |= (uint8_t)(((r[i] >> b) & 1) << (at & 7));
    }
  }
}

int fe_iszero(const fe f) {
  uint8_t s[32];
  fe_tobytes(s, f);
  uint8_t any = 0;
  #pragma clang loop unroll(full)
  for (int i = 0; i < 32; i++) any |= s[i];
  return any == 0;
}

int fe_isnegative(const fe f) {
  uint8_t s[32];
  fe_tobytes(s, f);
  return s[0] & 1;
}

int fe_equal(const fe f, const fe g) {
  fe d;
  fe_sub(d, f, g);
  return fe_iszero(d);
}
