// cdk-nag's AwsSolutions rules over every context variant: no unacknowledged finding, and no stale
// acknowledgement (each one still matches a finding it exists for, and says why).
import { Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { newApp, VARIANTS } from "./helpers.js";

const findings = (scope: IConstruct) =>
  new AwsSolutionsChecks()
    .validateScope(scope)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

/** Acknowledgements recorded in the tree: rule id -> reason. */
function acknowledgements(scope: IConstruct): Map<string, string> {
  const found = new Map<string, string>();
  for (const node of scope.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.set(id.replace(/^annotation::/i, ""), reason);
      }
    }
  }
  return found;
}

describe.each(Object.entries(VARIANTS))("cdk-nag AwsSolutions (%s)", (_title, context) => {
  it("reports no unacknowledged finding", () => {
    expect(findings(newApp(context).app)).toEqual([]);
  });

  it("acknowledges exactly the findings there are, each with a concrete reason", () => {
    const bare = new AwsSolutionsChecks().validateScope(
      newApp(context, { acknowledgeNagFindings: false }).app,
    );
    const acks = acknowledgements(newApp(context).app);
    expect([...acks.keys()].sort()).toEqual(bare.violations.map((v) => v.ruleName).sort());
    for (const [id, reason] of acks) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });
});
