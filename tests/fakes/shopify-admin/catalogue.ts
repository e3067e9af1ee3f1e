// The fake shop's small product catalogue and the names and places its customers come from.

export interface CatalogueProduct {
  productId: number;
  variantId: number;
  title: string;
  sku: string;
  price: string;
}

export const CATALOGUE: CatalogueProduct[] = [
  {
    productId: 8801001,
    variantId: 4401001,
    title: "Merino Crew Sweater - Charcoal / M",
    sku: "TL-MER-CH-M",
    price: "89.00",
  },
  {
    productId: 8801002,
    variantId: 4401002,
    title: "Organic Cotton Tee - White / L",
    sku: "TL-TEE-WH-L",
    price: "28.00",
  },
  {
    productId: 8801003,
    variantId: 4401003,
    title: "Waxed Canvas Field Jacket - Olive / M",
    sku: "TL-JKT-OL-M",
    price: "195.00",
  },
  {
    productId: 8801004,
    variantId: 4401004,
    title: "Selvedge Denim Jeans - Indigo / 32",
    sku: "TL-DEN-IN-32",
    price: "120.00",
  },
  { productId: 8801005, variantId: 4401005, title: "Wool Beanie - Rust", sku: "TL-BEA-RU", price: "32.00" },
  { productId: 8801006, variantId: 4401006, title: "Linen Overshirt - Sand / S", sku: "TL-LIN-SA-S", price: "78.00" },
  { productId: 8801007, variantId: 4401007, title: "Trail Socks 3-Pack", sku: "TL-SOC-3P", price: "24.00" },
  { productId: 8801008, variantId: 4401008, title: "Leather Belt - Tan / 34", sku: "TL-BLT-TN-34", price: "55.00" },
];

export const FIRST_NAMES = [
  "Olivia",
  "Liam",
  "Amelia",
  "Noah",
  "Isla",
  "Oliver",
  "Ava",
  "George",
  "Mia",
  "Harry",
  "Sophia",
  "Jack",
  "Emily",
  "Leo",
  "Grace",
  "Arthur",
  "Chloe",
  "Henry",
  "Zara",
  "Lucas",
];
export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Taylor",
  "Davies",
  "Evans",
  "Wilson",
  "Thomas",
  "Garcia",
  "Martinez",
  "Clarke",
  "Walker",
  "Wright",
  "Robinson",
  "Thompson",
  "Hughes",
  "Patel",
  "Khan",
];

export interface Place {
  city: string;
  province: string | null;
  zip: string;
  countryCode: "US" | "GB";
}

export const US_PLACES: Place[] = [
  { city: "Portland", province: "OR", zip: "97205", countryCode: "US" },
  { city: "Austin", province: "TX", zip: "78701", countryCode: "US" },
  { city: "Brooklyn", province: "NY", zip: "11211", countryCode: "US" },
  { city: "Denver", province: "CO", zip: "80202", countryCode: "US" },
  { city: "San Francisco", province: "CA", zip: "94110", countryCode: "US" },
];
export const UK_PLACES: Place[] = [
  { city: "London", province: "ENG", zip: "E1 6AN", countryCode: "GB" },
  { city: "Manchester", province: "ENG", zip: "M1 1AE", countryCode: "GB" },
  { city: "Edinburgh", province: "SCT", zip: "EH1 1YZ", countryCode: "GB" },
];
/** Real, valid area codes, so phone parsing treats the numbers as genuine. */
export const US_AREA_CODES = ["503", "512", "718", "720", "415"];

export const CARRIERS = {
  US: { company: "UPS", url: (n: string) => `https://www.ups.com/track?tracknum=${n}` },
  GB: { company: "Royal Mail", url: (n: string) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}` },
} as const;
