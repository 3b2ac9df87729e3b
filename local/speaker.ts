// Speaks the bot's replies with espeak-ng where it is installed. espeak-ng reads SSML itself (-m), so pauses and
// sentences sound as the markup intends; without it the console just keeps showing text.
import { spawn } from "node:child_process";

export interface Speaker {
  available(): Promise<boolean>;
  speak(message: { contentType?: string; content?: string }): Promise<void>;
}

const run = (args: string[]): Promise<boolean> =>
  new Promise((resolve) => {
    const child = spawn("espeak-ng", args, { stdio: "ignore" });
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });

export function espeakSpeaker(): Speaker {
  let found: Promise<boolean> | undefined;
  return {
    available: () => {
      found ??= run(["--version"]);
      return found;
    },
    async speak(message) {
      if (!message.content || !(await this.available())) return;
      const ssml = message.contentType === "SSML";
      await run([...(ssml ? ["-m"] : []), "-v", "en-us", message.content]);
    },
  };
}
