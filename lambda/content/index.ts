// The validated content, compiled into the bundle at build time (see scripts/build-content.ts).
export { speech as content } from "./generated/speech.js";
