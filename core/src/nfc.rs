//! Text to Unicode Normalization Form C: UAX #15's three steps (canonical
//! decomposition, canonical ordering, canonical composition) and its quick
//! check, on tables of our own (`nfc_tables.rs`).
//!
//! **Key decision: the tables are written from `unicode-normalization`, and
//! checked against it, rather than linked from it.** The crate's tables
//! (perfect hashes of 32-bit words) and lookups were 31.7 kB of the 204 kB
//! (gzipped) WebAssembly form module a mountain commune downloads before
//! its first check; the same facts as streams of small numbers (distances
//! between code points) are 4.6 kB gzipped, and NFC as a whole 11.4 kB.
//! Read once into sorted vectors (0.3 ms natively), they are searched by bisection:
//! the country's reports read as fast as before (criterion's
//! `country/read`). The crate stays the authority, in the
//! tests: `nfc_tables_are_written_from_the_crate` writes the tables from it
//! and fails when the checked-in file differs (a new Unicode version in a
//! new release of the crate), `every_character_is_the_crates` compares
//! every code point's decomposition, class and quick check, and
//! `nfc_is_the_crates_nfc` whole strings. Regenerate with
//! `BINHDANG_WRITE_NFC=1 cargo test -p binhdang --lib nfc_tables`.

use std::sync::OnceLock;

#[path = "nfc_tables.rs"]
mod tables;

/// The tables read into what the lookups search, once per process.
struct Tables {
    /// Each character with a canonical decomposition (Hangul syllables
    /// apart), in code point order: whether it is a primary composite, and
    /// its decomposition in `chars` (the two it composes from, each of which
    /// may decompose further; else its full decomposition).
    decomposed: Vec<(char, bool, std::ops::Range<usize>)>,
    chars: Vec<char>,
    /// Each primary composite as (first, second, composite), in pair order.
    composed: Vec<(char, char, char)>,
    /// Every character of NFC_QC=Maybe, in order (Hangul's vowels and
    /// trailing consonants apart).
    maybe: Vec<char>,
    /// Runs of characters of one non-zero combining class: first, last, class.
    classes: Vec<(char, char, u8)>,
}

/// The numbers of one of `tables`' streams: unsigned LEB128.
fn numbers(bytes: &'static [u8]) -> impl Iterator<Item = u32> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut n = 0u32;
        let mut shift = 0u32;
        loop {
            let byte = *bytes.get(at)?;
            at += 1;
            n |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
            shift += 7;
            if byte < 0x80 {
                return Some(n);
            }
        }
    })
}

/// A zigzagged number as it was (0, 1, 2, 3... as 0, -1, 1, -2...).
fn unzigzag(n: u32) -> i64 {
    i64::from(n >> 1) ^ -i64::from(n & 1)
}

/// The character at `n` (U+FFFD if it is none: the tables' tests read every
/// one back as the crate has it, so it never is).
fn at(n: i64) -> char {
    u32::try_from(n).ok().and_then(char::from_u32).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The characters of a stream that holds each as its distance from the one
/// before (from 0), zigzagged when `signed`.
fn chars(bytes: &'static [u8], signed: bool) -> impl Iterator<Item = char> {
    let mut last = 0i64;
    numbers(bytes).map(move |n| {
        last = last.saturating_add(if signed { unzigzag(n) } else { i64::from(n) });
        at(last)
    })
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut decomposed = Vec::new();
        let mut chars = Vec::new();
        let mut composed = Vec::new();
        let firsts = self::chars(tables::COMPOSITE_FIRSTS, true);
        let seconds = numbers(tables::COMPOSITE_SECONDS).map(|n| at(0x300 + unzigzag(n)));
        for ((c, a), b) in self::chars(tables::COMPOSITES, false).zip(firsts).zip(seconds) {
            decomposed.push((c, true, chars.len()..chars.len() + 2));
            chars.extend([a, b]);
            composed.push((a, b, c));
        }
        let mut lengths = numbers(tables::EXCLUDED_LENGTHS);
        let mut excluded_chars = self::chars(tables::EXCLUDED_CHARS, true);
        for c in self::chars(tables::EXCLUDED, false) {
            let start = chars.len();
            chars.extend(excluded_chars.by_ref().take(lengths.next().unwrap_or(0) as usize));
            decomposed.push((c, false, start..chars.len()));
        }
        sort_by_key(&mut decomposed, |d| d.0);
        sort_by_key(&mut composed, |t| (t.0, t.1));
        let maybe = self::chars(tables::MAYBE, false).collect();
        let mut runs = numbers(tables::CLASSES);
        let mut classes = Vec::new();
        let mut last = 0u32;
        while let (Some(gap), Some(length), Some(class)) = (runs.next(), runs.next(), runs.next()) {
            let first = last.saturating_add(gap);
            last = first.saturating_add(length);
            if let (Some(first), Some(end), Ok(class)) =
                (char::from_u32(first), char::from_u32(last), u8::try_from(class))
            {
                classes.push((first, end, class));
            }
        }
        Tables { decomposed, chars, composed, maybe, classes }
    })
}

/// A stable insertion sort, for the tables, sorted once per process. Not
/// the standard library's sort: each type it sorts would carry its own copy
/// of that, 3 to 4 kB of WebAssembly each. (Never for what a user gives: a
/// run of combining marks is sorted by the standard library's sort, which
/// a long run cannot slow down.)
fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && items.get(j - 1).zip(items.get(j)).is_some_and(|(a, b)| key(a) > key(b)) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

// Hangul syllables compose and decompose by arithmetic (Unicode 3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

fn syllable_index(c: char) -> Option<u32> {
    u32::from(c).checked_sub(S_BASE).filter(|i| *i < S_COUNT)
}

fn is_vowel_or_trailing(c: char) -> bool {
    let c = u32::from(c);
    (V_BASE..V_BASE + V_COUNT).contains(&c) || (T_BASE + 1..T_BASE + T_COUNT).contains(&c)
}

/// `c`'s canonical combining class (0 for a starter).
fn class(c: char) -> u8 {
    let classes = &tables().classes;
    let at = classes.partition_point(|run| run.1 < c);
    classes.get(at).filter(|run| run.0 <= c).map_or(0, |run| run.2)
}

/// `c`'s full canonical decomposition, each character given to `emit`
/// (`c` itself when it has none).
fn decompose(c: char, emit: &mut impl FnMut(char)) {
    if let Some(s) = syllable_index(c) {
        let part = |base: u32, offset: u32| char::from_u32(base + offset).unwrap_or(c);
        emit(part(L_BASE, s / N_COUNT));
        emit(part(V_BASE, (s % N_COUNT) / T_COUNT));
        if s % T_COUNT != 0 {
            emit(part(T_BASE, s % T_COUNT));
        }
        return;
    }
    let t = tables();
    match t.decomposed.binary_search_by_key(&c, |d| d.0).ok().and_then(|at| t.decomposed.get(at)) {
        Some((_, composite, range)) => {
            let halves = t.chars.get(range.clone()).unwrap_or_default().iter();
            if *composite {
                // A composite's two halves may decompose in turn (U+01D6 ǖ is
                // U+00FC ü and U+0304, and ü is u and U+0308).
                halves.for_each(|h| decompose(*h, emit));
            } else {
                // An excluded character's decomposition is held in full.
                halves.copied().for_each(emit);
            }
        }
        None => emit(c),
    }
}

/// The primary composite of `a` followed by `b`, if there is one.
fn compose(a: char, b: char) -> Option<char> {
    let (a32, b32) = (u32::from(a), u32::from(b));
    if (L_BASE..L_BASE + L_COUNT).contains(&a32) && (V_BASE..V_BASE + V_COUNT).contains(&b32) {
        return char::from_u32(S_BASE + ((a32 - L_BASE) * V_COUNT + (b32 - V_BASE)) * T_COUNT);
    }
    if syllable_index(a).is_some_and(|s| s % T_COUNT == 0) && (T_BASE + 1..T_BASE + T_COUNT).contains(&b32) {
        return char::from_u32(a32 + (b32 - T_BASE));
    }
    let composed = &tables().composed;
    let at = composed.binary_search_by_key(&(a, b), |t| (t.0, t.1)).ok()?;
    composed.get(at).map(|t| t.2)
}

/// UAX #15's NFC_Quick_Check of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quick {
    Yes,
    No,
    Maybe,
}

fn quick(c: char) -> Quick {
    let t = tables();
    if syllable_index(c).is_some() {
        Quick::Yes
    } else if is_vowel_or_trailing(c) || t.maybe.binary_search(&c).is_ok() {
        Quick::Maybe
    } else if t
        .decomposed
        .binary_search_by_key(&c, |d| d.0)
        .ok()
        .and_then(|at| t.decomposed.get(at))
        .is_some_and(|d| !d.1)
    {
        // A decomposition that composition does not undo: a singleton, an
        // exclusion, or one that starts with a non-starter.
        Quick::No
    } else {
        Quick::Yes
    }
}

/// Whether `s` is in NFC: ASCII always is, and is most of what a report
/// holds; else UAX #15's quick check, and where it cannot tell, whether NFC
/// leaves `s` as it is.
pub(crate) fn is_nfc(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    let mut last_class = 0;
    let mut maybe = false;
    for c in s.chars() {
        // Below U+0300 every character is a starter that is in NFC.
        if c < '\u{300}' {
            last_class = 0;
            continue;
        }
        let c_class = class(c);
        if last_class > c_class && c_class != 0 {
            return false;
        }
        match quick(c) {
            Quick::Yes => {}
            Quick::No => return false,
            Quick::Maybe => maybe = true,
        }
        last_class = c_class;
    }
    !maybe || nfc(s) == s
}

/// `s` in NFC.
pub(crate) fn nfc(s: &str) -> String {
    // 1. Full canonical decomposition (Hangul syllables included).
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose(c, &mut |d| chars.push(d));
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
#[allow(clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use std::collections::BTreeMap;
    use std::fmt::Write as _;

    use proptest::prelude::*;
    use unicode_normalization::char as crate_char;
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

    use super::{class, compose, decompose, is_vowel_or_trailing, nfc, quick, syllable_index, Quick};

    fn every_char() -> impl Iterator<Item = char> {
        (0..=u32::from(char::MAX)).filter_map(char::from_u32)
    }

    fn full_decomposition(c: char) -> String {
        let mut out = String::new();
        crate_char::decompose_canonical(c, |d| out.push(d));
        out
    }

    /// `bytes` as a Rust byte string constant, 24 bytes to a line.
    fn constant(out: &mut String, doc: &str, name: &str, bytes: &[u8]) {
        let _ = write!(out, "\n{doc}\n#[rustfmt::skip]\npub(super) const {name}: &[u8] = b\"\\");
        for line in bytes.chunks(24) {
            out.push_str("\n    ");
            for byte in line {
                let _ = write!(out, "\\x{byte:02x}");
            }
            out.push('\\');
        }
        out.push_str("\n\";\n");
    }

    /// `n` as unsigned LEB128.
    fn number(out: &mut Vec<u8>, mut n: u32) {
        while n >= 0x80 {
            out.push((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    fn zigzag(n: i64) -> u32 {
        u32::try_from(if n >= 0 { n * 2 } else { -n * 2 - 1 }).expect("a code point's distance")
    }

    /// Each character as its distance from the one before (from 0).
    fn distances(chars: impl IntoIterator<Item = char>, signed: bool) -> Vec<u8> {
        let (mut out, mut last) = (Vec::new(), 0i64);
        for c in chars {
            let d = i64::from(u32::from(c)) - last;
            number(&mut out, if signed { zigzag(d) } else { u32::try_from(d).expect("in order") });
            last = i64::from(u32::from(c));
        }
        out
    }

    /// The text of `nfc_tables.rs`, from the crate.
    fn nfc_tables() -> String {
        let (major, minor, update) = unicode_normalization::UNICODE_VERSION;
        let mut decomposed = Vec::new();
        // Every character by its full decomposition, to find each
        // composition's two halves below.
        let mut by_decomposition: BTreeMap<String, Vec<char>> = BTreeMap::new();
        for c in every_char() {
            let d = full_decomposition(c);
            if syllable_index(c).is_none() && d != c.to_string() {
                decomposed.push((c, d.clone()));
            }
            by_decomposition.entry(d).or_default().push(c);
        }
        // A canonical composition of `a` and `b` into `c` is the reverse of
        // `c`'s canonical decomposition into `a` and `b`, so `c`'s full
        // decomposition is `a`'s followed by `b`'s: trying every split of
        // every decomposition finds every pair the crate composes.
        let mut composites = BTreeMap::new();
        for (d, composed) in &by_decomposition {
            for (split, _) in d.char_indices().skip(1) {
                let (Some(firsts), Some(seconds)) =
                    (by_decomposition.get(&d[..split]), by_decomposition.get(&d[split..]))
                else {
                    continue;
                };
                for &a in firsts {
                    for &b in seconds {
                        if let Some(c) = crate_char::compose(a, b) {
                            if composed.contains(&c) && syllable_index(c).is_none() {
                                assert!(composites.insert(c, (a, b)).is_none(), "{c:?} composes from one pair");
                            }
                        }
                    }
                }
            }
        }
        let excluded: Vec<&(char, String)> = decomposed.iter().filter(|(c, _)| !composites.contains_key(c)).collect();
        let mut lengths = Vec::new();
        for (_, d) in &excluded {
            number(&mut lengths, u32::try_from(d.chars().count()).expect("a short decomposition"));
        }
        let mut seconds = Vec::new();
        for (_, b) in composites.values() {
            number(&mut seconds, zigzag(i64::from(u32::from(*b)) - 0x300));
        }
        let maybe = every_char()
            .filter(|c| !is_vowel_or_trailing(*c) && is_nfc_quick(std::iter::once(*c)) == IsNormalized::Maybe);
        let mut runs: Vec<(u32, u32, u8)> = Vec::new();
        for c in every_char().map(u32::from) {
            let k = char::from_u32(c).map_or(0, crate_char::canonical_combining_class);
            match runs.last_mut() {
                Some(run) if k != 0 && run.2 == k && run.1 + 1 == c => run.1 = c,
                _ if k != 0 => runs.push((c, c, k)),
                _ => {}
            }
        }
        let (mut classes, mut last) = (Vec::new(), 0);
        for (first, end, k) in runs {
            number(&mut classes, first - last);
            number(&mut classes, end - first);
            number(&mut classes, u32::from(k));
            last = end;
        }
        let mut out = format!(
            "//! Written by `BINHDANG_WRITE_NFC=1 cargo test -p binhdang --lib nfc_tables` from\n\
             //! unicode-normalization's tables (Unicode {major}.{minor}.{update}); do not edit. See nfc.rs.\n\
             //! Each stream is a run of unsigned LEB128 numbers; a character is\n\
             //! mostly its distance from the one before it in the same stream (from\n\
             //! 0), zigzagged (0, -1, 1, -2... as 0, 1, 2, 3...) where it may go back.\n"
        );
        constant(
            &mut out,
            "/// The primary composites, in code point order (Hangul syllables apart).",
            "COMPOSITES",
            &distances(composites.keys().copied(), false),
        );
        constant(
            &mut out,
            "/// The first character each composite composes from (zigzagged).",
            "COMPOSITE_FIRSTS",
            &distances(composites.values().map(|p| p.0), true),
        );
        constant(
            &mut out,
            "/// The second each composes from, as its distance from U+0300 (zigzagged).",
            "COMPOSITE_SECONDS",
            &seconds,
        );
        constant(
            &mut out,
            "/// The other characters with a canonical decomposition (singletons, exclusions,\n\
            /// non-starter decompositions), in code point order.",
            "EXCLUDED",
            &distances(excluded.iter().map(|e| e.0), false),
        );
        constant(&mut out, "/// How many characters each one's full decomposition has.", "EXCLUDED_LENGTHS", &lengths);
        constant(
            &mut out,
            "/// Those full decompositions, one after another (zigzagged).",
            "EXCLUDED_CHARS",
            &distances(excluded.iter().flat_map(|e| e.1.chars()), true),
        );
        constant(
            &mut out,
            "/// The characters of NFC_Quick_Check=Maybe, in order (Hangul's vowels and\n\
            /// trailing consonants apart).",
            "MAYBE",
            &distances(maybe, false),
        );
        constant(
            &mut out,
            "/// Runs of characters of one non-zero combining class, three numbers each:\n\
            /// from the last of the run before to the first of this one, from its first\n\
            /// to its last, and the class.",
            "CLASSES",
            &classes,
        );
        out
    }

    #[test]
    fn nfc_tables_are_written_from_the_crate() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/nfc_tables.rs");
        let want = nfc_tables();
        if std::env::var_os("BINHDANG_WRITE_NFC").is_some() {
            std::fs::write(&path, &want).expect("nfc_tables.rs is written");
        }
        let have = std::fs::read_to_string(&path).expect("nfc_tables.rs is read");
        assert!(
            have == want,
            "nfc_tables.rs differs from unicode-normalization's tables; \
             regenerate: BINHDANG_WRITE_NFC=1 cargo test -p binhdang --lib nfc_tables"
        );
    }

    /// Every code point: its decomposition, class and quick check as the
    /// crate has them; then each composition the tables hold, and Hangul's.
    /// (A composition missing from the tables would show here too: its
    /// composite would be No to our quick check, and the crate's Yes.)
    #[test]
    fn every_character_is_the_crates() {
        let mut mismatches = Vec::new();
        for c in every_char() {
            let mut ours = String::new();
            decompose(c, &mut |d| ours.push(d));
            let crates_quick = match is_nfc_quick(std::iter::once(c)) {
                IsNormalized::Yes => Quick::Yes,
                IsNormalized::No => Quick::No,
                IsNormalized::Maybe => Quick::Maybe,
            };
            if ours != full_decomposition(c)
                || class(c) != crate_char::canonical_combining_class(c)
                || quick(c) != crates_quick
            {
                mismatches.push((
                    c,
                    ours == full_decomposition(c),
                    class(c),
                    crate_char::canonical_combining_class(c),
                    quick(c),
                    crates_quick,
                ));
            }
        }
        assert!(mismatches.is_empty(), "{} characters differ: {:?}", mismatches.len(), mismatches);
        // Composition, for each pair the tables hold and pairs that are not
        // compositions, Hangul's among them.
        for (a, b, c) in &super::tables().composed {
            assert_eq!(crate_char::compose(*a, *b), Some(*c));
        }
        for (a, b) in
            [('\u{1100}', '\u{1161}'), ('\u{AC00}', '\u{11A8}'), ('\u{AC01}', '\u{11A8}'), ('a', 'b'), ('A', '\u{300}')]
        {
            assert_eq!(compose(a, b), crate_char::compose(a, b));
        }
    }

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
