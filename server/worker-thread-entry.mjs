// A worker thread does not inherit tsx's module hooks from the main thread: register them here,
// then load the TypeScript entry (server/worker-thread.ts).
import { register } from "tsx/esm/api";

register();
await import("./worker-thread.ts");
