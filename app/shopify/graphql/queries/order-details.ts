import { LINE_ITEM_FIELDS, ORDER_FIELDS } from "./fragments";

export const ORDER_DETAILS_QUERY = `query OrderDetails($id: ID!) {
  order(id: $id) {
    ${ORDER_FIELDS}
    lineItems(first: 100) { nodes { ${LINE_ITEM_FIELDS} } }
  }
}`;
