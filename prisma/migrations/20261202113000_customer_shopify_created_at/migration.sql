-- When Shopify created the customer (customers/* created_at, GraphQL Customer.createdAt):
-- "Customer since" on the customer page. Customer.createdAt stays our first sighting.
-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "shopifyCreatedAt" TIMESTAMP(3);
