import { describe, expect, it } from "vitest";
import { BannedTransactions } from "./banned.ts";

describe("BannedTransactions", () => {
  it("refuses an id until its ban ends, then forgets it", () => {
    const banned = new BannedTransactions();
    banned.ban("a", 100, 0);
    expect(banned.isBanned("a", 99)).toBe(true);
    expect(banned.isBanned("a", 100)).toBe(false);
    expect(banned.size).toBe(0);
    expect(banned.isBanned("b", 0)).toBe(false);
  });

  it("drops expired bans once past its expected size", () => {
    const banned = new BannedTransactions(3);
    banned.ban("old1", 10, 0);
    banned.ban("old2", 10, 0);
    banned.ban("live", 100, 0);
    banned.ban("new", 100, 50); // over 3: the two expired go
    expect(banned.size).toBe(2);
    expect(banned.isBanned("live", 50)).toBe(true);
    expect(banned.isBanned("new", 50)).toBe(true);
  });

  it("drops the oldest live bans when expiry is not enough, and stays bounded", () => {
    const banned = new BannedTransactions(100);
    for (let i = 0; i < 10_000; i++) banned.ban(`tx${i}`, 1_000_000 + i, i);
    expect(banned.size).toBe(100);
    expect(banned.isBanned("tx9999", 10_000)).toBe(true);
    expect(banned.isBanned("tx9900", 10_000)).toBe(true);
    expect(banned.isBanned("tx9899", 10_000)).toBe(false);
  });

  it("moves a re-banned id to the newest end", () => {
    const banned = new BannedTransactions(2);
    banned.ban("a", 100, 0);
    banned.ban("b", 100, 0);
    banned.ban("a", 200, 1);
    banned.ban("c", 200, 2); // over 2: "b" is now the oldest
    expect(banned.isBanned("a", 150)).toBe(true);
    expect(banned.isBanned("b", 50)).toBe(false);
    expect(banned.isBanned("c", 150)).toBe(true);
  });
});
