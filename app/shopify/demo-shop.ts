export const DEMO_SHOP_DOMAIN = "threadline-demo.myshopify.com";
