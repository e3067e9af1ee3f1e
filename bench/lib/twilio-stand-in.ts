// The Twilio stand-in in a process of its own, so that a benchmark's CPU figure is the app's alone.
// Prints its URL on stdout; answers GET /count with how many messages it received.
import { createServer } from "node:http";
import { startFakeTwilio } from "../../tests/fakes/twilio";

const twilio = await startFakeTwilio();
const counter = createServer((_req, res) => res.end(String(twilio.messages.length)));
counter.listen(0, "127.0.0.1", () => {
  const address = counter.address();
  if (address && typeof address === "object")
    console.log(`listening ${twilio.url} count http://127.0.0.1:${address.port}`);
});
process.on("SIGTERM", () => {
  counter.close();
  void twilio.close().then(() => process.exit(0));
});
