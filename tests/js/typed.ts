// Compiled with `tsc --noEmit` (never run): the package's types describe
// every input and output, so a portal's TypeScript is checked against them.
import init, { validateReport, validateReports, aggregate, tables, catalog, schema, loadReport, Checker } from "binhdang";
import type { Finding, Outcome, Report, Plan, Summary, Tables, Catalog, ValidateOptions } from "binhdang";

declare const plan: Plan;
declare const report: Report;

async function form(): Promise<void> {
  await init();
  const options: ValidateOptions = { asOf: "2025-01-15", context: [report, "{}"] };
  const findings: Finding[] = validateReport(report, plan, options);
  for (const f of findings) {
    const where: string = f.path;
    const level: "error" | "warning" = f.severity;
    const text: string = f.message_vi + f.message_en;
    console.log(where, level, text, f.code === "sex_sum_mismatch");
  }
  const fromText: Finding[] = validateReport(JSON.stringify(report), JSON.stringify(plan), {});
  const outcomes: Outcome[] = validateReports([report, "{}"], plan, options);
  const used: boolean = outcomes[0].status === "used";
  const summary: Summary = aggregate(plan, [report], "2025-01-15");
  const received: number = summary.periods[0].completeness.received;
  const t: Tables = tables(plan, [report], "2025-01-15", { limits: { max_reports: 500 } });
  // @ts-expect-error: limits have four known names.
  aggregate(plan, [report], "2025-01-15", { limits: { max_size: 5 } });
  const sex: string = t.figures[0].sex;
  const stored: Report = loadReport(report);
  const checked: Finding[] = new Checker(plan).validateReport(report, { asOf: "2025-01-15" });
  const c: Catalog = catalog();
  const s: object = schema("report");
  console.log(fromText, used, received, sex, stored.unit, checked.length, c.indicators.length, s);
  // @ts-expect-error: a number is neither a report nor JSON text.
  validateReport(42, plan, {});
  // @ts-expect-error: not a schema name.
  schema("reports");
  // @ts-expect-error: severity is "error" | "warning".
  const wrong: "info" = findings[0].severity;
  console.log(wrong);
}

void form;
