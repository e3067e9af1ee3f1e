import "dotenv/config";
import { disconnectDb } from "../app/db/client.server";
import { migrateDatabase } from "../app/db/migrate.server";

try {
  await migrateDatabase();
} finally {
  await disconnectDb();
}
