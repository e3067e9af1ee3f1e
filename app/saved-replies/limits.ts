// Saved reply limits, shared by the form (browser) and the server.
export const MAX_SAVED_REPLY_NAME = 80;
export const MAX_SAVED_REPLY_BODY = 4000;
