// The Debian packages the local runtime's speech rests on, and whether this machine has them. Without them text
// works exactly as before, and audio gets a clear error naming the packages.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The one line that installs everything speech needs (README, .ci/run). */
export const SPEECH_PACKAGES = "pocketsphinx pocketsphinx-en-us festival festvox-us-slt-hts espeak-ng";

/** The acoustic model and dictionary of pocketsphinx-en-us. */
export const MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";
export const ACOUSTIC_MODEL = `${MODEL_DIR}/en-us`;
export const CMU_DICT = `${MODEL_DIR}/cmudict-en-us.dict`;

function onPath(tool: string): boolean {
  try {
    execFileSync("which", [tool], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export interface SpeechTools {
  /** Speech recognition: pocketsphinx_continuous with the US English model. */
  recognizer: boolean;
  /** Speech synthesis: festival's text2wave (the caller's voice in tests) and espeak-ng (the bot's). */
  festival: boolean;
  espeak: boolean;
}

let found: SpeechTools | undefined;

export function speechTools(): SpeechTools {
  found ??= {
    recognizer: onPath("pocketsphinx_continuous") && existsSync(ACOUSTIC_MODEL) && existsSync(CMU_DICT),
    festival: onPath("text2wave") && onPath("festival"),
    espeak: onPath("espeak-ng"),
  };
  return found;
}

/** What is missing, in words, or undefined when speech in and out both work. */
export function missingSpeech(): string | undefined {
  const t = speechTools();
  const missing = [
    ...(t.recognizer ? [] : ["speech recognition (pocketsphinx)"]),
    ...(t.espeak || t.festival ? [] : ["speech synthesis (espeak-ng or festival)"]),
  ];
  if (missing.length === 0) return undefined;
  return `${missing.join(" and ")} not installed: sudo apt-get install ${SPEECH_PACKAGES}`;
}
