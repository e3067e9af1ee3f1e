// Remembers a pure function's recent answers. Phone numbers are parsed with libphonenumber's full
// metadata on every send path (normalising, the recipient's zone): a campaign or a batch of orders
// parses the same few thousand numbers again and again, and that parsing was a tenth of a campaign
// worker's CPU. Bounded, so a long-lived worker's memory stays flat; oldest entries go first.
export function boundedMemo<T>(size: number, compute: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key: string) => {
    if (answers.has(key)) return answers.get(key)!;
    const answer = compute(key);
    if (answers.size >= size) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
    return answer;
  };
}
