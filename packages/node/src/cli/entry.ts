/**
 * The process entry of `canary` (`npm run canary`): V8's heap settings first (heap.ts), then the
 * command. ES modules are all loaded before any of them runs, so the settings would come too
 * late from inside canary.ts's own imports: the command is loaded here, after them.
 */
import "./heap.ts";

const { main } = await import("./canary.ts");
await main();
