//! `binhdang`: validate and add up gender-equality reports from a shell.
//!
//! **Key decision: the command is a thin shell over the core crate.** It
//! reads arguments and files and prints what `binhdang` returns; every rule,
//! sum and sentence lives in core, so the command says exactly what the
//! Python, WebAssembly and mobile bindings say.
//!
//! Exit status: 0 when no report has an error, 1 when one has, 2 for usage
//! or I/O trouble.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use binhdang::aggregate::{aggregate, aggregate_with};
use binhdang::output::{self, Lang};
use binhdang::read::{self, Limits, Read};
use binhdang::validate::{self, Status};
use binhdang::workflow;
use binhdang::{Catalog, Date, Plan, Report};
use clap::{Parser, Subcommand, ValueEnum};

/// Standard output, `print!`-like. A closed pipe (`binhdang demo | head -1`)
/// ends the program quietly, as Unix tools do, instead of a panic.
macro_rules! out {
    ($($t:tt)*) => { emit(&format!($($t)*)) };
}

macro_rules! outln {
    () => { emit("\n") };
    ($($t:tt)*) => { emit(&(format!($($t)*) + "\n")) };
}

fn emit(text: &str) {
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

#[derive(Parser)]
#[command(
    name = "binhdang",
    version,
    about = "Check and add up the gender-equality reports of a Vietnamese province's plan."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ParseWhat {
    Date,
    Number,
}

#[derive(Clone, Copy, ValueEnum)]
enum ValidateFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryFormat {
    Table,
    Json,
    Csv,
    /// An Excel workbook (needs --out): a sheet per schedule entry, completeness, progress, funding, accounting.
    Xlsx,
    /// SDMX-CSV 2.0 of the figures (REF_AREA, INDICATOR, TIME_PERIOD, SEX, breakdowns, OBS_VALUE).
    SdmxCsv,
    /// A DHIS2 dataValueSets payload (needs --dhis2-mapping), with the figures it could not carry.
    Dhis2,
    /// Parquet (needs --out, a folder): one file per table (figures, completeness, progress, funding, activities, outputs).
    Parquet,
    /// The province's consolidated report as a Word file (needs --out), in the layout of Decree 30/2020/NĐ-CP.
    Docx,
    /// The province's consolidated report as an HTML page.
    Html,
}

#[derive(Subcommand)]
enum Command {
    /// Validate and add up the bundled Lai Châu 2024 plan and reports.
    Demo {
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        /// The date of the summary (default 15/1/2025, after both due dates).
        #[arg(long, default_value = "2025-01-15")]
        as_of: String,
    },
    /// Validate reports (files, or folders of .json and .xlsx files) against a plan.
    Validate {
        #[arg(long)]
        plan: PathBuf,
        /// The date of the check (2025-01-15, 15/1/2025); default today in Vietnam.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFormat,
        /// Earlier reports to compare with (previous periods); not validated themselves.
        #[arg(long = "context")]
        context: Vec<PathBuf>,
        /// Limits on what is read, as JSON: '{"max_bytes": 100000, "max_reports": 500}'.
        #[arg(long)]
        limits: Option<String>,
        #[arg(required = true)]
        reports: Vec<PathBuf>,
    },
    /// Add up reports into the province's summary.
    Aggregate {
        #[arg(long)]
        plan: PathBuf,
        /// The date of the summary (2025-01-15, 15/1/2025).
        #[arg(long)]
        as_of: String,
        #[arg(long, value_enum, default_value = "table")]
        format: SummaryFormat,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        /// Write the summary to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// For publication: withhold small counts of violence cases and victims
        /// (and cells that would give them away). With --format csv, json (the tables) or xlsx.
        #[arg(long)]
        publish: bool,
        /// Limits on what is read, as JSON: '{"max_bytes": 100000, "max_reports": 500}'.
        #[arg(long)]
        limits: Option<String>,
        /// The workflow's log of events (a JSON array): the completeness then
        /// shows each unit's report state (submitted, returned, accepted, locked...).
        #[arg(long)]
        events: Option<PathBuf>,
        /// For --format dhis2: the instance's data elements, category option
        /// combos, organisation units and periods (JSON; docs/exchange.md).
        #[arg(long)]
        dhis2_mapping: Option<PathBuf>,
        /// For --format docx and html: the schedule entry reported on
        /// (`2024-annual`); default the last one with reports received.
        #[arg(long)]
        entry: Option<String>,
        #[arg(required = true)]
        reports: Vec<PathBuf>,
    },
    /// The life of a report (submit, return, accept, lock, reopen): replay a
    /// log of events, or decide one request. See docs/workflow.md.
    Workflow {
        #[command(subcommand)]
        what: WorkflowCommand,
    },
    /// Check a plan itself: references, ids, the schedule, the unit tree.
    CheckPlan {
        plan: PathBuf,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFormat,
    },
    /// Print a JSON Schema (plan, report, catalog, finding, summary); with --write, write them all.
    Schema {
        name: Option<String>,
        /// Write every schema into this folder (how `schemas/` is regenerated).
        #[arg(long)]
        write: Option<PathBuf>,
    },
    /// Write a generated plan and its reports (the same bytes every time), for
    /// benchmarks and load tests: DIR/plan.json and DIR/reports/*.json.
    Sample {
        /// province (50 units), country (34 provinces, 3,300 communes), or a number of values.
        #[arg(long, default_value = "province")]
        scale: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a new plan for a province and year, ready to edit: the seven
    /// content areas, the reporting regime with its usual dates, the national
    /// targets and the units. It passes `check-plan`.
    NewPlan {
        /// The province's name (Lai Châu).
        #[arg(long)]
        province: String,
        /// The province's official code (12), the root unit's id.
        #[arg(long)]
        code: String,
        #[arg(long)]
        year: i32,
        /// Units as CSV: id,name,kind,parent,valid_from,valid_to. Without it:
        /// for Lai Châu (code 12) the bundled units, otherwise the province,
        /// its committee and its standing agency only.
        #[arg(long)]
        units: Option<PathBuf>,
        /// Write the plan here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
    },
    /// Turn what a person typed into the report's form: a date (4/12/2024 →
    /// 2024-12-04) or a number (1.234 → 1234, 75,5 → 75.5). Exit 1 when it is neither.
    Parse {
        #[arg(value_enum)]
        what: ParseWhat,
        text: String,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        /// text: the value, or the finding's message on stderr; json: {"value": ...} or {"findings": [...]}.
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFormat,
    },
    /// Write a unit's report form as an Excel workbook (.xlsx) for one entry
    /// of the plan's schedule (its id, as in the plan: 2024-6m, 2024-annual).
    /// Filled in, it is read back by `validate` and `aggregate` like a .json report.
    Form {
        #[arg(long)]
        plan: PathBuf,
        /// The reporting unit's id.
        #[arg(long)]
        unit: String,
        /// The schedule entry's id (reporting.schedule[].id).
        #[arg(long)]
        entry: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
    },
    /// The province's report to the national level (docs/upward.md): add up
    /// the province's reports, then make its summary for one entry of the
    /// national plan's schedule a report of the national plan, as any unit's.
    /// What does not go up is listed on standard error, with why.
    Upward {
        /// The province's plan.
        #[arg(long)]
        plan: PathBuf,
        /// The national plan (its units are the provinces).
        #[arg(long)]
        national: PathBuf,
        /// The date of the province's summary (2024-12-18, 18/12/2024).
        #[arg(long)]
        as_of: String,
        /// The national schedule entry's id (2024-annual); the province's
        /// summary must have a period of the same kind and days.
        #[arg(long)]
        entry: String,
        /// The date the report is sent.
        #[arg(long)]
        submitted: String,
        /// Write the report here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        /// Limits on what is read, as JSON: '{"max_bytes": 100000, "max_reports": 500}'.
        #[arg(long)]
        limits: Option<String>,
        #[arg(required = true)]
        reports: Vec<PathBuf>,
    },
    /// Print the built-in catalogue: national targets with sources and the unconfirmed flag.
    Catalog {
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFormat,
    },
}

#[derive(Subcommand)]
enum WorkflowCommand {
    /// Replay a log of events (a JSON array): where every report stands, and
    /// the events refused with why. Exit 1 when one is refused.
    Replay {
        #[arg(long)]
        plan: PathBuf,
        /// The date of the check (2025-01-15, 15/1/2025); default today in Vietnam.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFormat,
        /// Limits on what is read, as JSON: '{"max_bytes": 100000}'.
        #[arg(long)]
        limits: Option<String>,
        events: PathBuf,
    },
    /// Decide one step someone asks to take (JSON: unit, entry, action, by,
    /// date, reason, version, standing): the report's new standing and the
    /// event to append to the log, or why not. Exit 1 when refused.
    Step {
        #[arg(long)]
        plan: PathBuf,
        /// The date of the check (2025-01-15, 15/1/2025); default today in Vietnam.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFormat,
        /// Limits on what is read, as JSON: '{"max_bytes": 100000}'.
        #[arg(long)]
        limits: Option<String>,
        step: PathBuf,
    },
}

/// Trouble that stops a command: usage or I/O (exit status 2).
struct Trouble(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(Trouble(msg)) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Trouble> {
    // What the core says in errors follows --lang, like everything else the command prints.
    let lang = match &command {
        Command::Demo { lang, .. }
        | Command::Validate { lang, .. }
        | Command::Aggregate { lang, .. }
        | Command::CheckPlan { lang, .. }
        | Command::NewPlan { lang, .. }
        | Command::Parse { lang, .. }
        | Command::Catalog { lang, .. }
        | Command::Form { lang, .. }
        | Command::Upward { lang, .. }
        | Command::Workflow { what: WorkflowCommand::Replay { lang, .. } | WorkflowCommand::Step { lang, .. } } => {
            Some(*lang)
        }
        Command::Schema { .. } | Command::Sample { .. } => None,
    };
    if let Some(lang) = lang {
        binhdang::api::set_language(lang.into());
    }
    match command {
        Command::Demo { lang, as_of } => demo(lang.into(), &as_of),
        Command::Validate { plan, as_of, lang, format, context, limits, reports } => {
            let limits = limits_arg(limits.as_deref(), lang.into())?;
            validate_cmd(&plan, as_of.as_deref(), lang.into(), format, &context, &reports, &limits)
        }
        Command::Aggregate {
            plan,
            as_of,
            format,
            lang,
            out,
            publish,
            limits,
            events,
            dhis2_mapping,
            entry,
            reports,
        } => {
            let limits = limits_arg(limits.as_deref(), lang.into())?;
            let target = Target {
                format,
                out: out.as_deref(),
                publish,
                mapping: dhis2_mapping.as_deref(),
                entry: entry.as_deref(),
            };
            aggregate_cmd(&plan, &as_of, lang.into(), target, &reports, events.as_deref(), &limits)
        }
        Command::Workflow { what } => workflow_cmd(what),
        Command::CheckPlan { plan, lang, format } => check_plan(&plan, lang.into(), format),
        Command::Schema { name, write } => schema(name.as_deref(), write.as_deref()),
        Command::Sample { scale, out } => sample(&scale, &out),
        Command::NewPlan { province, code, year, units, out, lang } => {
            new_plan(&province, &code, year, units, out, lang.into())
        }
        Command::Parse { what, text, lang, format } => {
            let parsed = match what {
                ParseWhat::Date => binhdang::api::parse_date(&text).map(|d| serde_json::json!(d.iso())),
                ParseWhat::Number => binhdang::api::parse_number(&text).map(|x| serde_json::json!(x)),
            };
            let code = if parsed.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) };
            match (format, parsed) {
                (ValidateFormat::Json, Ok(value)) => outln!("{}", to_json(&serde_json::json!({ "value": value }))),
                (ValidateFormat::Json, Err(e)) => {
                    outln!("{}", to_json(&serde_json::json!({ "findings": e.findings() })))
                }
                (ValidateFormat::Text, Ok(value)) => match value.as_f64() {
                    Some(x) => outln!("{}", binhdang::numbers::plain(x)),
                    None => outln!("{}", value.as_str().unwrap_or_default()),
                },
                (ValidateFormat::Text, Err(e)) => {
                    for f in e.findings() {
                        eprintln!("{}", if matches!(lang, LangArg::Vi) { &f.message_vi } else { &f.message_en });
                    }
                }
            }
            Ok(code)
        }
        Command::Form { plan, unit, entry, out, lang } => form_cmd(&plan, &unit, &entry, &out, lang.into()),
        Command::Upward { plan, national, as_of, entry, submitted, out, lang, limits, reports } => {
            let lang = Lang::from(lang);
            let limits = limits_arg(limits.as_deref(), lang)?;
            let dates = (date_arg(Some(&as_of), lang)?, date_arg(Some(&submitted), lang)?);
            upward_cmd(&plan, &national, dates, &entry, out.as_deref(), lang, &reports, &limits)
        }
        Command::Catalog { lang, format } => {
            let catalog = Catalog::builtin();
            match format {
                ValidateFormat::Text => out!("{}", output::catalog_text(&catalog, lang.into())),
                ValidateFormat::Json => outln!("{}", to_json(&catalog)),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes `value` as JSON (as [`to_json`] would, and a line end) to the file
/// `out`, or to standard output, as it goes: a country's summary is over
/// 100 MB of text, which need not be held in memory first.
fn write_json<T: serde::Serialize>(value: &T, out: Option<&Path>, lang: Lang) -> Result<(), Trouble> {
    let written = match out {
        Some(path) => std::fs::File::create(path).and_then(|f| pretty_to(std::io::BufWriter::new(f), value)),
        None => pretty_to(std::io::BufWriter::new(std::io::stdout().lock()), value),
    };
    match written {
        Ok(()) => Ok(()),
        // A reader that stopped early (`| head`) is not trouble, as for [`emit`].
        Err(e) if out.is_none() && e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            let shown = out.map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
            Err(Trouble(output::cannot_read(&shown, &e.to_string(), lang)))
        }
    }
}

fn pretty_to<W: Write, T: serde::Serialize>(mut w: W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut w, value).map_err(std::io::Error::from)?;
    w.write_all(b"\n")?;
    w.flush()
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn date_arg(text: Option<&str>, lang: Lang) -> Result<Date, Trouble> {
    binhdang::api::date_or_today(text).map_err(|_| Trouble(output::bad_date_argument(text.unwrap_or("today"), lang)))
}

fn limits_arg(text: Option<&str>, lang: Lang) -> Result<Limits, Trouble> {
    binhdang::api::limits(text).map_err(|e| match e {
        binhdang::api::ApiError::Limits(findings) => Trouble(output::bad_limits_argument(&findings, lang)),
        other => Trouble(other.to_string()),
    })
}

/// A plan file's text; a file that is not UTF-8 says so in the person's language.
fn plan_text(path: &Path, lang: Lang) -> Result<String, Trouble> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Trouble(output::cannot_read(&name, &e.to_string(), lang)))?;
    read::decode(&bytes).map(str::to_string).map_err(|f| Trouble(output::plan_unreadable(&name, &[f], lang)))
}

fn load_plan(path: &Path, lang: Lang) -> Result<Plan, Trouble> {
    let r = read::plan_from_str(&plan_text(path, lang)?);
    r.value.ok_or_else(|| Trouble(output::plan_unreadable(&path.display().to_string(), &r.findings, lang)))
}

/// Every report file named, folders expanded to their .json and .xlsx files (sorted).
/// Unreadable paths are reported on stderr, one line each, and counted.
/// Files past `limits.max_reports` are not read: each is rejected with `too_large`.
fn collect(paths: &[PathBuf], lang: Lang, trouble: &mut usize, limits: &Limits) -> Vec<(String, Read<Report>)> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut inner: Vec<PathBuf> = rd
                        .flatten()
                        .map(|e| e.path())
                        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "json" || x == "xlsx"))
                        .collect();
                    inner.sort();
                    files.extend(inner);
                }
                Err(e) => {
                    eprintln!("{}", output::cannot_read(&p.display().to_string(), &e.to_string(), lang));
                    *trouble = trouble.saturating_add(1);
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    let bar =
        (files.len() > 300 && std::io::stderr().is_terminal()).then(|| indicatif::ProgressBar::new(files.len() as u64));
    let mut out = Vec::new();
    let n = files.len();
    for f in files {
        if let Some(b) = &bar {
            b.inc(1);
        }
        if let Some(rejected) = read::past_max_reports(out.len(), n, limits) {
            let label = f.display().to_string();
            out.push((label.clone(), rejected.from_source(label)));
            continue;
        }
        // Every file named is accounted for: one that is not UTF-8 is a
        // rejected report with its finding; one that cannot be opened too,
        // besides the line on stderr and exit status 2.
        let label = f.display().to_string();
        // A filled Excel form: by its name, or (any name) by its bytes.
        let read = match std::fs::read(&f) {
            Ok(bytes) if f.extension().is_some_and(|x| x == "xlsx") => binhdang::excel::read_form(&bytes, limits).read,
            Ok(bytes) => read::report_from_bytes_with(&bytes, limits),
            Err(e) => {
                eprintln!("{}", output::cannot_read(&label, &e.to_string(), lang));
                *trouble = trouble.saturating_add(1);
                read::unreadable(e.kind())
            }
        };
        out.push((label.clone(), read.from_source(label)));
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    out
}

fn print_validation(
    plan: &Plan,
    labels: &[String],
    outcomes: &[validate::Outcome],
    lang: Lang,
    format: ValidateFormat,
) {
    match format {
        ValidateFormat::Text => {
            for (label, o) in labels.iter().zip(outcomes) {
                emit(&output::findings_text(label, o, plan, lang));
            }
            let with_errors = outcomes.iter().filter(|o| o.findings.iter().any(|f| f.is_error())).count();
            let warnings = outcomes.iter().flat_map(|o| &o.findings).filter(|f| !f.is_error()).count();
            outln!("{}", output::validation_totals(outcomes.len(), with_errors, warnings, lang));
        }
        ValidateFormat::Json => {
            let reports: Vec<serde_json::Value> = labels
                .iter()
                .zip(outcomes)
                .map(|(label, o)| {
                    // The report that replaced this one, named by its file.
                    let mut x = serde_json::Map::new();
                    x.insert("file".into(), serde_json::json!(label));
                    x.insert("status".into(), serde_json::json!(o.status));
                    if let Some(by) = o.superseded_by.and_then(|i| labels.get(i)) {
                        x.insert("superseded_by".into(), serde_json::json!(by));
                    }
                    x.insert("findings".into(), serde_json::json!(o.findings));
                    if !o.left_out.is_empty() {
                        x.insert("left_out".into(), serde_json::json!(o.left_out));
                    }
                    serde_json::Value::Object(x)
                })
                .collect();
            outln!("{}", to_json(&serde_json::json!({ "reports": reports })));
        }
    }
}

fn exit_for(outcomes: &[validate::Outcome], trouble: usize) -> ExitCode {
    if trouble > 0 {
        ExitCode::from(2)
    } else if outcomes.iter().any(|o| o.findings.iter().any(|f| f.is_error())) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn validate_cmd(
    plan_path: &Path,
    as_of: Option<&str>,
    lang: Lang,
    format: ValidateFormat,
    context: &[PathBuf],
    reports: &[PathBuf],
    limits: &Limits,
) -> Result<ExitCode, Trouble> {
    let as_of = date_arg(as_of, lang)?;
    let plan = load_plan(plan_path, lang)?;
    let mut trouble = 0;
    let earlier: Vec<Report> =
        collect(context, lang, &mut trouble, limits).into_iter().filter_map(|(_, r)| r.value).collect();
    let (labels, inputs): (Vec<String>, Vec<Read<Report>>) =
        collect(reports, lang, &mut trouble, limits).into_iter().unzip();
    let batch = validate::batch_with(&plan, &Catalog::builtin(), inputs, as_of, &earlier, limits);
    print_validation(&plan, &labels, &batch.outcomes, lang, format);
    Ok(exit_for(&batch.outcomes, trouble))
}

/// Where and how `aggregate` writes the summary.
struct Target<'a> {
    format: SummaryFormat,
    out: Option<&'a Path>,
    publish: bool,
    /// The DHIS2 mapping's file, for `--format dhis2`.
    mapping: Option<&'a Path>,
    /// The schedule entry of the consolidated report.
    entry: Option<&'a str>,
}

fn aggregate_cmd(
    plan_path: &Path,
    as_of: &str,
    lang: Lang,
    Target { format, out, publish, mapping, entry }: Target,
    reports: &[PathBuf],
    events: Option<&Path>,
    limits: &Limits,
) -> Result<ExitCode, Trouble> {
    let as_of = date_arg(Some(as_of), lang)?;
    if entry.is_some() && !matches!(format, SummaryFormat::Docx | SummaryFormat::Html) {
        return Err(Trouble(output::entry_needs_document(lang)));
    }
    let plan = load_plan(plan_path, lang)?;
    let log = events.map(|p| event_log(p, lang, limits)).transpose()?;
    let mut trouble = 0;
    let (_, inputs): (Vec<String>, Vec<Read<Report>>) =
        collect(reports, lang, &mut trouble, limits).into_iter().unzip();
    let catalog = Catalog::builtin();
    let mut summary = aggregate_with(&plan, &catalog, inputs, as_of, limits);
    if let Some(log) = &log {
        workflow::add_states(&mut summary, &plan, log);
    }
    if let SummaryFormat::Xlsx = format {
        let path = out.ok_or_else(|| Trouble(output::xlsx_needs_out(lang)))?;
        let bytes = binhdang::excel::summary_workbook(&summary, &plan, &catalog, publish).map_err(|e| {
            let (vi, en) = e.message();
            Trouble(if matches!(lang, Lang::Vi) { vi } else { en })
        })?;
        std::fs::write(path, bytes)
            .map_err(|e| Trouble(output::cannot_read(&path.display().to_string(), &e.to_string(), lang)))?;
        return Ok(if trouble > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS });
    }
    if let SummaryFormat::Docx | SummaryFormat::Html = format {
        let say = |(vi, en): (String, String)| Trouble(if matches!(lang, Lang::Vi) { vi } else { en });
        let doc = binhdang::document::consolidated(&plan, &catalog, &summary, entry, publish)
            .map_err(|e| say(e.message()))?;
        let done = if trouble > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS };
        if let SummaryFormat::Html = format {
            let html = binhdang::document::to_html(&doc);
            match out {
                Some(path) => std::fs::write(path, html)
                    .map_err(|e| Trouble(output::cannot_read(&path.display().to_string(), &e.to_string(), lang)))?,
                None => emit(&html),
            }
            return Ok(done);
        }
        let path = out.ok_or_else(|| Trouble(output::docx_needs_out(lang)))?;
        let bytes = binhdang::docx::to_docx(&doc)
            .map_err(|e| Trouble(output::cannot_read(&path.display().to_string(), &e.to_string(), lang)))?;
        std::fs::write(path, bytes)
            .map_err(|e| Trouble(output::cannot_read(&path.display().to_string(), &e.to_string(), lang)))?;
        return Ok(done);
    }
    if let SummaryFormat::Parquet = format {
        let dir = out.ok_or_else(|| Trouble(output::parquet_needs_out(lang)))?;
        let tables = binhdang::publish::tables_as(&summary, &plan, &catalog, publish);
        let fail = |p: &Path, e: String| Trouble(output::cannot_read(&p.display().to_string(), &e, lang));
        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e.to_string()))?;
        for name in binhdang::columnar::TABLES {
            let path = dir.join(format!("{name}.parquet"));
            if let Some(bytes) = binhdang::columnar::parquet(&tables, name) {
                let bytes = bytes.map_err(|e| fail(&path, e.to_string()))?;
                std::fs::write(&path, bytes).map_err(|e| fail(&path, e.to_string()))?;
            }
        }
        return Ok(if trouble > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS });
    }
    let figures = |publish: bool| binhdang::publish::tables_as(&summary, &plan, &catalog, publish).figures;
    let text = match (format, publish) {
        (SummaryFormat::Table, false) => output::to_text(&summary, &plan, &catalog, lang),
        (SummaryFormat::Json, false) => {
            write_json(&summary, out, lang)?;
            return Ok(if trouble > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS });
        }
        (SummaryFormat::Csv, false) => output::to_csv(&summary, &plan, &catalog),
        (SummaryFormat::Json, true) => to_json(&binhdang::publish::published_tables(&summary, &plan, &catalog)) + "\n",
        (SummaryFormat::Csv, true) => output::figures_csv(&figures(true)),
        (SummaryFormat::SdmxCsv, p) => binhdang::exchange::sdmx_csv(&figures(p), &plan, &catalog),
        (SummaryFormat::Dhis2, p) => {
            let path = mapping.ok_or_else(|| Trouble(output::dhis2_needs_mapping(lang)))?;
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Trouble(output::cannot_read(&shown, &e.to_string(), lang)))?;
            let mapping = binhdang::read::dhis2_mapping_from_str(&text)
                .map_err(|f| Trouble(output::mapping_unreadable(&shown, &f, lang)))?;
            to_json(&binhdang::exchange::dhis2(&figures(p), &mapping)) + "\n"
        }
        (SummaryFormat::Table, true) => return Err(Trouble(output::publish_needs_tables(lang))),
        (SummaryFormat::Xlsx, _) => return Err(Trouble(output::xlsx_needs_out(lang))),
        (SummaryFormat::Parquet, _) => return Err(Trouble(output::parquet_needs_out(lang))),
        (SummaryFormat::Docx | SummaryFormat::Html, _) => return Err(Trouble(output::docx_needs_out(lang))),
    };
    match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Trouble(output::cannot_read(&path.display().to_string(), &e.to_string(), lang)))?,
        None => emit(&text),
    }
    Ok(if trouble > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// A file's text, or the finding that says it is not UTF-8 text; trouble when it cannot be opened.
fn input_text(path: &Path, lang: Lang) -> Result<Result<String, binhdang::Finding>, Trouble> {
    let bytes = std::fs::read(path)
        .map_err(|e| Trouble(output::cannot_read(&path.display().to_string(), &e.to_string(), lang)))?;
    Ok(read::decode(&bytes).map(str::to_string))
}

/// A log of events from a file: what cannot be read in it is findings.
fn event_log(path: &Path, lang: Lang, limits: &Limits) -> Result<workflow::EventLog, Trouble> {
    Ok(match input_text(path, lang)? {
        Ok(text) => workflow::read_events(&text, limits),
        Err(f) => workflow::EventLog { events: Vec::new(), findings: vec![f] },
    })
}

fn workflow_cmd(what: WorkflowCommand) -> Result<ExitCode, Trouble> {
    let refused = |yes: bool| if yes { ExitCode::from(1) } else { ExitCode::SUCCESS };
    match what {
        WorkflowCommand::Replay { plan, as_of, lang, format, limits, events } => {
            let lang = Lang::from(lang);
            let limits = limits_arg(limits.as_deref(), lang)?;
            let as_of = date_arg(as_of.as_deref(), lang)?;
            let plan = load_plan(&plan, lang)?;
            let log = event_log(&events, lang, &limits)?;
            let replay = workflow::replay_with(&plan, &log, as_of, &limits);
            match format {
                ValidateFormat::Text => out!("{}", workflow::replay_to_text(&replay, &plan, as_of, lang)),
                ValidateFormat::Json => outln!("{}", to_json(&replay)),
            }
            Ok(refused(replay.findings.iter().any(|f| f.is_error())))
        }
        WorkflowCommand::Step { plan, as_of, lang, format, limits, step } => {
            let lang = Lang::from(lang);
            let limits = limits_arg(limits.as_deref(), lang)?;
            let as_of = date_arg(as_of.as_deref(), lang)?;
            let plan = load_plan(&plan, lang)?;
            let result = match input_text(&step, lang)? {
                Ok(text) => workflow::transition_text(&plan, &text, as_of, &limits),
                Err(f) => Err(vec![f]),
            };
            match (format, &result) {
                (ValidateFormat::Text, _) => out!("{}", workflow::transition_to_text(&result, &plan, lang)),
                (ValidateFormat::Json, Ok(t)) => outln!("{}", to_json(t)),
                (ValidateFormat::Json, Err(findings)) => {
                    outln!("{}", to_json(&serde_json::json!({ "findings": findings })))
                }
            }
            Ok(refused(result.is_err()))
        }
    }
}

#[allow(clippy::too_many_arguments)] // the command's arguments, one each
fn upward_cmd(
    plan_path: &Path,
    national_path: &Path,
    (as_of, submitted): (Date, Date),
    entry: &str,
    out: Option<&Path>,
    lang: Lang,
    reports: &[PathBuf],
    limits: &Limits,
) -> Result<ExitCode, Trouble> {
    let plan = load_plan(plan_path, lang)?;
    let national = load_plan(national_path, lang)?;
    let mut trouble = 0;
    let (_, inputs): (Vec<String>, Vec<Read<Report>>) =
        collect(reports, lang, &mut trouble, limits).into_iter().unzip();
    let catalog = Catalog::builtin();
    let summary = aggregate_with(&plan, &catalog, inputs, as_of, limits);
    let made = binhdang::upward::report_upward(&plan, &catalog, &summary, &national, entry, submitted);
    let upward = made.map_err(|e| {
        let (vi, en) = e.message();
        Trouble(if matches!(lang, Lang::Vi) { vi } else { en })
    })?;
    for n in &upward.not_sent {
        let (vi, en) = binhdang::messages::upward_not_sent(n);
        eprintln!("{}", if matches!(lang, Lang::Vi) { vi } else { en });
    }
    let text = to_json(&upward.report) + "\n";
    match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Trouble(output::cannot_read(&path.display().to_string(), &e.to_string(), lang)))?,
        None => emit(&text),
    }
    Ok(if trouble > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn form_cmd(plan_path: &Path, unit: &str, entry: &str, out: &Path, lang: Lang) -> Result<ExitCode, Trouble> {
    let plan = load_plan(plan_path, lang)?;
    let unit = binhdang::UnitId::from(unit);
    let bytes = binhdang::excel::form(&plan, &Catalog::builtin(), &unit, entry).map_err(|e| {
        let (vi, en) = e.message();
        Trouble(if matches!(lang, Lang::Vi) { vi } else { en })
    })?;
    std::fs::write(out, bytes)
        .map_err(|e| Trouble(output::cannot_read(&out.display().to_string(), &e.to_string(), lang)))?;
    Ok(ExitCode::SUCCESS)
}

fn sample(scale: &str, out: &Path) -> Result<ExitCode, Trouble> {
    use binhdang::sample::{generate, Scale};
    let scale = match scale {
        "province" => Scale::Province,
        "country" => Scale::Country,
        n => Scale::Values(n.replace('_', "").parse().map_err(|_| Trouble(output::bad_scale_argument(n)))?),
    };
    let s = generate(scale);
    let fail =
        |p: &Path, e: std::io::Error| Trouble(output::cannot_read(&p.display().to_string(), &e.to_string(), Lang::En));
    let dir = out.join("reports");
    std::fs::create_dir_all(&dir).map_err(|e| fail(&dir, e))?;
    let plan = out.join("plan.json");
    std::fs::write(&plan, &s.plan).map_err(|e| fail(&plan, e))?;
    for (i, r) in s.reports.iter().enumerate() {
        let p = dir.join(format!("{i:06}.json"));
        std::fs::write(&p, r).map_err(|e| fail(&p, e))?;
    }
    eprintln!("{}", output::sample_written(&out.display().to_string(), s.reports.len(), s.values));
    Ok(ExitCode::SUCCESS)
}

fn check_plan(path: &Path, lang: Lang, format: ValidateFormat) -> Result<ExitCode, Trouble> {
    let text = plan_text(path, lang)?;
    let read = read::plan_from_str(&text);
    let mut findings = read.findings;
    if let Some(plan) = &read.value {
        findings.extend(validate::plan(plan, &Catalog::builtin()));
    }
    binhdang::finding::sort(&mut findings);
    let outcome = validate::Outcome {
        index: 0,
        source: Some(path.display().to_string()),
        unit: None,
        kind: None,
        period: None,
        submitted: None,
        status: if read.value.is_some() && !findings.iter().any(|f| f.is_error()) {
            Status::Used
        } else {
            Status::Rejected
        },
        superseded_by: None,
        findings,
        left_out: Vec::new(),
    };
    let empty = read.value.clone();
    match format {
        ValidateFormat::Text => match &empty {
            Some(plan) => out!("{}", output::findings_text(&path.display().to_string(), &outcome, plan, lang)),
            None => out!("{}", output::plan_unreadable(&path.display().to_string(), &outcome.findings, lang)),
        },
        ValidateFormat::Json => outln!("{}", to_json(&serde_json::json!({"findings": outcome.findings}))),
    }
    Ok(if outcome.findings.iter().any(|f| f.is_error()) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn schema(name: Option<&str>, write: Option<&Path>) -> Result<ExitCode, Trouble> {
    if let Some(dir) = write {
        for n in binhdang::schema::NAMES {
            let path = dir.join(format!("{n}.schema.json"));
            let text = binhdang::schema::schema_text(n).unwrap_or_default();
            std::fs::write(&path, text)
                .map_err(|e| Trouble(output::cannot_read(&path.display().to_string(), &e.to_string(), Lang::En)))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    match name {
        None => {
            for n in binhdang::schema::NAMES {
                outln!("{n}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(n) => match binhdang::schema::schema_text(n) {
            Some(text) => {
                emit(&text);
                Ok(ExitCode::SUCCESS)
            }
            None => Err(Trouble(binhdang::api::ApiError::Schema(n.to_string()).to_string())),
        },
    }
}

fn new_plan(
    province: &str,
    code: &str,
    year: i32,
    units: Option<PathBuf>,
    out: Option<PathBuf>,
    lang: Lang,
) -> Result<ExitCode, Trouble> {
    let plan = match &units {
        Some(path) => {
            let text = plan_text(path, lang)?;
            binhdang::api::new_plan(province, code, year, Some(binhdang::api::Units::Csv(&text)))
                .map_err(|e| Trouble(output::plan_unreadable(&path.display().to_string(), e.findings(), lang)))?
        }
        None => {
            // Lai Châu's units come with the program (the bundled 2024 plan's tree).
            let units = if code == "12" {
                read::plan_from_str(bundled::PLAN).value.map(|p| p.units).unwrap_or_default()
            } else {
                Vec::new()
            };
            let spec = binhdang::skeleton::Spec { province: province.into(), code: code.into(), year, units };
            binhdang::skeleton::new_plan(&spec, &Catalog::builtin())
        }
    };
    let text = to_json(&plan) + "\n";
    match out {
        Some(path) => std::fs::write(&path, text)
            .map_err(|e| Trouble(output::cannot_read(&path.display().to_string(), &e.to_string(), lang)))?,
        None => emit(&text),
    }
    Ok(ExitCode::SUCCESS)
}

fn demo(lang: Lang, as_of: &str) -> Result<ExitCode, Trouble> {
    let as_of = date_arg(Some(as_of), lang)?;
    let r = read::plan_from_str(bundled::PLAN);
    let plan = r.value.ok_or_else(|| Trouble(output::plan_unreadable("plan.json", &r.findings, lang)))?;
    let catalog = Catalog::builtin();
    let labels: Vec<String> = bundled::REPORTS.iter().map(|(n, _)| (*n).to_string()).collect();
    let reads = bundled::REPORTS.iter().map(|(_, t)| read::report_from_str(t)).collect();
    out!("{}", output::demo_heading(&plan, labels.len(), as_of, lang));
    outln!();
    // The summary's accounting holds every report's findings: one pass serves both.
    let summary = aggregate(&plan, &catalog, reads, as_of);
    print_validation(&plan, &labels, &summary.accounting, lang, ValidateFormat::Text);
    outln!();
    out!("{}", output::to_text(&summary, &plan, &catalog, lang));
    outln!();
    out!("{}", output::next_steps(lang));
    Ok(ExitCode::SUCCESS)
}
