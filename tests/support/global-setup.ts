// Runs once before all test files. The trigram migration creates pg_trgm in the
// shared public schema; doing it here first keeps parallel test files from
// racing to create it on a fresh database.
import pg from "pg";
import { TEST_DATABASE_URL } from "./test-database";

export default async function setup() {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "public"`);
  } finally {
    await client.end();
  }
}
