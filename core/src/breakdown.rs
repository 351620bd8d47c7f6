//! Breakdowns beyond sex: which cells a value's breakdowns have, the checks
//! at every margin, and the margins a unit left to be worked out.
//!
//! A cell's key names one option (or group) of some of the indicator's
//! dimensions. Along a dimension `d` not in a key `K`, the cells `K + {d: o}`
//! for every option `o` of the breakdown add up to the cell `K` (the value's
//! own fields when `K` is empty); a group's cell is the sum of its members'.
//! Missing is not zero, per cell: when some of the cells along `d` are left
//! out, those given must not exceed the margin, and the margin is not worked
//! out from them.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::Lookup;
use crate::finding::pointer;
use crate::finding::{Code, Finding};
use crate::messages as msg;
use crate::model::{Breakdown, Cell, CellKey, Count, Dimension, Indicator, SexSplit, ValueEntry};

/// A breakdown of an indicator with its dimension found.
pub(crate) struct Resolved<'a> {
    pub breakdown: &'a Breakdown,
    pub dimension: &'a Dimension,
    /// The options (or groups) a complete breakdown has.
    pub options: Vec<&'a str>,
}

/// A breakdown cell named the Vietnamese way (`Nhóm tuổi: Dưới 16 tuổi;
/// Khu vực: Thành thị`), each dimension and option by its name where
/// `resolved` has them, by its code otherwise; empty for the whole.
pub(crate) fn cell_name(key: &CellKey, resolved: &[Resolved]) -> String {
    key.iter()
        .map(|(d, code)| {
            let dim = resolved.iter().find(|r| &r.dimension.id == d).map(|r| r.dimension);
            let name = dim.map_or(d.as_str(), |x| x.name_vi.as_str());
            let option = dim.and_then(|x| x.name_of(code, true)).unwrap_or(code);
            format!("{name}: {option}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The indicator's breakdowns whose dimension the plan or the catalogue has
/// (the plan check names the others).
pub(crate) fn resolve<'a>(lookup: &Lookup<'a>, ind: &'a Indicator) -> Vec<Resolved<'a>> {
    ind.breakdowns
        .iter()
        .filter_map(|b| {
            let dimension = lookup.dimension(&b.dimension)?;
            let options = if b.options.is_empty() {
                dimension.options.iter().map(|o| o.code.as_str()).collect()
            } else {
                b.options.iter().map(String::as_str).collect()
            };
            Some(Resolved { breakdown: b, dimension, options })
        })
        .collect()
}

fn with(key: &CellKey, dim: &str, code: &str) -> CellKey {
    let mut k = key.clone();
    k.insert(dim.to_string(), code.to_string());
    k
}

/// The keys whose cells add up to `key`, one list per way: along each
/// breakdown not in the key, and for each group the key names, its members.
pub(crate) fn ways<'r>(key: &CellKey, resolved: &'r [Resolved]) -> Vec<(&'r Dimension, Vec<CellKey>)> {
    let mut out = Vec::new();
    for r in resolved {
        let id = r.dimension.id.as_str();
        match key.get(id) {
            None => out.push((r.dimension, r.options.iter().map(|o| with(key, id, o)).collect())),
            Some(code) => {
                if let Some(g) = r.dimension.group(code) {
                    out.push((r.dimension, g.members.iter().map(|m| with(key, id, m)).collect()));
                }
            }
        }
    }
    out
}

/// The figures of a cell (or of a value's own fields) that add up, by their
/// path under the cell: `total`, `numerator/female`...
fn fields(c: &Cell) -> [(&'static str, Option<Count>); 9] {
    let part = |s: &Option<SexSplit>, f: fn(&SexSplit) -> Option<Count>| s.as_ref().and_then(f);
    [
        ("female", c.female),
        ("male", c.male),
        ("total", c.counts().effective_total()),
        ("numerator/female", part(&c.numerator, |s| s.female)),
        ("numerator/male", part(&c.numerator, |s| s.male)),
        ("numerator/total", part(&c.numerator, SexSplit::effective_total)),
        ("denominator/female", part(&c.denominator, |s| s.female)),
        ("denominator/male", part(&c.denominator, |s| s.male)),
        ("denominator/total", part(&c.denominator, SexSplit::effective_total)),
    ]
}

/// The value's own fields as the cell with the empty key.
pub(crate) fn own_cell(v: &ValueEntry) -> Cell {
    Cell {
        by: CellKey::new(),
        female: v.female,
        male: v.male,
        total: v.total,
        numerator: v.numerator.clone(),
        denominator: v.denominator.clone(),
        extra: Default::default(),
    }
}

/// The checks of a value's cells (`at`: the value's pointer): keys, codes,
/// duplicates, sums at every margin, and the breakdowns required.
pub(crate) fn check(lookup: &Lookup, ind: &Indicator, v: &ValueEntry, at: &str, out: &mut Vec<Finding>) {
    if v.cells.is_empty() && ind.breakdowns.is_empty() {
        return;
    }
    let resolved = resolve(lookup, ind);
    let cells_at = pointer(at, "cells");
    // Keys and codes; a cell with a bad key takes no part in the sums.
    let mut first: BTreeMap<&CellKey, usize> = BTreeMap::new();
    let mut good: Vec<(String, &Cell)> = Vec::new();
    for (j, c) in v.cells.iter().enumerate() {
        let here = pointer(&cells_at, j);
        let by_at = pointer(&here, "by");
        let mut ok = true;
        for (dim, code) in &c.by {
            let Some(r) = resolved.iter().find(|r| &r.dimension.id == dim) else {
                out.push(
                    Finding::new(Code::UnknownDimension, pointer(&by_at, dim), msg::unknown_dimension(dim, ind))
                        .with("indicator", ind.id.as_str())
                        .with("dimension", dim.as_str())
                        .with("expected", resolved.iter().map(|r| r.dimension.id.clone()).collect::<Vec<_>>()),
                );
                ok = false;
                continue;
            };
            if !r.dimension.knows(code) {
                out.push(
                    Finding::new(
                        Code::UnknownOption,
                        pointer(&by_at, dim),
                        msg::unknown_dimension_option(code, r.dimension),
                    )
                    .with("dimension", dim.as_str())
                    .with("actual", code.as_str()),
                );
                ok = false;
            }
        }
        if c.by.is_empty() {
            // An empty key is the value itself, given twice.
            out.push(
                Finding::new(Code::DuplicateCell, by_at.clone(), msg::duplicate_cell_of_value())
                    .with("indicator", ind.id.as_str()),
            );
            ok = false;
        } else if let Some(k) = first.get(&c.by) {
            out.push(Finding::new(Code::DuplicateCell, by_at.clone(), msg::duplicate_cell(*k)).with("first", *k));
            ok = false;
        } else {
            first.insert(&c.by, j);
        }
        if ok {
            good.push((here, c));
        }
    }
    // Sums at every margin: the value's own fields, then each cell.
    let own = own_cell(v);
    // Inserted, not collected (a collected map links a sort of its
    // entries, 4 kB of WebAssembly); as when collected, the last cell of a
    // key is the one kept.
    let mut by_key: BTreeMap<&CellKey, &Cell> = BTreeMap::new();
    for (_, c) in &good {
        by_key.insert(&c.by, *c);
    }
    let margins = std::iter::once((at.to_string(), &own)).chain(good.iter().map(|(p, c)| (p.clone(), *c)));
    for (margin_at, margin) in margins {
        for (dim, kids) in ways(&margin.by, &resolved) {
            let present: Vec<&Cell> = kids.iter().filter_map(|k| by_key.get(k).copied()).collect();
            if present.is_empty() {
                continue;
            }
            let complete = present.len() == kids.len();
            for (i, (field, stated)) in fields(margin).into_iter().enumerate() {
                let Some(stated) = stated else { continue };
                let given: Vec<Count> = present.iter().filter_map(|c| fields(c).get(i).and_then(|(_, x)| *x)).collect();
                if given.is_empty() {
                    continue;
                }
                let sum = given.iter().try_fold(Count::ZERO, |a, c| a.checked_add(*c));
                // A sum past the limit is past any margin.
                let all = complete && given.len() == present.len();
                let wrong = match sum {
                    None => true,
                    Some(s) if all => s != stated,
                    Some(s) => s > stated,
                };
                if wrong {
                    let sum = sum.map_or(u64::MAX, Count::get);
                    out.push(
                        Finding::new(
                            Code::BreakdownSumMismatch,
                            pointer(&margin_at, field),
                            msg::breakdown_sum_mismatch(dim, stated.get(), sum, all),
                        )
                        .with("dimension", dim.id.as_str())
                        .with("actual", stated.get())
                        .with("expected", sum)
                        .with("complete", all),
                    );
                }
            }
        }
    }
    // Required breakdowns: every option given, in some cell. A value of 0
    // needs none: every cell of it is 0 (counts are never negative).
    let zero =
        fields(&own).iter().filter(|(f, _)| f.ends_with("total")).all(|(_, x)| x.is_none_or(|c| c == Count::ZERO))
            && !v.own_is_empty();
    for r in resolved.iter().filter(|r| r.breakdown.required && !zero) {
        let id = r.dimension.id.as_str();
        // A cell with no figure in it (a form's empty row) gives nothing.
        // Inserted, not collected: collecting into a set links a sort of
        // its items (4 kB of WebAssembly).
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for o in good.iter().filter(|(_, c)| !c.is_empty()).filter_map(|(_, c)| c.by.get(id)) {
            seen.insert(o);
        }
        let missing: Vec<&str> = r.options.iter().copied().filter(|o| !seen.contains(o)).collect();
        if seen.is_empty() {
            // Nothing reported at all is `missing_required`'s business, not this.
            if !v.own_is_empty() {
                out.push(
                    Finding::new(Code::BreakdownMissing, at.to_string(), msg::breakdown_missing(ind, r.dimension))
                        .with("indicator", ind.id.as_str())
                        .with("dimension", id),
                );
            }
        } else if !missing.is_empty() {
            out.push(
                Finding::new(
                    Code::BreakdownIncomplete,
                    cells_at.clone(),
                    msg::breakdown_incomplete(r.dimension, &missing),
                )
                .with("indicator", ind.id.as_str())
                .with("dimension", id)
                .with("missing", missing),
            );
        }
    }
}

/// The keys of a value's cells and of the margins that can be worked out
/// from them (every cell along some breakdown given), each with the keys it
/// is the sum of, in an order where the parts come first. Stated keys have
/// no parts. Aggregation adds up each key's figure from these.
pub(crate) fn derive(stated: &BTreeSet<CellKey>, resolved: &[Resolved]) -> Vec<(CellKey, Vec<CellKey>)> {
    let mut known: BTreeSet<CellKey> = stated.clone();
    let mut out: Vec<(CellKey, Vec<CellKey>)> = stated.iter().map(|k| (k.clone(), Vec::new())).collect();
    // Candidates: every key a stated key has with dimensions taken away (a
    // value has few dimensions), and the group of each code; the longest first.
    let mut candidates: BTreeSet<CellKey> = BTreeSet::new();
    for k in stated {
        let dims: Vec<&String> = k.keys().collect();
        let n = dims.len().min(6);
        for mask in 0u32..(1 << n) {
            let sub: CellKey = k
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) == 0)
                .map(|(_, (d, c))| (d.clone(), c.clone()))
                .collect();
            for r in resolved {
                if let Some(code) = sub.get(&r.dimension.id) {
                    for g in r.dimension.groups.iter().filter(|g| g.members.iter().any(|m| m == code)) {
                        candidates.insert(with(&sub, &r.dimension.id, &g.code));
                    }
                }
            }
            candidates.insert(sub);
        }
    }
    let mut ordered: Vec<CellKey> = candidates.into_iter().filter(|k| !known.contains(k)).collect();
    ordered.sort_by_key(|k| std::cmp::Reverse(k.len()));
    // A margin found may complete a shorter one: go round while any is found.
    loop {
        let mut found = false;
        for k in &ordered {
            if known.contains(k) {
                continue;
            }
            if let Some((_, kids)) =
                ways(k, resolved).into_iter().find(|(_, kids)| kids.iter().all(|c| known.contains(c)))
            {
                known.insert(k.clone());
                out.push((k.clone(), kids));
                found = true;
            }
        }
        if !found {
            break;
        }
    }
    out
}

/// The plan's checks of its dimensions and of its indicators' breakdowns:
/// unknown dimensions and codes, bands that overlap or leave a gap, an
/// option that rolls up twice, a code given twice.
pub(crate) fn check_plan(lookup: &Lookup, out: &mut Vec<Finding>) {
    let plan = lookup.plan;
    for (i, ind) in plan.indicators.iter().enumerate() {
        for (b, br) in ind.breakdowns.iter().enumerate() {
            let at = format!("/indicators/{i}/breakdowns/{b}");
            let Some(dim) = lookup.dimension(&br.dimension) else {
                out.push(
                    Finding::new(
                        Code::PlanUnknownDimension,
                        pointer(&at, "dimension"),
                        msg::plan_unknown_dimension(&br.dimension),
                    )
                    .with("dimension", br.dimension.as_str()),
                );
                continue;
            };
            for (o, code) in br.options.iter().enumerate() {
                if !dim.knows(code) {
                    out.push(
                        Finding::new(
                            Code::PlanUnknownOption,
                            format!("{at}/options/{o}"),
                            msg::unknown_dimension_option(code, dim),
                        )
                        .with("dimension", dim.id.as_str())
                        .with("actual", code.as_str()),
                    );
                }
            }
        }
    }
    for (d, dim) in plan.dimensions.iter().enumerate() {
        let at = format!("/dimensions/{d}");
        // Codes: options and groups share one space (a cell names either).
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let codes = dim.options.iter().enumerate().map(|(o, x)| (&x.code, format!("{at}/options/{o}/code")));
        let groups = dim.groups.iter().enumerate().map(|(g, x)| (&x.code, format!("{at}/groups/{g}/code")));
        for (code, here) in codes.chain(groups) {
            if !seen.insert(code) {
                out.push(
                    Finding::new(Code::PlanDuplicateId, here, msg::plan_duplicate_id("mã", "code", code))
                        .with("id", code.as_str()),
                );
            }
        }
        // Groups: members known, each in one group once.
        let mut member_of: BTreeSet<&str> = BTreeSet::new();
        for (g, group) in dim.groups.iter().enumerate() {
            for (m, code) in group.members.iter().enumerate() {
                let here = format!("{at}/groups/{g}/members/{m}");
                if !dim.options.iter().any(|o| &o.code == code) {
                    out.push(
                        Finding::new(Code::PlanUnknownOption, here, msg::unknown_dimension_option(code, dim))
                            .with("dimension", dim.id.as_str())
                            .with("actual", code.as_str()),
                    );
                } else if !member_of.insert(code) {
                    out.push(
                        Finding::new(Code::PlanOptionRollsUpTwice, here, msg::plan_option_rolls_up_twice(code))
                            .with("dimension", dim.id.as_str())
                            .with("actual", code.as_str()),
                    );
                }
            }
        }
        // Bands: sorted by their first age, each must start right after the last ends.
        let mut bands: Vec<(usize, u32, Option<u32>)> =
            dim.options.iter().enumerate().filter_map(|(o, x)| x.from.map(|f| (o, f, x.to))).collect();
        bands.sort_by_key(|(o, from, _)| (*from, *o));
        for (&(a, _, a_to), &(b, b_from, _)) in bands.iter().zip(bands.iter().skip(1)) {
            let code = |o: usize| dim.options.get(o).map_or("", |x| x.code.as_str());
            let (name_a, name_b) = (code(a), code(b));
            let here = format!("{at}/options/{b}/from");
            match a_to {
                // An open band ("60 and over") holds every later age.
                None => out.push(
                    Finding::new(Code::PlanBandsOverlap, here, msg::plan_bands_overlap(name_a, name_b, b_from))
                        .with("dimension", dim.id.as_str())
                        .with("bands", vec![name_a, name_b]),
                ),
                Some(end) if b_from <= end => out.push(
                    Finding::new(Code::PlanBandsOverlap, here, msg::plan_bands_overlap(name_a, name_b, b_from))
                        .with("dimension", dim.id.as_str())
                        .with("bands", vec![name_a, name_b]),
                ),
                Some(end) if b_from > end.saturating_add(1) => out.push(
                    Finding::new(Code::PlanBandsGap, here, msg::plan_bands_gap(name_a, name_b, end + 1, b_from - 1))
                        .with("dimension", dim.id.as_str())
                        .with("bands", vec![name_a, name_b]),
                ),
                Some(_) => {}
            }
        }
    }
}
