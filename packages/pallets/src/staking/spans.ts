/**
 * Slashing spans (pallet-staking's `slashing.rs`): a stash's history is cut into spans, and within
 * one span only its largest slash is applied, later ones paying just the difference. A span ends
 * when its stash is slashed, so nominations made before a slash stop counting for that validator.
 */
import { mulPer, satSub } from "./arithmetic.ts";
import type { StakingSelf } from "./config.ts";
import type { SlashingSpans } from "./types.ts";

/** The share of the reporters' reward fraction actually paid (`REWARD_F1`, 50%). */
const REWARD_F1 = 500_000_000n;

interface Span {
  index: number;
  start: number;
  length: number | undefined;
}

/** Spans newest first: the ongoing one, then the prior ones. */
export function spanList(spans: SlashingSpans): Span[] {
  const out: Span[] = [{ index: spans.span_index, start: spans.last_start, length: undefined }];
  let start = spans.last_start;
  let index = spans.span_index;
  for (const length of spans.prior) {
    start -= length;
    index -= 1;
    out.push({ index, start, length });
  }
  return out;
}

const contains = (span: Span, era: number): boolean =>
  span.start <= era && (span.length === undefined || span.start + span.length > era);

/**
 * One stash's spans while a slash is computed (`InspectingSpans`): reads them (created at the
 * window's start if absent), and `commit` writes them back only if something changed.
 */
export class InspectingSpans {
  readonly stash: Uint8Array;
  spans: SlashingSpans;
  dirty = false;
  slashed = 0n;
  paidOut = 0n;
  readonly #self: StakingSelf;
  readonly #windowStart: number;
  readonly #rewardProportion: bigint;

  constructor(self: StakingSelf, stash: Uint8Array, windowStart: number, rewardProportion: bigint) {
    this.#self = self;
    this.stash = stash;
    this.#windowStart = windowStart;
    this.#rewardProportion = rewardProportion;
    const stored = self.storage.SlashingSpans.get(stash);
    this.spans = stored ?? { span_index: 0, last_start: windowStart, last_nonzero_slash: 0, prior: [] };
    if (!stored) self.storage.SlashingSpans.set(stash, this.spans);
  }

  get spanIndex(): number {
    return this.spans.span_index;
  }

  eraSpan(era: number): Span | undefined {
    return spanList(this.spans).find((s) => contains(s, era));
  }

  /** Ends the ongoing span at `now` (the next starts at `now + 1`). */
  endSpan(now: number): void {
    const nextStart = now + 1;
    if (nextStart <= this.spans.last_start) return;
    this.spans = {
      ...this.spans,
      prior: [nextStart - this.spans.last_start, ...this.spans.prior],
      last_start: nextStart,
      span_index: this.spans.span_index + 1,
    };
    this.dirty = true;
  }

  /**
   * Records `slash` for `era` in its span if it is the span's largest yet, adding the difference to
   * what this stash loses and the reporters' due to what they are paid. Returns the span's index.
   */
  compareAndUpdate(era: number, slash: bigint): number | undefined {
    const span = this.eraSpan(era);
    if (!span) return undefined;
    const { storage } = this.#self;
    const record = storage.SpanSlash.get([this.stash, span.index]);
    let changed = false;
    let reward = 0n;
    const due = () => mulPer(REWARD_F1, satSub(mulPer(this.#rewardProportion, slash), record.paid_out));
    if (record.slashed < slash) {
      this.slashed += slash - record.slashed;
      record.slashed = slash;
      if (era > this.spans.last_nonzero_slash) this.spans = { ...this.spans, last_nonzero_slash: era };
      reward = due();
      changed = true;
    } else if (record.slashed === slash) {
      reward = due();
    }
    if (reward > 0n) {
      changed = true;
      record.paid_out += reward;
      this.paidOut += reward;
    }
    if (changed) {
      this.dirty = true;
      storage.SpanSlash.set([this.stash, span.index], record);
    }
    return span.index;
  }

  /** Writes the spans back if changed, pruning those that ended before the window. */
  commit(): void {
    if (!this.dirty) return;
    const { storage } = this.#self;
    const list = spanList(this.spans).slice(1);
    const old = list.findIndex((s) => s.length !== undefined && s.start + s.length <= this.#windowStart);
    if (old >= 0) {
      const earliest = this.spans.span_index - this.spans.prior.length;
      const prior = this.spans.prior.slice(0, old);
      const newEarliest = this.spans.span_index - prior.length;
      for (let i = earliest; i < newEarliest; i++) storage.SpanSlash.remove([this.stash, i]);
      this.spans = { ...this.spans, prior };
    }
    if (this.spans.last_start < this.#windowStart)
      this.spans = { ...this.spans, last_start: this.#windowStart };
    storage.SlashingSpans.set(this.stash, this.spans);
  }
}
