//! Text to Unicode Normalization Form C, on `unicode-normalization`'s
//! canonical primitives (decomposition, combining class, composition).
//!
//! Why not the crate's `nfc()`: its decomposing iterator chooses canonical or
//! compatibility decomposition at run time, so the compatibility (NFKD)
//! tables, which NFC never reads, are linked into every build, 62.5 kB of
//! the WebAssembly form module a mountain commune downloads. These three
//! steps are UAX #15's definition of NFC, in the order the crate's own
//! iterators take them; `nfc_is_the_crates_nfc` checks every result against
//! the crate's `nfc()`.

use unicode_normalization::char::{canonical_combining_class as class, compose, decompose_canonical};
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// Whether `s` is in NFC: ASCII always is, and is most of what a report
/// holds; else the crate's quick check, and where it cannot tell, whether
/// NFC leaves `s` as it is (the crate's `is_nfc` asks its `nfc()`).
pub(crate) fn is_nfc(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => nfc(s) == s,
    }
}

/// `s` in NFC.
pub(crate) fn nfc(s: &str) -> String {
    // 1. Full canonical decomposition (Hangul syllables included).
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_canonical(c, |d| chars.push(d));
    }
    // 2. Canonical ordering: each run of non-starters by combining class,
    // keeping the order of equal classes (a stable sort).
    let mut start = 0;
    while start < chars.len() {
        let run = chars.get(start..).map_or(0, |rest| rest.iter().take_while(|c| class(**c) != 0).count());
        if let Some(slice) = chars.get_mut(start..start + run) {
            slice.sort_by_key(|c| class(*c));
        }
        start += run.max(1);
    }
    // 3. Canonical composition: each character joins the last starter
    // unless a character between them blocks it (a starter, or one of the
    // same or a higher class).
    let mut out = String::with_capacity(s.len());
    let mut starter: Option<char> = None;
    let mut between: Vec<char> = Vec::new();
    let mut last_class: Option<u8> = None;
    for c in chars {
        let c_class = class(c);
        let Some(s) = starter else {
            if c_class == 0 {
                starter = Some(c);
            } else {
                out.push(c);
            }
            continue;
        };
        let blocked = last_class.is_some_and(|l| l == 0 || l >= c_class);
        if !blocked {
            if let Some(composed) = compose(s, c) {
                starter = Some(composed);
                continue;
            }
        }
        if c_class == 0 {
            out.push(s);
            out.extend(between.drain(..));
            starter = Some(c);
            last_class = None;
        } else {
            between.push(c);
            last_class = Some(c_class);
        }
    }
    out.extend(starter);
    out.extend(between);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    use super::nfc;

    /// Characters where NFC has work to do: Vietnamese letters precomposed
    /// and not, combining marks of several classes (in and out of order),
    /// Hangul syllables and jamo, singletons and exclusions, starters that
    /// compose with each other, and a character from anywhere.
    fn a_char() -> impl Strategy<Value = char> {
        prop_oneof![
            prop::sample::select(vec![
                'a', 'A', 'e', 'o', 'u', 'y', 'd', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Đ', 'ế', 'ệ', 'ữ', 'Ỷ', 'ậ',
                '\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}', '\u{0302}', '\u{0306}', '\u{031B}',
                '\u{0327}', '\u{0328}', '\u{0345}', '\u{05B0}', '\u{0651}', '\u{093C}', '\u{1DCE}', '\u{0315}',
                '\u{1100}', '\u{1161}', '\u{11A8}', '\u{AC00}', '\u{AC01}', '\u{D7A3}', '\u{0B47}', '\u{0B3E}',
                '\u{0B57}', '\u{0CC6}', '\u{0CD5}', '\u{0CC2}', '\u{212B}', '\u{2126}', '\u{0340}', '\u{0344}',
                '\u{0958}', '\u{2ADC}', '\u{1E9B}', '\u{FB2C}', '\u{F900}', '\u{0390}', '\u{1FEE}', ' ', '1',
            ]),
            any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn nfc_is_the_crates_nfc(text in prop::collection::vec(a_char(), 0..12)) {
            let s: String = text.into_iter().collect();
            prop_assert_eq!(nfc(&s), s.nfc().collect::<String>());
            prop_assert_eq!(super::is_nfc(&s), unicode_normalization::is_nfc(&s));
        }
    }

    #[test]
    fn vietnamese_written_with_combining_marks_is_composed() {
        // "Việt Nam" typed with e + dot below + circumflex, in both orders.
        assert_eq!(nfc("Vie\u{0323}\u{0302}t Nam"), "Việt Nam");
        assert_eq!(nfc("Vie\u{0302}\u{0323}t Nam"), "Việt Nam");
        assert_eq!(nfc("Việt Nam"), "Việt Nam");
    }
}
