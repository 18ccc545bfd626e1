#include "merlin.h"

// --- Keccak-f[1600]: round constants and rotations generated from their definitions once ---

static uint64_t RC[24];
static int ROT[25];  // by lane x + 5y

static int rc_bit(int t) {
  // The LFSR x^8 + x^6 + x^5 + x^4 + 1 of the Keccak reference.
  if (t % 255 == 0) return 1;
  uint8_t r = 1;
  for (int i = 1; i <= t % 255; i++) r = (uint8_t)((r << 1) ^ ((r & 0x80) ? 0x71 : 0));
  return r & 1;
}

static void keccak_init_constants(void) {
  for (int round = 0; round < 24; round++) {
    uint64_t rc = 0;
    for (int j = 0; j <= 6; j++)
      if (rc_bit(j + 7 * round)) rc |= 1ull << ((1 << j) - 1);
    RC[round] = rc;
  }
  ROT[0] = 0;
  int x = 1, y = 0;
  for (int t = 0; t < 24; t++) {
    ROT[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
    int nx = y, ny = (2 * x + 3 * y) % 5;
    x = nx;
    y = ny;
  }
}

static uint64_t rotl(uint64_t v, int n) { return n ? (v << n) | (v >> (64 - n)) : v; }

static void keccak_f(uint8_t st[200]) {
  uint64_t a[25], b[25], c[5];
  for (int i = 0; i < 25; i++) {
    uint64_t v = 0;
    for (int k = 7; k >= 0; k--) v = (v << 8) | st[8 * i + k];
    a[i] = v;
  }
  for (int round = 0; round < 24; round++) {
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) {
      uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[x + y] ^= d;
    }
    // rho and pi: lane (x, y) moves to (y, 2x + 3y).
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], ROT[x + 5 * y]);
    for (int y = 0; y < 25; y += 5)
      for (int x = 0; x < 5; x++) a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
    a[0] ^= RC[round];
  }
  for (int i = 0; i < 25; i++)
    for (int k = 0; k < 8; k++) st[8 * i + k] = (uint8_t)(a[i] >> (8 * k));
}

// --- STROBE-128: the meta-AD, AD and PRF operations Merlin uses ---

#define RATE 166
#define FLAG_I 1
#define FLAG_A 2
#define FLAG_C 4
#define FLAG_M 16

static void run_f(transcript *t) {
  t->state[t->pos] ^= (uint8_t)t->pos_begin;
  t->state[t->pos + 1] ^= 0x04;
  t->state[RATE + 1] ^= 0x80;
  keccak_f(t->state);
  t->pos = 0;
  t->pos_begin = 0;
}

static void absorb(transcript *t, const uint8_t *data, int len) {
  for (int i = 0; i < len; i++) {
    t->state[t->pos++] ^= data[i];
    if (t->pos == RATE) run_f(t);
  }
}

static void begin_op(transcript *t, int flags) {
  uint8_t head[2] = {(uint8_t)t->pos_begin, (uint8_t)flags};
  t->pos_begin = t->pos + 1;
  absorb(t, head, 2);
  if ((flags & FLAG_C) && t->pos != 0) run_f(t);
}

static void meta_ad(transcript *t, const uint8_t *data, int len, int more) {
  if (!more) begin_op(t, FLAG_M | FLAG_A);
  absorb(t, data, len);
}

static void le32(uint8_t out[4], uint32_t n) {
  for (int i = 0; i < 4; i++) out[i] = (uint8_t)(n >> (8 * i));
}

void transcript_init_constants(void) { keccak_init_constants(); }

void transcript_new(transcript *t, const uint8_t *label, int label_len) {
  static const uint8_t version[12] = {'S', 'T', 'R', 'O', 'B', 'E', 'v', '1', '.', '0', '.', '2'};
  static const uint8_t protocol[11] = {'M', 'e', 'r', 'l', 'i', 'n', ' ', 'v', '1', '.', '0'};
  static const uint8_t dom_sep[7] = {'d', 'o', 'm', '-', 's', 'e', 'p'};
  for (int i = 0; i < 200; i++) t->state[i] = 0;
  t->state[0] = 1;
  t->state[1] = RATE + 2;
  t->state[2] = 1;
  t->state[3] = 0;
  t->state[4] = 1;
  t->state[5] = 96;
  for (int i = 0; i < 12; i++) t->state[6 + i] = version[i];
  keccak_f(t->state);
  t->pos = 0;
  t->pos_begin = 0;
  meta_ad(t, protocol, 11, 0);
  transcript_append(t, dom_sep, 7, label, label_len);
}

void transcript_append(transcript *t, const uint8_t *label, int label_len, const uint8_t *msg, int msg_len) {
  uint8_t n[4];
  le32(n, (uint32_t)msg_len);
  meta_ad(t, label, label_len, 0);
  meta_ad(t, n, 4, 1);
  begin_op(t, FLAG_A);
  absorb(t, msg, msg_len);
}

void transcript_challenge(transcript *t, const uint8_t *label, int label_len, uint8_t *out, int out_len) {
  uint8_t n[4];
  le32(n, (uint32_t)out_len);
  meta_ad(t, label, label_len, 0);
  meta_ad(t, n, 4, 1);
  begin_op(t, FLAG_I | FLAG_A | FLAG_C);
  for (int i = 0; i < out_len; i++) {
    out[i] = t->state[t->pos];
    t->state[t->pos++] = 0;
    if (t->pos == RATE) run_f(t);
  }
}
