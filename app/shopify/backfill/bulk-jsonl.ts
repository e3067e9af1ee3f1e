// A bulk operation's JSONL flattens nested connections: each child is its own
// line with __parentId, written after its parent. Folding children back as we
// read keeps memory to one parent at a time, whatever the shop's size.

export interface BulkLine {
  id?: string;
  __parentId?: string;
  [key: string]: unknown;
}

export interface BulkParent {
  node: BulkLine;
  children: BulkLine[];
}

export async function* textLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of chunks) {
    buffered += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield line;
    }
  }
  buffered += decoder.decode();
  if (buffered.trim()) yield buffered.trim();
}

export async function* foldBulkLines(lines: AsyncIterable<string>): AsyncGenerator<BulkParent> {
  let current: BulkParent | undefined;
  for await (const line of lines) {
    const parsed = JSON.parse(line) as BulkLine;
    if (parsed.__parentId) {
      if (current && parsed.__parentId === current.node.id) current.children.push(parsed);
      // A child of anything but the current parent would be a grandchild; none of our queries nest that deep.
      continue;
    }
    if (current) yield current;
    current = { node: parsed, children: [] };
  }
  if (current) yield current;
}
