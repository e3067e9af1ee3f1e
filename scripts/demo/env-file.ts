// The .env that `npm run demo` writes on first start: .env.example, with the
// port the demo was actually started on (PORT=3200 npm run demo), so every later
// command that reads .env agrees with the running demo.
export function envFileFromExample(example: string, env: { PORT?: string }): string {
  const port = env.PORT?.trim();
  if (!port || !/^\d+$/.test(port)) return example;
  return example
    .replace(/^PORT=.*$/m, `PORT=${port}`)
    .replace(/^SHOPIFY_APP_URL=http:\/\/localhost:\d+$/m, `SHOPIFY_APP_URL=http://localhost:${port}`);
}
