#include "point.h"

static const uint8_t D_BYTES[32] = {
    0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
    0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52};
static const uint8_t SQRT_M1_BYTES[32] = {
    0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43, 0x2f,
    0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b};
static const uint8_t BASE_BYTES[32] = {
    0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
    0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76};

static fe D, D2, SQRT_M1, INVSQRT_A_MINUS_D;
static point BASE;

/** (was_square, r) with r = sqrt(u / v) non-negative, or sqrt(i u / v) when u / v is no square. */
static int sqrt_ratio_m1(fe r, const fe u, const fe v) {
  fe v3, v7, t, check, neg_u, neg_u_i;
  fe_sq(t, v);
  fe_mul(v3, t, v);
  fe_sq(t, v3);
  fe_mul(v7, t, v);
  fe_mul(t, u, v7);
  fe_pow22523(t, t);
  fe_mul(t, t, v3);
  fe_mul(r, t, u);  // (u v^3) (u v^7)^((p-5)/8)
  fe_sq(t, r);
  fe_mul(check, t, v);
  fe_neg(neg_u, u);
  fe_mul(neg_u_i, neg_u, SQRT_M1);
  int correct = fe_equal(check, u);
  int flipped = fe_equal(check, neg_u);
  int flipped_i = fe_equal(check, neg_u_i);
  if (flipped || flipped_i) fe_mul(r, r, SQRT_M1);
  if (fe_isnegative(r)) fe_neg(r, r);
  return correct || flipped;
}

void point_init_constants(void) {
  fe_frombytes(D, D_BYTES);
  fe_add(D2, D, D);
  fe_frombytes(SQRT_M1, SQRT_M1_BYTES);
  // 1 / sqrt(a - d) with a = -1, used by the encoding.
  fe one, a_minus_d;
  fe_1(one);
  fe_neg(a_minus_d, one);
  fe_sub(a_minus_d, a_minus_d, D);
  sqrt_ratio_m1(INVSQRT_A_MINUS_D, one, a_minus_d);
  point_decode(&BASE, BASE_BYTES);
}

const point *point_base(void) { return &BASE; }

void point_identity(point *p) {
  fe_0(p->X);
  fe_1(p->Y);
  fe_1(p->Z);
  fe_0(p->T);
}

int point_decode(point *p, const uint8_t s[32]) {
  fe sv, ss, u1, u2, u2sq, v, t, invsqrt, den_x, den_y;
  uint8_t back[32];
  fe_frombytes(sv, s);
  fe_tobytes(back, sv);
  for (int i = 0; i < 32; i++)
    if (back[i] != s[i]) return 0;  // not canonical (or bit 255 set)
  if (fe_isnegative(sv)) return 0;
  fe_sq(ss, sv);
  fe_1(t);
  fe_sub(u1, t, ss);
  fe_add(u2, t, ss);
  fe_sq(u2sq, u2);
  fe_sq(t, u1);
  fe_mul(t, t, D);
  fe_neg(t, t);
  fe_sub(v, t, u2sq);  // -(d u1^2) - u2^2
  fe_mul(t, v, u2sq);
  fe one;
  fe_1(one);
  int was_square = sqrt_ratio_m1(invsqrt, one, t);
  fe_mul(den_x, invsqrt, u2);
  fe_mul(den_y, invsqrt, den_x);
  fe_mul(den_y, den_y, v);
  fe_add(t, sv, sv);
  fe_mul(p->X, t, den_x);
  if (fe_isnegative(p->X)) fe_neg(p->X, p->X);
  fe_mul(p->Y, u1, den_y);
  fe_1(p->Z);
  fe_mul(p->T, p->X, p->Y);
  if (!was_square || fe_isnegative(p->T) || fe_iszero(p->Y)) return 0;
  return 1;
}

void point_encode(uint8_t s[32], const point *p) {
  fe u1, u2, t, invsqrt, den1, den2, z_inv, ix, iy, x, y, den_inv, one;
  fe_add(u1, p->Z, p->Y);
  fe_sub(t, p->Z, p->Y);
  fe_mul(u1, u1, t);  // (Z + Y)(Z - Y)
  fe_mul(u2, p->X, p->Y);
  fe_sq(t, u2);
  fe_mul(t, t, u1);
  fe_1(one);
  sqrt_ratio_m1(invsqrt, one, t);
  fe_mul(den1, invsqrt, u1);
  fe_mul(den2, invsqrt, u2);
  fe_mul(z_inv, den1, den2);
  fe_mul(z_inv, z_inv, p->T);
  fe_mul(ix, p->X, SQRT_M1);
  fe_mul(iy, p->Y, SQRT_M1);
  fe_mul(t, p->T, z_inv);
  if (fe_isnegative(t)) {
    fe_copy(x, iy);
    fe_copy(y, ix);
    fe_mul(den_inv, den1, INVSQRT_A_MINUS_D);
  } else {
    fe_copy(x, p->X);
    fe_copy(y, p->Y);
    fe_copy(den_inv, den2);
  }
  fe_mul(t, x, z_inv);
  if (fe_isnegative(t)) fe_neg(y, y);
  fe_sub(t, p->Z, y);
  fe_mul(t, den_inv, t);
  if (fe_isnegative(t)) fe_neg(t, t);
  fe_tobytes(s, t);
}

int point_is_identity(const point *p) { return fe_iszero(p->X) || fe_iszero(p->Y); }

void point_to_addend(addend *a, const point *p) {
  fe_add(a->YplusX, p->Y, p->X);
  fe_sub(a->YminusX, p->Y, p->X);
  fe_copy(a->Z, p->Z);
  fe_mul(a->T2d, p->T, D2);
}

// From E, F, G, H (the shared tail of addition and doubling) to extended coordinates.
static void finish(point *r, const fe e, const fe f, const fe g, const fe h) {
  fe_mul(r->X, e, f);
  fe_mul(r->Y, g, h);
  fe_mul(r->Z, f, g);
  fe_mul(r->T, e, h);
}

void point_add(point *r, const point *p, const addend *q, int negate) {
  fe a, b, c, d, e, f, g, h, t;
  fe_sub(t, p->Y, p->X);
  fe_mul(a, t, negate ? q->YplusX : q->YminusX);
  fe_add(t, p->Y, p->X);
  fe_mul(b, t, negate ? q->YminusX : q->YplusX);
  fe_mul(c, p->T, q->T2d);
  if (negate) fe_neg(c, c);
  fe_mul(d, p->Z, q->Z);
  fe_add(d, d, d);
  fe_sub(e, b, a);
  fe_sub(f, d, c);
  fe_add(g, d, c);
  fe_add(h, b, a);
  finish(r, e, f, g, h);
}

void point_double(point *r, const point *p) {
  fe a, b, c, e, f, g, h, t;
  fe_sq(a, p->X);
  fe_sq(b, p->Y);
  fe_sq(c, p->Z);
  fe_add(c, c, c);
  fe_add(t, p->X, p->Y);
  fe_sq(e, t);
  fe_sub(e, e, a);
  fe_sub(e, e, b);
  fe_sub(g, b, a);  // -A + B with a = -1
  fe_sub(f, g, c);
  fe_add(h, a, b);
  fe_neg(h, h);  // -A - B
  finish(r, e, f, g, h);
}
