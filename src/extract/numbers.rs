//! Numbers: numerals and number words to values.
//!
//! Takes a document's tokens as [`Piece`]s (lower-case text, token kind, and whether the token is
//! glued to the one before it); gives parsed numbers with the tokens they cover ("5,200",
//! "1.5 million", "3bn", "two dozen", "five thousand two hundred", "half a million", "a third",
//! "two-thirds", "3/4", "2 1/4", "three and a quarter", "3 dozens"). Fractions in digits must be
//! proper and have a usual denominator (2–6, 8, 10, 16, 32, 64, 100), so dates and ratios ("9/11",
//! "24/7", "3/4/2021") are not read as fractions. Also: scientific notation and powers ("1e10",
//! "12.32e+14", "2.5^-1"), decimals said with "point" ("five point two five"; not "at one
//! point"), a spaced "k" ending a number ("2.33 k"), small parts ("a millionth", "seven
//! hundredths"), spelled-out counts of parts of five or more ("twenty-three fifths"; quarters and
//! halves stay counts), and "N over M" / "N out of M" / "N in M" with N below M, no year as M,
//! no word but "of" after M for "over" and no span of time after M for "in" ("1 over 3", "nine
//! out of ten voters", "1 in 4 adults"; not "2 in 10 minutes"). Further: digits grouped by
//! single (thin, no-break) spaces ("1 234 567", not after a month name), decimal commas ("5,00",
//! "1.111,11") and the Indian lakh grouping ("12,34,567"); digits inside a number said in words
//! ("3 hundred and 21", "4 thousand 3 hundred"), with "and" joining two numbers of one size
//! left as two ("three million and four million"); "lakh", "crore", "lakh crore", spaced
//! "bln"/"mn", glued "mil", dozen abbreviations ("3 dzs"); fractions of a scale ("half
//! million", "two thirds of a million") and after one ("3 million and a half" = 3.5 million,
//! "one billion and a half million"); ordinal parts of any size, the longest well-formed
//! denominator winning ("one hundred thirty-fifths" = 100/35, "three twenty firsts" = 3/21, "a
//! twentieth"); "fourth" as a denominator; a spaced hyphen in compounds ("fifty - two", "five -
//! eighths"); one-character fractions ("¾", "7½"); "1.3x10^6"; "nought"/"naught" as zero.
//! Everything here is a pure function of its input: deciding whether a number is an amount at
//! all (a year, a date, a time of day) is the quantity extractor's job.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Token, TokenKind};

/// One token as the number parser sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The token text, ASCII lower-case.
    pub text: &'a str,
    pub kind: TokenKind,
    /// No white space between this token and the one before it ("3bn", "$4", "4,000-5,000").
    pub glued: bool,
    /// A number with exactly one space (or no-break / thin space) between it and the token before
    /// it: what digit groups written with spaces are separated by ("1 234 567"). Always false
    /// for words and punctuation, which no digit group is.
    pub single_space: bool,
}

/// Pieces by index. The readings below look at a few pieces around a number, so a document's
/// pieces are made when asked for ([`TokenPieces`]), not all at once.
pub trait Pieces<'a> {
    /// Piece `i`, or `None` past the end.
    fn piece(&self, i: usize) -> Option<Piece<'a>>;

    /// The text of piece `i`, or "" past the end.
    fn text(&self, i: usize) -> &'a str {
        self.piece(i).map_or("", |p| p.text)
    }
}

impl<'a> Pieces<'a> for [Piece<'a>] {
    fn piece(&self, i: usize) -> Option<Piece<'a>> {
        self.get(i).copied()
    }
}

/// The first `.1` pieces of `.0`.
struct Prefix<'p, P: ?Sized>(&'p P, usize);

impl<'a, P: Pieces<'a> + ?Sized> Pieces<'a> for Prefix<'_, P> {
    fn piece(&self, i: usize) -> Option<Piece<'a>> {
        if i < self.1 { self.0.piece(i) } else { None }
    }
}

/// A document's tokens as pieces: the lower-case text of each token, cut from the text each time
/// it is asked for (`lower` is the source text lower-cased byte for byte,
/// `str::to_ascii_lowercase`, so token spans index into it; cutting is a bounds test, cheaper
/// than keeping a cut per token when a reader looks at the few tokens around each number, not
/// at every token of the text). Kinds and gaps are read from the tokens when asked for.
#[derive(Debug, Clone)]
pub struct TokenPieces<'a> {
    lower: &'a str,
    tokens: &'a [Token],
}

impl<'a> TokenPieces<'a> {
    pub fn new(lower: &'a str, tokens: &'a [Token]) -> TokenPieces<'a> {
        TokenPieces { lower, tokens }
    }

    /// Whether token `i` follows the one before it with no white space between them.
    pub fn glued(&self, i: usize) -> bool {
        match (
            i.checked_sub(1).and_then(|p| self.tokens.get(p)),
            self.tokens.get(i),
        ) {
            (Some(p), Some(t)) => p.span.end == t.span.start,
            _ => false,
        }
    }
}

impl<'a> Pieces<'a> for TokenPieces<'a> {
    fn piece(&self, i: usize) -> Option<Piece<'a>> {
        let t = self.tokens.get(i)?;
        let start = t.span.start;
        let prev_end = i
            .checked_sub(1)
            .and_then(|p| self.tokens.get(p))
            .map_or(usize::MAX, |p| p.span.end);
        // Token spans lie on character boundaries, so the gap's bytes are whole characters;
        // the first token has no gap. Only digit groups are told by their gap.
        let single_space = t.kind == TokenKind::Number
            && prev_end < start
            && matches!(
                self.lower.as_bytes().get(prev_end..start),
                Some(b" " | b"\xc2\xa0" | b"\xe2\x80\xaf" | b"\xe2\x80\x89")
            );
        Some(Piece {
            text: self.text(i),
            kind: t.kind,
            glued: start == prev_end,
            single_space,
        })
    }

    fn text(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .and_then(|t| self.lower.get(t.span.start..t.span.end))
            .unwrap_or("")
    }
}

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Digits, possibly with a scale ("5,200", "1.5 million", "3bn").
    Digits,
    /// Number words ("six", "twenty-one", "a dozen", "half a million").
    Words,
    /// A fraction ("a third", "two-thirds", "half").
    Fraction,
}

/// A number parsed from the pieces `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberMatch {
    pub value: f64,
    /// One past the last piece of the number.
    pub end: usize,
    pub form: Form,
    /// The scale factor applied (1 when none: "1.5 million" → 1e6).
    pub scale: f64,
    /// The scale was a glued "m" ("20m"), which may also mean metres.
    pub short_m: bool,
}

/// A numeral: digits with optional thousands separators (groups of three) and decimals.
/// "5,200" → 5200, "1.5" → 1.5; "5,20" and "1.2.3" are not numerals.
pub fn parse_numeral(s: &str) -> Option<f64> {
    // Plain digits, the common case, need none of the checks below.
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return whole_number([s]).or_else(|| s.parse().ok());
    }
    if let Some(v) = decimal_comma(s) {
        return Some(v);
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() {
        return None;
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    // Comma groups: all digits; thousands ("1,234,567") or the Indian lakh grouping: pairs, then
    // a last three ("12,34,567" is 1,234,567).
    let mut groups = int.split(',');
    let first = groups.next()?;
    let (mut rest, mut all_threes, mut pairs_before_last, mut last_len) = (0, true, true, 0);
    for g in std::iter::once(first).chain(groups.clone()) {
        if g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    for g in groups {
        if rest > 0 {
            pairs_before_last &= last_len == 2;
        }
        rest += 1;
        all_threes &= g.len() == 3;
        last_len = g.len();
    }
    let thousands = first.len() <= 3 && all_threes;
    let lakhs = rest >= 2 && first.len() <= 2 && last_len == 3 && pairs_before_last;
    if rest > 0 && !thousands && !lakhs {
        return None;
    }
    if frac.is_none()
        && let Some(v) = whole_number(int.split(','))
    {
        return Some(v);
    }
    // Without commas the numeral is its own digits: nothing to copy.
    if rest == 0 {
        return s.parse().ok();
    }
    let mut digits: String = int.split(',').collect();
    if let Some(f) = frac {
        digits.push('.');
        digits.push_str(f);
    }
    digits.parse().ok()
}

/// The whole number written by the ASCII digits of `parts` read one after another ("5", "200"
/// → 5200), without a string to parse: exact, as `str::parse` would give it, while it has at
/// most 15 digits (below 2^53). `None` for more digits, to be parsed as text.
fn whole_number<'a>(parts: impl IntoIterator<Item = &'a str>) -> Option<f64> {
    let mut value: u64 = 0;
    let mut count = 0;
    for b in parts.into_iter().flat_map(str::bytes) {
        count += 1;
        if count > 15 {
            return None;
        }
        value = value * 10 + u64::from(b - b'0');
    }
    // Exact: every whole number below 2^53 is an f64.
    #[allow(clippy::cast_precision_loss)]
    Some(value as f64)
}

/// A decimal comma, as much of Europe writes it: one comma with one or two digits after it
/// ("5,00", "1,3"; three would be a thousands group), or dots grouping thousands before it
/// ("1.111,11", "2.500.000,5").
fn decimal_comma(s: &str) -> Option<f64> {
    let (int, frac) = s.split_once(',')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(frac) {
        return None;
    }
    let groups: Vec<&str> = int.split('.').collect();
    let (first, rest) = groups.split_first()?;
    let plain = rest.is_empty() && digits(first) && frac.len() <= 2;
    let dotted = !rest.is_empty()
        && digits(first)
        && first.len() <= 3
        && rest.iter().all(|g| g.len() == 3 && digits(g));
    if !plain && !dotted {
        return None;
    }
    format!("{}.{frac}", groups.concat()).parse().ok()
}

/// The value of a number word from "zero" to "nineteen" or a tens word ("seventy" → 70).
pub(crate) fn small_number_word(w: &str) -> Option<u32> {
    if let Some(i) = UNITS.iter().position(|&u| u == w) {
        return Some(i as u32);
    }
    TENS.iter().find(|(t, _)| *t == w).map(|&(_, n)| n)
}

/// Number words from zero to nineteen.
const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Tens from twenty to ninety.
const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Scale words and their factors.
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("lakh", 1e5),
    ("crore", 1e7),
];

/// Scales glued to digits ("3bn", "20k", "$4m"); `m` is flagged as it may be metres.
const SHORT_SCALES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("m", 1e6),
    ("mn", 1e6),
    ("mln", 1e6),
    ("b", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("tn", 1e12),
    ("trn", 1e12),
    ("tln", 1e12),
    ("mil", 1e6),
];

/// Scale abbreviations that may also stand apart from the digits ("10 bln", "$3 bn"); "k", "m",
/// "b" and "tn" (tonnes) may not.
const SPACED_SHORT_SCALES: &[&str] = &["mn", "mln", "bn", "bln", "trn", "tln"];

/// "dozen" and its abbreviations ("3 dz", "five dozs").
fn dozen_word(w: &str) -> bool {
    matches!(w, "dozen" | "dozens" | "doz" | "dozs" | "dz" | "dzs")
}

/// Ordinals from eleventh up that name parts on their own ("a twentieth"); the teens and the
/// tens.
const PART_ORDINALS: &[(&str, u32)] = &[
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
];

/// The ordinals of one to nine.
const UNIT_ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];

/// The ordinals written as one word from one to thirty ("first" … "twentieth", "thirtieth"),
/// in that order: the days of a month that need no compound ("twenty-first").
pub fn day_ordinals() -> impl Iterator<Item = (&'static str, u32)> {
    UNIT_ORDINALS
        .iter()
        .copied()
        .zip(1..)
        .chain(std::iter::once(("tenth", 10)))
        .chain(PART_ORDINALS.iter().copied().filter(|&(_, n)| n <= 30))
}

/// Ordinals that name parts: "fifth" → 5, "twentieth" → 20, "twenty-first" → 21,
/// "thirty-fifths" → 35, "hundredth" → 100; with whether the word is plural. "first", "second"
/// (and "third" alone: see [`denominator`]) only inside a compound. A hashed look in the readings
/// of [`ordinal_reading`] over [`number_word_candidates`].
fn ordinal_word(w: &str) -> Option<(f64, bool)> {
    static ORDINALS: LazyLock<FxHashMap<String, (f64, bool)>> = LazyLock::new(|| {
        number_word_candidates()
            .filter_map(|w| ordinal_reading(&w).map(|o| (w, o)))
            .collect()
    });
    ORDINALS.get(w).copied()
}

/// [`ordinal_word`] read by the grammar.
fn ordinal_reading(w: &str) -> Option<(f64, bool)> {
    if let Some((tens, unit)) = split_hyphen(w) {
        let t = tens_word(tens)?;
        let (u, plural) = unit_ordinal(unit)?;
        return Some((f64::from(t) + u, plural));
    }
    if let Some(d) = denominator(w) {
        return Some(d);
    }
    let (stem, plural) = match w.strip_suffix('s') {
        Some(stem) => (stem, true),
        None => (w, false),
    };
    PART_ORDINALS
        .iter()
        .find(|(o, _)| *o == stem)
        .map(|(_, v)| (f64::from(*v), plural))
}

/// The ordinals of one to nine, as the last part of a compound ("twenty-first", "twenty firsts").
fn unit_ordinal(w: &str) -> Option<(f64, bool)> {
    let (stem, plural) = match w.strip_suffix('s') {
        Some(stem) => (stem, true),
        None => (w, false),
    };
    UNIT_ORDINALS
        .iter()
        .position(|o| *o == stem)
        .map(|p| (p as f64 + 1.0, plural))
}

/// A fraction in one character: "½", "⅔", "¾".
pub fn vulgar_fraction(w: &str) -> Option<f64> {
    const VULGAR: &[(&str, f64)] = &[
        ("½", 1.0 / 2.0),
        ("⅓", 1.0 / 3.0),
        ("⅔", 2.0 / 3.0),
        ("¼", 1.0 / 4.0),
        ("¾", 3.0 / 4.0),
        ("⅕", 1.0 / 5.0),
        ("⅖", 2.0 / 5.0),
        ("⅗", 3.0 / 5.0),
        ("⅘", 4.0 / 5.0),
        ("⅙", 1.0 / 6.0),
        ("⅚", 5.0 / 6.0),
        ("⅛", 1.0 / 8.0),
        ("⅜", 3.0 / 8.0),
        ("⅝", 5.0 / 8.0),
        ("⅞", 7.0 / 8.0),
    ];
    // All of them are one non-ASCII character: words and digits are refused by their first byte.
    if w.as_bytes().first().is_none_or(u8::is_ascii) {
        return None;
    }
    VULGAR.iter().find(|(c, _)| *c == w).map(|(_, v)| *v)
}

/// Fraction denominators: singular, plural, value of the denominator. "fourth" is mostly an
/// ordinal, but "one fourth", "three fourths" are parts: whether a fraction is an amount is the
/// quantity extractor's call.
const DENOMINATORS: &[(&str, &str, f64)] = &[
    ("half", "halves", 2.0),
    ("third", "thirds", 3.0),
    ("quarter", "quarters", 4.0),
    ("fourth", "fourths", 4.0),
    ("fifth", "fifths", 5.0),
    ("sixth", "sixths", 6.0),
    ("seventh", "sevenths", 7.0),
    ("eighth", "eighths", 8.0),
    ("ninth", "ninths", 9.0),
    ("tenth", "tenths", 10.0),
    ("hundredth", "hundredths", 1e2),
    ("thousandth", "thousandths", 1e3),
    ("millionth", "millionths", 1e6),
    ("billionth", "billionths", 1e9),
    ("trillionth", "trillionths", 1e12),
];

/// Zero to nineteen; "nought" and "naught" are zero.
fn unit_word(w: &str) -> Option<u32> {
    if matches!(w, "nought" | "naught") {
        return Some(0);
    }
    UNITS.iter().position(|u| *u == w).map(|i| i as u32)
}

fn tens_word(w: &str) -> Option<u32> {
    TENS.iter().find(|(t, _)| *t == w).map(|(_, v)| *v)
}

/// Every word a spelled-out number or fraction can start with (for a hyphenated token, its part
/// before the first hyphen): callers build a lookup set from it to skip other words fast.
pub fn number_word_starts() -> impl Iterator<Item = &'static str> {
    UNITS
        .iter()
        .copied()
        .chain(TENS.iter().map(|(t, _)| *t))
        .chain([
            "a", "an", "half", "quarter", "hundred", "nought", "naught", "½", "⅓", "⅔", "¼", "¾",
            "⅕", "⅖", "⅗", "⅘", "⅙", "⅚", "⅛", "⅜", "⅝", "⅞",
        ])
}

/// `w` split at its first hyphen ("twenty-one" → "twenty", "one"): a byte search, cheaper on
/// short words than a `char` pattern.
pub(crate) fn split_hyphen(w: &str) -> Option<(&str, &str)> {
    let p = w.bytes().position(|b| b == b'-')?;
    Some((&w[..p], &w[p + 1..]))
}

/// By first byte, the lengths of the cardinal words starting with it, as bits: most words are
/// refused by this one look before the tables are scanned.
const CARDINAL_SHAPES: [u16; 256] = cardinal_shapes();

const fn cardinal_shapes() -> [u16; 256] {
    let mut shapes = [0u16; 256];
    let mut u = 0;
    while u < UNITS.len() {
        let w = UNITS[u].as_bytes();
        shapes[w[0] as usize] |= 1 << w.len();
        u += 1;
    }
    // "nought", "naught".
    shapes[b'n' as usize] |= 1 << 6;
    let mut t = 0;
    while t < TENS.len() {
        let w = TENS[t].0.as_bytes();
        shapes[w[0] as usize] |= 1 << w.len();
        // "twenty-one" … "twenty-nine".
        let mut u = 1;
        while u < 10 {
            shapes[w[0] as usize] |= 1 << (w.len() + 1 + UNITS[u].len());
            u += 1;
        }
        t += 1;
    }
    shapes
}

/// A cardinal number word: "six", "forty", "twenty-one" (lower-case). The tables are short
/// enough that scanning them costs less than hashing the word.
pub fn cardinal_word(w: &str) -> Option<f64> {
    let shape = w
        .as_bytes()
        .first()
        .map_or(0, |&b| CARDINAL_SHAPES[usize::from(b)]);
    if w.len() > 15 || shape & (1 << w.len()) == 0 {
        return None;
    }
    if let Some(v) = unit_word(w).or_else(|| tens_word(w)) {
        return Some(f64::from(v));
    }
    let (tens, unit) = split_hyphen(w)?;
    let t = tens_word(tens)?;
    let u = unit_word(unit).filter(|u| (1..10).contains(u))?;
    Some(f64::from(t + u))
}

/// A scale word: "thousand" → 1e3, "million" → 1e6, "billion", "trillion" (also plural-less
/// forms only; "millions" is a vague amount).
pub fn scale_word(w: &str) -> Option<f64> {
    SCALES.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
}

/// A scale abbreviation glued to digits: "k", "m", "mn", "bn", "tn".
pub fn short_scale(w: &str) -> Option<f64> {
    SHORT_SCALES.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
}

/// A fraction denominator word: its value and whether the word is plural.
pub fn denominator(w: &str) -> Option<(f64, bool)> {
    DENOMINATORS.iter().find_map(|(s, p, v)| {
        if *s == w {
            Some((*v, false))
        } else if *p == w {
            Some((*v, true))
        } else {
            None
        }
    })
}

/// A one-word fraction: "half" → 0.5, "two-thirds" → 0.666…, "one-third", "three-quarters".
pub fn fraction_word(w: &str) -> Option<f64> {
    if w == "half" {
        return Some(0.5);
    }
    let (num, den) = split_hyphen(w)?;
    let n = cardinal_word(num).or(if num == "a" { Some(1.0) } else { None })?;
    let (d, plural) = denominator(den)?;
    if n < 1.0 || n >= d || (n > 1.0 && !plural) {
        return None;
    }
    Some(n / d)
}

fn is_scale_like(w: &str) -> bool {
    w == "hundred" || w == "dozen" || scale_word(w).is_some()
}

/// A whole number in plain digits below 1000 ("3", "21", "321"), which may take part in a
/// number said in words ("3 hundred and 21", "4 thousand 3 hundred").
fn small_digits(p: Piece) -> Option<f64> {
    if p.kind != TokenKind::Number
        || p.text.len() > 3
        || p.text.starts_with('0')
        || !p.text.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    p.text.parse().ok()
}

/// Denominators a fraction written in digits may have ("3/4", "1/16"): others are more often
/// dates, scores or ratios ("9/11", "24/7").
const DIGIT_DENOMINATORS: &[u32] = &[2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100];

/// A proper fraction in digits at `pieces[i]`: "3/4" → 0.75, "1/40" → 0.025, as three glued
/// pieces not followed by another "/" (a date, "5/17/2018") or more glued digits.
fn digit_fraction<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<(f64, usize)> {
    let num = pieces.piece(i).filter(|p| p.kind == TokenKind::Number)?;
    pieces.piece(i + 1).filter(|p| p.glued && p.text == "/")?;
    let den = pieces
        .piece(i + 2)
        .filter(|p| p.glued && p.kind == TokenKind::Number)?;
    if pieces
        .piece(i + 3)
        .is_some_and(|p| p.glued && matches!(p.text, "/" | "-" | ":" | "."))
    {
        return None;
    }
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(num.text) || !all_digits(den.text) || num.text.starts_with('0') {
        return None;
    }
    let n: u32 = num.text.parse().ok()?;
    let d: u32 = den.text.parse().ok()?;
    // "1/40", "1/250": one part of more than 31 is no date (day/month) and no score.
    let unit_part = n == 1 && d > 31;
    if n == 0 || n >= d || !(DIGIT_DENOMINATORS.contains(&d) || unit_part) {
        return None;
    }
    Some((f64::from(n) / f64::from(d), i + 3))
}

/// Scientific notation or a power glued to the numeral `base` at `pieces[i]`: "1e10",
/// "12.32e+14", "-12e-1" (the sign is the caller's), "1.1^23", "2.5^-1". The exponent is whole
/// digits with at most one sign, and nothing may be glued after it ("1e10x" is a name).
fn exponent<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize, base: f64) -> Option<(f64, usize)> {
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    let glued = |k: usize| pieces.piece(k).filter(|p| p.glued);
    let next = glued(i + 1)?;
    let (power, digits_at) = match next.text {
        "^" => (true, i + 2),
        // "1.3x10^6": times a power of ten.
        "x10" if glued(i + 2).is_some_and(|p| p.text == "^") => (false, i + 3),
        "e" if next.kind == TokenKind::Word => (false, i + 2),
        t if next.kind == TokenKind::Word && t.len() > 1 && t.starts_with('e') => {
            if !all_digits(&t[1..]) || glued(i + 2).is_some() {
                return None;
            }
            let e: i32 = t[1..].parse().ok()?;
            return Some((base * 10f64.powi(e), i + 2));
        }
        _ => return None,
    };
    let (negative, k) = match glued(digits_at).map(|p| p.text) {
        Some("-") => (true, digits_at + 1),
        Some("+") => (false, digits_at + 1),
        _ => (false, digits_at),
    };
    let digits = glued(k).filter(|p| p.kind == TokenKind::Number && all_digits(p.text))?;
    if glued(k + 1).is_some() {
        return None;
    }
    let mut e: i32 = digits.text.parse().ok()?;
    if negative {
        e = -e;
    }
    let value = if power {
        base.powi(e)
    } else {
        base * 10f64.powi(e)
    };
    value.is_finite().then_some((value, k + 1))
}

/// The state of a number-word sequence, to refuse "five six" or "thousand million".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    /// 1–19 or a compound ("twenty-one").
    Unit,
    /// A bare ten ("twenty"), which a unit may follow ("twenty one").
    Tens,
    Hundred,
    Scale,
    And,
}

/// Number words starting at `pieces[i]`: "six", "twenty-one", "five thousand two hundred",
/// "one hundred and twenty", "a dozen", "two dozen", "a hundred", "a million".
pub fn parse_words<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = Last::Start;
    let mut last_scale = f64::INFINITY;
    let mut j = i;
    let mut matched_end = None;
    // The state before an "and": "between three million and four million" is two numbers, so
    // a scale that cannot follow the part after "and" takes the number back to before it.
    let mut before_and: Option<(f64, f64, Option<usize>)> = None;
    let mut lakh_group = 0.0;
    let is_word_at = |k: usize| pieces.piece(k).is_some_and(|n| n.kind == TokenKind::Word);
    while let Some(p) = pieces.piece(j) {
        let w = p.text;
        // "fifty - two": a spaced hyphen inside a compound.
        if p.kind == TokenKind::Punct
            && w == "-"
            && last == Last::Tens
            && pieces
                .piece(j + 1)
                .filter(|n| n.kind == TokenKind::Word)
                .and_then(|n| unit_word(n.text))
                .is_some_and(|u| (1..10).contains(&u))
        {
            j += 1;
            continue;
        }
        // Digits below 1000 inside a number said in words: "3 hundred and 21", "4 thousand 3
        // hundred" (the caller starts here only when a scale word follows the first digits).
        let digits = small_digits(p).filter(|_| j == i || !p.glued);
        if p.kind != TokenKind::Word && digits.is_none() {
            break;
        }
        if j == i && (w == "a" || w == "an") {
            if is_word_at(j + 1) && is_scale_like(pieces.text(j + 1)) {
                current = 1.0;
                last = Last::Unit;
                j += 1;
                continue;
            }
            return None;
        }
        // "hundred thousand dollars": a bare "hundred" opening a larger number.
        if j == i
            && w == "hundred"
            && is_word_at(j + 1)
            && scale_word(pieces.text(j + 1)).is_some()
            && i.checked_sub(1)
                .and_then(|k| pieces.piece(k))
                .is_none_or(|b| {
                    b.kind != TokenKind::Word || cardinal_word(b.text).is_none() && b.text != "a"
                })
        {
            current = 1.0;
            last = Last::Unit;
        }
        if let Some(v) = digits.or_else(|| cardinal_word(w)) {
            let compound = w.contains('-') || digits.is_some();
            match last {
                Last::Start | Last::Hundred | Last::Scale | Last::And => {}
                Last::Tens if v < 10.0 && !compound => {}
                _ => break,
            }
            let cap = match last {
                Last::Hundred => 100.0,
                Last::Scale => last_scale.min(1000.0),
                Last::And if current % 1000.0 != 0.0 => 100.0,
                _ => 1000.0,
            };
            if (last == Last::Hundred && current % 100.0 != 0.0) || v >= cap {
                break;
            }
            current += v;
            last = if !compound && v >= 20.0 {
                Last::Tens
            } else {
                Last::Unit
            };
        } else if w == "hundred" {
            if !matches!(last, Last::Unit) || current >= 100.0 {
                if let Some((t, c, e)) = before_and {
                    return e.map(|e| (t + c, e));
                }
                break;
            }
            current *= 100.0;
            last = Last::Hundred;
        } else if dozen_word(w) && (w != "dozens" || current > 1.0) {
            if !matches!(last, Last::Unit | Last::Tens) {
                break;
            }
            // "three hundred and two dozen": the dozens are the part after "and".
            let whole = before_and.map_or(0.0, |(_, c, _)| c);
            current = whole + (current - whole) * 12.0;
            j += 1;
            matched_end = Some(j);
            break;
        } else if let Some(s) = scale_word(w) {
            // "three lakh crore": a lakh of crores, 1e12.
            if w == "crore" && last == Last::Scale && j > i && pieces.text(j - 1) == "lakh" {
                total += lakh_group * (1e7 - 1.0);
                last_scale = 1e12;
                j += 1;
                matched_end = Some(j);
                continue;
            }
            if !matches!(last, Last::Unit | Last::Tens | Last::Hundred) || s >= last_scale {
                if let Some((t, c, e)) = before_and {
                    return e.map(|e| (t + c, e));
                }
                break;
            }
            total += current * s;
            lakh_group = current * s;
            current = 0.0;
            last_scale = s;
            last = Last::Scale;
            before_and = None;
        } else if w == "and" {
            let next_is_number = pieces.piece(j + 1).is_some_and(|n| {
                (n.kind == TokenKind::Word && cardinal_word(n.text).is_some())
                    || small_digits(n).is_some()
            });
            // "one hundred and three quarters": the fraction is the caller's (a mixed number's
            // part is proper: "one hundred and thirty fifths" is 130 fifths).
            let fraction_follows = proper_fraction(pieces, j + 1).is_some();
            if !matches!(last, Last::Hundred | Last::Scale) || !next_is_number || fraction_follows {
                break;
            }
            before_and = Some((total, current, matched_end));
            last = Last::And;
            j += 1;
            continue;
        } else {
            break;
        }
        j += 1;
        matched_end = Some(j);
    }
    matched_end.map(|end| (total + current, end))
}

/// A fraction starting at `pieces[i]`: "a third", "one quarter", "two thirds", "two-thirds",
/// "half". Whether it is used as an amount ("a third of voters", not "a third time") is for the
/// caller to decide.
pub fn parse_fraction<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<(f64, usize)> {
    let p = pieces.piece(i)?;
    if p.kind != TokenKind::Word {
        return None;
    }
    if let Some(v) = fraction_word(p.text) {
        return Some((v, i + 1));
    }
    // "five - eighths": a spaced hyphen between the parts.
    let at =
        if pieces.piece(i + 1).is_some_and(|n| n.text == "-") && cardinal_word(p.text).is_some() {
            i + 2
        } else {
            i + 1
        };
    let next = pieces.piece(at).filter(|n| n.kind == TokenKind::Word)?;
    // "a twentieth", "one twenty-fifth": ordinals from eleven up name parts too. The ordinals'
    // table reads every denominator as a denominator, so one hashed look serves both; below
    // eleven only a denominator ("a fifth", not "a first") is a part.
    let (d, plural) = ordinal_word(next.text)?;
    if d < 11.0 && denominator(next.text).is_none() {
        return None;
    }
    let n = if p.text == "a" || p.text == "an" || p.text == "one" {
        if plural {
            return None;
        }
        1.0
    } else {
        let n = cardinal_word(p.text)?;
        // "three halves", "five thirds": more parts than a whole is; "two halves" (of a
        // thing) are its parts, and quarters beyond four are counted (a year's, coins).
        if !plural || n < 2.0 || n == d || (n > d && next.text == "quarters") {
            return None;
        }
        n
    };
    Some((n / d, at + 1))
}

/// A fraction at `pieces[i]` less than one: the part of a mixed number after "and" ("four and
/// three fifths"); "one hundred and thirty fifths" is 130 fifths, not 100 and 6.
fn proper_fraction<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<(f64, usize)> {
    parse_fraction(pieces, i).filter(|&(v, _)| v < 1.0)
}

/// The number starting at `pieces[i]`, if any: digits (with a glued or following scale word),
/// "half a million", fractions, then number words; a trailing "and a half" adds one half
/// ("four and a half" → 4.5).
pub fn parse_at<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<NumberMatch> {
    parse_unscaled_at(pieces, i).map(|mut m| {
        // "128.038 thousand" is 128,038 exactly, not 128038.00000000001: a decimal times a
        // scale is rounded to the millionth, so every surface style gives the same value.
        if m.scale != 1.0 {
            m.value = (m.value * 1e6).round() / 1e6;
        }
        m
    })
}

fn parse_unscaled_at<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<NumberMatch> {
    let mut m = parse_plain(pieces, i)?;
    let text = |k: usize| pieces.piece(k).map_or("", |p| p.text);
    let and_fraction = if m.form != Form::Fraction && text(m.end) == "and" {
        // "$5 million and a third of the funds" starts a new phrase.
        proper_fraction(pieces, m.end + 1)
            .or_else(|| fraction_word(text(m.end + 1)).map(|v| (v, m.end + 2)))
            .filter(|&(_, end)| text(end) != "of")
    } else {
        None
    };
    if m.form == Form::Words
        && m.scale == 1.0
        && let Some((digits, end)) = point_decimals(pieces, i, m.end)
    {
        m.value += digits;
        m.end = end;
        // "one point five million".
        if let Some(s) = scale_word(text(m.end)) {
            m.value *= s;
            m.scale = s;
            m.end += 1;
        }
        return Some(m);
    }
    if and_fraction.is_none()
        && let Some((v, end)) = over_fraction(pieces, &m)
    {
        m.value = v;
        m.end = end;
        m.form = Form::Fraction;
        return Some(m);
    }
    if let Some((f, end)) = and_fraction {
        let ends_with_scale = scale_word(text(m.end - 1)).is_some();
        m.end = end;
        match scale_word(text(m.end)) {
            // "one billion and a half million": the fraction is of the scale after it.
            Some(s) if ends_with_scale => {
                m.value += f * s;
                m.end += 1;
            }
            // "two and a half million".
            Some(s) => {
                m.value = (m.value + f) * s;
                m.scale = s;
                m.end += 1;
            }
            // "3 million and a half": a part of the scale the number ends with.
            None if ends_with_scale => m.value += f * m.scale,
            None => m.value += f,
        }
    }
    Some(m)
}

/// "1 over 3", "one over twenty", "1 over one hundred and twenty one", "one out of three", "1 in
/// 4 adults": a
/// whole numerator below a whole denominator, with no word after the denominator
/// but "of" ("picked one over 20 rivals" counts rivals, it is no fraction) and no year as the
/// denominator ("No. 1 in 2010").
fn over_fraction<'a, P: Pieces<'a> + ?Sized>(pieces: &P, m: &NumberMatch) -> Option<(f64, usize)> {
    if m.form == Form::Fraction || m.scale != 1.0 || m.value.fract() != 0.0 || m.value < 1.0 {
        return None;
    }
    let word = |k: usize| pieces.piece(k).filter(|p| !p.glued).map_or("", |p| p.text);
    let (at, out_of) = match word(m.end) {
        "over" => (m.end + 1, false),
        "out" if word(m.end + 1) == "of" => (m.end + 2, true),
        "in" => (m.end + 1, true),
        _ => return None,
    };
    let d = parse_plain(pieces, at)?;
    let year = d.form == Form::Digits && (1000.0..=2100.0).contains(&d.value);
    if year || d.form == Form::Fraction || d.value.fract() != 0.0 || d.value <= m.value {
        return None;
    }
    // "2 in 10 minutes" is a time span, not a ratio.
    if word(at - 1) == "in"
        && pieces
            .piece(d.end)
            .is_some_and(|p| SPANS_OF_TIME.contains(&p.text))
    {
        return None;
    }
    // "out of" says outright it is a part, so a counted noun may follow ("two out of five
    // hundred TVs"); after "over" a noun makes a count ("picked one over 20 rivals").
    if pieces.piece(d.end).is_some_and(|p| {
        (p.kind == TokenKind::Word && p.text != "of" && !out_of)
            || (p.glued && p.kind != TokenKind::Punct)
    }) {
        return None;
    }
    Some((m.value / d.value, d.end))
}

/// Words after "N in M" that make M a stretch of time or of play rather than a whole.
const SPANS_OF_TIME: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "game",
    "games",
    "match",
    "matches",
    "race",
    "races",
    "inning",
    "innings",
    "round",
    "rounds",
    "attempt",
    "attempts",
    "tries",
    "starts",
    "appearances",
    "seasons",
    "season",
];

/// The decimals of a spelled-out number: "point" at `at` and then single digits ("five point
/// zero three") or one number below a hundred ("two hundred point seventy-one" → .71). "at one
/// point", "some point" and the like are a moment, not a decimal.
fn point_decimals<'a, P: Pieces<'a> + ?Sized>(
    pieces: &P,
    start: usize,
    at: usize,
) -> Option<(f64, usize)> {
    pieces
        .piece(at)
        .filter(|p| p.text == "point" && p.kind == TokenKind::Word)?;
    let before = start
        .checked_sub(1)
        .and_then(|k| pieces.piece(k))
        .map_or("", |p| p.text);
    if matches!(
        before,
        "at" | "some" | "any" | "that" | "this" | "which" | "every" | "each" | "no" | "one"
    ) {
        return None;
    }
    let word = |k: usize| {
        pieces
            .piece(k)
            .filter(|p| p.kind == TokenKind::Word)
            .map(|p| p.text)
    };
    let mut digits = String::new();
    let mut k = at + 1;
    while let Some(d) = word(k).and_then(unit_word).filter(|d| *d < 10) {
        digits.push(char::from(b'0' + d as u8));
        k += 1;
    }
    if digits.is_empty() {
        let v = word(k).and_then(cardinal_word).filter(|v| *v >= 10.0)?;
        digits = format!("{v}");
        k += 1;
    }
    let value: f64 = format!("0.{digits}").parse().ok()?;
    Some((value, k))
}

/// Digits grouped by single spaces (or thin / no-break spaces): "1 234 567", "40 000",
/// "1 234 567.89". The first group has one to three digits, every other group exactly three (the
/// last may carry decimals); nothing may be glued on after the last group but punctuation. A day
/// number after a month ("May 5 100") is no group.
fn spaced_groups<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<(f64, usize)> {
    let first = pieces.piece(i)?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // A group: three digits after a single space, perhaps with decimals ("1 234.5").
    let group = |k: usize| {
        let g = pieces
            .piece(k)
            .filter(|g| g.single_space && g.kind == TokenKind::Number)?;
        let (int, frac) = g.text.split_once('.').unwrap_or((g.text, ""));
        (int.len() == 3 && all_digits(int) && (frac.is_empty() || all_digits(frac)))
            .then_some((int, frac))
    };
    // Most numbers have no group after them: that is looked at before anything else.
    if group(i + 1).is_none()
        || !all_digits(first.text)
        || first.text.len() > 3
        || first.text.starts_with('0')
    {
        return None;
    }
    if i.checked_sub(1)
        .and_then(|k| pieces.piece(k))
        .is_some_and(|b| super::time::month_number(b.text.trim_end_matches('.')).is_some())
    {
        return None;
    }
    let mut digits = first.text.to_string();
    let mut end = i + 1;
    while let Some((int, frac)) = group(end) {
        digits.push_str(int);
        end += 1;
        if !frac.is_empty() {
            digits.push('.');
            digits.push_str(frac);
            break;
        }
    }
    if pieces.piece(end).is_some_and(|n| {
        n.glued && (n.kind != TokenKind::Punct || matches!(n.text, "-" | "/" | ":"))
    }) {
        return None;
    }
    digits.parse().ok().map(|v| (v, end))
}

/// A fraction of a scale: "half million", "a quarter million", "half a million", "two thirds
/// of a million", "half a dozen".
fn fraction_of_scale<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<NumberMatch> {
    let text = |k: usize| pieces.piece(k).map_or("", |p| p.text);
    let (f, mut k) = match text(i) {
        "half" => (0.5, i + 1),
        "quarter" => (0.25, i + 1),
        _ => parse_fraction(pieces, i)?,
    };
    if text(k) == "of" {
        k += 1;
        if !matches!(text(k), "a" | "an") {
            return None;
        }
    }
    if matches!(text(k), "a" | "an") {
        k += 1;
    }
    let s = scale_word(text(k)).or((text(k) == "dozen").then_some(12.0))?;
    Some(NumberMatch {
        value: f * s,
        end: k + 1,
        form: Form::Words,
        scale: s,
        short_m: false,
    })
}

/// The number words naming the ordinal `w` as a cardinal: "fifths" → "five", "thirty-fifth" →
/// "thirty-five", "hundredth" → "hundred".
fn ordinal_as_cardinal(w: &str) -> Option<String> {
    let (value, _) = ordinal_word(w).or_else(|| unit_ordinal(w))?;
    if value >= 1000.0 {
        return SCALES
            .iter()
            .find(|(_, s)| *s == value)
            .map(|(n, _)| n.to_string());
    }
    let v = value as u32;
    Some(match v {
        0..=19 => UNITS[v as usize].to_string(),
        20..=99 if v.is_multiple_of(10) => tens_name(v)?.to_string(),
        20..=99 => format!("{}-{}", tens_name(v - v % 10)?, UNITS[(v % 10) as usize]),
        100 => "hundred".to_string(),
        _ => return None,
    })
}

fn tens_name(v: u32) -> Option<&'static str> {
    TENS.iter().find(|(_, t)| *t == v).map(|(n, _)| *n)
}

/// A count of parts with a spelled-out ordinal: "twenty-three fifths", "one hundred
/// thirty-fifths" (100/35), "three twenty firsts" (3/21), "one one hundred and fifth" (1/105).
/// The numerator and the denominator are both number words; of the ways to split them, the
/// longest denominator that is a well-formed number wins. A one-word denominator must be plural
/// and five or more: "five quarters" are mostly quarters of a year, "two halves" of a match.
fn parts_fraction<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<(f64, usize)> {
    // "twenty seconds" is a duration, not twenty-second parts.
    let is_ordinal = |w: &str| {
        ordinal_word(w).is_some() || unit_ordinal(w).is_some() && !w.starts_with("second")
    };
    let mut e = i;
    loop {
        let p = pieces.piece(e)?;
        if e > i + 12 {
            return None;
        }
        if p.kind == TokenKind::Word && is_ordinal(p.text) && e > i {
            e += 1;
            break;
        }
        let number_part = match p.kind {
            TokenKind::Word => {
                cardinal_word(p.text).is_some()
                    || is_scale_like(p.text)
                    || p.text == "and"
                    || (e == i && matches!(p.text, "a" | "an"))
            }
            TokenKind::Punct => p.text == "-",
            TokenKind::Number => false,
        };
        if !number_part {
            return None;
        }
        e += 1;
    }
    let last = pieces.text(e - 1);
    let (_, plural) = ordinal_word(last).or_else(|| unit_ordinal(last))?;
    // "two million and three fifths", "two hundred and fifty-four hundredths": a whole and a
    // proper fraction after "and", which the caller reads.
    if e >= i + 3
        && pieces.text(e - 3) == "and"
        && proper_fraction(pieces, e - 2).is_some_and(|(_, end)| end == e)
    {
        return None;
    }
    let cardinal = ordinal_as_cardinal(last)?;
    for s in i + 1..e {
        // "a hundred millionths" is a hundred of them, not one hundred-millionth.
        if pieces.text(s) == "hundred" {
            continue;
        }
        let n = if s == i + 1 && matches!(pieces.text(i), "a" | "an") {
            1.0
        } else {
            match parse_words(&Prefix(pieces, s), i) {
                Some((n, end)) if end == s => n,
                _ => continue,
            }
        };
        let d = if s == e - 1 {
            match ordinal_word(last) {
                Some((d, true)) if d >= 5.0 => d,
                _ => continue,
            }
        } else {
            let mut den: Vec<Piece> = (s..e - 1).filter_map(|k| pieces.piece(k)).collect();
            den.push(Piece {
                text: &cardinal,
                kind: TokenKind::Word,
                glued: false,
                single_space: true,
            });
            match parse_words(den.as_slice(), 0) {
                Some((d, end)) if end == den.len() && d >= 2.0 => d,
                _ => continue,
            }
        };
        if n < 1.0 || (n > 1.0 && !plural) {
            continue;
        }
        return Some((n / d, e));
    }
    None
}

/// Whether the piece after "a" or "an" may carry on a number: every reading below that starts
/// with an article needs a number word next ("a third", "a twenty-fifth", "a hundred", "a
/// dozen"), "and" or a spaced hyphen. Most articles come before other words and are ruled out
/// here with one hashed look, before the grammar runs. The same look tells whether a number
/// word may start a fraction read over several pieces (see [`parse_plain`]).
pub(crate) fn may_follow_article(next: Piece) -> bool {
    /// The words, and by first byte the lengths (below 64 bytes) of those starting with it: most
    /// words after an article are refused by that before they are hashed.
    static WORDS: LazyLock<(FxHashSet<String>, [u64; 256])> = LazyLock::new(|| {
        let words: FxHashSet<String> = article_followers().collect();
        let mut lengths = [0u64; 256];
        for w in &words {
            if let Some(&first) = w.as_bytes().first() {
                lengths[usize::from(first)] |= 1 << w.len().min(63);
            }
        }
        (words, lengths)
    });
    match next.kind {
        TokenKind::Punct => next.text == "-",
        TokenKind::Number => false,
        TokenKind::Word => {
            let (words, lengths) = &*WORDS;
            next.text
                .as_bytes()
                .first()
                .is_some_and(|&b| lengths[usize::from(b)] & (1 << next.text.len().min(63)) != 0)
                && words.contains(next.text)
        }
    }
}

/// Every word [`may_follow_article`] accepts: a caller that numbers words looks each of them up
/// once and tells a word after an article by its number.
pub(crate) fn article_followers() -> impl Iterator<Item = String> {
    number_word_candidates().filter(|w| follows_article(w))
}

/// Every word that, after digits, may carry on their number (see [`parse_at`]): scales and
/// their abbreviations ("5 million", "3bn", "10 bln", "2.33 k"), "hundred" and the dozen words
/// ("3 hundred", "3 dzs"), "and" ("3 and a half"), and the words of a fraction said with
/// "over", "out of" or "in" ("1 over 3"). After digits, a word that is none of these (and,
/// glued to them, no [`may_be_exponent`] word), or a one-byte punctuation mark other than "/"
/// and "^", leaves the number as its digits ([`digits_alone`]).
pub(crate) fn digits_followers() -> impl Iterator<Item = &'static str> {
    SCALES
        .iter()
        .chain(SHORT_SCALES)
        .map(|(s, _)| *s)
        .chain(SPACED_SHORT_SCALES.iter().copied())
        .chain([
            "hundred", "dozen", "dozens", "doz", "dozs", "dz", "dzs", "and", "over", "out", "in",
        ])
}

/// Whether the word `w`, glued to digits, may start their exponent ([`exponent`]: "1e10",
/// "1.3x10^6").
pub(crate) fn may_be_exponent(w: &str) -> bool {
    w.starts_with('e') || w == "x10"
}

/// The number at the digits `pieces[i]` when the piece after them can carry it on in no way
/// ([`digits_followers`]): what [`parse_at`] gives there, without its readings.
pub(crate) fn digits_alone(digits: &str, i: usize) -> Option<NumberMatch> {
    Some(NumberMatch {
        value: parse_numeral(digits)?,
        end: i + 1,
        form: Form::Digits,
        scale: 1.0,
        short_m: false,
    })
}

/// The number at the number word `w` of piece `i`, one word without a hyphen ("six",
/// "forty"), when the piece after it can carry it on in no way (it is neither a word
/// [`article_followers`] or [`digits_followers`] names, nor "point", nor a hyphen): what
/// [`parse_at`] gives there, without its readings. `None` when `w` is no such word.
pub(crate) fn word_alone(w: &str, i: usize) -> Option<NumberMatch> {
    if w.contains('-') {
        return None;
    }
    Some(NumberMatch {
        value: cardinal_word(w)?,
        end: i + 1,
        form: Form::Words,
        scale: 1.0,
        short_m: false,
    })
}

/// Whether the word `w` may carry on a number after "a" or "an" (see [`may_follow_article`]).
fn follows_article(w: &str) -> bool {
    w == "and"
        || is_scale_like(w)
        || cardinal_word(w).is_some()
        || denominator(w).is_some()
        || ordinal_reading(w).is_some()
        || unit_ordinal(w).is_some()
}

/// Every word [`follows_article`] or [`ordinal_reading`] may accept, built from the same tables:
/// "and", scales, units, tens and their compounds ("twenty-one"), denominators, ordinals with
/// their plurals and compounds ("twenty-first", "thirty-fifths").
fn number_word_candidates() -> impl Iterator<Item = String> {
    let ordinals = || {
        UNIT_ORDINALS
            .iter()
            .copied()
            .chain(PART_ORDINALS.iter().map(|(o, _)| *o))
            .flat_map(|o| [o.to_string(), format!("{o}s")])
    };
    let tens = || TENS.iter().map(|(t, _)| *t);
    ["and", "hundred", "dozen", "nought", "naught"]
        .into_iter()
        .chain(SCALES.iter().map(|(s, _)| *s))
        .chain(UNITS.iter().copied())
        .chain(tens())
        .chain(DENOMINATORS.iter().flat_map(|(s, p, _)| [*s, *p]))
        .map(str::to_string)
        .chain(ordinals())
        .chain(tens().flat_map(move |t| {
            UNITS
                .iter()
                .map(|u| (*u).to_string())
                .chain(ordinals())
                .map(move |u| format!("{t}-{u}"))
        }))
}

fn parse_plain<'a, P: Pieces<'a> + ?Sized>(pieces: &P, i: usize) -> Option<NumberMatch> {
    let p = pieces.piece(i)?;
    match p.kind {
        TokenKind::Number => {
            if let Some((value, end)) = spaced_groups(pieces, i) {
                return Some(NumberMatch {
                    value,
                    end,
                    form: Form::Digits,
                    scale: 1.0,
                    short_m: false,
                });
            }
            let mut value = parse_numeral(p.text)?;
            let mut end = i + 1;
            let mut scale = 1.0;
            let mut short_m = false;
            // "3 hundred and 21", "4 thousand 3 hundred", "6 crore and two hundred".
            if small_digits(p).is_some()
                && pieces
                    .piece(i + 1)
                    .is_some_and(|n| !n.glued && n.kind == TokenKind::Word && is_scale_like(n.text))
                && let Some((v, e)) = parse_words(pieces, i)
                && e > i + 2
            {
                let scale = (i..e)
                    .filter_map(|k| scale_word(pieces.text(k)))
                    .fold(1.0, f64::max);
                return Some(NumberMatch {
                    value: v,
                    end: e,
                    form: Form::Digits,
                    scale,
                    short_m,
                });
            }
            // "7½".
            if let Some(f) = pieces
                .piece(i + 1)
                .filter(|n| n.glued && !p.text.contains(['.', ',']))
                .and_then(|n| vulgar_fraction(n.text))
            {
                return Some(NumberMatch {
                    value: value + f,
                    end: i + 2,
                    form: Form::Digits,
                    scale,
                    short_m,
                });
            }
            if let Some((v, e)) = exponent(pieces, i, value) {
                return Some(NumberMatch {
                    value: v,
                    end: e,
                    form: Form::Digits,
                    scale,
                    short_m,
                });
            }
            if let Some((f, e)) = digit_fraction(pieces, i) {
                return Some(NumberMatch {
                    value: f,
                    end: e,
                    form: Form::Digits,
                    scale,
                    short_m,
                });
            }
            // A whole number and a fraction: "2 1/4", "10 1/2".
            if !p.text.contains(['.', ','])
                && pieces.piece(i + 1).is_some_and(|n| !n.glued)
                && let Some((f, e)) = digit_fraction(pieces, i + 1)
            {
                return Some(NumberMatch {
                    value: value + f,
                    end: e,
                    form: Form::Digits,
                    scale,
                    short_m,
                });
            }
            if let Some(n) = pieces.piece(i + 1).filter(|n| n.kind == TokenKind::Word) {
                let factor = if n.glued {
                    short_scale(n.text)
                        .or_else(|| scale_word(n.text))
                        .or(dozen_word(n.text).then_some(12.0))
                } else {
                    // A spaced "k" ("2.33 k") only where no word follows: "10 k runners" may
                    // not be thousands.
                    let k_alone = n.text == "k"
                        && pieces.piece(i + 2).is_none_or(|a| {
                            a.kind == TokenKind::Punct || (a.kind != TokenKind::Word && !a.glued)
                        });
                    scale_word(n.text).or(match n.text {
                        "hundred" => Some(100.0),
                        w if dozen_word(w) => Some(12.0),
                        w if SPACED_SHORT_SCALES.contains(&w) => short_scale(w),
                        "k" if k_alone => Some(1e3),
                        _ => None,
                    })
                };
                if let Some(f) = factor {
                    short_m = n.glued && n.text == "m";
                    value *= f;
                    scale = f;
                    end += 1;
                }
            }
            Some(NumberMatch {
                value,
                end,
                form: Form::Digits,
                scale,
                short_m,
            })
        }
        TokenKind::Word => {
            if matches!(p.text, "a" | "an") && !pieces.piece(i + 1).is_some_and(may_follow_article)
            {
                return None;
            }
            if let Some(value) = vulgar_fraction(p.text) {
                return Some(NumberMatch {
                    value,
                    end: i + 1,
                    form: Form::Digits,
                    scale: 1.0,
                    short_m: false,
                });
            }
            // Fractions need a one-word fraction ("half", "two-thirds"), "quarter" (of a
            // scale) or a piece after this one that may carry on a number: most number words
            // ("one of", "two people") skip the three readings below.
            let carried_on = pieces
                .piece(i + 1)
                .is_some_and(|n| n.text == "-" || may_follow_article(n));
            if carried_on || p.text == "quarter" || fraction_word(p.text).is_some() {
                if let Some(m) = fraction_of_scale(pieces, i) {
                    return Some(m);
                }
                if let Some((value, end)) =
                    parse_fraction(pieces, i).or_else(|| parts_fraction(pieces, i))
                {
                    return Some(NumberMatch {
                        value,
                        end,
                        form: Form::Fraction,
                        scale: 1.0,
                        short_m: false,
                    });
                }
            }
            let (value, end) = parse_words(pieces, i)?;
            let scale = (i..end)
                .filter_map(|k| scale_word(pieces.text(k)))
                .fold(1.0, f64::max);
            Some(NumberMatch {
                value,
                end,
                form: Form::Words,
                scale,
                short_m: false,
            })
        }
        TokenKind::Punct => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;
    use crate::segment::segment;

    fn source(text: &str) -> Source {
        Source::from_text("s", text)
    }

    /// Parses the number at the start of `text`: its value and how many tokens it covers.
    fn parse(text: &str) -> Option<(f64, usize, Form)> {
        let src = source(text);
        let doc = segment(&src);
        let lower = src.text.to_ascii_lowercase();
        let ps = TokenPieces::new(&lower, &doc.tokens);
        parse_at(&ps, 0).map(|m| (m.value, m.end, m.form))
    }

    fn value(text: &str) -> Option<f64> {
        parse(text).map(|(v, _, _)| v)
    }

    /// Asserts that the fast path `alone` reads the number at the start of `text` as the full
    /// reading ([`parse_at`]) does.
    fn assert_alone_agrees(text: &str, alone: impl Fn(&str) -> Option<NumberMatch>) {
        let src = source(text);
        let doc = segment(&src);
        let lower = src.text.to_ascii_lowercase();
        let ps = TokenPieces::new(&lower, &doc.tokens);
        assert_eq!(alone(ps.text(0)), parse_at(&ps, 0), "{text:?}");
    }

    /// What may follow a number in a text.
    enum Follower {
        /// ASCII letters and digits.
        Word(String),
        /// One ASCII punctuation byte.
        Mark(String),
    }

    /// Every number word and denominator, plus plain words, units and marks.
    fn followers() -> Vec<Follower> {
        number_word_candidates()
            .chain(
                [
                    "people",
                    "troops",
                    "percent",
                    "per",
                    "cent",
                    "point",
                    "of",
                    "a",
                    "half",
                    "quarter",
                    "quarters",
                    "thirds",
                    "fifths",
                    "hundredths",
                    "e",
                    "x",
                    "m",
                    "km",
                    "s",
                    "th",
                    "pm",
                    "am",
                    "bn",
                    "mln",
                    "k",
                    "dozens",
                    "score",
                    "times",
                    "fold",
                    "to",
                    "from",
                    "out",
                    "over",
                    "in",
                    "and",
                    "plus",
                    "minus",
                    "or",
                    "by",
                    "x10",
                    "1990s",
                    "%",
                    "$",
                    ",",
                    ".",
                    ";",
                    ":",
                    "/",
                    "^",
                    "-",
                    "(",
                    ")",
                    "'",
                ]
                .map(str::to_string),
            )
            .filter_map(|next| {
                if next.chars().all(|c| c.is_ascii_alphanumeric()) {
                    Some(Follower::Word(next))
                } else if matches!(next.as_bytes(), [b] if b.is_ascii_punctuation()) {
                    Some(Follower::Mark(next))
                } else {
                    // Compounds ("twenty-one") start with a number word, not after one.
                    None
                }
            })
            .collect()
    }

    #[test]
    fn digits_alone_gives_what_the_full_reading_gives_wherever_it_applies() {
        let carry: FxHashSet<&str> = digits_followers().collect();
        let mut applied = 0;
        for digits in ["5", "12", "5,200", "3.5", "1990", "0", "100"] {
            for next in followers() {
                for glue in ["", " "] {
                    // The cases the extractor hands to `digits_alone` (its `parse_digits`): a
                    // word that carries no number on (and, glued, starts no exponent), or a
                    // one-byte mark other than "/" and "^".
                    let next = match &next {
                        Follower::Word(w)
                            if !carry.contains(w.as_str())
                                && (glue == " " || !may_be_exponent(w))
                                && !w.starts_with(|c: char| c.is_ascii_digit()) =>
                        {
                            w
                        }
                        Follower::Mark(m) if !matches!(m.as_str(), "/" | "^") => m,
                        _ => continue,
                    };
                    applied += 1;
                    assert_alone_agrees(&format!("{digits}{glue}{next} later on"), |d| {
                        digits_alone(d, 0)
                    });
                }
            }
        }
        assert!(applied > 1000, "only {applied} cases");
    }

    #[test]
    fn word_alone_gives_what_the_full_reading_gives_wherever_it_applies() {
        let carry: FxHashSet<String> = digits_followers()
            .map(str::to_string)
            .chain(article_followers())
            .collect();
        let mut applied = 0;
        for number in ["two", "six", "forty", "twelve", "ninety", "one"] {
            for next in followers() {
                // The cases the extractor hands to `word_alone` (its `parse_words`): a spaced
                // word that carries no number on and is not "point", or a mark other than "-".
                let text = match next {
                    Follower::Word(w) if !carry.contains(&w) && w != "point" => {
                        format!("{number} {w} later on")
                    }
                    Follower::Mark(m) if m != "-" => format!("{number}{m} later on"),
                    _ => continue,
                };
                applied += 1;
                assert_alone_agrees(&text, |w| word_alone(w, 0));
            }
        }
        assert!(applied > 100, "only {applied} cases");
    }

    #[test]
    fn vulgar_fractions_are_single_characters() {
        assert_eq!(vulgar_fraction("½"), Some(0.5));
        assert_eq!(vulgar_fraction("⅞"), Some(7.0 / 8.0));
        for w in ["", "1/2", "half", "7", "é", "½½"] {
            assert_eq!(vulgar_fraction(w), None, "{w}");
        }
    }

    #[test]
    fn hashed_number_words_agree_with_the_grammar() {
        // Words of every table, alone, pluralised and joined by hyphens in both orders, plus
        // words that are no number: the hashed look must say what the grammar says for each.
        let mut vocabulary: Vec<String> = number_word_candidates().collect();
        vocabulary.extend(
            [
                "a", "an", "the", "people", "firsts", "seconds", "hundreds", "dozens", "thirds",
            ]
            .map(String::from),
        );
        let plurals: Vec<String> = vocabulary.iter().map(|w| format!("{w}s")).collect();
        let singles: Vec<String> = vocabulary
            .iter()
            .filter(|w| !w.contains('-'))
            .cloned()
            .collect();
        let mut words = vocabulary.clone();
        words.extend(plurals);
        for a in &singles {
            for b in &singles {
                words.push(format!("{a}-{b}"));
            }
        }
        let mut accepted = 0;
        for w in &words {
            let piece = Piece {
                text: w,
                kind: TokenKind::Word,
                glued: false,
                single_space: true,
            };
            assert_eq!(may_follow_article(piece), follows_article(w), "{w}");
            assert_eq!(ordinal_word(w), ordinal_reading(w), "{w}");
            accepted += usize::from(follows_article(w));
        }
        assert!(accepted > 300, "{accepted}");
    }

    #[test]
    fn numerals_with_separators_and_decimals() {
        assert_eq!(parse_numeral("5,200"), Some(5200.0));
        assert_eq!(parse_numeral("5200"), Some(5200.0));
        assert_eq!(parse_numeral("1,234,567.25"), Some(1_234_567.25));
        assert_eq!(parse_numeral("1.5"), Some(1.5));
        assert_eq!(parse_numeral("0.75"), Some(0.75));
        assert_eq!(parse_numeral("1234,567"), None);
        assert_eq!(parse_numeral("12,3456"), None);
        assert_eq!(parse_numeral("1.2.3"), None);
        assert_eq!(parse_numeral(""), None);
    }

    #[test]
    fn the_same_amount_written_four_ways() {
        for text in ["5,200", "5200", "5.2 thousand", "five thousand two hundred"] {
            assert_eq!(value(text), Some(5200.0), "{text}");
        }
    }

    #[test]
    fn scales_after_digits() {
        assert_eq!(value("1.5 million people"), Some(1_500_000.0));
        assert_eq!(value("128.038 thousand people"), Some(128_038.0));
        assert_eq!(value("4.1 million people"), Some(4_100_000.0));
        assert_eq!(value("2 billion"), Some(2e9));
        assert_eq!(value("3bn"), Some(3e9));
        assert_eq!(value("20k"), Some(20_000.0));
        let src = source("4m");
        let doc = segment(&src);
        let ps = TokenPieces::new(&src.text, &doc.tokens);
        let m = parse_at(&ps, 0).unwrap();
        assert_eq!((m.value, m.short_m, m.scale), (4e6, true, 1e6));
        // A word glued to digits that is no scale is left alone.
        assert_eq!(parse("16th"), Some((16.0, 1, Form::Digits)));
    }

    #[test]
    fn number_words() {
        assert_eq!(value("six soldiers"), Some(6.0));
        assert_eq!(value("twenty-one"), Some(21.0));
        assert_eq!(value("twenty one"), Some(21.0));
        assert_eq!(value("one hundred and twenty"), Some(120.0));
        assert_eq!(value("fifteen hundred"), Some(1500.0));
        assert_eq!(
            value("two million three hundred thousand"),
            Some(2_300_000.0)
        );
        assert_eq!(value("a dozen"), Some(12.0));
        assert_eq!(value("two dozen eggs"), Some(24.0));
        assert_eq!(value("a hundred"), Some(100.0));
        assert_eq!(value("a million"), Some(1e6));
        assert_eq!(value("half a million"), Some(500_000.0));
        assert_eq!(value("half a dozen"), Some(6.0));
        assert_eq!(parse("four and a half months"), Some((4.5, 4, Form::Words)));
        assert_eq!(value("2 and a half"), Some(2.5));
        assert_eq!(value("two and a half million"), Some(2_500_000.0));
    }

    #[test]
    fn number_words_stop_where_the_number_ends() {
        assert_eq!(parse("five six"), Some((5.0, 1, Form::Words)));
        assert_eq!(
            parse("three hundred and the rest"),
            Some((300.0, 2, Form::Words))
        );
        assert_eq!(parse("twenty-one men"), Some((21.0, 1, Form::Words)));
        assert_eq!(value("a few"), None);
        assert_eq!(value("a"), None);
        assert_eq!(value("twenty-first"), None);
        assert_eq!(value("five-year"), None);
    }

    #[test]
    fn fractions() {
        let third = 1.0 / 3.0;
        assert_eq!(parse("a third of"), Some((third, 2, Form::Fraction)));
        assert_eq!(parse("one third"), Some((third, 2, Form::Fraction)));
        assert_eq!(parse("two-thirds"), Some((2.0 * third, 1, Form::Fraction)));
        assert_eq!(parse("two thirds"), Some((2.0 * third, 2, Form::Fraction)));
        assert_eq!(value("a quarter"), Some(0.25));
        assert_eq!(value("three quarters"), Some(0.75));
        assert_eq!(value("one-third"), Some(third));
        assert_eq!(value("half"), Some(0.5));
        // "two third" and "three halves" are not fractions of a whole.
        assert_eq!(parse("two third").map(|p| p.2), Some(Form::Words));
        assert_eq!(fraction_word("three-halves"), None);
    }

    #[test]
    fn scientific_notation_and_powers() {
        assert_eq!(value("3e6 cells"), Some(3e6));
        assert_eq!(value("4.5e+3"), Some(4500.0));
        assert_eq!(parse("25e-2 grams"), Some((0.25, 4, Form::Digits)));
        assert_eq!(value("2^10 bytes"), Some(1024.0));
        assert_eq!(value("4^-1"), Some(0.25));
        // Letters glued after the exponent make a name, not a number.
        assert_eq!(value("7e3x"), Some(7.0));
        assert_eq!(value("7e3x9"), Some(7.0));
    }

    #[test]
    fn spelled_out_counts_of_small_parts() {
        assert_eq!(parse("twelve tenths"), Some((1.2, 2, Form::Fraction)));
        assert_eq!(value("forty-five hundredths"), Some(0.45));
        assert_eq!(value("a hundred millionths"), Some(1e-4));
        // Quarters and halves are counted, not divided: a year has four quarters.
        assert_eq!(parse("five quarters"), Some((5.0, 1, Form::Words)));
        // More halves or thirds than a whole are an improper fraction; a mixed number's part
        // after "and" is proper, so "and thirty fifths" counts fifths of the whole.
        assert_eq!(parse("three halves"), Some((1.5, 2, Form::Fraction)));
        assert_eq!(value("two halves"), Some(2.0));
        assert_eq!(value("one hundred and thirty fifths"), Some(26.0));
        assert_eq!(value("four and three fifths"), Some(4.6));
    }

    #[test]
    fn decimals_said_with_point() {
        assert_eq!(parse("three point two five"), Some((3.25, 4, Form::Words)));
        assert_eq!(value("one point five million"), Some(1.5e6));
        assert_eq!(value("ten point seventy-five"), Some(10.75));
        // A moment, not a decimal: "at one point two ...".
        let src = source("at one point two men left");
        let doc = segment(&src);
        let lower = src.text.to_ascii_lowercase();
        let ps = TokenPieces::new(&lower, &doc.tokens);
        assert_eq!(parse_at(&ps, 1).map(|m| m.value), Some(1.0));
    }

    #[test]
    fn a_spaced_k_ending_the_number_is_thousands() {
        assert_eq!(value("4.5 k."), Some(4500.0));
        assert_eq!(value("12 k"), Some(12000.0));
        assert_eq!(value("5 k runners"), Some(5.0));
    }

    #[test]
    fn fractions_said_with_over() {
        assert_eq!(parse("2 over 5"), Some((0.4, 3, Form::Fraction)));
        assert_eq!(value("one over twenty."), Some(0.05));
        assert_eq!(value("three over one hundred of them"), Some(0.03));
        // A count after the denominator, or a larger numerator, is no fraction.
        assert_eq!(parse("one over 20 rivals"), Some((1.0, 1, Form::Words)));
        assert_eq!(parse("5 over 3"), Some((5.0, 1, Form::Digits)));
        assert_eq!(value("nine out of ten"), Some(0.9));
        assert_eq!(parse("1 out of 2010."), Some((1.0, 1, Form::Digits)));
        // "N in M" is a ratio ("1 in 4 adults"), but not before a span of time or a year.
        assert_eq!(value("1 in 4."), Some(0.25));
        assert_eq!(value("1 in twenty-one"), Some(1.0 / 21.0));
        assert_eq!(parse("2 in 10 minutes"), Some((2.0, 1, Form::Digits)));
        assert_eq!(parse("1 in 2015"), Some((1.0, 1, Form::Digits)));
    }

    #[test]
    fn small_fractions_with_large_denominators() {
        assert_eq!(value("a millionth of a second"), Some(1e-6));
        assert_eq!(value("one thousandth"), Some(1e-3));
        assert_eq!(value("seven hundredths of a point"), Some(0.07));
        // A count of hundredths above the whole is not a fraction.
        assert_eq!(parse("two hundredth").map(|p| p.2), Some(Form::Words));
    }

    #[test]
    fn fractions_in_digits_and_mixed_numbers() {
        assert_eq!(parse("5/8 inch"), Some((0.625, 3, Form::Digits)));
        assert_eq!(parse("7 3/4 miles"), Some((7.75, 4, Form::Digits)));
        assert_eq!(value("six and two thirds"), Some(6.0 + 2.0 / 3.0));
        assert_eq!(value("1 and a quarter"), Some(1.25));
        // Not proper fractions with a usual denominator: dates, ratios.
        assert_eq!(parse("9/11"), Some((9.0, 1, Form::Digits)));
        assert_eq!(parse("4/3"), Some((4.0, 1, Form::Digits)));
        assert_eq!(parse("3/4/2021"), Some((3.0, 1, Form::Digits)));
    }

    #[test]
    fn a_glued_b_is_billions() {
        assert_eq!(value("2.5b"), Some(2.5e9));
    }

    #[test]
    fn whole_numbers_read_without_parsing_text_are_exact() {
        for s in [
            "0",
            "007",
            "5200",
            "999999999999999",
            "9007199254740993",
            "123456789012345678901",
        ] {
            assert_eq!(parse_numeral(s), s.parse().ok(), "{s}");
        }
        assert_eq!(
            parse_numeral("999,999,999,999,999"),
            Some(999_999_999_999_999.0)
        );
        assert_eq!(
            parse_numeral("9,007,199,254,740,993"),
            "9007199254740993".parse().ok()
        );
    }

    #[test]
    fn decimal_commas_and_lakh_grouping() {
        assert_eq!(parse_numeral("5,00"), Some(5.0));
        assert_eq!(parse_numeral("1,3"), Some(1.3));
        assert_eq!(parse_numeral("1.111,11"), Some(1111.11));
        assert_eq!(parse_numeral("2.500.000,5"), Some(2_500_000.5));
        assert_eq!(parse_numeral("12,34,567.89"), Some(1_234_567.89));
        assert_eq!(parse_numeral("1,00,000"), Some(100_000.0));
        // Three digits after a lone comma are a thousands group, not decimals.
        assert_eq!(parse_numeral("5,200"), Some(5200.0));
        // Neither grouping: a list or a code.
        assert_eq!(parse_numeral("1.11,11"), None);
        assert_eq!(parse_numeral("12,34,56"), None);
        assert_eq!(parse_numeral("22,24,26,31"), None);
    }

    #[test]
    fn digits_grouped_by_spaces() {
        assert_eq!(
            parse("1 234 567 people"),
            Some((1_234_567.0, 3, Form::Digits))
        );
        assert_eq!(value("40\u{202f}000"), Some(40_000.0));
        assert_eq!(value("1\u{a0}234\u{a0}567.89"), Some(1_234_567.89));
        assert_eq!(value("1 414 021 100."), Some(1_414_021_100.0));
        // Not groups: two spaces, a group of four, a leading zero, a day after a month.
        assert_eq!(parse("40  000"), Some((40.0, 1, Form::Digits)));
        assert_eq!(parse("12 3456"), Some((12.0, 1, Form::Digits)));
        assert_eq!(parse("020 794"), Some((20.0, 1, Form::Digits)));
        let src = source("May 5 100 people");
        let doc = segment(&src);
        let lower = src.text.to_ascii_lowercase();
        let ps = TokenPieces::new(&lower, &doc.tokens);
        assert_eq!(parse_at(&ps, 1).map(|m| m.value), Some(5.0));
    }

    #[test]
    fn digits_inside_numbers_said_in_words() {
        assert_eq!(value("3 hundred and 21 yuan"), Some(321.0));
        assert_eq!(value("4 thousand 3 hundred and 21"), Some(4321.0));
        assert_eq!(
            parse("4 thousand 3 hundred and 0"),
            Some((4300.0, 4, Form::Digits))
        );
        assert_eq!(value("6 crore and two hundred"), Some(60_000_200.0));
        assert_eq!(value("hundred thousand dollars"), Some(100_000.0));
        // "and" joining two numbers of one size is no compound.
        assert_eq!(
            parse("three million and four million"),
            Some((3e6, 2, Form::Words))
        );
        assert_eq!(
            parse("three hundred and four hundred"),
            Some((300.0, 2, Form::Words))
        );
        assert_eq!(parse("two hundred and 300"), Some((200.0, 2, Form::Words)));
        // Digits glued to the word before or after are not taken in.
        assert_eq!(parse("4000 3 hundred"), Some((4000.0, 1, Form::Digits)));
    }

    #[test]
    fn more_scale_words_and_abbreviations() {
        assert_eq!(value("13 lakh"), Some(1_300_000.0));
        assert_eq!(value("1 crore boxes"), Some(1e7));
        assert_eq!(value("three lakh crore"), Some(3e12));
        assert_eq!(value("two lakh fifty thousand"), Some(250_000.0));
        assert_eq!(value("10 bln"), Some(1e10));
        assert_eq!(value("10 tln"), Some(1e13));
        assert_eq!(value("2mil"), Some(2e6));
        assert_eq!(value("3 dzs"), Some(36.0));
        assert_eq!(value("three hundred and two dozens"), Some(324.0));
        assert_eq!(value("five dozs"), Some(60.0));
        // A spaced "tn" may be tonnes, a spaced "m" metres.
        assert_eq!(parse("10 tn"), Some((10.0, 1, Form::Digits)));
        assert_eq!(parse("10 m"), Some((10.0, 1, Form::Digits)));
    }

    #[test]
    fn zero_words_and_spoken_decimals() {
        assert_eq!(value("nine point nought four"), Some(9.04));
        assert_eq!(value("nought point nought three"), Some(0.03));
        assert_eq!(value("naught point five"), Some(0.5));
        assert_eq!(value("nought point eleven"), Some(0.11));
    }

    #[test]
    fn fractions_of_scales_and_after_scales() {
        assert_eq!(value("half million"), Some(500_000.0));
        assert_eq!(value("quarter million"), Some(250_000.0));
        assert_eq!(value("a quarter million"), Some(250_000.0));
        // Scaled values are rounded to the millionth.
        assert_eq!(value("two thirds of a million"), Some(666_666.666_667));
        assert_eq!(value("3 million and a half"), Some(3_500_000.0));
        assert_eq!(value("two million and one half"), Some(2_500_000.0));
        assert_eq!(
            value("one billion and a half million"),
            Some(1_000_500_000.0)
        );
        assert_eq!(
            value("five billion and three quarters"),
            Some(5_750_000_000.0)
        );
        assert_eq!(value("two million and three fifths"), Some(2_600_000.0));
        assert_eq!(value("one hundred and three quarters"), Some(100.75));
        assert_eq!(value("two hundred and fifty-four hundredths"), Some(200.54));
        assert_eq!(value("three and one fourth"), Some(3.25));
        // A fraction followed by "of" starts a new phrase.
        assert_eq!(
            parse("5 million and a third of"),
            Some((5e6, 2, Form::Digits))
        );
        // "half" or "quarter" alone is no scale.
        assert_eq!(value("quarter final"), None);
    }

    #[test]
    fn ordinal_parts() {
        let close = |t: &str, want: f64| {
            let v = value(t).unwrap_or(f64::NAN);
            assert!((v - want).abs() < 1e-12, "{t}: {v} != {want}");
        };
        close("a twenty-first", 1.0 / 21.0);
        close("one twenty-fifth", 0.04);
        close("three twenty-firsts", 3.0 / 21.0);
        close("three twenty firsts", 3.0 / 21.0);
        close("twenty twenty fifths", 0.8);
        close("one hundred thirty fifths", 100.0 / 35.0);
        close("one one hundred and fifth", 1.0 / 105.0);
        close("one hundred one thousand fifths", 100.0 / 1005.0);
        close("ninety - five hundred fifths", 1900.0);
        close("a hundred thousand trillionths", 1e-7);
        close("two hundred thirty two and a thirtieth", 232.0 + 1.0 / 30.0);
        close("five - eighths", 0.625);
        close("fifty - two", 52.0);
        // Durations and ordinals are not parts.
        assert_eq!(
            parse("one hundred twenty seconds").map(|p| p.0),
            Some(120.0)
        );
        assert_eq!(parse("two hundred fifth").map(|p| p.2), Some(Form::Words));
        assert_eq!(parse("fifty - sixty").map(|p| p.0), Some(50.0));
    }

    #[test]
    fn fractions_in_one_character_and_times_ten_powers() {
        assert_eq!(value("¾"), Some(0.75));
        assert_eq!(value("7½ miles"), Some(7.5));
        assert_eq!(value("1.3x10^6"), Some(1_300_000.0));
        assert!((value("6.23x10^-4").unwrap() - 0.000623).abs() < 1e-15);
        assert_eq!(parse("1.3x10"), Some((1.3, 1, Form::Digits)));
    }

    #[test]
    fn out_of_takes_a_counted_noun() {
        assert_eq!(value("two out of five hundred tvs"), Some(0.004));
        assert_eq!(parse("one over 20 rivals"), Some((1.0, 1, Form::Words)));
    }

    #[test]
    fn dozens_after_a_number() {
        assert_eq!(value("4 dozens"), Some(48.0));
        assert_eq!(value("five dozens"), Some(60.0));
    }
}
