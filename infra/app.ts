// CDK app entry (cdk.json: "npm run -s content && npx tsx infra/app.ts"). Context keys: see infra/settings.ts.
import { buildApp } from "./build-app.js";

buildApp().app.synth();
