#include "msm.h"

#define MAX_WINDOW 8
#define MAX_DIGITS (256 / 4 + 2)

static addend addends[MSM_MAX_POINTS];
static int16_t digits[MSM_MAX_POINTS][MAX_DIGITS];
static point buckets[1 << (MAX_WINDOW - 1)];
static uint8_t used[1 << (MAX_WINDOW - 1)];

static int window_for(int n) {
  if (n < 32) return 4;
  if (n < 128) return 5;
  if (n < 384) return 6;
  return 7;
}

static int bits_at(const uint8_t s[32], int pos, int c) {
  int v = 0;
  for (int b = 0; b < c; b++) {
    int at = pos + b;
    if (at < 256) v |= ((s[at >> 3] >> (at & 7)) & 1) << b;
  }
  return v;
}

// Signed digits in [-2^(c-1), 2^(c-1)): half as many buckets, a negated addend costs nothing.
static void recode(int16_t *out, const uint8_t s[32], int c, int windows) {
  int carry = 0, half = 1 << (c - 1);
  for (int w = 0; w < windows; w++) {
    int v = bits_at(s, w * c, c) + carry;
    carry = v >= half;
    out[w] = (int16_t)(carry ? v - (1 << c) : v);
  }
}

static void negate(point *r, const point *p) {
  fe_neg(r->X, p->X);
  fe_copy(r->Y, p->Y);
  fe_copy(r->Z, p->Z);
  fe_neg(r->T, p->T);
}

void msm(point *r, const point *points, const uint8_t (*scalars)[32], int n) {
  // One window more than 256 bits need, for the last digit's carry.
  int c = window_for(n), windows = (256 + c - 1) / c + 1, nbuckets = 1 << (c - 1);
  for (int i = 0; i < n; i++) {
    point_to_addend(&addends[i], &points[i]);
    recode(digits[i], scalars[i], c, windows);
  }
  point_identity(r);
  for (int w = windows - 1; w >= 0; w--) {
    for (int k = 0; k < c && w != windows - 1; k++) point_double(r, r);
    for (int j = 0; j < nbuckets; j++) used[j] = 0;
    for (int i = 0; i < n; i++) {
      int d = digits[i][w];
      if (d == 0) continue;
      int j = (d < 0 ? -d : d) - 1;
      if (!used[j]) {
        if (d > 0) buckets[j] = points[i];
        else negate(&buckets[j], &points[i]);
        used[j] = 1;
      } else {
        point_add(&buckets[j], &buckets[j], &addends[i], d < 0);
      }
    }
    // sum of (j + 1) * bucket j, as a running sum of running sums from the top bucket down.
    point running, acc;
    addend a;
    int started = 0;
    for (int j = nbuckets - 1; j >= 0; j--) {
      if (used[j]) {
        if (started) {
          point_to_addend(&a, &buckets[j]);
          point_add(&running, &running, &a, 0);
        } else {
          running = buckets[j];
          acc = running;
          started = 1;
          continue;
        }
      }
      if (started) {
        point_to_addend(&a, &running);
        point_add(&acc, &acc, &a, 0);
      }
    }
    if (started) {
      point_to_addend(&a, &acc);
      point_add(r, r, &a, 0);
    }
  }
}
