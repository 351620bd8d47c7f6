//! The summary in the formats other systems read: SDMX-CSV (statistical
//! offices, the SDG database) and DHIS2 `dataValueSets` (health and social
//! information systems). Both are written from the tidy figures table
//! ([`crate::output::tables`], or [`crate::publish::published_tables`] for
//! what may be published), so they hold the same figures as the CSV, the
//! workbook and the DataFrame. See docs/exchange.md.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike as _, Months};
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Lookup};
use crate::model::{Date, Plan};
use crate::output::FigureRow;

/// The dataflow every SDMX-CSV file names (agency `BINHDANG`, version 1.0):
/// the figures of a plan's summary, by unit, indicator, period, sex and the
/// breakdowns beyond sex.
pub const SDMX_DATAFLOW: &str = "BINHDANG:DF_GENDER_EQUALITY(1.0)";

/// A period as an SDMX time range: its first day and its length
/// (`2023-12-15/P6M` for the six months from 15 December; `P1Y` for a year;
/// days, `P183D`, when it is not whole months). Exact where a reporting
/// period code (`2024-S1`) would assume calendar half-years, which the
/// Vietnamese report periods (15/12 to 14/6) are not.
pub fn time_period(from: Date, to: Date) -> String {
    let end = to.0.succ_opt().unwrap_or(to.0);
    let months = (end.year() - from.0.year()) * 12 + end.month() as i32 - from.0.month() as i32;
    let whole =
        months > 0 && u32::try_from(months).ok().and_then(|m| from.0.checked_add_months(Months::new(m))) == Some(end);
    if whole && months % 12 == 0 {
        format!("{}/P{}Y", from.iso(), months / 12)
    } else if whole {
        format!("{}/P{months}M", from.iso())
    } else {
        format!("{}/P{}D", from.iso(), (end - from.0).num_days())
    }
}

/// A dimension's column in SDMX-CSV: its id in capitals (`age` → `AGE`).
fn column(dimension: &str) -> String {
    dimension.to_uppercase().replace('-', "_")
}

/// The figures as SDMX-CSV 2.0: one observation per row of the figures
/// table. Dimensions `REF_AREA` (the unit's id in the plan), `INDICATOR`,
/// `TIME_PERIOD` (see [`time_period`]), `SEX` (`F`, `M`, `_T`) and one per
/// breakdown beyond sex (`AGE`, `ETHNICITY`...; `_T` for the whole);
/// measure `OBS_VALUE`; attributes `UNIT_MEASURE`, `SERIES` (the UN SDG
/// series code, where the catalogue has one), `OBS_STATUS` (`C`,
/// confidential: withheld by publication; `M`, missing: the sum passed
/// 2^53 − 1) and `REPORTS` (how many reports the figure adds up).
pub fn sdmx_csv(rows: &[FigureRow], plan: &Plan, catalog: &Catalog) -> String {
    let lookup = Lookup::new(plan, catalog);
    let dims: Vec<&str> =
        rows.iter().flat_map(|r| r.by.keys().map(String::as_str)).collect::<BTreeSet<_>>().into_iter().collect();
    let mut header: Vec<String> =
        ["STRUCTURE", "STRUCTURE_ID", "ACTION", "REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX"]
            .map(String::from)
            .to_vec();
    header.extend(dims.iter().map(|d| column(d)));
    header.extend(["OBS_VALUE", "UNIT_MEASURE", "SERIES", "OBS_STATUS", "REPORTS"].map(String::from));
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec fails only when out of memory; the text is then empty.
    let _ = w.write_record(&header);
    for r in rows {
        let ind = lookup.indicator(&r.indicator);
        let mut rec = vec![
            "dataflow".to_string(),
            SDMX_DATAFLOW.to_string(),
            "I".to_string(),
            r.unit.to_string(),
            r.indicator.to_string(),
            time_period(r.period_from, r.period_to),
            r.sex.clone(),
        ];
        rec.extend(dims.iter().map(|d| r.by.get(*d).cloned().unwrap_or_else(|| "_T".to_string())));
        rec.push(r.value.map(crate::output::fmt_f64).unwrap_or_default());
        rec.push(ind.map(|i| i.unit_en.clone()).unwrap_or_default());
        rec.push(ind.and_then(|i| i.sdg_series.clone()).unwrap_or_default());
        rec.push(
            if r.suppressed {
                "C"
            } else if r.overflow {
                "M"
            } else {
                ""
            }
            .to_string(),
        );
        rec.push(r.reports.to_string());
        let _ = w.write_record(&rec);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// How a plan's figures map onto a DHIS2 instance: given by the host, since
/// the identifiers are the instance's own (docs/exchange.md has an example).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dhis2Mapping {
    /// The data set the values belong to (its uid), if the instance wants one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_set: Option<String>,
    /// The DHIS2 period of each schedule entry (`2024-6m` → `2024S1`): the
    /// instance's period type decides the code.
    pub periods: BTreeMap<String, String>,
    /// The organisation unit of each of the plan's units.
    pub org_units: BTreeMap<String, String>,
    /// For each indicator, its data element and the category option combo
    /// of each cell: `F`, `M`, `_T` for the whole by sex, and
    /// `F|age=0-15`-style keys (sex, then `dimension=option` in name order)
    /// for the cells of a breakdown.
    pub data_elements: BTreeMap<String, Dhis2Element>,
}

/// One indicator's data element and its category option combos.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dhis2Element {
    pub data_element: String,
    pub category_option_combos: BTreeMap<String, String>,
}

/// A figure the mapping does not place, and why: nothing is dropped unsaid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Dhis2LeftOut {
    pub entry: String,
    pub unit: String,
    pub indicator: String,
    /// The figure's key (`F`, `_T|age=0-15`), as the mapping would name it.
    pub key: String,
    /// `period`, `org_unit`, `data_element`, `category_option_combo`
    /// (not in the mapping), `suppressed` (withheld by publication) or
    /// `overflow` (the sum passed 2^53 − 1).
    pub reason: String,
}

/// One DHIS2 data value, as the Web API's `dataValueSets` takes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Dhis2Value {
    pub data_element: String,
    pub period: String,
    pub org_unit: String,
    pub category_option_combo: String,
    /// DHIS2 carries values as text.
    pub value: String,
}

/// A `dataValueSets` payload, and the figures it could not carry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Dhis2Export {
    /// The payload to POST to `/api/dataValueSets`.
    pub data_value_set: Dhis2DataValueSet,
    /// Figures not in the payload, each with its reason.
    pub left_out: Vec<Dhis2LeftOut>,
}

/// The body of a `dataValueSets` import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Dhis2DataValueSet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_set: Option<String>,
    pub data_values: Vec<Dhis2Value>,
}

/// A figure's key in a [`Dhis2Mapping`]: the sex, then the breakdown cell.
pub fn dhis2_key(row: &FigureRow) -> String {
    let mut key = row.sex.clone();
    for (d, o) in row.by.iter() {
        key.push('|');
        key.push_str(d);
        key.push('=');
        key.push_str(o);
    }
    key
}

/// The figures as a DHIS2 `dataValueSets` payload, through the host's
/// mapping. A figure the mapping does not place, a withheld one and an
/// overflowed one are listed in `left_out` with the reason, never dropped
/// unsaid. Percents, ratios and rates go as their computed figure.
pub fn dhis2(rows: &[FigureRow], mapping: &Dhis2Mapping) -> Dhis2Export {
    let mut data_values = Vec::new();
    let mut left_out = Vec::new();
    for r in rows {
        let key = dhis2_key(r);
        let out = |reason: &str| Dhis2LeftOut {
            entry: r.entry.clone(),
            unit: r.unit.to_string(),
            indicator: r.indicator.to_string(),
            key: key.clone(),
            reason: reason.to_string(),
        };
        let element = mapping.data_elements.get(r.indicator.as_str());
        let placed = (|| {
            let period = mapping.periods.get(&r.entry).ok_or("period")?;
            let org_unit = mapping.org_units.get(r.unit.as_str()).ok_or("org_unit")?;
            let element = element.ok_or("data_element")?;
            let combo = element.category_option_combos.get(&key).ok_or("category_option_combo")?;
            if r.suppressed {
                return Err("suppressed");
            }
            let value = match (r.value, r.overflow) {
                (Some(v), false) => v,
                _ => return Err("overflow"),
            };
            Ok(Dhis2Value {
                data_element: element.data_element.clone(),
                period: period.clone(),
                org_unit: org_unit.clone(),
                category_option_combo: combo.clone(),
                value: crate::output::fmt_f64(value),
            })
        })();
        match placed {
            Ok(v) => data_values.push(v),
            // A figure with no value (an indicator nobody reported in a
            // breakdown) is not a figure to carry: only real ones are listed.
            Err(reason) if r.value.is_some() || r.suppressed || r.overflow => left_out.push(out(reason)),
            Err(_) => {}
        }
    }
    Dhis2Export { data_value_set: Dhis2DataValueSet { data_set: mapping.data_set.clone(), data_values }, left_out }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).expect("a date")
    }

    #[test]
    fn periods_are_exact_ranges() {
        assert_eq!(time_period(d(2023, 12, 15), d(2024, 6, 14)), "2023-12-15/P6M");
        assert_eq!(time_period(d(2023, 12, 15), d(2024, 12, 14)), "2023-12-15/P1Y");
        assert_eq!(time_period(d(2024, 1, 1), d(2024, 12, 31)), "2024-01-01/P1Y");
        assert_eq!(time_period(d(2024, 1, 1), d(2024, 6, 30)), "2024-01-01/P6M");
        // Not whole months: days (from 1 to 20 March is 20 days).
        assert_eq!(time_period(d(2024, 3, 1), d(2024, 3, 20)), "2024-03-01/P20D");
        // A month's end is not a month later on the 31st.
        assert_eq!(time_period(d(2024, 1, 31), d(2024, 2, 29)), "2024-01-31/P30D");
    }
}
