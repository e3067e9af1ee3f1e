// The slice of shopify.i18n the views use, so tests can hand them a translator built from the same
// locale files (tests/extension/support/translate.ts). Written out rather than imported: see
// tsconfig.json for why the views never import @shopify/ui-extensions types themselves.
export interface BlockI18n {
  /** `{{name}}` replacements; `count` picks the plural form. */
  translate(key: string, options?: Record<string, string | number>): string;
  formatDate(date: Date, options?: Intl.DateTimeFormatOptions): string;
}
