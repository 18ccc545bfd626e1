/**
 * V8's heap settings for the `canary` process, set before the rest of the node is loaded
 * (entry.ts imports this module first). V8 grows its young generation (the semi-spaces) as it
 * sees allocation, up to tens of MiB, and does not give that memory back while the process
 * runs: loading the node's modules and building genesis grew it enough to take `canary --dev`
 * to 310-330 MiB resident in its first seconds, where it then idles near 160 MiB. Keeping the
 * semi-spaces at their initial size bounds that peak; blocks import at the same rate
 * (docs/performance.md). `--expose-gc` lets the node collect after work that leaves much garbage
 * at once (service/gc.ts).
 */
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--semi-space-growth-factor=1");
setFlagsFromString("--expose-gc");
