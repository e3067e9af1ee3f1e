export class MissingOfflineSessionError extends Error {
  constructor(readonly shopDomain: string) {
    super(
      `No offline access token for ${shopDomain}: the shop must (re)install the app before Threadline can read it.`,
    );
    this.name = "MissingOfflineSessionError";
  }
}

export interface GraphQLErrorDetail {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: (string | number)[];
}

export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly details: { status?: number; operationName?: string; graphQLErrors?: GraphQLErrorDetail[] } = {},
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

/** A mutation answered with userErrors (for example bulkOperationRunQuery). */
export class AdminUserError extends AdminApiError {}
