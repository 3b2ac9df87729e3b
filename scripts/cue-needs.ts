// npm run cues: writes lambda/engine/understand/cue-needs.json, the words each of the reader's cues cannot match
// without (see cue.ts and pattern-needs.ts), so a cold Lambda doesn't work them out on its first turn.
// tests/engine/cue-needs.test.ts fails when the file is out of date.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cueNeedsFile } from "../lambda/engine/understand/cue-needs-file.js";

const path = fileURLToPath(new URL("../lambda/engine/understand/cue-needs.json", import.meta.url));
writeFileSync(path, cueNeedsFile());
console.log(`wrote ${path}`);
