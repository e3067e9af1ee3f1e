import { defineConfig } from "prisma/config";

// The URL matters only to `prisma migrate deploy` on a machine with internet;
// our own `npm run db:migrate` applies the same folder offline (docs/decisions/0002).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/threadline" },
});
