import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { elect } from "./elect.ts";

const dir = mkdtempSync(join(tmpdir(), "canary-elect-"));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const run = (args: string[]) => {
  const lines: string[] = [];
  elect(args, (l) => lines.push(l));
  return JSON.parse(lines.join("\n"));
};
const good = {
  toElect: 2,
  candidates: ["1", "2", "3"],
  voters: [
    ["10", "10", ["1", "2"]],
    ["20", "20", ["1", "3"]],
    ["30", "30", ["2", "3"]],
  ],
};

describe("canary elect", () => {
  it("prints winners in election order with their backing, for each algorithm", () => {
    const input = file("good.json", good);
    expect(run(["--input", input])).toEqual({
      winners: [
        ["3", "35"],
        ["2", "25"],
      ],
    });
    expect(run(["--input", input, "--balancing", "4"])).toEqual({
      winners: [
        ["3", "30"],
        ["2", "30"],
      ],
    });
    expect(run(["--input", input, "--algorithm", "phragmms", "--balancing", "2"])).toEqual({
      winners: [
        ["3", "30"],
        ["2", "30"],
      ],
    });
  });

  it.each([
    ["not an object", [1, 2], /^\$: expected an object/],
    ["toElect missing", { ...good, toElect: undefined }, /^\$\.toElect: expected a whole number/],
    ["negative toElect", { ...good, toElect: -1 }, /^\$\.toElect:/],
    ["a number as candidate", { ...good, candidates: ["1", 2] }, /^\$\.candidates\[1\]: expected a string/],
    ["a voter not a triple", { ...good, voters: [["10", "10"]] }, /^\$\.voters\[0\]: expected \[id/],
    [
      "a numeric stake",
      { ...good, voters: [["10", 10, ["1"]]] },
      /^\$\.voters\[0\]\[1\]: expected a decimal/,
    ],
    ["a fractional stake", { ...good, voters: [["10", "1.5", ["1"]]] }, /^\$\.voters\[0\]\[1\]:/],
    [
      "a stake beyond u64",
      { ...good, voters: [["10", "18446744073709551616", ["1"]]] },
      /\$\.voters\[0\]\[1\]:/,
    ],
    [
      "targets not an array",
      { ...good, voters: [["10", "1", "1"]] },
      /^\$\.voters\[0\]\[2\]: expected an array/,
    ],
    ["a numeric target", { ...good, voters: [["10", "1", ["1", 3]]] }, /^\$\.voters\[0\]\[2\]\[1\]:/],
    ["an unknown field", { ...good, seats: 3 }, /^\$\.seats: unknown field/],
  ])("rejects %s, naming the path", (_, content, message) => {
    const input = file("bad.json", content);
    expect(() => run(["--input", input])).toThrow(message);
    try {
      run(["--input", input]);
    } catch (e) {
      expect((e as { code: string }).code).toBe("CLI_BAD_INPUT");
    }
  });

  it("rejects bad flags and unreadable files", () => {
    const input = file("good.json", good);
    expect(() => run([])).toThrow(/--input/);
    expect(() => run(["--input", input, "--algorithm", "borda"])).toThrow(/--algorithm must be/);
    expect(() => run(["--input", input, "--balancing", "ten"])).toThrow(/--balancing must be/);
    expect(() => run(["--input", join(dir, "missing.json")])).toThrow(/cannot read/);
    expect(() => run(["--input", file("text.json", "{not json")])).toThrow(/is not JSON/);
  });

  it("as a process: prints the result, or the error with exit code 1", () => {
    const canary = join(import.meta.dirname, "canary.ts");
    const ok = spawnSync(process.execPath, [canary, "elect", "--input", file("good.json", good)], {
      encoding: "utf8",
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      winners: [
        ["3", "35"],
        ["2", "25"],
      ],
    });
    const bad = spawnSync(
      process.execPath,
      [canary, "elect", "--input", file("bad.json", { ...good, voters: [["10", "ten", ["1"]]] })],
      { encoding: "utf8" },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/\$\.voters\[0\]\[1\]: expected a decimal string/);
  });
});
