// Compiled with `tsc --noEmit` (never run), three ways (check-tsc.sh): the
// package's one declaration file describes every input and output, so a
// portal's TypeScript is checked against them, with any module settings.
import init, {
  initSync, initProvince, initProvinceSync, validateReport, validateReports, aggregate, tables, publishedTables,
  replay, transition, catalog, schema, loadReport, setLanguage, Checker,
} from "binhdang";
import type {
  Finding, Outcome, Report, Plan, Summary, Tables, Catalog, ValidateOptions, IsoDate, BinhdangError,
  ReportEvent, Replay, Standing, Step, Decision, State,
} from "binhdang";
// The form's entry: the same declarations, and none of the province's functions as values.
import initForm, * as formEntry from "binhdang/form";
import type { Finding as FormFinding } from "binhdang/form";

declare const plan: Plan;
declare const report: Report;
declare const bytes: Uint8Array;
declare const log: ReportEvent[];

async function form(): Promise<void> {
  await init();
  initSync({ module: bytes });
  // The built-in Date, not a type of the package's: no name shadows it.
  const today: Date = new Date();
  const options: ValidateOptions = { asOf: today, context: [report, "{}"] };
  const findings: Finding[] = validateReport(report, plan, options);
  for (const f of findings) {
    const where: string = f.path;
    const level: "error" | "warning" = f.severity;
    const text: string = f.message_vi + f.message_en;
    console.log(where, level, text, f.code === "sex_sum_mismatch");
  }
  const fromText: Finding[] = validateReport(JSON.stringify(report), JSON.stringify(plan), {});
  await initProvince(); // a batch is the province module's
  const outcomes: Outcome[] = validateReports([report, "{}"], plan, options);
  const used: boolean = outcomes[0].status === "used";
  const summary: Summary = aggregate(plan, [report], new Date(2025, 0, 15));
  const received: number = summary.periods[0].completeness.received;
  const t: Tables = tables(plan, [report], "2025-01-15", { limits: { max_reports: 500 } });
  // @ts-expect-error: limits have four known names.
  aggregate(plan, [report], "2025-01-15", { limits: { max_size: 5 } });
  const sex: string = t.figures[0].sex;
  const stored: Report = loadReport(report);
  const submitted: IsoDate | null | undefined = stored.submitted;
  using checker = new Checker(plan);
  const checked: Finding[] = checker.validateReport(report, { asOf: "2025-01-15" });
  await initProvince();
  initProvinceSync({ module: bytes });
  const withStates: Summary = aggregate(plan, [report], "2025-01-15", { events: log });
  const states: { [state: string]: string[] } | null | undefined = withStates.periods[0].completeness.states;
  const published: Tables = publishedTables(plan, [report], "2025-01-15", { limits: { max_reports: 500 } });
  const withheld: boolean | undefined = published.figures[0].suppressed;
  // @ts-expect-error: the tables have no column for a report's state.
  tables(plan, [report], "2025-01-15", { events: log });
  const replayed: Replay = replay(plan, JSON.stringify(log), { asOf: new Date() });
  const where: State = replayed.standings[0].state;
  const step: Step = { unit: "106", entry: "2024-6m", action: "return", by: "so-ldtbxh", date: "2024-06-06", reason: "Sai tổng số." };
  const decided: Decision = transition(plan, step, { asOf: "2024-06-30" });
  if (decided.event) {
    const next: Standing = decided.standing;
    log.push(decided.event);
    console.log(next.reason);
  } else {
    const why: string[] = decided.findings.map((f) => f.message_vi);
    console.log(why);
  }
  // @ts-expect-error: "close" is not an action.
  transition(plan, { ...step, action: "close" });
  // @ts-expect-error: one event, not a log.
  replay(plan, log[0]);
  setLanguage("en");
  console.log(states, withheld, where);
  const c: Catalog = catalog();
  const s: object = await schema("report");
  console.log(fromText, used, received, sex, submitted, checked.length, c.indicators.length, s);
  // @ts-expect-error: a number is neither a report nor JSON text.
  validateReport(42, plan, {});
  // @ts-expect-error: not a schema name.
  void schema("reports");
  // @ts-expect-error: severity is "error" | "warning".
  const wrong: "info" = findings[0].severity;
  console.log(wrong);
  try {
    new Checker("{");
  } catch (e) {
    const found: Finding[] = (e as BinhdangError).findings;
    console.log(found);
  }
}

async function formOnly(): Promise<void> {
  await initForm();
  const checker: formEntry.Checker = new formEntry.Checker(plan);
  const found: FormFinding[] = checker.validateReport(report, { asOf: "2025-01-15" });
  const same: Finding[] = formEntry.validateReport(report, plan);
  formEntry.setLanguage("vi");
  console.log(found, same);
  // @ts-expect-error: a batch is the province module's, not in the form's entry.
  formEntry.validateReports([report], plan);
}

void form;
void formOnly;
