/* tslint:disable */
/* eslint-disable */

/** Options of `validateReport` and `validateReports`. */
export interface ValidateOptions {
    /** The date of the check: "2025-01-15", "15/1/2025", "ngày 15 tháng 1 năm 2025", or a Date (its day in Vietnam). Default: today in Vietnam. */
    asOf?: string | Date;
    /** Earlier reports to compare with (previous periods), as objects or JSON text. */
    context?: Array<Report | string>;
    /** What the reader accepts; a field left out keeps its default. */
    limits?: Limits;
}
/** Options of `aggregate` and `tables`. */
export interface AggregateOptions {
    /** What the reader accepts; past `max_reports` a report is rejected unread. */
    limits?: Limits;
}
/** Thrown only for what cannot be answered with findings. */
export interface BinhdangError extends Error {
    name: "BinhdangError";
    findings: Finding[];
}


// Generated from schemas/*.schema.json by scripts/types.mjs. Do not edit.

/**
 * A unit's id: its official administrative code where it has one
 * (province `12`, district `105`), a slug otherwise (`so-ldtbxh`).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "UnitId".
 */
export type UnitId = string;
/**
 * Id within the plan: content area number, dot, activity number (`3.2`).
 */
export type ActivityId = string;
/**
 * An indicator's id, from the built-in catalogue (`nq28-mt1`) or the plan.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "IndicatorId".
 */
export type IndicatorId = string;
/**
 * A unit's id: its official administrative code where it has one
 * (province `12`, district `105`), a slug otherwise (`so-ldtbxh`).
 */
export type UnitId1 = string;
/**
 * A calendar date, YYYY-MM-DD (ISO 8601).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Date".
 */
export type Date = string;
/**
 * A calendar date, YYYY-MM-DD (ISO 8601).
 */
export type Date1 = string;
/**
 * A funding source's id within its plan (`ngan-sach-dia-phuong`).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "FundingSourceId".
 */
export type FundingSourceId = string;
/**
 * How values of units add up to their parent's.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Aggregation".
 */
export type Aggregation = "sum" | "ratio_of_sums" | "not_additive";
/**
 * Which way is better.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Direction".
 */
export type Direction = "at_least" | "at_most" | "below";
/**
 * An indicator's id, from the built-in catalogue (`nq28-mt1`) or the plan.
 */
export type IndicatorId1 = string;
/**
 * What an indicator measures.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Measure".
 */
export type Measure =
| {
    type: "count";
}
| {
    type: "percent";
}
| {
    type: "ratio";
}
| {
    /**
     * The base of the rate: 100 for boys per 100 girls, 100000 for maternal deaths.
     */
    per: number;
    type: "rate";
}
| {
    type: "money";
};
/**
 * Whether a value adds up over time or is a level at a date.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Temporal".
 */
export type Temporal = "flow" | "stock";
/**
 * A unit's id: its official administrative code where it has one
 * (province `12`, district `105`), a slug otherwise (`so-ldtbxh`).
 */
export type UnitId2 = string;
/**
 * The kind of a legal document a plan cites.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "LegalKind".
 */
export type LegalKind = "luat" | "nghi_quyet" | "nghi_dinh" | "quyet_dinh" | "chi_thi" | "ke_hoach" | "cong_van";
/**
 * A calendar date, YYYY-MM-DD (ISO 8601).
 */
export type Date2 = string;
/**
 * The kind of a report.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ReportKind".
 */
export type ReportKind = "six_month" | "annual" | "ad_hoc";
/**
 * A calendar date, YYYY-MM-DD (ISO 8601).
 */
export type Date3 = string;
/**
 * A calendar date, YYYY-MM-DD (ISO 8601).
 */
export type Date4 = string;
/**
 * A rule's level as a plan sets it: a severity, or off.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Level".
 */
export type Level = ("error" | "warning") | "off";
/**
 * A calendar date, YYYY-MM-DD (ISO 8601).
 */
export type Date5 = string;
/**
 * A unit's id: its official administrative code where it has one
 * (province `12`, district `105`), a slug otherwise (`so-ldtbxh`).
 */
export type UnitId3 = string;
/**
 * What kind of body a unit is.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "UnitKind".
 */
export type UnitKind =
| "national_committee"
| "ministry"
| "province"
| "provincial_committee"
| "standing_agency"
| "department"
| "mass_organisation"
| "district"
| "commune";
/**
 * An activity's id within its plan (`3.2`).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ActivityId".
 */
export type ActivityId1 = string;
/**
 * A whole number (people, events, cases, or đồng), 0 to 2^53 − 1. Left out or null means not reported; 0 is a reported zero.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Count".
 */
export type Count = number;
/**
 * An indicator's id, from the built-in catalogue (`nq28-mt1`) or the plan.
 */
export type IndicatorId2 = string;
/**
 * How far an activity has got.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ActivityStatus".
 */
export type ActivityStatus = "not_started" | "in_progress" | "done" | "cancelled";
/**
 * A calendar date, YYYY-MM-DD (ISO 8601).
 */
export type Date6 = string;
/**
 * A unit's id: its official administrative code where it has one
 * (province `12`, district `105`), a slug otherwise (`so-ldtbxh`).
 */
export type UnitId4 = string;
/**
 * A finding's stable code. The JSON form is the snake_case text.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Code".
 */
export type Code =
| "malformed"
| "too_large"
| "findings_truncated"
| "unknown_field"
| "text_not_normalized"
| "plan_mismatch"
| "sex_sum_mismatch"
| "numerator_exceeds_denominator"
| "zero_denominator"
| "stated_percent_mismatch"
| "unknown_indicator"
| "unknown_unit"
| "unknown_activity"
| "unknown_funding_source"
| "unit_not_expected"
| "period_mismatch"
| "duplicate_value"
| "missing_required"
| "sex_breakdown_required"
| "field_not_for_measure"
| "numerator_denominator_required"
| "late_submission"
| "future_submission"
| "submitted_before_period_start"
| "value_out_of_range"
| "submitted_before_period_end"
| "annual_below_six_month"
| "outlier"
| "duplicate_report"
| "overflow"
| "plan_unknown_unit"
| "plan_unknown_indicator"
| "plan_target_unknown_indicator"
| "plan_duplicate_id"
| "plan_invalid_period"
| "plan_due_before_period_start"
| "plan_due_before_period_end"
| "plan_overlapping_windows"
| "plan_unit_cycle";
/**
 * How serious a finding is.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Severity".
 */
export type Severity = "error" | "warning";
/**
 * What happened to one report of a batch.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Status".
 */
export type Status = "used" | "superseded" | "rejected";
/**
 * A calendar date, YYYY-MM-DD (ISO 8601).
 */
export type Date7 = string;
/**
 * How an indicator stands against a target year.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ProgressStatus".
 */
export type ProgressStatus = "achieved" | "not_achieved" | "no_data" | "withheld";
/**
 * Where an expected report stands at a given date.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Timeliness".
 */
export type Timeliness = "on_time" | "late" | "missing" | "not_yet_due";

/**
 * A plan for gender equality and the advancement of women (kế hoạch).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Plan".
 */
export interface Plan {
    /**
     * Section II: content areas and their activities.
     */
    content_areas: ContentArea[];
    date: Date1;
    /**
     * Section III: funding sources.
     */
    funding_sources: FundingSource[];
    /**
     * Indicators of the plan's own, beside the built-in catalogue.
     */
    indicators?: Indicator[];
    issuer: UnitId2;
    /**
     * Documents the plan carries out or cites.
     */
    legal_bases: LegalBasis[];
    /**
     * The plan's number as printed (`01/KH-BVSTBPN`); reports cite it.
     */
    number: string;
    /**
     * Where it was signed (`Lai Châu`).
     */
    place: string;
    /**
     * Section I: purposes and requirements.
     */
    purposes: string[];
    /**
     * Recipients (nơi nhận), as printed.
     */
    recipients: string[];
    reporting: Reporting;
    /**
     * Section IV.1–2: who implements what.
     */
    roles: Role[];
    rules?: RuleSettings;
    signer: Signer;
    /**
     * Local targets for catalogue or plan indicators.
     */
    targets?: PlanTarget[];
    /**
     * The title, in Vietnamese.
     */
    title: string;
    /**
     * The units the plan refers to: a tree (or several, over time) with validity dates.
     */
    units: Unit[];
    /**
     * The year the plan covers.
     */
    year: number;
    [k: string]: unknown;
}
/**
 * A content area (nội dung) of section II.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ContentArea".
 */
export interface ContentArea {
    activities: Activity[];
    /**
     * Its number in the plan (1 to 7 in the Lai Châu plan).
     */
    number: number;
    /**
     * Its heading, in Vietnamese.
     */
    title: string;
    /**
     * Its heading in English.
     */
    title_en?: string | null;
}
/**
 * One activity (hoạt động) of a content area.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Activity".
 */
export interface Activity {
    /**
     * Cooperating units (đơn vị phối hợp).
     */
    cooperating?: UnitId[];
    /**
     * What is to be done, in the plan's own words.
     */
    description: string;
    id: ActivityId;
    /**
     * Indicators that measure the activity's output.
     */
    indicators?: IndicatorId[];
    lead: UnitId1;
    /**
     * Programmes, projects or documents the activity carries out.
     */
    programmes?: string[];
    /**
     * When the activity takes place, if the plan says.
     */
    window?: Window | null;
    [k: string]: unknown;
}
/**
 * A time window inside the year (an action month).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Window".
 */
export interface Window {
    from: Date;
    /**
     * What the window is (`Tháng hành động quốc gia về phòng, chống bạo lực gia đình`).
     */
    name?: string | null;
    to: Date;
}
/**
 * A funding source (nguồn kinh phí) of section III.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "FundingSource".
 */
export interface FundingSource {
    id: FundingSourceId;
    name: string;
    name_en?: string | null;
}
/**
 * An indicator (chỉ tiêu).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Indicator".
 */
export interface Indicator {
    aggregation: Aggregation;
    /**
     * Whether values must be split into female and male.
     */
    by_sex: boolean;
    direction: Direction;
    id: IndicatorId1;
    measure: Measure;
    /**
     * English name.
     */
    name_en: string;
    /**
     * Vietnamese name, as on the officers' forms.
     */
    name_vi: string;
    /**
     * UN SDG series code, where one matches (`IC_GEN_MGTL`).
     */
    sdg_series?: string | null;
    /**
     * Counts that may name a person (victims, cases of violence): a
     * published summary withholds their small counts and every cell that
     * would give one away.
     */
    sensitive?: boolean;
    /**
     * Where the indicator is defined (a decision, a guidance letter, or the plan).
     */
    source: string;
    /**
     * Targets by year, with their sources.
     */
    targets?: Target[];
    temporal: Temporal;
    /**
     * The same in English (`%`, `people`, `VND`).
     */
    unit_en: string;
    /**
     * What one unit of the value is, in Vietnamese (`%`, `người`, `đồng`).
     */
    unit_vi: string;
    [k: string]: unknown;
}
/**
 * A target value for one year, with where it comes from.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Target".
 */
export interface Target {
    /**
     * The source says "about" (khoảng) this value.
     */
    approximate?: boolean;
    /**
     * `false` where the value was seen only in a secondary source: check the official text.
     */
    confirmed: boolean;
    /**
     * When this year's target points the other way from the indicator's
     * usual direction ("below 42" after "42 at most").
     */
    direction?: Direction | null;
    /**
     * What to know about the value (wording not confirmed, applies per agency...).
     */
    note?: string | null;
    /**
     * The legal document that sets the target (`28/NQ-CP`).
     */
    source: string;
    /**
     * The target value, in the indicator's own unit (percent points, times, per N).
     */
    value: number;
    /**
     * The year by which the target applies (2025, 2030).
     */
    year: number;
}
/**
 * A legal basis (căn cứ) the plan cites.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "LegalBasis".
 */
export interface LegalBasis {
    /**
     * The date of issue, where known.
     */
    date?: Date | null;
    /**
     * Who issued it (`UBND tỉnh Lai Châu`, `Chính phủ`).
     */
    issuer: string;
    kind: LegalKind;
    /**
     * How sure we are of a number or date the plan itself does not print.
     */
    note?: string | null;
    /**
     * The document's number as printed (`1415/KH-UBND`); absent where the plan cites it by name only.
     */
    number?: string | null;
    /**
     * Its title or subject, in Vietnamese.
     */
    title: string;
    [k: string]: unknown;
}
/**
 * Section IV.3: who reports, when, on what.
 */
export interface Reporting {
    /**
     * Indicators every report should carry; absent ones give `missing_required`.
     */
    required_indicators?: IndicatorId[];
    /**
     * What is due, for which period, by when.
     */
    schedule: ScheduleEntry[];
    /**
     * The plan's own sentence on reporting.
     */
    text?: string | null;
    /**
     * The units that must report.
     */
    units: UnitId[];
}
/**
 * One entry of a plan's reporting schedule.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ScheduleEntry".
 */
export interface ScheduleEntry {
    /**
     * Where the period comes from (`Nghị định 09/2019/NĐ-CP, Điều 12`).
     */
    basis?: string | null;
    due: Date2;
    /**
     * Id within the plan (`2024-6m`).
     */
    id: string;
    kind: ReportKind;
    period: Period;
}
/**
 * The period the data covers.
 */
export interface Period {
    from: Date3;
    to: Date4;
}
/**
 * Who does what (section IV.1–2).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Role".
 */
export interface Role {
    /**
     * The duties, one sentence each, in the plan's words.
     */
    duties: string[];
    /**
     * The units the duties fall on.
     */
    units: UnitId[];
}
/**
 * How strictly reports are checked: severities and thresholds.
 */
export interface RuleSettings {
    /**
     * `outlier` fires when a value is more than this many times, or less than
     * one over this many times, the same unit's previous value. Default 3.
     */
    outlier_factor?: number;
    /**
     * `outlier` ignores values where both the old and the new are below this
     * count: small numbers swing. Default 20.
     */
    outlier_min?: number;
    /**
     * How far, in points, a stated percent may be from numerator ÷ denominator. Default 0.05.
     */
    percent_tolerance?: number;
    /**
     * Severity overrides by code: `{"missing_required": "error", "outlier": "off"}`.
     */
    severity?: {
        [k: string]: Level;
    };
    /**
     * A published summary hides counts of violence cases and victims below
     * this (and the cells that would give them away). Default 5.
     */
    small_cells?: number;
}
/**
 * The signer (section "TRƯỞNG BAN").
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Signer".
 */
export interface Signer {
    name: string;
    /**
     * Titles as printed, top first (`TRƯỞNG BAN`, `PHÓ CHỦ TỊCH UBND TỈNH`).
     */
    titles: string[];
}
/**
 * A local target a plan sets for an indicator, on top of the national ones.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "PlanTarget".
 */
export interface PlanTarget {
    /**
     * The source says "about" (khoảng) this value.
     */
    approximate?: boolean;
    /**
     * `false` where the value was seen only in a secondary source: check the official text.
     */
    confirmed: boolean;
    /**
     * When this year's target points the other way from the indicator's
     * usual direction ("below 42" after "42 at most").
     */
    direction?: Direction | null;
    indicator: IndicatorId;
    /**
     * What to know about the value (wording not confirmed, applies per agency...).
     */
    note?: string | null;
    /**
     * The legal document that sets the target (`28/NQ-CP`).
     */
    source: string;
    /**
     * The target value, in the indicator's own unit (percent points, times, per N).
     */
    value: number;
    /**
     * The year by which the target applies (2025, 2030).
     */
    year: number;
}
/**
 * One body in the unit tree.
 *
 * Units carry validity dates because Vietnam's map changes: Lai Châu's
 * districts end on 30/6/2025 and its 38 communes and wards begin on 1/7/2025.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Unit".
 */
export interface Unit {
    /**
     * Official administrative code (Decision 124/2004/QĐ-TTg list), if any.
     */
    code?: string | null;
    /**
     * Parents the unit had before a reform, oldest first: a commune that was
     * under a district until 30/6/2025 and is under the province since.
     */
    earlier_parents?: EarlierParent[];
    id: UnitId3;
    kind: UnitKind;
    /**
     * Vietnamese name, with diacritics (compared after NFC normalisation).
     */
    name: string;
    /**
     * English name, where useful.
     */
    name_en?: string | null;
    /**
     * What to know about the unit (a spelling not yet checked against the resolution).
     */
    note?: string | null;
    /**
     * The unit above this one now (or when the unit ended); `None` for the root.
     */
    parent?: UnitId | null;
    /**
     * Units this one replaced (a merged commune lists the old ones).
     */
    successor_of?: UnitId[];
    /**
     * First day the unit exists; `None`: since before any plan.
     */
    valid_from?: Date | null;
    /**
     * Last day the unit exists; `None`: still exists.
     */
    valid_to?: Date | null;
    [k: string]: unknown;
}
/**
 * A parent a unit had until a date.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "EarlierParent".
 */
export interface EarlierParent {
    parent: UnitId;
    until: Date5;
}
/**
 * A unit's report (báo cáo) for one schedule entry.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Report".
 */
export interface Report {
    /**
     * What was done on the plan's activities.
     */
    activities?: ActivityResult[] | null;
    /**
     * Money by source.
     */
    funding?: FundingLine[] | null;
    kind: ReportKind;
    /**
     * Free text: difficulties, proposals.
     */
    notes?: string | null;
    period: Period1;
    /**
     * The number of the plan reported on (`01/KH-BVSTBPN`).
     */
    plan: string;
    submitted: Date6;
    unit: UnitId4;
    /**
     * Indicator values: aggregate numbers only, never a person's data.
     */
    values?: ValueEntry[] | null;
    [k: string]: unknown;
}
/**
 * What a unit did on one activity of the plan.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ActivityResult".
 */
export interface ActivityResult {
    activity: ActivityId1;
    note?: string | null;
    /**
     * Output figures of this activity (classes held, people reached...).
     */
    outputs?: ValueEntry[];
    status: ActivityStatus;
    [k: string]: unknown;
}
/**
 * One indicator's value in a report.
 *
 * Counts and money: `female`, `male`, `total`. Percents, ratios and rates:
 * `numerator` and `denominator`, each possibly split by sex, and optionally
 * the figure the unit `stated`.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ValueEntry".
 */
export interface ValueEntry {
    /**
     * Mẫu số, for percents, ratios and rates.
     */
    denominator?: SexSplit | null;
    /**
     * Nữ.
     */
    female?: Count | null;
    indicator: IndicatorId2;
    /**
     * Nam.
     */
    male?: Count | null;
    note?: string | null;
    /**
     * Tử số, for percents, ratios and rates.
     */
    numerator?: SexSplit | null;
    /**
     * The percent, ratio or rate as the unit wrote it; checked against numerator ÷ denominator.
     * For indicators that do not add up (survey figures), the value itself.
     */
    stated?: number | null;
    /**
     * Tổng số.
     */
    total?: Count | null;
    [k: string]: unknown;
}
/**
 * Female, male and total of one quantity. Any part may be left out (not reported).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "SexSplit".
 */
export interface SexSplit {
    /**
     * Nữ. Left out or null: not reported.
     */
    female?: Count | null;
    /**
     * Nam. Left out or null: not reported.
     */
    male?: Count | null;
    /**
     * Tổng số. Left out or null: not reported.
     */
    total?: Count | null;
    [k: string]: unknown;
}
/**
 * Money by source, in whole đồng.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "FundingLine".
 */
export interface FundingLine {
    /**
     * Dự toán (planned), whole đồng.
     */
    planned?: Count | null;
    source: FundingSourceId;
    /**
     * Đã chi (spent), whole đồng.
     */
    spent?: Count | null;
    [k: string]: unknown;
}
/**
 * The period the data covers (kỳ báo cáo).
 */
export interface Period1 {
    from: Date3;
    to: Date4;
}
/**
 * The indicators binhdang knows without a plan.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Catalog".
 */
export interface Catalog {
    /**
     * Every indicator, national targets first, then output indicators.
     */
    indicators: Indicator[];
}
/**
 * A finding of validation.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Finding".
 */
export interface Finding {
    code: Code;
    /**
     * The values involved: `expected`, `actual`, `indicator`, `limit`...
     */
    context?: {
        [k: string]: unknown;
    };
    /**
     * The message in English.
     */
    message_en: string;
    /**
     * The message in Vietnamese.
     */
    message_vi: string;
    /**
     * JSON Pointer (RFC 6901) into the report or plan: where a form marks the field. `""` is the whole document.
     */
    path: string;
    severity: Severity;
}
/**
 * The province's summary (tổng hợp).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Summary".
 */
export interface Summary {
    /**
     * Every input report, in input order: used, superseded or rejected.
     */
    accounting: Outcome[];
    as_of: Date7;
    /**
     * Findings of the aggregation itself (`overflow`).
     */
    findings?: Finding[];
    /**
     * One summary per schedule entry, in schedule order.
     */
    periods: PeriodSummary[];
    /**
     * The plan's number.
     */
    plan: string;
    /**
     * The root of the unit tree (the province).
     */
    root?: UnitId | null;
}
/**
 * One report's outcome in a batch.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Outcome".
 */
export interface Outcome {
    findings: Finding[];
    /**
     * Its place in the input, from 0.
     */
    index: number;
    kind?: ReportKind | null;
    period?: Period2 | null;
    /**
     * Where it came from, when the host said (the file name in the CLI).
     */
    source?: string | null;
    status: Status;
    submitted?: Date | null;
    /**
     * The index of the report that replaced this one.
     */
    superseded_by?: number | null;
    /**
     * The reporting unit, when the report could be read that far.
     */
    unit?: UnitId | null;
}
/**
 * The days a report's data covers (kỳ báo cáo), both ends included.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Period".
 */
export interface Period2 {
    from: Date3;
    to: Date4;
}
/**
 * The summary of one schedule entry.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "PeriodSummary".
 */
export interface PeriodSummary {
    activities: AreaActivities[];
    completeness: Completeness;
    due: Date;
    /**
     * The schedule entry's id.
     */
    entry: string;
    /**
     * Every unit with data in its subtree, the root included, by unit then indicator.
     */
    figures: Figure[];
    funding: FundingTotal[];
    kind: ReportKind;
    period: Period2;
    /**
     * Every target year of every indicator with a target, at the root.
     */
    progress: Progress[];
}
/**
 * Activities of one content area.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "AreaActivities".
 */
export interface AreaActivities {
    activities: ActivityTally[];
    area: number;
    title: string;
}
/**
 * What the units said about one activity.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ActivityTally".
 */
export interface ActivityTally {
    activity: ActivityId1;
    /**
     * The activity's outputs (classes held, people reached...), added up
     * over every unit's report by indicator, as province-wide figures
     * (`unit` is the root; a figure that is not added up stays one per
     * reporting unit). Outputs feed only these totals, never the units'
     * indicator figures, so nothing is counted twice.
     */
    outputs?: Figure[];
    /**
     * How many units reported each status.
     */
    statuses: {
        [k: string]: number;
    };
}
/**
 * One indicator's figure for one unit in one period.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Figure".
 */
export interface Figure {
    counts?: Parts;
    /**
     * Percents, ratios, rates: the summed denominators.
     */
    denominator?: Parts1 | null;
    gender?: GenderMetrics | null;
    indicator: IndicatorId;
    /**
     * Percents, ratios, rates: the summed numerators.
     */
    numerator?: Parts1 | null;
    /**
     * Parts whose sum passed 2^53 − 1 (`total`, `numerator/female`...):
     * left empty above, marked here and in every table, and named by an
     * `overflow` finding of the summary. Never silently absent.
     */
    overflow?: string[];
    /**
     * How many reports fed this figure.
     */
    reports: number;
    unit: UnitId;
    /**
     * The figure: a count's total; for percents, ratios and rates, total
     * numerator ÷ total denominator × scale; for indicators that do not add
     * up, the unit's own stated value.
     */
    value?: number | null;
}
/**
 * Counts and money: the summed parts.
 */
export interface Parts {
    female?: Count | null;
    male?: Count | null;
    /**
     * The stated totals, or female + male where a report gave only the split.
     */
    total?: Count | null;
}
/**
 * Female, male and total of one quantity in a summary.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Parts".
 */
export interface Parts1 {
    female?: Count | null;
    male?: Count | null;
    /**
     * The stated totals, or female + male where a report gave only the split.
     */
    total?: Count | null;
}
/**
 * Share of women, parity and gap, for indicators split by sex.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "GenderMetrics".
 */
export interface GenderMetrics {
    /**
     * Counts: women's share of female + male, in percent.
     * Percents and rates: the women's figure (female numerator ÷ female denominator).
     */
    female?: number | null;
    /**
     * Gap: women's figure − men's figure, in points (negative: women behind).
     */
    gap?: number | null;
    /**
     * Counts: men's share, in percent. Percents and rates: the men's figure.
     */
    male?: number | null;
    /**
     * Parity index: women's figure ÷ men's figure (1 is parity); for counts, female ÷ male.
     */
    parity_index?: number | null;
}
/**
 * Completeness and timeliness of one schedule entry.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Completeness".
 */
export interface Completeness {
    /**
     * Units expected to report (those the plan names that exist in the period).
     */
    expected: number;
    late: number;
    missing: number;
    not_yet_due: number;
    on_time: number;
    /**
     * Units from which a report was received by the summary's date.
     */
    received: number;
    /**
     * Units whose report was received but rejected for an error.
     */
    rejected?: UnitId[];
    /**
     * The unit ids in each group: `on_time`, `late`, `missing`, `not_yet_due`.
     */
    units: {
        [k: string]: UnitId[];
    };
}
/**
 * Money by funding source, whole đồng.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "FundingTotal".
 */
export interface FundingTotal {
    planned?: Count | null;
    reports: number;
    source: FundingSourceId;
    spent?: Count | null;
}
/**
 * One indicator against one target year, at the root of the tree.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Progress".
 */
export interface Progress {
    /**
     * `false` where the target value is not confirmed against the official text.
     */
    confirmed: boolean;
    direction: Direction;
    /**
     * value − target (positive: above the target).
     */
    gap?: number | null;
    indicator: IndicatorId;
    source: string;
    status: ProgressStatus;
    target: number;
    value?: number | null;
    year: number;
}
/**
 * The summary as tidy tables: what pandas, Excel and a portal's grid read directly.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Tables".
 */
export interface Tables {
    activities: ActivityRow[];
    completeness: CompletenessRow[];
    figures: FigureRow[];
    funding: FundingRow[];
    /**
     * Activities' outputs by indicator and sex.
     */
    outputs?: OutputRow[];
    progress: ProgressRow[];
}
/**
 * How many units reported one status for one activity.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ActivityRow".
 */
export interface ActivityRow {
    activity: ActivityId1;
    area: number;
    entry: string;
    status: ActivityStatus;
    units: number;
}
/**
 * One expected unit's standing for one schedule entry.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "CompletenessRow".
 */
export interface CompletenessRow {
    entry: string;
    kind: ReportKind;
    /**
     * Received, but rejected for an error.
     */
    rejected: boolean;
    timeliness: Timeliness;
    unit: UnitId;
    unit_name: string;
}
/**
 * One row of the tidy figures table: a schedule entry, a unit, an indicator, a sex.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "FigureRow".
 */
export interface FigureRow {
    denominator?: Count | null;
    entry: string;
    indicator: IndicatorId;
    kind: ReportKind;
    numerator?: Count | null;
    /**
     * The sum passed 2^53 − 1: `value` is empty, and an `overflow` finding
     * of the summary names the figure.
     */
    overflow?: boolean;
    period_from: Date;
    period_to: Date;
    reports: number;
    /**
     * SDMX sex code: `F`, `M` or `_T` (total).
     */
    sex: string;
    /**
     * Withheld in a published summary: a small count of violence cases or
     * victims, or a cell that would give one away. `value` is then empty.
     */
    suppressed?: boolean;
    unit: UnitId;
    unit_name: string;
    /**
     * The count, or the percent/ratio/rate computed from numerator and denominator.
     */
    value?: number | null;
}
/**
 * Money of one funding source for one schedule entry.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "FundingRow".
 */
export interface FundingRow {
    entry: string;
    planned?: Count | null;
    reports: number;
    source: FundingSourceId;
    source_name: string;
    spent?: Count | null;
}
/**
 * One row of an activity's outputs, added up over the province: the
 * activity, then the figure row (its `unit` is the root).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "OutputRow".
 */
export interface OutputRow {
    activity: ActivityId1;
    area: number;
    denominator?: Count | null;
    entry: string;
    indicator: IndicatorId;
    kind: ReportKind;
    numerator?: Count | null;
    /**
     * The sum passed 2^53 − 1: `value` is empty, and an `overflow` finding
     * of the summary names the figure.
     */
    overflow?: boolean;
    period_from: Date;
    period_to: Date;
    reports: number;
    /**
     * SDMX sex code: `F`, `M` or `_T` (total).
     */
    sex: string;
    /**
     * Withheld in a published summary: a small count of violence cases or
     * victims, or a cell that would give one away. `value` is then empty.
     */
    suppressed?: boolean;
    unit: UnitId;
    unit_name: string;
    /**
     * The count, or the percent/ratio/rate computed from numerator and denominator.
     */
    value?: number | null;
}
/**
 * One indicator against one target year, for one schedule entry.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "ProgressRow".
 */
export interface ProgressRow {
    confirmed: boolean;
    direction: Direction;
    entry: string;
    gap?: number | null;
    indicator: IndicatorId;
    name_en: string;
    name_vi: string;
    source: string;
    status: ProgressStatus;
    target: number;
    value?: number | null;
    year: number;
}
/**
 * Limits a host can set on the reports it reads. Past one, reading stops
 * with a `too_large` finding that names the limit, before the work the input
 * would cost (the text's size is checked before it is parsed). Every field
 * may be left out; what is left out keeps its default.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Limits".
 */
export interface Limits {
    /**
     * Bytes of one report's JSON text. Default 4 MiB: a report holds
     * aggregate numbers, a few kilobytes; 4 MiB leaves room for long notes.
     */
    max_bytes?: number;
    /**
     * Levels of nesting. Default 32: a report or plan needs 6. The parser
     * itself never goes past 128, so the stack is safe whatever the input.
     */
    max_depth?: number;
    /**
     * Findings kept for one report or plan; past it, one closing
     * `findings_truncated` finding says how many more there were. Default 1,000.
     */
    max_findings?: number;
    /**
     * JSON values of any kind in one report or plan: every object, array,
     * element and field counts, so no list (values, activities, outputs,
     * funding lines, units, schedule entries...) escapes the bound. Default
     * 200,000: a report of 10,000 values split by sex holds about 60,000; a
     * plan of every commune in the country about 40,000.
     */
    max_nodes?: number;
    /**
     * Reports in one batch or summary. Default 1,000,000.
     */
    max_reports?: number;
    /**
     * Value entries in one report (values and activity outputs). Default 10,000.
     */
    max_values?: number;
}
/**
 * The reporting regime (section IV.3).
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "Reporting".
 */
export interface Reporting1 {
    /**
     * Indicators every report should carry; absent ones give `missing_required`.
     */
    required_indicators?: IndicatorId[];
    /**
     * What is due, for which period, by when.
     */
    schedule: ScheduleEntry[];
    /**
     * The plan's own sentence on reporting.
     */
    text?: string | null;
    /**
     * The units that must report.
     */
    units: UnitId[];
}
/**
 * How strictly a plan checks its reports. Everything has a documented default.
 *
 * This interface was referenced by `BinhdangTypes`'s JSON-Schema
 * via the `definition` "RuleSettings".
 */
export interface RuleSettings1 {
    /**
     * `outlier` fires when a value is more than this many times, or less than
     * one over this many times, the same unit's previous value. Default 3.
     */
    outlier_factor?: number;
    /**
     * `outlier` ignores values where both the old and the new are below this
     * count: small numbers swing. Default 20.
     */
    outlier_min?: number;
    /**
     * How far, in points, a stated percent may be from numerator ÷ denominator. Default 0.05.
     */
    percent_tolerance?: number;
    /**
     * Severity overrides by code: `{"missing_required": "error", "outlier": "off"}`.
     */
    severity?: {
        [k: string]: Level;
    };
    /**
     * A published summary hides counts of violence cases and victims below
     * this (and the cells that would give them away). Default 5.
     */
    small_cells?: number;
}



/**
 * A plan read once, to check forms against as they are typed: much faster
 * than `validateReport`, which reads the plan on every call.
 */
export class Checker {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Reads the plan; throws `BinhdangError` when it cannot be read.
     */
    constructor(plan: Plan | string);
    /**
     * Validates one report (a form). Never throws for anything in the report.
     */
    validateReport(report: Report | string, options?: ValidateOptions | null): Finding[];
}

/**
 * Adds up reports into the province's summary at `asOf`.
 */
export function aggregate(plan: Plan | string, reports: Array<Report | string>, asOf: string | Date, options?: AggregateOptions | null): Summary;

/**
 * The built-in catalogue: national targets with sources and `confirmed` flags.
 */
export function catalog(): Catalog;

/**
 * Reads a report the way every check reads it (strict JSON, text in NFC,
 * unknown fields kept) and returns it: what a portal stores after a form
 * is typed. Throws `BinhdangError` with the findings when it cannot be read.
 */
export function loadReport(report: Report | string): Report;

/**
 * What a person typed in a date field, as the report's ISO date
 * (`4/12/2024` → `2024-12-04`); throws `BinhdangError` with the finding otherwise.
 */
export function parseDate(text: string): string;

/**
 * What a person typed in a number field, as a number (`1.234` → 1234,
 * `75,5` → 75.5); throws `BinhdangError` with the finding otherwise.
 */
export function parseNumber(text: string): number;

/**
 * The language of `BinhdangError` messages for the whole page: "vi" (the
 * default) or "en". Findings always carry both.
 */
export function setLanguage(code: string): void;

/**
 * The summary as tidy tables (figures, completeness, progress, funding,
 * activities): what a portal's grid shows. Adds up like `aggregate`.
 */
export function tables(plan: Plan | string, reports: Array<Report | string>, asOf: string | Date, options?: AggregateOptions | null): Tables;

/**
 * Validates one report (a form) against a plan. Never throws for anything in the report.
 */
export function validateReport(report: Report | string, plan: Plan | string, options?: ValidateOptions | null): Finding[];

/**
 * Validates many reports together: one outcome per report (used, superseded or rejected).
 */
export function validateReports(reports: Array<Report | string>, plan: Plan | string, options?: ValidateOptions | null): Outcome[];

/**
 * The library's version.
 */
export function version(): string;

/** A JSON Schema (draft 2020-12) by name. */
export function schema(name: "plan" | "report" | "catalog" | "finding" | "summary" | "tables" | "limits"): object;
