// Fills a content template's {placeholders}: "Step {n}." with { n: 2 } is "Step 2.". A placeholder with no
// value becomes empty (the schema checks each template uses only the names its field allows).
export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
