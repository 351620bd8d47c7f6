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

/// A number as the report's JSON writes it: `1234`, not `1234.0`.
pub fn plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() <= crate::model::MAX_COUNT as f64 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
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
#[allow(clippy::unwrap_used)]
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
            let typed = format!("{whole}{}", fraction.as_deref().map(|f| format!(",{f}")).unwrap_or_default());
            let rust: f64 = format!("{whole}.{}", fraction.as_deref().unwrap_or("0")).parse().unwrap();
            let want = if rust.is_finite() { Ok(rust) } else { Err(NumberError::NotANumber) };
            proptest::prop_assert_eq!(parse_vi(&typed), want, "{}", typed);
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
            let typed = format!("{whole}{}", fraction.as_deref().map(|f| format!(",{f}")).unwrap_or_default());
            let rust: f64 = format!("{whole}.{}", fraction.as_deref().unwrap_or("0")).parse().unwrap();
            proptest::prop_assert_eq!(parse_vi(&typed), Ok(rust), "{}", typed);
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
}
