// Stand-in for Twilio's Programmable Messaging REST API (2010-04-01), wire-compatible
// with twilio-node pointed at it through createTwilioClient({ baseUrl }).
import twilio from "twilio";
import { basicAuth, randomHex, readBody, sendJson, serve, type ListenOptions } from "./http-util";

export type TwilioMessageStatus =
  "queued" | "accepted" | "sending" | "sent" | "delivered" | "undelivered" | "failed" | "read";

export interface TwilioFailure {
  status: number;
  code: number;
  message?: string;
}

export interface CapturedTwilioMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string | null;
  statusCallback: string | null;
  mediaUrls: string[];
  contentSid: string | null;
  /** Exactly as sent on the wire: a JSON string. */
  contentVariables: string | null;
  auth: { username: string; password: string };
  /** Every form field; a repeated key (MediaUrl) becomes an array. */
  fields: Record<string, string | string[]>;
  status: TwilioMessageStatus;
  errorCode: number | null;
  dateCreated: Date;
}

export type TwilioDraft = Omit<CapturedTwilioMessage, "sid" | "status" | "errorCode" | "dateCreated">;

export interface TwilioCallbackRecord {
  sid: string;
  url: string;
  params: Record<string, string>;
  signature: string;
  /** When the stand-in posted it. */
  sentAt: Date;
  /** HTTP status the receiver answered, or undefined when the POST itself failed. */
  responseStatus?: number;
  error?: string;
}

export interface FakeTwilioOptions extends ListenOptions {
  /** When given, Basic auth must match exactly; otherwise any credentials pass and are recorded. */
  credentials?: { accountSid: string; authToken: string };
  /** POST queued→sent→delivered to each StatusCallback on its own after a send. */
  autoStatusCallbacks?: boolean | { delayMs?: number };
  /**
   * Answer each accepted send this much later (the message already exists, as at Twilio): widens
   * the window in which a worker can die between Twilio's acceptance and our write of the sid.
   */
  sendReplyDelayMs?: number;
}

/** One GET of the Messages list: the filters as Twilio received them. */
export interface TwilioListQuery {
  accountSid: string;
  params: Record<string, string>;
  receivedAt: Date;
}

export interface FakeTwilio {
  url: string;
  messages: CapturedTwilioMessage[];
  /** Sends that were answered with an error (failNext/failWhen/validation). */
  rejected: Array<{ draft: TwilioDraft; failure: TwilioFailure; receivedAt: Date }>;
  callbacks: TwilioCallbackRecord[];
  /** Every list request (GET …/Messages.json), answered or failed. */
  listQueries: TwilioListQuery[];
  /** Every list request is answered with this error until called again with null. */
  failLists(failure: TwilioFailure | null): void;
  failNext(code: number, status?: number, message?: string): void;
  failWhen(predicate: ((draft: TwilioDraft) => TwilioFailure | null | undefined | false) | null): void;
  sendStatusCallback(
    sid: string,
    status: TwilioMessageStatus,
    opts?: { errorCode?: number },
  ): Promise<TwilioCallbackRecord>;
  /** Resolves once every automatic status callback started so far has finished. */
  settled(): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const API = "2010-04-01";

const KNOWN_ERRORS: Record<number, string> = {
  20003: "Authenticate",
  20404: "The requested resource was not found",
  20429: "Too Many Requests",
  21211: "The 'To' number is not a valid phone number.",
  21408: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
  21602: "Message body is required.",
  21603: "A 'From' phone number is required.",
  21604: "A 'To' phone number is required.",
  21610: "Attempt to send to unsubscribed recipient",
  21612: "The 'To' phone number is not currently reachable via SMS.",
  21614: "'To' number is not a valid mobile number",
  63016:
    "Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.",
};

// Twilio's documented test-credential magic numbers, so tests can trigger errors by address alone.
const MAGIC_TO: Record<string, number> = {
  "+15005550001": 21211,
  "+15005550002": 21612,
  "+15005550003": 21408,
  "+15005550004": 21610,
  "+15005550009": 21614,
};

export function twilioErrorBody(code: number, status: number, message = KNOWN_ERRORS[code] ?? `Error ${code}`) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

const rfc2822 = (d: Date) => d.toUTCString().replace("GMT", "+0000");

function toResource(m: CapturedTwilioMessage) {
  const uri = `/${API}/Accounts/${m.accountSid}/Messages/${m.sid}.json`;
  const date = rfc2822(m.dateCreated);
  return {
    account_sid: m.accountSid,
    api_version: API,
    body: m.body ?? "",
    date_created: date,
    date_sent: m.status === "queued" || m.status === "accepted" ? null : date,
    date_updated: date,
    direction: "outbound-api",
    error_code: m.errorCode,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: String(m.mediaUrls.length),
    num_segments: "1",
    price: null,
    price_unit: "USD",
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
    to: m.to,
    uri,
  };
}

/** DateSent filters compare days (UTC); twilio-node sends a full ISO time, of which the day counts. */
function sentDayMatches(m: CapturedTwilioMessage, params: URLSearchParams): boolean {
  const filters = [
    ["DateSent", (a: string, b: string) => a === b],
    ["DateSent<", (a: string, b: string) => a <= b],
    ["DateSent>", (a: string, b: string) => a >= b],
  ] as const;
  const active = filters.filter(([key]) => params.has(key));
  if (!active.length) return true;
  // A message Twilio has not sent yet (queued, accepted) has no date_sent, so no DateSent filter finds it.
  if (m.status === "queued" || m.status === "accepted") return false;
  const day = m.dateCreated.toISOString().slice(0, 10);
  return active.every(([key, cmp]) => cmp(day, params.get(key)!.slice(0, 10)));
}

/** GET …/Messages.json: To/From/DateSent filters, newest first, pages of PageSize (default 50). */
function listPage(url: URL, all: CapturedTwilioMessage[]) {
  const params = url.searchParams;
  const pageSize = Math.min(Math.max(Number(params.get("PageSize") ?? 50) || 50, 1), 1000);
  const page = Math.max(Number(params.get("Page") ?? 0) || 0, 0);
  const to = params.get("To");
  const from = params.get("From");
  const matching = all
    .filter((m) => (!to || m.to === to) && (!from || m.from === from) && sentDayMatches(m, params))
    .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());
  const start = page * pageSize;
  const slice = matching.slice(start, start + pageSize);
  const pageUri = (n: number) => {
    const q = new URLSearchParams(params);
    q.set("PageSize", String(pageSize));
    q.set("Page", String(n));
    return `${url.pathname}?${q.toString()}`;
  };
  return {
    end: start + Math.max(slice.length - 1, 0),
    first_page_uri: pageUri(0),
    messages: slice.map(toResource),
    next_page_uri: start + pageSize < matching.length ? pageUri(page + 1) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? pageUri(page - 1) : null,
    start,
    uri: pageUri(page),
  };
}

function fieldsOf(form: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

function validate(d: TwilioDraft): TwilioFailure | undefined {
  if (!d.to) return { status: 400, code: 21604 };
  if (!d.from && !d.messagingServiceSid) return { status: 400, code: 21603 };
  if (!d.body && d.mediaUrls.length === 0 && !d.contentSid) return { status: 400, code: 21602 };
  const [, channel = "", address] = /^(?:([a-z]+):)?(.*)$/.exec(d.to)!;
  if ((channel === "" || channel === "whatsapp") && !/^\+[1-9]\d{6,14}$/.test(address))
    return { status: 400, code: 21211, message: `The 'To' number ${d.to} is not a valid phone number.` };
  const magic = MAGIC_TO[address];
  if (magic) return { status: 400, code: magic };
  return undefined;
}

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const messages: CapturedTwilioMessage[] = [];
  const rejected: FakeTwilio["rejected"] = [];
  const listQueries: TwilioListQuery[] = [];
  let listFailure: TwilioFailure | null = null;
  const callbacks: TwilioCallbackRecord[] = [];
  const queuedFailures: TwilioFailure[] = [];
  const pending = new Set<Promise<unknown>>();
  let predicate: Parameters<FakeTwilio["failWhen"]>[0] = null;
  let closing = false;
  const auto = options.autoStatusCallbacks;
  const autoDelay = typeof auto === "object" ? (auto.delayMs ?? 0) : 0;

  const messagesPath = new RegExp(`^/${API}/Accounts/([^/]+)/Messages(?:/([^/]+))?\\.json$`);

  const server = await serve(async (req, res, url) => {
    const route = messagesPath.exec(url.pathname);
    const isCreate = req.method === "POST" && route && !route[2];
    const isFetch = req.method === "GET" && route?.[2];
    const isList = req.method === "GET" && route && !route[2];
    if (!route || !(isCreate || isFetch || isList)) {
      return sendJson(res, 404, twilioErrorBody(20404, 404, `The requested resource ${url.pathname} was not found`));
    }
    const accountSid = route[1];
    const auth = basicAuth(req);
    const creds = options.credentials;
    const authorised =
      auth &&
      (!creds ||
        (auth.username === creds.accountSid && auth.password === creds.authToken && accountSid === creds.accountSid));
    if (!auth || !authorised)
      return sendJson(res, 401, twilioErrorBody(20003, 401), { "WWW-Authenticate": 'Basic realm="Twilio API"' });

    if (isList) {
      const params = Object.fromEntries(url.searchParams);
      listQueries.push({ accountSid, params, receivedAt: new Date() });
      if (listFailure) return sendJson(res, listFailure.status, twilioErrorBody(listFailure.code, listFailure.status));
      return sendJson(
        res,
        200,
        listPage(
          url,
          messages.filter((m) => m.accountSid === accountSid),
        ),
      );
    }

    if (req.method === "GET") {
      const found = messages.find((m) => m.sid === route[2] && m.accountSid === accountSid);
      if (!found)
        return sendJson(res, 404, twilioErrorBody(20404, 404, `The requested resource ${url.pathname} was not found`));
      return sendJson(res, 200, toResource(found));
    }

    const form = new URLSearchParams(await readBody(req));
    const draft: TwilioDraft = {
      accountSid,
      to: form.get("To") ?? "",
      from: form.get("From"),
      messagingServiceSid: form.get("MessagingServiceSid"),
      body: form.get("Body"),
      statusCallback: form.get("StatusCallback"),
      mediaUrls: form.getAll("MediaUrl"),
      contentSid: form.get("ContentSid"),
      contentVariables: form.get("ContentVariables"),
      auth,
      fields: fieldsOf(form),
    };
    const failure =
      queuedFailures.shift() ?? (predicate ? predicate(draft) || undefined : undefined) ?? validate(draft);
    if (failure) {
      rejected.push({ draft, failure, receivedAt: new Date() });
      return sendJson(res, failure.status, twilioErrorBody(failure.code, failure.status, failure.message));
    }
    const message: CapturedTwilioMessage = {
      ...draft,
      sid: `SM${randomHex(16)}`,
      status: "queued",
      errorCode: null,
      dateCreated: new Date(),
    };
    messages.push(message);
    if (options.sendReplyDelayMs) await new Promise((r) => setTimeout(r, options.sendReplyDelayMs));
    sendJson(res, 201, toResource(message));
    if (auto && message.statusCallback) track(runAutoCallbacks(message.sid));
  }, options);

  function track(p: Promise<unknown>) {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  async function runAutoCallbacks(sid: string) {
    for (const status of ["queued", "sent", "delivered"] as const) {
      if (autoDelay) await new Promise((r) => setTimeout(r, autoDelay));
      if (closing) return;
      await sendStatusCallback(sid, status);
    }
  }

  async function sendStatusCallback(sid: string, status: TwilioMessageStatus, opts: { errorCode?: number } = {}) {
    const message = messages.find((m) => m.sid === sid);
    if (!message) throw new Error(`fake twilio: no message ${sid}`);
    if (!message.statusCallback) throw new Error(`fake twilio: message ${sid} has no StatusCallback`);
    message.status = status;
    message.errorCode = opts.errorCode ?? null;
    const params: Record<string, string> = {
      AccountSid: message.accountSid,
      ApiVersion: API,
      From: message.from ?? "",
      MessageSid: sid,
      MessageStatus: status,
      SmsSid: sid,
      SmsStatus: status,
      To: message.to,
    };
    if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
    if (opts.errorCode !== undefined) params.ErrorCode = String(opts.errorCode);
    // Twilio signs with the account's auth token: the enforced one, else whatever the sender used.
    const authToken = options.credentials?.authToken ?? message.auth.password;
    const signature = twilio.getExpectedTwilioSignature(authToken, message.statusCallback, params);
    const record: TwilioCallbackRecord = { sid, url: message.statusCallback, params, signature, sentAt: new Date() };
    callbacks.push(record);
    try {
      const res = await fetch(message.statusCallback, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Twilio-Signature": signature,
          "User-Agent": "TwilioProxy/1.1",
        },
        body: new URLSearchParams(params).toString(),
      });
      await res.arrayBuffer();
      record.responseStatus = res.status;
    } catch (err) {
      record.error = String(err);
    }
    return record;
  }

  return {
    url: server.url,
    messages,
    rejected,
    callbacks,
    listQueries,
    failLists(failure) {
      listFailure = failure;
    },
    failNext(code, status = code === 20429 ? 429 : 400, message) {
      queuedFailures.push({ code, status, message });
    },
    failWhen(p) {
      predicate = p;
    },
    sendStatusCallback,
    async settled() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    reset() {
      messages.length = 0;
      rejected.length = 0;
      callbacks.length = 0;
      listQueries.length = 0;
      listFailure = null;
      queuedFailures.length = 0;
      predicate = null;
    },
    async close() {
      closing = true;
      await Promise.allSettled([...pending]);
      await server.close();
    },
  };
}
