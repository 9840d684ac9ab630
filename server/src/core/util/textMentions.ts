/**
 * Whether `text` contains `needle`, remembered for the last text per needle: per-object code asks
 * this of the whole file's text, once for each of its objects (a file of many workloads was
 * scanned once per workload).
 */
export function textMentions(text: string, needle: string): boolean {
  let last = answers.get(needle);
  if (!last) answers.set(needle, (last = { text: '', answer: false }));
  // Identity first: the same file's text is the same string, so no characters are compared.
  if (last.text !== text) {
    last.text = text;
    last.answer = text.includes(needle);
  }
  return last.answer;
}

const answers = new Map<string, { text: string; answer: boolean }>();
