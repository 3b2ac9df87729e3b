// Shows a Lex message the way a caller would hear it: SSML becomes readable text, pauses stay visible ("…" for a
// short break, a line break for a long one or a paragraph), and escaped characters read as themselves.

/** Breaks this long or longer read as the end of a thought: start a new line. */
const LONG_BREAK_MS = 1000;

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1]?.toLowerCase() === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Milliseconds of a <break>: time="350ms" / "1.5s", or the strength words Polly maps to durations. */
function breakMs(attributes: string): number {
  const time = /time\s*=\s*["']([\d.]+)\s*(ms|s)["']/i.exec(attributes);
  if (time) return Number(time[1]) * (time[2]?.toLowerCase() === "s" ? 1000 : 1);
  const strength = /strength\s*=\s*["'](\w+)["']/i.exec(attributes)?.[1]?.toLowerCase();
  return strength === "x-strong" || strength === "strong" ? LONG_BREAK_MS : strength === "none" ? 0 : 500;
}

export function ssmlToText(ssml: string): string {
  const text = ssml
    .replace(/<break\b([^>]*)\/?>/gi, (_, attributes: string) => {
      const ms = breakMs(attributes);
      return ms === 0 ? " " : ms >= LONG_BREAK_MS ? "\n" : " … ";
    })
    // <sub alias="..."> is read as its alias.
    .replace(
      /<sub\b[^>]*\balias\s*=\s*(["'])(.*?)\1[^>]*>.*?<\/sub>/gis,
      (_, _q: string, alias: string) => alias,
    )
    .replace(/<\/p>\s*<p\b[^>]*>/gi, "\n")
    .replace(/<\/?[a-z][\w:-]*\b[^>]*>/gi, "");
  return unescapeXml(text)
    .split("\n")
    .map((line) =>
      line
        .replace(/[ \t]+/g, " ")
        .replace(/^ ?… /, "")
        .replace(/ … ?$/, "")
        .trim(),
    )
    .filter((line) => line.length > 0)
    .join("\n");
}

/** One Lex message as displayed text, whatever its content type. */
export function messageText(message: { contentType?: string; content?: string }): string {
  const content = message.content ?? "";
  return message.contentType === "SSML" ? ssmlToText(content) : content;
}
