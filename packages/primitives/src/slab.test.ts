import { describe, expect, it } from "vitest";
import { Writer } from "./scale/writer.ts";
import { newBytes, Slab, useSharedBuffers } from "./slab.ts";

describe("Slab", () => {
  it("hands out zeroed arrays that do not overlap, and copies", () => {
    const slab = new Slab();
    const a = slab.alloc(80);
    const b = slab.alloc(80);
    expect(a).toEqual(new Uint8Array(80));
    a.fill(1);
    expect(b).toEqual(new Uint8Array(80));
    expect(a.buffer).toBe(b.buffer);
    const c = slab.copy(Uint8Array.from([1, 2, 3, 4]), 3);
    expect([...c]).toEqual([1, 2, 3]);
    expect(slab.copy(Uint8Array.of(5, 6))).toEqual(Uint8Array.of(5, 6));
  });

  it("gives a large array a buffer of its own, and starts a new buffer when one is full", () => {
    const slab = new Slab();
    const large = slab.alloc(100_000);
    expect(large.byteOffset).toBe(0);
    expect(large.buffer.byteLength).toBe(100_000);
    const first = slab.alloc(8000);
    let last = first;
    for (let i = 0; i < 8; i++) last = slab.alloc(8000); // the ninth does not fit in 64 KiB
    expect(last.buffer).not.toBe(first.buffer);
    expect(last.byteOffset).toBe(0);
  });
});

describe("shared buffers", () => {
  it("are off until asked for, then hold arrays over 64 bytes only; contents are unchanged", () => {
    expect(newBytes(80).byteLength).toBe(newBytes(80).buffer.byteLength);
    useSharedBuffers();
    const small = newBytes(64);
    const large = newBytes(65);
    const other = newBytes(65);
    expect(small.buffer.byteLength).toBe(64);
    expect(large.buffer).toBe(other.buffer);
    const w = new Writer();
    for (let i = 0; i < 100; i++) w.byte(i);
    const encoded = w.finish();
    expect([...encoded]).toEqual(Array.from({ length: 100 }, (_, i) => i));
    w.reset();
    w.byte(7);
    expect(encoded[0]).toBe(0); // the writer's reuse does not reach a finished encoding
    w.reset();
    for (let i = 0; i < 300; i++) w.byte(i & 255);
    expect([...w.finish()]).toEqual(Array.from({ length: 300 }, (_, i) => i & 255));
  });
});
