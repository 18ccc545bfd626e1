// Multi-scalar multiplication: sum of scalar_i * P_i by Pippenger's bucket method with signed
// digits, variable time (verification works on public data only).
#ifndef CANARY_MSM_H
#define CANARY_MSM_H
#include "point.h"

/** The most points one multiplication takes. */
#define MSM_MAX_POINTS 513

/** r = sum of scalars[i] (32 little-endian bytes, below 2^256) times points[i]. */
void msm(point *r, const point *points, const uint8_t (*scalars)[32], int n);

#endif
