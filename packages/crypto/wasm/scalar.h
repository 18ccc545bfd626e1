// Integers modulo l = 2^252 + 27742317777372353535851937790883648493, the order of ristretto255,
// as 32 little-endian bytes.
#ifndef CANARY_SCALAR_H
#define CANARY_SCALAR_H
#include <stdint.h>

/** 64 little-endian bytes reduced modulo l (schnorrkel's challenge scalar). */
void sc_reduce_wide(uint8_t out[32], const uint8_t in[64]);
/** (a b + c) mod l; a, b and c below 2^253. */
void sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32]);
/** l - a for a in [1, l), 0 for 0. */
void sc_negate(uint8_t out[32], const uint8_t a[32]);
/** Whether the 32 bytes are below l. */
int sc_is_canonical(const uint8_t a[32]);

#endif
