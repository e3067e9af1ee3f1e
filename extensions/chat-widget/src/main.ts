// Bundle entry: loaded with `defer`, so the document is parsed and the config element exists.
import { readConfig } from "./config";
import { mountWidget } from "./widget";

const config = readConfig(document);
if (config && !document.getElementById("threadline-chat")) mountWidget(config);
