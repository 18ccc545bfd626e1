// ristretto255 points, kept as points of edwards25519 in extended coordinates (x = X/Z,
// y = Y/Z, xy = T/Z), with the ristretto255 encoding and equality (RFC 9496).
#ifndef CANARY_POINT_H
#define CANARY_POINT_H
#include "fe.h"

typedef struct {
  fe X, Y, Z, T;
} point;

/** A point ready to be added: (Y + X, Y - X, Z, 2dT); Z is 1 for points from decoding. */
typedef struct {
  fe YplusX, YminusX, Z, T2d;
} addend;

void point_init_constants(void);
void point_identity(point *p);
/** 1 for a canonical encoding of a ristretto255 point, 0 for any other 32 bytes. */
int point_decode(point *p, const uint8_t s[32]);
void point_encode(uint8_t s[32], const point *p);
/** Whether p is the identity of ristretto255 (any of the four edwards25519 points it stands for). */
int point_is_identity(const point *p);
void point_to_addend(addend *a, const point *p);
/** r = p + q, or p - q when negate is set. */
void point_add(point *r, const point *p, const addend *q, int negate);
void point_double(point *r, const point *p);
/** The encoding of the ristretto255 generator, decoded once. */
const point *point_base(void);

#endif
