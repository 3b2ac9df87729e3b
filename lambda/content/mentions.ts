// Whether words mention any of a side question's `mentions` (prompts/<locale>/questions.yaml): each a word, or the
// start of one ("los" for lose, losing, lost), or words in a row, found at a word's start. Shared by the content
// check at build (every training phrase of the question mentions one) and the reader (an NLU guess of the
// question whose words mention none is not followed). Plain string search: no pattern to compile on a turn.
export function mentionsAny(text: string, mentions: readonly string[]): boolean {
  const padded = ` ${text}`;
  return mentions.some((m) => padded.includes(` ${m}`));
}
