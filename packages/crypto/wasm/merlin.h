// Merlin transcripts over STROBE-128 over Keccak-f[1600]: just what schnorrkel's signature
// challenge needs (append a message, draw challenge bytes).
#ifndef CANARY_MERLIN_H
#define CANARY_MERLIN_H
#include <stdint.h>

typedef struct {
  uint8_t state[200];
  int pos, pos_begin;
} transcript;

void transcript_init_constants(void);
/** Transcript::new(label). */
void transcript_new(transcript *t, const uint8_t *label, int label_len);
void transcript_append(transcript *t, const uint8_t *label, int label_len, const uint8_t *msg, int msg_len);
void transcript_challenge(transcript *t, const uint8_t *label, int label_len, uint8_t *out, int out_len);

#endif
