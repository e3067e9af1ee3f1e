-- CreateExtension, kept by hand: schema.prisma does not declare extensions (see its datasource).
-- It lives in public, never in the app or a test schema (test schemas are dropped with CASCADE),
-- and every connection puts public last on its search_path so that gin_trgm_ops resolves.
CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "public";

-- CreateIndex
CREATE INDEX "Customer_firstName_lastName_email_phone_idx" ON "Customer" USING GIN ("firstName" gin_trgm_ops, "lastName" gin_trgm_ops, "email" gin_trgm_ops, "phone" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Message_body_idx" ON "Message" USING GIN ("body" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Order_shopId_name_idx" ON "Order"("shopId", "name");
