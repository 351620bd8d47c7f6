//! Numbers as officers type them, turned into the contract's plain numbers.
//!
//! Vietnamese writes 1.234.567 (dots between thousands) and 75,5 (a decimal
//! comma); a spreadsheet or a form may add spaces between thousands
//! (1 234). The report's JSON holds plain numbers, so portals and apps call
//! [`parse_vi`] on what a person typed before they build a report.

/// Why a typed number could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all.
    NotANumber,
    /// A comma between groups of three and a dot after (1,234.5): the English
    /// way, which in Vietnamese reads the other way round.
    Ambiguous,
}

/// Reads `1.234` and `1 234` as 1234, `75,5` as 75.5, `1.234,5` as 1234.5,
/// `-3` as −3. A single dot not followed by exactly three digits is a
/// decimal point (`12.5`), since no Vietnamese number groups that way.
pub fn parse_vi(text: &str) -> Result<f64, NumberError> {
    let t: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')).collect();
    let (sign, body) = match t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        Some(rest) => (-1.0, rest),
        None => (1.0, t.strip_prefix('+').unwrap_or(&t)),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(NumberError::NotANumber);
    }
    let (whole, fraction) = match body.split_once(',') {
        Some((_, f)) if f.contains(',') || f.contains('.') => {
            // 1,234.5 or 1,234,567: commas between thousands, the English way.
            return Err(if f.contains('.') || f.split(',').all(|g| g.len() == 3) {
                NumberError::Ambiguous
            } else {
                NumberError::NotANumber
            });
        }
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = whole.split('.').collect();
    let digits = match groups.as_slice() {
        [one] => (*one).to_string(),
        [first, rest @ ..] if !first.is_empty() && rest.iter().all(|g| g.len() == 3) => groups.concat(),
        // One dot, not before three digits, and no comma: a decimal point.
        [w, f] if fraction.is_none() => return number(w, Some(f)).map(|x| sign * x),
        _ => return Err(NumberError::NotANumber),
    };
    number(&digits, fraction).map(|x| sign * x)
}

/// A number as the report's JSON writes it (`1234`, not `1234.0`): `x`
/// with the digits serde_json writes it with in JSON (the fewest that
/// read back as `x`), in the form Rust's `Display` gives a number: never an
/// exponent (1e16 is 10000000000000000). So a message or a cell says a number
/// as the finding's values hold it, and core's own float formatter (14 kB) is not
/// linked into the WebAssembly form module. The two formatters differ only
/// where `x` lies exactly halfway between two shortest forms, which Rust
/// rounds up and serde_json to the even digit (1125704329120231.25 is
/// 1125704329120231.2 here); `plain_reads_back_as_display_writes` checks
/// any double.
pub fn plain(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let written = serde_json::Number::from_f64(x).map(|n| n.to_string()).unwrap_or_default();
    let (sign, rest) = written.strip_prefix('-').map_or(("", written.as_str()), |r| ("-", r));
    let (mantissa, exponent) = rest.split_once(['e', 'E']).unwrap_or((rest, "0"));
    let exponent: i64 = exponent.trim_start_matches('+').parse().unwrap_or(0);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    // Where the decimal point falls in `digits`, once their leading zeros
    // are gone (0.05 is 5 with the point one place before it).
    let significant = digits.trim_start_matches('0');
    let point = i64::try_from(whole.len()).unwrap_or(0) + exponent
        - i64::try_from(digits.len() - significant.len()).unwrap_or(0);
    let significant = significant.trim_end_matches('0');
    let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
    let len = i64::try_from(significant.len()).unwrap_or(0);
    if significant.is_empty() {
        format!("{sign}0")
    } else if point <= 0 {
        format!("{sign}0.{}{significant}", zeros(-point))
    } else if point >= len {
        format!("{sign}{significant}{}", zeros(point - len))
    } else {
        let (int, frac) = significant.split_at(usize::try_from(point).unwrap_or(0));
        format!("{sign}{int}.{frac}")
    }
}

fn number(whole: &str, fraction: Option<&str>) -> Result<f64, NumberError> {
    let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !ok(whole) || fraction.is_some_and(|f| !ok(f)) {
        return Err(NumberError::NotANumber);
    }
    // The digits as JSON writes the number (no leading zeros), read by the
    // parser every report's JSON goes through (`parse_json`), so a number
    // typed in a form is by construction the number the same digits give in
    // a report, and one decimal-to-binary converter is linked, not two.
    // (Not `from_str::<f64>`: serde's visitor for f64 describes a value of
    // the wrong type with core's float formatter, 14 kB of the WebAssembly
    // form module that nothing else there needs.) serde_json is
    // built with `float_roundtrip`: its best-effort default rounded twice
    // past 2^53 (`979820,7342000001`, a double pasted in full, read as
    // 979820.7342). So every number reads as Rust's correctly rounded parse
    // (`typed_numbers_read_as_rust_reads_them`), and a number too large for
    // a double is not a number here, never infinity.
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        w => w,
    };
    let text = match fraction {
        Some(f) => format!("{whole}.{f}"),
        None => whole.to_string(),
    };
    match crate::read::parse_json(&text).ok().and_then(|v| v.as_f64()) {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(NumberError::NotANumber),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        for (text, value) in [
            ("1.234", 1234.0),
            ("1.234.567", 1_234_567.0),
            ("1 234", 1234.0),
            ("75,5", 75.5),
            ("1.234,5", 1234.5),
            ("12.5", 12.5),
            ("0,05", 0.05),
            ("-3", -3.0),
            ("342", 342.0),
        ] {
            assert_eq!(parse_vi(text), Ok(value), "{text}");
        }
        for text in ["", "abc", "1.23.4", "1,2,3", ",5", "1..2"] {
            assert_eq!(parse_vi(text), Err(NumberError::NotANumber), "{text}");
        }
        assert_eq!(parse_vi("1,234.5"), Err(NumberError::Ambiguous));
        assert_eq!(parse_vi("1,234,567"), Err(NumberError::Ambiguous));
        // Leading zeros, which JSON does not write, are still a number.
        assert_eq!(parse_vi("007"), Ok(7.0));
        assert_eq!(parse_vi("00,5"), Ok(0.5));
        assert_eq!(parse_vi("000"), Ok(0.0));
        // Past the largest double: not a number, never infinity; the largest
        // written out in full is itself.
        assert_eq!(parse_vi(&format!("1{}", "0".repeat(400))), Err(NumberError::NotANumber));
        assert_eq!(parse_vi(&format!("{}", f64::MAX)), Ok(f64::MAX));
        // Trailing zeros, and every digit of a pasted double, are read exactly.
        assert_eq!(parse_vi("406,55939785313100"), Ok(406.559_397_853_131));
        assert_eq!(parse_vi("979820,7342000001"), Ok(979_820.734_200_000_1));
    }

    /// `whole` and `fraction` typed with a decimal comma read as Rust's
    /// own correctly rounded parse reads the same digits; not a number
    /// where that parse gives infinity.
    fn reads_as_rust_reads(whole: &str, fraction: Option<&str>) -> Result<(), proptest::test_runner::TestCaseError> {
        let typed = format!("{whole}{}", fraction.map(|f| format!(",{f}")).unwrap_or_default());
        let rust: f64 = format!("{whole}.{}", fraction.unwrap_or("0")).parse().unwrap();
        let want = if rust.is_finite() { Ok(rust) } else { Err(NumberError::NotANumber) };
        proptest::prop_assert_eq!(parse_vi(&typed), want, "{}", typed);
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1_000))]
        /// Long digit strings too (a pasted column, a number past the
        /// largest double): Rust's parse, or not a number where Rust's
        /// parse gives infinity.
        #[test]
        fn long_numbers_read_as_rust_reads_them(
            whole in "[0-9]{1,420}",
            fraction in proptest::option::of("[0-9]{1,420}"),
        ) {
            reads_as_rust_reads(&whole, fraction.as_deref())?;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        /// Whatever is typed or pasted (any digits, leading and trailing
        /// zeros, more than a double holds) reads as Rust's own correctly
        /// rounded parse reads the same digits.
        #[test]
        fn typed_numbers_read_as_rust_reads_them(
            whole in "0{0,3}[0-9]{1,20}",
            fraction in proptest::option::of("[0-9]{1,30}"),
        ) {
            reads_as_rust_reads(&whole, fraction.as_deref())?;
        }

        /// Any double written out in full, with a decimal comma (as a
        /// spreadsheet pastes it), reads back as itself.
        #[test]
        fn a_double_written_out_reads_back(bits in proptest::prelude::any::<u64>()) {
            let x = f64::from_bits(bits);
            proptest::prop_assume!(x.is_finite());
            let typed = format!("{x}").replace('.', ",");
            proptest::prop_assert_eq!(parse_vi(&typed).map(f64::to_bits), Ok(x.to_bits()), "{}", typed);
        }
    }

    #[test]
    fn plain_writes_what_display_writes() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            75.5,
            0.05,
            1e-7,
            1.5e-7,
            123_456.0,
            1e15,
            1e16,
            1e21,
            1.7976931348623157e308,
            5e-324,
            f64::MIN_POSITIVE,
            9_007_199_254_740_993.0,
            979_820.734_200_000_1,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(plain(x), x.to_string(), "{x:e}");
        }
        // Exactly halfway between two shortest forms: the even digit, as in JSON.
        let tie = f64::from_bits(4_832_360_835_546_763_066); // 1125704329120231.25 exactly
        assert_eq!(plain(tie), "1125704329120231.2");
        assert_eq!(serde_json::to_string(&tie).unwrap_or_default(), "1125704329120231.2");
        assert_eq!(tie.to_string(), "1125704329120231.3");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        /// Any double, from its bits: written out it reads back as itself,
        /// with no exponent, and is Rust's own text but where the double
        /// lies halfway between two shortest forms (the last digit then
        /// one apart).
        #[test]
        fn plain_reads_back_as_display_writes(bits in proptest::prelude::any::<u64>()) {
            let x = f64::from_bits(bits);
            let (ours, rusts) = (plain(x), x.to_string());
            if x.is_finite() {
                proptest::prop_assert_eq!(ours.parse::<f64>().map(f64::to_bits), Ok(bits), "{}", ours);
                proptest::prop_assert!(ours.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-'), "{}", ours);
            }
            if ours != rusts {
                let (a, b) = (ours.as_bytes(), rusts.as_bytes());
                proptest::prop_assert_eq!(a.len(), b.len(), "{} against {}", ours, rusts);
                let apart = a.iter().zip(b).filter(|(p, q)| p != q).count();
                proptest::prop_assert!(apart == 1 && a.last().zip(b.last()).is_some_and(|(p, q)| p.abs_diff(*q) == 1),
                    "{} against {}", ours, rusts);
            }
        }

        /// Numbers of a report's size: a few digits either side of the point.
        #[test]
        fn plain_is_rusts_display_for_everyday_numbers(whole in 0u64..10_000_000, fraction in 0u64..1000, scale in 0i32..4) {
            let x = whole as f64 + fraction as f64 / 10f64.powi(scale);
            proptest::prop_assert_eq!(plain(x), x.to_string());
            proptest::prop_assert_eq!(plain(-x), (-x).to_string());
        }
    }
}
