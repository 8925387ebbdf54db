//! Quantities: counts, percentages, money and fractions with hedges, ranges and changes.
//!
//! Takes a segmented [`Document`] with each token's number in the extractors' [`Vocabulary`], the
//! spans already taken by time claims, and the lexicon's hedge phrases, vague amounts and unit
//! nouns (compiled once in [`QuantityExtractor::new`], which numbers every word the extractor
//! looks up and keeps each word's class in a table indexed by its number, so that a token is
//! classified with one look-up; tokens the vocabulary does not read are looked up by their text);
//! gives one quantity claim per stated amount, in text order, without ids.
//!
//! Two passes over the tokens, both linear: the first finds *mentions* (a number with its currency
//! or percent mark, a hyphenated range, or a vague amount; punctuation and words that start
//! neither a vague amount nor a number cost one cheap test), refusing numbers that are not amounts:
//! years, day numbers beside a month, times of day, ordinals, numbers glued to letters or symbols
//! ("F-16", "COVID-19", "G7", "#CENTCOM2"), phone numbers (also spaced: "+1 877 268 9324"),
//! street numbers ("10 Downing Street"), compound modifiers ("45-year-old"), ages ("aged 45",
//! "ages 16 and 6", "Smith, 37,", "Comeaux Jr., 49,", "died at 91", "She was 91.", "his two
//! half-brothers, 17 and 22,", "turned 68"), scores and team records ("(2-13)", "won 3-1", "a
//! 21-17 win", "floundering at 9-14", "(2-13, 1-7 home)"), labels and names ("Section 230",
//! "Flight 93", "FRANCE 24": a number right after a capitalised word names something rather than
//! counting it; "iOS 6", "Windows 8", "Internet Explorer 8 and 9", "'09", ".357 caliber", "called
//! 911"), durations ("two weeks ago"), "one" used as a pronoun and idioms ("would one day", "at one
//! point", "my two cents", "the late nineteen fifties"). The second pass reads each
//! mention's neighbourhood, a bounded window of tokens: the hedge before it, the counted noun after
//! it (or, failing that, the nearest known unit noun before it in the sentence), and whether it
//! pairs with the next mention as a range ("4,000 to 5,000", "between 4,000 and 5,000") or a
//! change ("from about 5,200 to 3,000"). The cue words that decide roles are small `const` tables
//! below.
//!
//! Signs, bounds and units: a minus sign or word right before a number makes it negative ("-4.5",
//! "minus 12"; not "F-16" nor "10 -5"). A bound may follow the amount ("30 or more", "65 and
//! over"): it becomes the claim's hedge ("or more", "or less", phrases of the lexicon's bound
//! rules), overriding an approximate hedge before it. Two bounds of opposite sides joined by
//! "and"/"but" ("above 120 and below 180", "no more than 70 and no less than 40") are **one**
//! range claim: `range` is (low, high), the hedge is dropped, the span covers both bounds, and
//! `range_open` keeps each end's strictness ("above" excludes its end, "at most" includes it), so
//! normalize gives a half-open or open interval. A strict bound followed by "or equal (to)"
//! ("more than 50 or equal to") takes the lexicon's inclusive phrase ("more than or equal to").
//! Fractions said with "over" or "out of" ("1 over 3", "one out of three") and spelled-out counts
//! of parts ("twenty-three fifths") are amounts; a dot standing apart before digits is a decimal
//! point (".08"); "<>30" and "=>30" are comparisons we cannot read and give no claim.
//! "through" and "~" join a range like "to". A percentage and an amount of money are never one
//! range ("rose 15% to $90 million"). Physical units right after a number are its unit text,
//! spaced, glued or hyphenated ("1.6 km", "75ml", "a 6-foot wall", "250 square meters");
//! currency names and symbols after a number make it money ("45 cents" is USD 0.45, "80 pence",
//! "300 swiss francs", "20 €"), with subunits added ("7 dollars and 25 cents"). Numbers glued
//! after "=", "%" or "?" are URL parts, not amounts. "percent of 10" opening and closing its
//! sentence is 10%; a fraction takes a minus before it ("negative one over 20"); a fraction
//! closing its clause ("a fifth.") or "half" after a hedge ("more than half") is an amount; a
//! bare "zero" only when it stands alone ("zero is 0", "fell to zero."); a glued capital "M" is
//! millions, never metres ("10M").
//!
//! Units: a claim whose unit is physical (the table in [`crate::normalize::PHYSICAL_UNITS`]) gets
//! the measure `Physical(dimension)` ("length", "mass", "speed"...), not `Count`. Rates ("km/h",
//! "metres per second", "miles an hour"), powers ("km^2", "km squared"), "°C", units in brackets
//! ("20 (kg)") and feet with inches or pounds with ounces ("5 ft 2 in" = 5.1667 ft) are one unit.
//! "pounds" spaced is sterling unless its sentence weighs (weigh, lose, gain, a baby, another
//! mass unit) and has no money word. Money also reads: hundredths without their name at the end
//! of a clause ("15 dollars 50", "17 USD 25", "c $ 100 and fifty"), codes glued or spaced on
//! either side ("USD115", "115USD", "rmb 10"), millions written with the code ("30 MUSD", "MAUD
//! 60"), a scale after the code ("75 USD million"), Indian scales ("35 lakh rupees", "2 crore"),
//! prices per unit ("$350 per kg": unit text "kg"), prices as modifiers ("a 12-cent dividend",
//! "a one-yen bid"). Two amounts with different physical units, or a percentage or price and a
//! physical amount, are never one range; "44 mg to 50 mg" is. A decimal clock time ("2.17 pm")
//! is no amount. Unit symbols whose case matters ("66 Ma", "40 W"; see
//! [`crate::normalize::CASED_SYMBOLS`]) are read only as written and keep their case in the unit
//! text; after "/" any unit may divide ("J/m^2 per year", "km/s2"), and "s-1" is per second. A
//! stated uncertainty ("12.5 ± 0.5 kg", "+/-") makes a range around the value; "absolute zero"
//! is 0 kelvin; a glued "T" after a currency mark is trillions ("$2.174T").

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::numbers::{self, Form, Pieces, TokenPieces};
use super::vocabulary::{UNREAD, Vocabulary, WordId};
use crate::model::{
    Claim, ClaimDetail, Document, Interval, Measure, Quantity, Role, Span, Token, TokenKind,
};
use crate::rules::{AliasCategory, Bound, Lexicon};

/// Change verbs and nouns. One in the clause before "from X to Y" makes it a change (a before
/// and an after) rather than a range; one before "to Y" makes Y the after value of a change.
const CHANGE_CUES: &[&str] = &[
    "reduce",
    "reduces",
    "reduced",
    "reducing",
    "reduction",
    "cut",
    "cuts",
    "cutting",
    "slash",
    "slashes",
    "slashed",
    "slashing",
    "lower",
    "lowers",
    "lowered",
    "lowering",
    "bring",
    "brings",
    "brought",
    "bringing",
    "down",
    "up",
    "drop",
    "drops",
    "dropped",
    "dropping",
    "fall",
    "falls",
    "fell",
    "fallen",
    "falling",
    "decline",
    "declines",
    "declined",
    "declining",
    "decrease",
    "decreases",
    "decreased",
    "decreasing",
    "shrink",
    "shrinks",
    "shrank",
    "shrunk",
    "shrinking",
    "trim",
    "trims",
    "trimmed",
    "trimming",
    "raise",
    "raises",
    "raised",
    "raising",
    "increase",
    "increases",
    "increased",
    "increasing",
    "rise",
    "rises",
    "rose",
    "risen",
    "rising",
    "grow",
    "grows",
    "grew",
    "grown",
    "growing",
    "climb",
    "climbs",
    "climbed",
    "climbing",
    "jump",
    "jumps",
    "jumped",
    "jumping",
    "boost",
    "boosts",
    "boosted",
    "boosting",
    "drawdown",
    "expand",
    "expands",
    "expanded",
    "expanding",
    "double",
    "doubled",
    "doubling",
    "triple",
    "tripled",
    "halve",
    "halved",
];

/// Month names as written (with case) make a number beside them a day ("September 9").
fn is_month(word: &str) -> bool {
    super::time::month_of(word).is_some()
}

/// Words that, besides the change cues, make "to Y" a target ("get to 5,000", "cap it to 300").
const TARGET_CUES: &[&str] = &[
    "get", "gets", "got", "getting", "cap", "caps", "capped", "limit", "limits", "limited",
];

/// Verbs that directly govern a target value ("aims to reach 4,000 to 5,000 troops").
const TARGET_VERBS: &[&str] = &["reach", "reaches", "reached", "reaching"];

/// Verbs that, directly before a count, make it the size of a change ("withdraw 2,000 troops",
/// "send an additional 1,000", "cut 300 jobs").
const CHANGE_VERBS: &[&str] = &[
    "withdraw",
    "withdraws",
    "withdrew",
    "withdrawn",
    "withdrawing",
    "send",
    "sends",
    "sent",
    "sending",
    "add",
    "adds",
    "added",
    "adding",
    "remove",
    "removes",
    "removed",
    "removing",
    "dispatch",
    "dispatches",
    "dispatched",
    "dispatching",
    "cut",
    "cuts",
    "cutting",
    "slash",
    "slashes",
    "slashed",
    "slashing",
    "shed",
    "sheds",
    "shedding",
    "recall",
    "recalls",
    "recalled",
    "recalling",
];

/// Verbs that make a change only with a particle after them ("call back", "pull out",
/// "bring home", "draw down", "lay off").
const PARTICLE_VERBS: &[&str] = &[
    "call", "calls", "called", "calling", "pull", "pulls", "pulled", "pulling", "bring", "brings",
    "brought", "bringing", "draw", "draws", "drew", "drawn", "drawing", "lay", "lays", "laid",
    "laying", "fly", "flies", "flew", "flown", "flying", "ship", "ships", "shipped", "shipping",
];

/// The particles of [`PARTICLE_VERBS`].
const PARTICLES: &[&str] = &["back", "out", "home", "down", "off", "in"];

/// Words between a change verb and its count ("send an additional 1,000", "another 500").
const ADDITION_FILLERS: &[&str] = &["additional", "further", "extra", "another"];

/// Words after which "to" introduces no target ("according to", "compared to", "close to").
const TO_EXCLUDED: &[&str] = &[
    "according",
    "compared",
    "close",
    "due",
    "equal",
    "equivalent",
    "similar",
    "next",
    "thanks",
    "relative",
    "contrary",
    "prior",
    "owing",
    "up",
];

/// Punctuation that ends the clause a cue word is looked for in.
const CLAUSE_BREAKS: &[&str] = &[";", ":", "(", ")", "\"", "“", "”", "—"];

/// How far back (in tokens) a cue word is looked for.
const CLAUSE_REACH: usize = 25;

/// How far back (in tokens) a known unit noun is looked for when none follows the number.
const UNIT_REACH: usize = 40;

/// Words that end the run of words after a number in which the counted noun is looked for:
/// prepositions, determiners, conjunctions, auxiliaries and common verbs, pronouns, adverbs.
const FUNCTION_WORDS: &[&str] = &[
    // prepositions
    "in",
    "on",
    "at",
    "from",
    "to",
    "by",
    "with",
    "for",
    "of",
    "into",
    "onto",
    "across",
    "over",
    "under",
    "since",
    "during",
    "after",
    "before",
    "about",
    "against",
    "between",
    "per",
    "than",
    "as",
    "via",
    "through",
    "within",
    "without",
    "toward",
    "towards",
    "near",
    "amid",
    "among",
    "including",
    "like",
    "until",
    "till",
    "around",
    "behind",
    "beyond",
    "despite",
    "inside",
    "outside",
    "off",
    "out",
    "up",
    "down",
    "ago",
    "apiece",
    "each",
    // determiners
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "all",
    "every",
    "some",
    "any",
    "no",
    "both",
    "such",
    // conjunctions and relatives
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "while",
    "who",
    "whom",
    "whose",
    "which",
    "where",
    "when",
    "if",
    "because",
    "although",
    "though",
    "whether",
    // auxiliaries and common verbs
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "have",
    "has",
    "had",
    "do",
    "does",
    "did",
    "remain",
    "remains",
    "say",
    "says",
    "said",
    "get",
    "got",
    "make",
    "made",
    "go",
    "went",
    "come",
    "came",
    "take",
    "took",
    "leave",
    "left",
    "stay",
    "stayed",
    // pronouns
    "it",
    "they",
    "he",
    "she",
    "we",
    "you",
    "i",
    "them",
    "him",
    "me",
    "itself",
    "themselves",
    // adverbs
    "now",
    "still",
    "also",
    "already",
    "only",
    "just",
    "currently",
    "last",
    "next",
    "then",
    "there",
    "here",
    "later",
    "earlier",
    "too",
    "very",
    "not",
    "never",
    "ever",
    "again",
    "away",
    "back",
    "home",
    "percent",
    "times",
    "a.m.",
    "p.m.",
    "am",
    "pm",
];

/// Adjectives skipped on the way to the counted noun ("500 more troops").
const MODIFIERS: &[&str] = &[
    "more",
    "additional",
    "extra",
    "other",
    "new",
    "further",
    "fewer",
    "less",
    "remaining",
    "total",
];

/// Plurals that do not end in -s.
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "personnel",
    "children",
    "men",
    "women",
    "police",
    "staff",
    "cattle",
    "aircraft",
    "crew",
    "sheep",
    "fish",
    "deer",
];

/// Words before a number that make it a label, not an amount ("Section 230", "Flight 93");
/// "aged 45" is an age, skipped too.
const LABELS: &[&str] = &[
    "section",
    "article",
    "flight",
    "route",
    "no",
    "no.",
    "number",
    "chapter",
    "page",
    "pages",
    "resolution",
    "room",
    "highway",
    "amendment",
    "line",
    "gate",
    "channel",
    "version",
    "versions",
    "model",
    "episode",
    "season",
    "volume",
    "vol",
    "phase",
    "grade",
    "level",
    "round",
    "stage",
    "week",
    "weeks",
    "day",
    "platform",
    "aged",
    "age",
    "ages",
    "covid",
    "category",
    "class",
    "act",
    "title",
    "unit",
    "squad",
    "district",
    "precinct",
    "bus",
    "interstate",
    "apollo",
];

/// Words before a year that make it a time even when a unit noun follows ("in 2020 people ...").
const YEAR_PREPOSITIONS: &[&str] = &[
    "in", "since", "by", "of", "during", "until", "from", "before", "after", "through", "till",
];

/// Time nouns that, followed by "ago", "later" or "earlier", make a duration, not a count
/// ("a few years later", "two weeks ago").
const TIME_NOUNS: &[&str] = &[
    "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "decades",
    "minutes",
];

/// Words after a number that make it a time of day ("3 p.m.", "9 o'clock").
const TIME_OF_DAY: &[&str] = &[
    "a.m.", "p.m.", "a.m", "p.m", "am", "pm", "o'clock", "gmt", "utc", "hrs", "est", "edt", "cet",
    "cest", "bst", "pst", "pdt", "cst", "cdt", "mst", "mdt", "hkt", "jst", "ist", "aest",
];

/// Whether `w` is a one-word physical unit read right after a number, spaced or glued ("1.6 km",
/// "75ml", "3-inch", "200lbs"), from the table in [`crate::normalize::PHYSICAL_UNITS`]. "m"
/// glued to digits is a scale ("$20m") and "pounds" spaced is money unless its sentence weighs
/// (see [`weighs`]); "in" is read apart.
fn is_unit_word(w: &str) -> bool {
    // The forms, and a filter that refuses most other words (asked of most words after a
    // number) without hashing them.
    static FORMS: LazyLock<(WordFilter, FastSet<&'static str>)> = LazyLock::new(|| {
        let forms = || {
            crate::normalize::PHYSICAL_UNITS
                .iter()
                .flat_map(|(_, _, forms)| forms.iter().copied())
        };
        (WordFilter::new(forms()), forms().collect())
    });
    let (filter, forms) = &*FORMS;
    filter.may_hold(head8(w.as_bytes(), 0, w.len()), w.len()) && forms.contains(w)
}

/// Words before a physical unit that are part of it ("square meters", "metric tons").
const UNIT_PREFIXES: &[&str] = &["square", "sq", "cubic", "metric"];

/// Units a glued or hyphenated weight may use ("5-pound bag"): spaced "pounds" is money.
const GLUED_ONLY_UNITS: &[&str] = &["pound", "pounds"];

/// Words after a number that bound it from one side ("50 or more", "ten or fewer"): the phrase
/// and the hedge phrase it stands for in the lexicon.
const POSTFIX_BOUNDS: &[(&str, &str)] = &[
    ("more", "or more"),
    ("greater", "or more"),
    ("higher", "or more"),
    ("above", "or more"),
    ("over", "or more"),
    ("less", "or less"),
    ("fewer", "or less"),
    ("lower", "or less"),
    ("below", "or less"),
    ("under", "or less"),
    ("up", "or more"),
];

/// Currency names after a number that are a hundredth of a main unit ("34 cents", "197 pence"),
/// or a tenth ("3 dimes").
const SUBUNIT_WORDS: &[(&str, &str)] = &[
    ("dimes", "USD"),
    ("dime", "USD"),
    ("cents", "USD"),
    ("cent", "USD"),
    ("pence", "GBP"),
    ("penny", "GBP"),
    ("pennies", "GBP"),
    ("satoshis", "BTC"),
    ("satoshi", "BTC"),
];

/// Nationality words before a currency name ("australian dollars", "swiss francs").
const CURRENCY_ADJECTIVES: &[(&str, &str)] = &[
    ("us", "USD"),
    ("u.s.", "USD"),
    ("american", "USD"),
    ("australian", "AUD"),
    ("canadian", "CAD"),
    ("singapore", "SGD"),
    ("swiss", "CHF"),
    ("turkish", "TRY"),
    ("mexican", "MXN"),
    ("dutch", "NLG"),
    ("finnish", "FIM"),
    ("french", "FRF"),
    ("indian", "INR"),
    ("japanese", "JPY"),
    ("chinese", "CNY"),
];

/// Currency symbols before a number.
const CURRENCY_SYMBOLS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₿", "BTC"),
];

/// Currency symbols also written after a number ("10 €", "100₾", "100元").
const CURRENCY_SYMBOLS_AFTER: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("元", "CNY"),
    ("₡", "CRC"),
    ("₾", "GEL"),
    ("₭", "LAK"),
    ("₽", "RUB"),
    ("₩", "KRW"),
    ("₺", "TRY"),
    ("₦", "NGN"),
    ("₱", "PHP"),
    ("฿", "THB"),
    ("ரூ", "LKR"),
];

/// Letters glued before "$" ("US$20", "C$5").
const DOLLAR_PREFIXES: &[(&str, &str)] = &[
    ("us", "USD"),
    ("usd", "USD"),
    ("cad", "CAD"),
    ("aud", "AUD"),
    ("nzd", "NZD"),
    ("hkd", "HKD"),
    ("sgd", "SGD"),
    ("mxn", "MXN"),
    ("mex", "MXN"),
    ("u.s.", "USD"),
    ("c", "CAD"),
    ("ca", "CAD"),
    ("a", "AUD"),
    ("au", "AUD"),
    ("nz", "NZD"),
    ("hk", "HKD"),
    ("s", "SGD"),
];

/// ISO codes written before a number ("USD 20"), upper-case as written.
const ISO_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "SEK",
    "NOK", "DKK", "RUB", "KRW", "BRL", "ZAR", "MXN", "TRY", "PLN", "LKR", "PKR", "RMB", "NGN",
];

/// The currency an ISO code names, written upper-case ("USD") or lower-case before a number
/// ("usd 20", "rmb 10"); "RMB" is the yuan.
fn iso_code(written: &str) -> Option<&'static str> {
    // "try 20 times", "rub 2 spoons": English words.
    if matches!(written, "try" | "rub") {
        return None;
    }
    // The codes are three upper-case letters: an upper-case copy fits in three bytes.
    let &[a, b, c] = written.as_bytes() else {
        return None;
    };
    let upper = [a, b, c].map(|x| x.to_ascii_uppercase());
    let code = ISO_CODES.iter().find(|code| code.as_bytes() == upper)?;
    Some(if *code == "RMB" { "CNY" } else { code })
}

/// An amount in millions written with the code: "30 MUSD", "MEUR 120" (Scandinavian and
/// German business usage); upper-case only.
fn million_code(written: &str) -> Option<&'static str> {
    let rest = written.strip_prefix('M').filter(|r| r.len() == 3)?;
    ISO_CODES
        .iter()
        .find(|c| **c == rest)
        .map(|c| if *c == "RMB" { "CNY" } else { *c })
}

/// Currency words after a number ("20 million dollars", "5 euros"). "pounds" is read as money:
/// news counts pounds sterling far more often than pounds of weight.
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("usd", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("eur", "EUR"),
    ("pounds", "GBP"),
    ("pound", "GBP"),
    ("sterling", "GBP"),
    ("gbp", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rmb", "CNY"),
    ("rupees", "INR"),
    ("rupee", "INR"),
    ("francs", "CHF"),
    ("franc", "CHF"),
    ("lira", "TRY"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("pesetas", "ESP"),
    ("markka", "FIM"),
    ("guilders", "NLG"),
    ("bitcoins", "BTC"),
    ("bitcoin", "BTC"),
    ("btc", "BTC"),
];

/// FNV-1a: the lookup tables hash one short word per token, where the default SipHash costs more
/// than the rest of the scan. Keys come from the lexicon, so collision attacks are not a concern.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// The first eight bytes of the `len`-byte word at `bytes[start..]`, little-endian, zero past
/// its end: one load where the text goes on for eight more bytes.
fn head8(bytes: &[u8], start: usize, len: usize) -> u64 {
    let raw = match bytes.get(start..start + 8) {
        Some(chunk) => u64::from_le_bytes(chunk.try_into().unwrap_or_default()),
        None => {
            let mut buf = [0u8; 8];
            let n = len.min(8).min(bytes.len().saturating_sub(start));
            if let Some(part) = bytes.get(start..start + n) {
                buf[..n].copy_from_slice(part);
            }
            u64::from_le_bytes(buf)
        }
    };
    if len >= 8 {
        raw
    } else {
        raw & ((1u64 << (8 * len)) - 1)
    }
}

/// A cheap pre-test for a word set: the lengths (up to 63 bytes) of its words, by first byte.
/// A word it refuses is not in the set; one it accepts may be.
#[derive(Debug)]
struct Shapes([u64; 256]);

impl Shapes {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> Shapes {
        let mut lengths = [0u64; 256];
        for w in words {
            if let Some(&first) = w.as_bytes().first() {
                lengths[usize::from(first)] |= 1 << w.len().min(63);
            }
        }
        Shapes(lengths)
    }

    /// The lengths of the set's words starting with `first`, as bits.
    fn lengths(&self, first: u8) -> u64 {
        self.0[usize::from(first)]
    }
}

/// A cheap pre-test for a word set: 4096 bits set by a hash of each word's first eight bytes
/// and length. A word it refuses is not in the set; one it accepts may be.
#[derive(Debug)]
struct WordFilter([u64; 64]);

impl WordFilter {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> WordFilter {
        let mut bits = [0u64; 64];
        for w in words {
            let slot = Self::slot(head8(w.as_bytes(), 0, w.len()), w.len());
            bits[slot / 64] |= 1 << (slot % 64);
        }
        WordFilter(bits)
    }

    fn slot(head: u64, len: usize) -> usize {
        ((head ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52) as usize
    }

    /// Whether the word with these [`head8`] bytes and length may be in the set.
    fn may_hold(&self, head: u64, len: usize) -> bool {
        let slot = Self::slot(head, len);
        self.0[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// A hedge phrase split into tokens.
#[derive(Debug)]
struct HedgeEntry {
    tokens: Vec<String>,
    phrase: String,
    bound: Bound,
}

/// A vague-amount phrase split into tokens, and the phrase a claim records.
#[derive(Debug)]
struct VagueEntry {
    tokens: Vec<String>,
    /// The lexicon phrase without a trailing "of" when the lexicon has that form too
    /// ("dozens of" → "dozens"), else the phrase itself ("scores of").
    claim_phrase: String,
    /// Whether the phrase ends with "of".
    has_of: bool,
    /// "several": the noun after it must be plural.
    needs_plural: bool,
}

/// What a word can start.
#[derive(Debug, Default)]
struct Starter {
    /// Vague phrases starting with the word, longest first.
    vague: Vec<usize>,
    /// A spelled-out number or fraction ("six", "twenty", "a", "half").
    number: bool,
}

/// What the extractor knows of one word: the lists it heads and the sets it is in.
#[derive(Debug, Clone, Copy)]
struct WordClass {
    /// Index in [`QuantityExtractor::starters`], or [`WordClass::NONE`].
    starter: u32,
    /// Index in [`QuantityExtractor::hedge_lists`] (hedge phrases ending with the word), or
    /// [`WordClass::NONE`].
    hedges: u32,
    /// Index in [`QuantityExtractor::multi_units`] (multi-word units starting with the word),
    /// or [`WordClass::NONE`].
    multi_units: u32,
    /// [`WordClass::MAY_START`], [`WordClass::UNIT_NOUN`], ...
    flags: u32,
}

impl WordClass {
    const NONE: u32 = u32::MAX;
    /// A token spelling the word may start a mention (see [`QuantityExtractor::may_start`]).
    const MAY_START: u32 = 1;
    /// A one-word unit variant ("troops", "people").
    const UNIT_NOUN: u32 = 1 << 1;
    const FUNCTION_WORD: u32 = 1 << 2;
    const LABEL: u32 = 1 << 3;
    const CHANGE_CUE: u32 = 1 << 4;
    const CHANGE_VERB: u32 = 1 << 5;
    const PARTICLE_VERB: u32 = 1 << 6;
    /// A word that, spaced after digits, may carry on their number
    /// ([`numbers::digits_followers`]: "5 million", "3 and a half", "1 over 3").
    const CARRIES_DIGITS: u32 = 1 << 7;
    /// A word that may carry on a number after "a" or "an" ([`numbers::article_followers`]:
    /// "a third", "a dozen").
    const FOLLOWS_ARTICLE: u32 = 1 << 8;
    /// The second word of a vague phrase ("few" of "a few").
    const VAGUE_SECOND: u32 = 1 << 9;
    /// "a" or "an", when every vague phrase it starts has a second word: it starts a mention
    /// only before a word that is [`WordClass::FOLLOWS_ARTICLE`] or [`WordClass::VAGUE_SECOND`].
    const ARTICLE: u32 = 1 << 10;
    /// A word after a number that makes it a time of day ([`TIME_OF_DAY`]: "3 pm", "9 GMT").
    const TIME_OF_DAY: u32 = 1 << 11;

    /// A word the extractor does not know.
    const PLAIN: WordClass = WordClass {
        starter: Self::NONE,
        hedges: Self::NONE,
        multi_units: Self::NONE,
        flags: 0,
    };

    fn is(self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    fn ends_hedge(self) -> bool {
        self.hedges != Self::NONE
    }
}

/// The quantity extractor, with its lookup tables built once.
#[derive(Debug)]
pub struct QuantityExtractor {
    hedges: Vec<HedgeEntry>,
    /// Per last token of a hedge phrase: hedge indices, longest phrase first.
    hedge_lists: Vec<Vec<usize>>,
    vague: Vec<VagueEntry>,
    /// Every word that can start a vague amount or a spelled-out number.
    starters: Vec<Starter>,
    /// Per first word of a multi-word unit variant: the variants' tokens, longest first.
    multi_units: Vec<Vec<Vec<String>>>,
    /// Every word the extractor knows, lower-case, with its class: read for tokens the
    /// vocabulary does not read (longer than sixteen bytes, or not ASCII).
    by_text: FastMap<String, WordClass>,
    /// Per word of the vocabulary (by [`WordId`]): its class. Words added after the extractor
    /// was built, and `UNKNOWN`, are past its end: plain words.
    classes: Vec<WordClass>,
    /// Per word number, one byte for the scan ([`Self::next_candidate`]): [`Self::STARTS`]
    /// when a token spelling the word may start a mention; one more entry past the end, for
    /// every number past it (later words, `UNKNOWN`, `UNREAD`), says [`Self::BY_TEXT`].
    scan: Vec<u8>,
    /// The first byte and length of every number starter: a hyphenated word may start with one
    /// ("twenty-one").
    number_shapes: Shapes,
}

/// A document prepared for the extractor: its tokens, read as pieces (lower-case text, kind,
/// glued) when asked for, and its original text.
struct View<'a> {
    text: &'a str,
    /// `text` lower-cased byte for byte.
    lower: &'a str,
    tokens: &'a [Token],
    /// The number of each token in the extractors' vocabulary; may be shorter than `tokens`
    /// (a token without one is read from its text).
    words: &'a [WordId],
    ps: TokenPieces<'a>,
}

impl View<'_> {
    /// Lower-case text of token `i`, or "" past the end.
    fn low(&self, i: usize) -> &str {
        self.ps.text(i)
    }

    /// Original text of token `i`, or "" past the end.
    fn orig(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.span.start..t.span.end])
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    fn glued(&self, i: usize) -> bool {
        self.ps.glued(i)
    }

    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence,
            _ => false,
        }
    }

    /// The token before `i` in the same sentence.
    fn before(&self, i: usize) -> Option<usize> {
        i.checked_sub(1).filter(|&p| self.same_sentence(p, i))
    }

    /// Lower-case text of the token before `i` in the same sentence, or "".
    fn low_before(&self, i: usize) -> &str {
        self.before(i).map_or("", |p| self.low(p))
    }

    /// Lower-case text of token `i` if it is in the sentence of token `anchor`, or "".
    fn low_in(&self, i: usize, anchor: usize) -> &str {
        if self.same_sentence(i, anchor) {
            self.low(i)
        } else {
            ""
        }
    }

    /// Byte span of tokens `start..end`.
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.tokens[start].span.start, self.tokens[end - 1].span.end)
    }
}

/// A stated amount found by the first pass.
#[derive(Debug, Clone)]
struct Mention {
    /// First token (a currency mark included) and one past the last (a percent or currency word
    /// included).
    start: usize,
    end: usize,
    /// The value (0 for vague amounts).
    value: f64,
    /// A hyphenated range ("4,000-5,000").
    range: Option<(f64, f64)>,
    measure: Measure,
    /// Index of the vague phrase.
    vague: Option<usize>,
    form: Form,
    scale: f64,
    /// Whether the mention carries its own currency or percent mark.
    marked: bool,
    /// Where the counted noun is looked for: after the number, or after "of" for vague amounts.
    noun_from: usize,
    // Filled by the second pass.
    /// Index of the hedge phrase, before the amount or a bound after it.
    hedge: Option<usize>,
    hedge_start: usize,
    unit: Option<String>,
    /// One past the counted noun (or `end` when there is none).
    unit_end: usize,
}

/// What the first pass makes of a token.
enum Step {
    Found(Mention),
    /// Not an amount; resume at this token.
    Skip(usize),
}

impl QuantityExtractor {
    pub fn new(lexicon: &Lexicon, vocabulary: &mut Vocabulary) -> QuantityExtractor {
        let mut by_text: FastMap<String, WordClass> = FastMap::default();
        let mut hedges = Vec::new();
        let mut hedges_by_last: FastMap<String, Vec<usize>> = FastMap::default();
        for h in &lexicon.hedges {
            let tokens = phrase_tokens(&h.phrase);
            let Some(last) = tokens.last().cloned() else {
                continue;
            };
            hedges_by_last.entry(last).or_default().push(hedges.len());
            hedges.push(HedgeEntry {
                tokens,
                phrase: h.phrase.clone(),
                bound: h.bound,
            });
        }
        let mut hedge_lists = Vec::new();
        for (last, mut list) in hedges_by_last {
            list.sort_by_key(|&i| std::cmp::Reverse(hedges[i].tokens.len()));
            by_text.entry(last).or_insert(WordClass::PLAIN).hedges = hedge_lists.len() as u32;
            hedge_lists.push(list);
        }
        let mut vague = Vec::new();
        let mut vague_by_first: FastMap<String, Vec<usize>> = FastMap::default();
        for v in &lexicon.vague {
            let tokens = phrase_tokens(&v.phrase);
            let Some(first) = tokens.first().cloned() else {
                continue;
            };
            let has_of = tokens.len() > 1 && tokens.last().is_some_and(|t| t == "of");
            let claim_phrase = match v.phrase.strip_suffix(" of") {
                Some(short) if lexicon.vague_amount(short).is_some() => short.to_string(),
                _ => v.phrase.clone(),
            };
            vague_by_first.entry(first).or_default().push(vague.len());
            vague.push(VagueEntry {
                needs_plural: v.phrase == "several",
                tokens,
                claim_phrase,
                has_of,
            });
        }
        // The starter of `w`, made on first need.
        fn starter<'s>(
            w: &str,
            starters: &'s mut Vec<Starter>,
            by_text: &mut FastMap<String, WordClass>,
        ) -> &'s mut Starter {
            let c = by_text.entry(w.to_string()).or_insert(WordClass::PLAIN);
            if c.starter == WordClass::NONE {
                c.starter = starters.len() as u32;
                starters.push(Starter::default());
            }
            &mut starters[c.starter as usize]
        }
        let mut starters: Vec<Starter> = Vec::new();
        for (first, mut list) in vague_by_first {
            list.sort_by_key(|&i| std::cmp::Reverse(vague[i].tokens.len()));
            starter(&first, &mut starters, &mut by_text).vague = list;
        }
        for w in numbers::number_word_starts() {
            starter(w, &mut starters, &mut by_text).number = true;
        }
        let mut multi_by_first: FastMap<String, Vec<Vec<String>>> = FastMap::default();
        for (variant, _) in lexicon.variants(AliasCategory::Unit) {
            let tokens = phrase_tokens(variant);
            match tokens.len() {
                0 => {}
                1 => {
                    let c = by_text.entry(tokens[0].clone()).or_insert(WordClass::PLAIN);
                    c.flags |= WordClass::UNIT_NOUN;
                }
                _ => multi_by_first
                    .entry(tokens[0].clone())
                    .or_default()
                    .push(tokens),
            }
        }
        let mut multi_units = Vec::new();
        for (first, mut list) in multi_by_first {
            list.sort_by_key(|t| std::cmp::Reverse(t.len()));
            let c = by_text.entry(first).or_insert(WordClass::PLAIN);
            c.multi_units = multi_units.len() as u32;
            multi_units.push(list);
        }
        for (words, flag) in [
            (FUNCTION_WORDS, WordClass::FUNCTION_WORD),
            (LABELS, WordClass::LABEL),
            (CHANGE_CUES, WordClass::CHANGE_CUE),
            (CHANGE_VERBS, WordClass::CHANGE_VERB),
            (PARTICLE_VERBS, WordClass::PARTICLE_VERB),
            (TIME_OF_DAY, WordClass::TIME_OF_DAY),
        ] {
            for &w in words {
                let c = by_text.entry(w.to_string()).or_insert(WordClass::PLAIN);
                c.flags |= flag;
            }
        }
        for w in numbers::digits_followers() {
            let c = by_text.entry(w.to_string()).or_insert(WordClass::PLAIN);
            c.flags |= WordClass::CARRIES_DIGITS;
        }
        for w in numbers::article_followers() {
            let c = by_text.entry(w).or_insert(WordClass::PLAIN);
            c.flags |= WordClass::FOLLOWS_ARTICLE;
        }
        for entry in &vague {
            if let Some(second) = entry.tokens.get(1) {
                let c = by_text.entry(second.clone()).or_insert(WordClass::PLAIN);
                c.flags |= WordClass::VAGUE_SECOND;
            }
        }
        for article in ["a", "an"] {
            if let Some(c) = by_text.get_mut(article)
                && let Some(st) = starters.get(c.starter as usize)
                && st.vague.iter().all(|&idx| vague[idx].tokens.len() > 1)
            {
                c.flags |= WordClass::ARTICLE;
            }
        }
        let mut extractor = QuantityExtractor {
            hedges,
            hedge_lists,
            vague,
            starters,
            multi_units,
            by_text,
            classes: Vec::new(),
            scan: Vec::new(),
            number_shapes: Shapes::new(numbers::number_word_starts()),
        };
        // Every word known, numbered (a word with a capital is never a token's lower-case
        // text, so it stays out); then each number's class, with whether a token spelling the
        // word may start a mention.
        let mut known: Vec<(&str, WordClass)> = extractor
            .by_text
            .iter()
            .map(|(w, c)| (w.as_str(), *c))
            .collect();
        known.sort_unstable_by_key(|&(w, _)| w);
        let ids: Vec<(WordId, WordClass)> = known
            .into_iter()
            .filter(|(w, _)| !w.bytes().any(|b| b.is_ascii_uppercase()))
            .filter_map(|(w, c)| Some((vocabulary.add(w)?, c)))
            .collect();
        let mut classes = vec![WordClass::PLAIN; vocabulary.len()];
        for (id, c) in ids {
            classes[id as usize] = c;
        }
        for (id, c) in classes.iter_mut().enumerate() {
            if let Some(w) = vocabulary.word(id as WordId)
                && extractor.may_start_text(w)
            {
                c.flags |= WordClass::MAY_START;
            }
        }
        extractor.scan = classes
            .iter()
            .map(|c| {
                if c.is(WordClass::MAY_START) {
                    Self::STARTS
                } else {
                    0
                }
            })
            .chain([Self::BY_TEXT])
            .collect();
        extractor.classes = classes;
        extractor
    }

    /// [`QuantityExtractor::extract_lowered`], lower-casing the text itself (for tests).
    #[cfg(test)]
    pub(crate) fn extract(
        &self,
        doc: &Document,
        source: usize,
        taken: &[Span],
        words: &[WordId],
    ) -> Vec<Claim> {
        let lower = doc.source.text.to_ascii_lowercase();
        self.extract_lowered(doc, source, taken, &lower, words)
    }

    /// The quantity claims of `doc` (`taken`: the time claims' spans), given the text lower-cased
    /// (`str::to_ascii_lowercase`) and each token's word number, so that a caller running several
    /// extractors makes that copy once.
    pub(crate) fn extract_lowered(
        &self,
        doc: &Document,
        source: usize,
        taken: &[Span],
        lower: &str,
        words: &[WordId],
    ) -> Vec<Claim> {
        let view = View {
            text: &doc.source.text,
            lower,
            tokens: &doc.tokens,
            words,
            ps: TokenPieces::new(lower, &doc.tokens),
        };
        let taken = Taken::new(taken);
        let mut mentions = self.find_mentions(&view, &taken);
        for m in &mut mentions {
            self.read_surroundings(&view, m);
        }
        let mut claims = self.claims(doc, &view, source, &mentions, &taken);
        for c in &mut claims {
            if let ClaimDetail::Quantity(q) = &mut c.detail
                && q.measure == Measure::Count
                && let Some((_, dimension)) = q
                    .unit_text
                    .as_deref()
                    .and_then(crate::normalize::physical_unit)
            {
                q.measure = Measure::Physical(dimension.to_string());
            }
        }
        claims
    }

    /// First pass: every mention, in text order.
    fn find_mentions(&self, v: &View, taken: &Taken) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        let mut i = 0;
        let mut passed = 0;
        while let Some(c) = self.next_candidate(v, i) {
            i = c;
            if taken.holds(&mut passed, v.tokens[i].span) {
                i += 1;
                continue;
            }
            let step = match v.tokens[i].kind {
                TokenKind::Number => self.number_at(v, i),
                _ => self.word_at(v, i),
            };
            match step {
                Step::Found(mut m) => {
                    // A mark the previous mention ends with is not this one's ("17 USD 25").
                    if let Some(prev) = out.last() {
                        m.start = m.start.max(prev.end.max(prev.unit_end).min(i));
                    }
                    i = m.end.max(i + 1);
                    out.push(m);
                }
                Step::Skip(next) => i = next.max(i + 1),
            }
        }
        out
    }

    /// A mention starting with the digits at `i`. Kept out of line (as is [`Self::word_at`]):
    /// inlined, it would crowd the registers of the scan over every token.
    #[inline(never)]
    fn number_at(&self, v: &View, i: usize) -> Step {
        let skip = Step::Skip(i + 1);
        // Glued to what comes before: "#CENTCOM 2" no, but "F-16", "COVID-19", "+44", "10:30".
        if v.glued(i) && i > 0 {
            match v.low(i - 1) {
                // ... and URL parts: "?q=30", "%2F01".
                // "<>30" (not equal) and "=>30", "=<30" (arrows or typos): no bound we can read.
                "<" | ">"
                    if i >= 2 && v.glued(i - 1) && matches!(v.low(i - 2), "=" | "<" | ">") =>
                {
                    return skip;
                }
                // A dot standing apart before digits is a decimal point (".08"), read below.
                "." if !v.glued(i - 1) => {}
                "#" | "@" | "+" | "/" | ":" | "." | "," | "_" | "\\" | "&" | "=" | "%" | "?"
                | "^" => {
                    return skip;
                }
                "-" | "–"
                    if v.glued(i - 1)
                        && i >= 2
                        && !CURRENCY_SYMBOLS.iter().any(|(s, _)| *s == v.low(i - 2)) =>
                {
                    return skip;
                }
                _ => {}
            }
        }
        if let Some(end) = phone_groups(v, i) {
            return Step::Skip(end);
        }
        let Some(m) = self.parse_digits(v, i) else {
            return glued_run_skip(v, i);
        };
        let m = capital_trillion(v, i, capital_million(v, m));
        let mut k = m.end;
        let mut glued_unit = None;
        if clock_decimal(v, i, k) {
            return glued_run_skip(v, i);
        }
        if v.glued(k) {
            match (v.kind(k), v.low(k)) {
                // A currency code: "115USD".
                (Some(TokenKind::Word), w)
                    if iso_code(v.orig(k)).is_some()
                        || CURRENCY_SYMBOLS_AFTER.iter().any(|(s, _)| *s == w) => {}
                // A physical unit: "75ml", "200lbs".
                (Some(TokenKind::Word), _)
                    if let Some(e) = self.physical_unit_at(v, k, true)
                        && !(v.glued(e) && v.kind(e) != Some(TokenKind::Punct)) =>
                {
                    glued_unit = Some((k, e));
                }
                // Ordinals, times ("3pm"), decades ("1990s").
                (Some(TokenKind::Word), _) => return glued_run_skip(v, i),
                // A price per unit: "$15.4/hour".
                (Some(TokenKind::Punct), "/")
                    if currency_before(v, i).1.is_some()
                        && v.glued(k + 1)
                        && (is_unit_word(v.low(k + 1))
                            || crate::normalize::time_unit(v.low(k + 1)).is_some()) => {}
                (Some(TokenKind::Punct), ":" | "/") => return glued_run_skip(v, i),
                (Some(TokenKind::Punct), "-" | "–") if v.glued(k + 1) => {
                    if v.kind(k + 1) == Some(TokenKind::Number) {
                        return self.hyphen_range(v, i, m, k + 1);
                    }
                    // A measure as a modifier: "a 3-inch screen", "a 45-acre farm".
                    if let Some(e) = self.physical_unit_at(v, k + 1, true)
                        && !(v.glued(e) && v.kind(e) != Some(TokenKind::Punct))
                    {
                        glued_unit = Some((k + 1, e));
                    } else if is_currency_word(v.low(k + 1)) {
                        // A price as a modifier: "a 12-cent dividend", "a 5-dollar bill".
                        let mut mention = new_mention(i, k, m);
                        let e = read_mark(v, k + 1, &mut mention);
                        mention.end = e;
                        mention.noun_from = e;
                        return Step::Found(mention);
                    } else {
                        // A compound modifier: "45-year-old", "10-point plan".
                        return glued_run_skip(v, i);
                    }
                }
                (Some(TokenKind::Punct), "(" | ")") if v.kind(k + 1) == Some(TokenKind::Number) => {
                    return glued_run_skip(v, i);
                }
                _ => {}
            }
        }
        // A spaced dash between two numbers: "4,000 – 5,000".
        if matches!(v.low(k), "-" | "–")
            && !v.glued(k)
            && !v.glued(k + 1)
            && v.kind(k + 1) == Some(TokenKind::Number)
            && v.same_sentence(i, k + 1)
        {
            return self.hyphen_range(v, i, m, k + 1);
        }
        if self.not_an_amount(v, i, k, &m) {
            return Step::Skip(k);
        }
        // A decimal written without its leading zero: ".08", "a rate of .5". The dot must stand
        // apart from the word before it ("Nov.6" and "v.2" are not decimals).
        let dot = i.checked_sub(1).filter(|&p| {
            v.low(p) == "."
                && v.glued(i)
                && !v.glued(p)
                && k == i + 1
                && m.scale == 1.0
                && v.low(i).bytes().all(|b| b.is_ascii_digit())
        });
        if dot.is_none() && i > 0 && v.glued(i) && v.low(i - 1) == "." {
            return Step::Skip(k);
        }
        let m = match dot.and_then(|_| format!("0.{}", v.low(i)).parse::<f64>().ok()) {
            Some(value) => numbers::NumberMatch { value, ..m },
            None => m,
        };
        let first = dot.unwrap_or(i);
        let minus = minus_before(v, first);
        let (mut start, mut prefix_currency) = currency_before(v, minus.unwrap_or(first));
        // "10 rmb 20 usd", "10 $ 30 $": a mark between two amounts, when the second has its
        // own, ends the first.
        if prefix_currency.is_some()
            && v.before(start)
                .is_some_and(|p| v.kind(p) == Some(TokenKind::Number))
            && currency_mark_at(v, k)
        {
            (start, prefix_currency) = (minus.unwrap_or(first), None);
        }
        let mut mention = new_mention(start, k, m);
        if minus.is_some() {
            mention.value = -mention.value;
        }
        if let Some(code) = prefix_currency {
            mention.measure = Measure::Money(code.to_string());
            mention.marked = true;
            if million_code(v.orig(start)).is_some() {
                mention.value *= 1e6;
            }
        }
        // A stated uncertainty: "9.83e-3 +/- 1e-5 km/s2" is the range 9.82e-3 to 9.84e-3.
        if glued_unit.is_none()
            && let Some((u, after)) = uncertainty_after(v, k)
        {
            mention.range = Some((mention.value - u, mention.value + u));
            k = after;
        }
        if let Some((u, e)) = glued_unit {
            mention.unit = Some(unit_text(v, u, e));
            mention.unit_end = e;
            mention.end = k;
            mention.noun_from = e;
            return Step::Found(mention);
        }
        k = read_indian_scale(v, k, &mut mention);
        k = read_mark(v, k, &mut mention);
        k = read_subunit(v, k, &mut mention);
        if mention.measure == Measure::Count && self.read_unit(v, k, &mut mention) {
            return Step::Found(mention);
        }
        if matches!(mention.measure, Measure::Money(_)) {
            k = read_money_rate(v, k, &mut mention);
        }
        // A capital "M" is never metres (the SI symbol is "m"): "10M" is ten million.
        if m.short_m && !matches!(mention.measure, Measure::Money(_)) && v.orig(m.end - 1) != "M" {
            // "100m" without a currency is a distance: metres when a size word follows ("1.8m
            // tall", "a 30m long wall"), otherwise left alone (a race, a label).
            if matches!(v.low_in(k, i), "tall" | "long" | "high" | "wide" | "deep") {
                mention.value /= m.scale;
                mention.scale = 1.0;
                mention.unit = Some("m".to_string());
                mention.unit_end = k;
                mention.end = k;
                mention.noun_from = k;
                return Step::Found(mention);
            }
            return Step::Skip(k);
        }
        // "8- to 16-meter": the first number of a suspended range keeps its hyphen.
        if matches!(v.low_in(k, i), "-" | "–")
            && v.glued(k)
            && v.low_in(k + 1, i) == "to"
            && !v.glued(k + 1)
            && mention.measure == Measure::Count
        {
            k += 1;
        }
        mention.end = k;
        mention.noun_from = k;
        Step::Found(mention)
    }

    /// Whether the digits at `i` (ending before token `k`) are a year, a day, a time, a label.
    fn not_an_amount(&self, v: &View, i: usize, k: usize, m: &numbers::NumberMatch) -> bool {
        let prev = v.low_before(i);
        if self.class_before(v, i).is(WordClass::LABEL) || self.is_name_before(v, i) {
            return true;
        }
        // "No. 8", "Vol. 3".
        if prev == "."
            && v.before(i)
                .and_then(|p| v.before(p))
                .is_some_and(|pp| self.class(v, pp).is(WordClass::LABEL))
        {
            return true;
        }
        if is_age(v, i, k)
            || is_stated_age(v, i, k, m.value)
            || is_street_number(v, i, k)
            || self.names_something(v, i, k)
            || decimal_split_off(v, i)
        {
            return true;
        }
        // Days beside a month: "September 9", "9 September", "Sept. 9".
        let month_before = v.before(i).is_some_and(|p| {
            is_month(v.orig(p)) || (v.orig(p) == "." && p > 0 && is_month(v.orig(p - 1)))
        });
        if month_before || (v.same_sentence(i, k) && is_month(v.orig(k))) {
            return true;
        }
        // "2.1 pm" is no clock time (picometres), "2 pm" and "2.17 pm" are; "3 hrs" is a
        // duration, "1800 hrs" a time.
        // The word's class says it in one load, where comparing it with each listed word would
        // branch on its length once per entry.
        let clock_word = self.class(v, k).is(WordClass::TIME_OF_DAY)
            && (v.low(k) != "hrs" || v.low(i).len() == 4);
        if v.same_sentence(i, k)
            && (clock_word && !v.low(i).contains('.') || clock_decimal(v, i, k))
        {
            return true;
        }
        // "3 a. m." as some feeds space it.
        if matches!(v.low(k), "a" | "p") && v.low(k + 1) == "." && v.low(k + 2) == "m" {
            return true;
        }
        // "$2000" is money, not a year.
        if is_year_like(v.low(i)) && m.scale == 1.0 && currency_before(v, i).1.is_none() {
            let unit_follows = v.same_sentence(i, k) && self.class(v, k).is(WordClass::UNIT_NOUN);
            return !unit_follows || YEAR_PREPOSITIONS.contains(&prev);
        }
        false
    }

    /// A capitalised word (not opening the sentence) right before the number at `i` makes the
    /// number part of a name: "FRANCE 24", "Boeing 737", "Apollo 11". Possessives ("Iraq's 5,000"),
    /// hedges ("Some 2,200"), ISO currency codes ("USD 20") and function words do not.
    fn is_name_before(&self, v: &View, i: usize) -> bool {
        let Some(p) = v.before(i).filter(|&p| v.is_word(p)) else {
            return false;
        };
        let o = v.orig(p);
        let class = self.class(v, p);
        o.chars().next().is_some_and(char::is_uppercase)
            && v.before(p).is_some()
            && !o.ends_with("'s")
            && !o.ends_with("’s")
            && iso_code(o).is_none()
            && million_code(o).is_none()
            && !class.is(WordClass::FUNCTION_WORD)
            && !class.ends_hedge()
    }

    /// Whether the number at `i` (ending before token `k`) is part of a name, a model, a version
    /// or a code rather than an amount: right after a product name ("Windows 8", "Core 2 Duo"),
    /// a word with inner capitals ("iOS 6", "iLife 09", "GarageBand 09") or a radio band ("AM
    /// 570"); before "caliber" or "block" (".357 caliber", "the 22000 block of", "8 Block") or
    /// "Most Wanted"; a year written with an apostrophe ("'09", "’86"); an emergency number
    /// dialled ("called 911"); or a later bare number of a list headed by a name ("Internet
    /// Explorer 8 and 9", "versions 6, 7, 8, and 9", "Windows XP, Vista and 7", "IE6 to 10").
    fn names_something(&self, v: &View, i: usize, k: usize) -> bool {
        let next = v.low_in(k, i);
        let apostrophe_year =
            k == i + 1 && v.glued(i) && v.low(i).len() == 2 && matches!(v.low_before(i), "'" | "’");
        name_word_before(v, i)
            || NAME_AFTER.contains(&next)
            || (next == "most" && v.low_in(k + 1, i) == "wanted")
            || apostrophe_year
            || (matches!(v.low(i), "911" | "999") && CALL_WORDS.contains(&v.low_before(i)))
            || self.in_name_list(v, i, k)
    }

    /// Whether the bare number at `i` (nothing counted after it) is a later item of a list or
    /// range that names things: its first number follows a label or a name ("versions 6, 7",
    /// "Explorer 8 and 9") or is glued to letters ("IE6 to 10"), or a capitalised name is one of
    /// its items ("Windows XP, Vista and 7").
    fn in_name_list(&self, v: &View, i: usize, k: usize) -> bool {
        if !ends_bare(v, i, k) {
            return false;
        }
        let head = list_head(v, i);
        if head != i
            && (self.class_before(v, head).is(WordClass::LABEL)
                || self.is_name_before(v, head)
                || name_word_before(v, head)
                || (v.glued(head) && v.before(head).is_some_and(|p| v.is_word(p))))
        {
            return true;
        }
        // A name as an earlier item: "Vista and 7", "XP, Vista, 7".
        v.before(head)
            .filter(|&p| list_link(v, p) && !matches!(v.low(p), "-" | "–"))
            .and_then(|p| v.before(p))
            .is_some_and(|q| {
                v.is_word(q)
                    && v.before(q).is_some()
                    && v.orig(q).chars().next().is_some_and(char::is_uppercase)
                    && !is_month(v.orig(q))
                    && !self.class(v, q).is(WordClass::FUNCTION_WORD)
            })
    }

    /// Whether the pair "N-M" from `i` to `e` is a win–loss record rather than a range: before
    /// "start", "mark" or a venue ("an 18-30 start", "(2-13, 1-7 home)"), between "the" and a
    /// team ("the 15-17 Bulldogs"), or bare (nothing counted after it) after "at", "just",
    /// "opened" or a ranking ("floundering at 9-14", "an NFL-worst 2-14"), after a copula when
    /// the clause goes on ("Cheeks is 122-147 in three seasons"), or inside brackets that hold
    /// only records ("(2-13, 1-7").
    fn is_record(&self, v: &View, i: usize, e: usize) -> bool {
        let next = v.low_in(e, i);
        let closed = |j: usize| v.low_in(j, i).is_empty() || v.kind(j) == Some(TokenKind::Punct);
        if matches!(next, "start" | "mark" | "finish" | "lifetime")
            || (matches!(next, "home" | "away" | "road" | "overall") && closed(e + 1))
        {
            return true;
        }
        let prev = v.low_before(i);
        if prev == "the"
            && v.is_word(e)
            && v.same_sentence(i, e)
            && v.orig(e).chars().next().is_some_and(char::is_uppercase)
        {
            return true;
        }
        // The clause goes on without a counted noun: "at 9-14 and in", "just 2-8 in their last".
        let goes_on = matches!(
            next,
            "in" | "and" | "with" | "when" | "a" | "on" | "after" | "this" | "but" | "since"
        );
        if !goes_on && !closed(e) {
            return false;
        }
        // A copula needs the clause to go on ("Cheeks is 122-147 in three seasons"): "The
        // range is 1000-5000." is a range.
        if matches!(prev, "is" | "are" | "was" | "were") {
            return goes_on;
        }
        if matches!(prev, "at" | "just" | "opened" | "worst" | "best")
            || prev.ends_with("-worst")
            || prev.ends_with("-best")
        {
            return true;
        }
        let mut p = v.before(i);
        while let Some(q) = p {
            match v.low(q) {
                "(" => return true,
                "," | "-" | "–" | ";" => {}
                _ if v.kind(q) == Some(TokenKind::Number) => {}
                _ => return false,
            }
            p = v.before(q);
        }
        false
    }

    /// "4,000-5,000": one range mention, or nothing for scores, dates and phone numbers.
    fn hyphen_range(&self, v: &View, i: usize, first: numbers::NumberMatch, j: usize) -> Step {
        let Some(second) = numbers::parse_at(&v.ps, j) else {
            return glued_run_skip(v, i);
        };
        let e = second.end;
        let chained = v.glued(e) && matches!(v.low(e), "-" | "–" | "/" | ":" | ".")
            || (v.glued(e) && v.is_word(e));
        let phone = v.low(i).len() == 3 && v.low(j).len() == 4;
        // A team's record: "the Chiefs (2-13)", "0-10".
        let record = first.value == 0.0 || v.low_before(i) == "(";
        // A score: "won 3-1", "a record of 9-14", "a 21-17 win"; or ages: "ages 16-19".
        let cue = |p: usize| SCORE_BEFORE.contains(&v.low(p)) || AGE_WORDS.contains(&v.low(p));
        let score = v
            .before(i)
            .is_some_and(|p| cue(p) || (v.low(p) == "of" && v.before(p).is_some_and(cue)))
            || SCORE_AFTER.contains(&v.low_in(e, i));
        if chained
            || phone
            || record
            || score
            || (first.scale == 1.0 && second.scale == 1.0 && self.is_record(v, i, e))
            || is_year_like(v.low(i))
            || is_year_like(v.low(j))
            || first.value >= second.value
            || self.class_before(v, i).is(WordClass::LABEL)
            || first.short_m
            || second.short_m
        {
            return glued_run_skip(v, i);
        }
        let (start, prefix_currency) = currency_before(v, i);
        let mut lo = first.value;
        let hi = second.value;
        if first.scale == 1.0 && second.scale >= 1000.0 {
            lo *= second.scale;
        }
        let mut mention = new_mention(start, e, second);
        if let Some(code) = prefix_currency {
            mention.measure = Measure::Money(code.to_string());
            mention.marked = true;
        }
        let k = read_mark(v, e, &mut mention);
        mention.end = k;
        mention.noun_from = k;
        mention.value = (lo + hi) / 2.0;
        mention.range = Some((lo, hi));
        Step::Found(mention)
    }

    /// The number at the digits of token `i` ([`numbers::parse_at`]). Most numbers are followed
    /// by a word that carries on no number ("5 people", "1990s") or by a one-byte mark ("5,",
    /// "5%"): the word's class, or the mark, tells so in one look, and the digits are the number.
    fn parse_digits(&self, v: &View, i: usize) -> Option<numbers::NumberMatch> {
        let n = i + 1;
        let alone = match v.kind(n) {
            Some(TokenKind::Word) => {
                self.known_class(v, n)
                    .is_some_and(|c| !c.is(WordClass::CARRIES_DIGITS))
                    && (!v.glued(n) || !numbers::may_be_exponent(v.low(n)))
            }
            Some(TokenKind::Punct) => {
                matches!(v.low(n).as_bytes(), [b] if b.is_ascii() && !matches!(b, b'/' | b'^'))
            }
            _ => false,
        };
        if alone {
            numbers::digits_alone(v.low(i), i)
        } else {
            numbers::parse_at(&v.ps, i)
        }
    }

    /// The number at the word `i` ([`numbers::parse_at`]). A number word is mostly followed by
    /// a word that carries on no number ("two people") or by a mark ("two,"): the word's class,
    /// or the mark, tells so, and the word is the number.
    fn parse_words(&self, v: &View, i: usize) -> Option<numbers::NumberMatch> {
        let n = i + 1;
        let alone = match v.kind(n) {
            Some(TokenKind::Word) => {
                self.known_class(v, n)
                    .is_some_and(|c| !c.is(WordClass::CARRIES_DIGITS | WordClass::FOLLOWS_ARTICLE))
                    && v.low(n) != "point"
            }
            Some(TokenKind::Punct) => v.low(n) != "-",
            _ => false,
        };
        if alone && let Some(m) = numbers::word_alone(v.low(i), i) {
            return Some(m);
        }
        numbers::parse_at(&v.ps, i)
    }

    /// Whether token `i` may carry on a number after "a" or "an"
    /// ([`numbers::may_follow_article`]), by the class of its word where the vocabulary reads it.
    fn may_follow_article(&self, v: &View, i: usize) -> bool {
        match (v.kind(i), self.known_class(v, i)) {
            (Some(TokenKind::Word), Some(c)) => c.is(WordClass::FOLLOWS_ARTICLE),
            _ => v.ps.piece(i).is_some_and(numbers::may_follow_article),
        }
    }

    /// The class of token `i` when the vocabulary reads it (every word the extractor knows
    /// has a number, so a word without one in the table is plain); `None` for a token it does
    /// not read.
    fn known_class(&self, v: &View, i: usize) -> Option<WordClass> {
        match v.words.get(i) {
            Some(&id) if id != UNREAD => Some(
                self.classes
                    .get(id as usize)
                    .copied()
                    .unwrap_or(WordClass::PLAIN),
            ),
            _ => None,
        }
    }

    /// The class of token `i`: one look-up by its word number, or by its text for a token the
    /// vocabulary does not read.
    #[inline(always)]
    fn class(&self, v: &View, i: usize) -> WordClass {
        match v.words.get(i) {
            Some(&id) => match self.classes.get(id as usize) {
                Some(&c) => c,
                None if id == UNREAD => self.class_of(v.low(i)),
                None => WordClass::PLAIN,
            },
            None => self.class_of(v.low(i)),
        }
    }

    /// The class of the token before `i` in its sentence ([`WordClass::PLAIN`] when none).
    fn class_before(&self, v: &View, i: usize) -> WordClass {
        v.before(i).map_or(WordClass::PLAIN, |p| self.class(v, p))
    }

    /// The class of the lower-case word `w`.
    fn class_of(&self, w: &str) -> WordClass {
        self.by_text.get(w).copied().unwrap_or(WordClass::PLAIN)
    }

    /// What the lower-case word `w` can start, if anything.
    fn starter_of(&self, w: &str) -> Option<&Starter> {
        self.starters.get(self.class_of(w).starter as usize)
    }

    /// In [`Self::scan`]: a word that may start a mention.
    const STARTS: u8 = 1;
    /// In [`Self::scan`]: a word the extractor has no number for, decided by its text.
    const BY_TEXT: u8 = 2;

    /// The first token from `from` on that may start a mention: digits, or a word that
    /// [`Self::may_start`]. Punctuation and most words start nothing: each token costs the same
    /// few tests without a branch (its kind, one byte of [`Self::scan`] by its word number, and
    /// for a word without one [`Self::plain_quick`] on its first eight bytes); only a token
    /// that passes them is looked at further.
    #[inline(always)]
    fn next_candidate(&self, v: &View, from: usize) -> Option<usize> {
        let tokens = v.tokens.get(from..)?;
        let Some(words) = v.words.get(from..from + tokens.len()) else {
            return (from..v.tokens.len()).find(|&i| match v.tokens[i].kind {
                TokenKind::Number => true,
                TokenKind::Word => self.may_start(v, i),
                TokenKind::Punct => false,
            });
        };
        let last = self.scan.len().saturating_sub(1);
        let lower = v.lower.as_bytes();
        for (d, (t, &id)) in tokens.iter().zip(words).enumerate() {
            let entry = self.scan.get((id as usize).min(last)).copied().unwrap_or(0);
            let number = t.kind == TokenKind::Number;
            let word = t.kind == TokenKind::Word;
            let starts = entry & Self::STARTS != 0;
            let by_text =
                (entry & Self::BY_TEXT != 0) & ((id == UNREAD) | self.plain_quick(lower, t.span));
            if !(number | (word & (starts | by_text))) {
                continue;
            }
            if number | starts
                || if id == UNREAD {
                    self.may_start_text(token_text(v.lower, t))
                } else {
                    self.plain_may_start(v, t)
                }
            {
                return Some(from + d);
            }
        }
        None
    }

    /// A pre-test of [`Self::plain_may_start`] without a branch, on the first eight bytes read
    /// at once: `false` only when the token at `span` (of one to sixteen ASCII bytes, no word
    /// of the extractor) starts nothing, having neither a digit fourth nor a first hyphen after
    /// a number starter's length of bytes (nor a number starter of eight bytes or more before
    /// its first hyphen); `true` also near the text's end, where eight bytes cannot be read.
    #[inline(always)]
    fn plain_quick(&self, lower: &[u8], span: Span) -> bool {
        const ONES: u64 = u64::from_le_bytes([0x01; 8]);
        const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
        const HYPHENS: u64 = u64::from_le_bytes([b'-'; 8]);
        let Some(chunk) = lower.get(span.start..).and_then(<[u8]>::first_chunk::<8>) else {
            return true;
        };
        let head = u64::from_le_bytes(*chunk);
        let len = span.end.saturating_sub(span.start);
        let digit4 = (len > 3) & ((head >> 24) as u8).is_ascii_digit();
        let starts = self.number_shapes.lengths(head as u8) & ((1 << len.min(63)) - 1);
        let x = head ^ HYPHENS;
        let hyphens = x.wrapping_sub(ONES) & !x & HIGH;
        // 8 when there is no hyphen in the eight bytes.
        let first = (hyphens.trailing_zeros() / 8) as usize;
        let at_hyphen = (first < len) & ((starts >> first) & 1 != 0);
        let longer = starts >> 8 != 0;
        digit4 | at_hyphen | longer
    }

    /// Whether the word at `i` may start a mention (else [`Self::word_at`] skips it): one
    /// look-up by its word number.
    fn may_start(&self, v: &View, i: usize) -> bool {
        match v.words.get(i) {
            Some(&id) => self.word_may_start(v, &v.tokens[i], id),
            None => self.may_start_text(v.low(i)),
        }
    }

    /// [`Self::may_start`] of the word `token` of number `id`.
    #[inline(always)]
    fn word_may_start(&self, v: &View, token: &Token, id: WordId) -> bool {
        match self.classes.get(id as usize) {
            Some(c) => c.is(WordClass::MAY_START),
            None if id == UNREAD => self.may_start_text(token_text(v.lower, token)),
            None => self.plain_may_start(v, token),
        }
    }

    /// [`Self::may_start`] of the lower-case word `w`: a word glued to digits after three
    /// letters ("USD115"), a starter, or a hyphenated word whose head starts a number
    /// ("twenty-one").
    fn may_start_text(&self, w: &str) -> bool {
        w.as_bytes().get(3).is_some_and(u8::is_ascii_digit)
            || self.class_of(w).starter != WordClass::NONE
            || self.hyphenated_number(w)
    }

    /// Whether the part of `w` before its first hyphen starts a number ("twenty-one").
    fn hyphenated_number(&self, w: &str) -> bool {
        numbers::split_hyphen(w)
            .is_some_and(|(head, _)| self.starter_of(head).is_some_and(|s| s.number))
    }

    /// [`Self::may_start`] of a token of one to sixteen ASCII bytes that is no word of the
    /// extractor (so no starter): [`Self::plain_quick`], then, for the few it lets through, a
    /// digit fourth or a hyphenated number read from the text.
    #[inline(always)]
    fn plain_may_start(&self, v: &View, token: &Token) -> bool {
        self.plain_quick(v.lower.as_bytes(), token.span) && {
            let w = token_text(v.lower, token);
            w.as_bytes().get(3).is_some_and(u8::is_ascii_digit) || self.hyphenated_number(w)
        }
    }

    /// A mention starting with the word at `i`: a vague amount, a fraction or number words.
    #[inline(never)]
    fn word_at(&self, v: &View, i: usize) -> Step {
        // Most articles come before a word that carries on neither a number nor a vague
        // phrase: the two words' classes tell so (the test below, by their texts, agrees).
        if self.class(v, i).is(WordClass::ARTICLE)
            && v.kind(i + 1) == Some(TokenKind::Word)
            && self
                .known_class(v, i + 1)
                .is_some_and(|c| !c.is(WordClass::FOLLOWS_ARTICLE | WordClass::VAGUE_SECOND))
        {
            return Step::Skip(i + 1);
        }
        if let Some(m) = code_glued_amount(v, i) {
            return Step::Found(m);
        }
        let w = v.low(i);
        let starter = self.starters.get(self.class(v, i).starter as usize);
        // An article starts an amount only before the next word of a vague phrase ("a few") or
        // a word that may carry on a number ("a third", "a dozen"): most stop here.
        if matches!(w, "a" | "an")
            && let Some(st) = starter
            && !st.vague.iter().any(|&idx| {
                self.vague[idx]
                    .tokens
                    .get(1)
                    .is_none_or(|t| t == v.low(i + 1))
            })
            && !self.may_follow_article(v, i + 1)
        {
            return Step::Skip(i + 1);
        }
        if let Some(st) = starter
            && let Some(m) = self.vague_at(v, i, &st.vague)
        {
            return Step::Found(m);
        }
        let number = match starter {
            Some(st) => st.number,
            // "twenty-one", "two-thirds".
            None => self.hyphenated_number(w),
        };
        if !number {
            return Step::Skip(i + 1);
        }
        let Some(m) = self.parse_words(v, i) else {
            // A measure as a modifier in words: "a three-foot wall", "a six-mile trip"; a price:
            // "a one-yen bid".
            if let Some((head, tail)) = w.split_once('-')
                && let Some(value) = numbers::cardinal_word(head)
                && value > 0.0
                && (is_unit_word(tail) || is_currency_word(tail))
            {
                let mut mention = new_mention(
                    i,
                    i + 1,
                    numbers::NumberMatch {
                        value,
                        end: i + 1,
                        form: Form::Words,
                        scale: 1.0,
                        short_m: false,
                    },
                );
                match CURRENCY_WORDS
                    .iter()
                    .chain(SUBUNIT_WORDS)
                    .find(|(c, _)| *c == tail)
                {
                    Some((_, code)) if !GLUED_ONLY_UNITS.contains(&tail) => {
                        mention.measure = Measure::Money(code.to_string());
                        mention.marked = true;
                        if SUBUNIT_WORDS.iter().any(|(c, _)| *c == tail) {
                            mention.value /= 100.0;
                        }
                    }
                    _ => mention.unit = Some(tail.to_string()),
                }
                return Step::Found(mention);
            }
            return Step::Skip(i + 1);
        };
        if !v.same_sentence(i, m.end - 1) {
            return Step::Skip(i + 1);
        }
        let next = v.low_in(m.end, i);
        let prev = v.low_before(i);
        match m.form {
            Form::Fraction => {
                let determiner = matches!(next, "the" | "its" | "their" | "his" | "her" | "our");
                // "two thirds", "three-quarters", "one fifth" are amounts even without "of":
                // unlike "a third" or "half", they are never ordinals or adverbs.
                let first = v.low(i);
                let counted = first != "half"
                    && ((m.end == i + 2 && numbers::cardinal_word(first).is_some())
                        || (m.end == i + 1 && !first.starts_with("a-") && first.contains('-')));
                // "1 over 3", "one out of three" say outright that they are fractions.
                let over = (i..m.end).any(|k| matches!(v.low(k), "over" | "out" | "in"));
                // "twenty-three fifths", "a hundred trillionths": a count of parts.
                let parts = m.end > i + 2
                    && numbers::denominator(v.low(m.end - 1)).is_some_and(|(_, plural)| plural);
                // "a fifth." closing its clause, and "more than half" after a hedge, can only
                // be amounts.
                let clause_end = first != "half"
                    && (next.is_empty() || matches!(next, "." | "," | ";" | "!" | "?"));
                let hedged = first == "half" && self.class_before(v, i).ends_hedge();
                let amount = next == "of"
                    || counted
                    || over
                    || parts
                    || clause_end
                    || hedged
                    || (v.low(m.end - 1) == "half" && determiner);
                let ordinal_before = matches!(
                    prev,
                    "the" | "first" | "second" | "last" | "next" | "this" | "that" | "other"
                );
                if !amount || ordinal_before {
                    return Step::Skip(m.end);
                }
                let minus = minus_before(v, i);
                let mut mention = new_mention(minus.unwrap_or(i), m.end, m);
                if minus.is_some() {
                    mention.value = -mention.value;
                }
                // "one-half miles", "three-quarters mile": a length, not a share.
                if self.read_unit(v, m.end, &mut mention) {
                    mention.form = Form::Words;
                    return Step::Found(mention);
                }
                mention.measure = Measure::Fraction;
                mention.noun_from = m.end;
                Step::Found(mention)
            }
            Form::Words | Form::Digits => {
                let first = v.low(i);
                // "absolute zero" is a temperature: 0 kelvin.
                if first == "zero"
                    && m.end == i + 1
                    && let Some(p) = v.before(i).filter(|&p| v.low(p) == "absolute")
                {
                    let mut mention = new_mention(p, m.end, m);
                    mention.unit = Some("kelvin".to_string());
                    mention.unit_end = m.end;
                    mention.noun_from = m.end;
                    return Step::Found(mention);
                }
                // A bare "zero" before a noun is mostly a modifier or a name ("zero tolerance",
                // "Ground Zero"); standing as a noun phrase of its own ("zero is 0", "cut to
                // zero.") or with decimals ("zero point five") it is a number.
                if matches!(first, "zero" | "nought" | "naught")
                    && m.end == i + 1
                    && !zero_stands_alone(v, i)
                {
                    return Step::Skip(m.end);
                }
                // A hedged age in words with its unit ("more than thirty years old") is read as
                // an amount, as the number suites expect.
                let years_old = matches!(v.low_in(m.end, i), "years" | "year");
                if idiom(v, i, m.end)
                    || spelled_century(v, i, m.end)
                    || (is_age(v, i, m.end) && !years_old)
                    || is_stated_age(v, i, m.end, m.value)
                {
                    return Step::Skip(m.end);
                }
                // "minus one", "negative one" are numbers, never pronouns.
                if m.end == i + 1
                    && first == "one"
                    && minus_before(v, i).is_none()
                    && self.one_is_pronoun(v, i)
                {
                    return Step::Skip(i + 1);
                }
                let minus = minus_before(v, i);
                let mut mention = new_mention(minus.unwrap_or(i), m.end, m);
                if minus.is_some() {
                    mention.value = -mention.value;
                }
                let k = read_indian_scale(v, m.end, &mut mention);
                let k = read_mark(v, k, &mut mention);
                let k = read_subunit(v, k, &mut mention);
                mention.end = k;
                if mention.measure == Measure::Count
                    && !matches!(v.low(k), "pm" | "am")
                    && self.read_unit(v, k, &mut mention)
                {
                    return Step::Found(mention);
                }
                mention.noun_from = k;
                Step::Found(mention)
            }
        }
    }

    /// A physical unit starting at token `k` ("km", "square meters", "metric tons"): one past
    /// its end. `glued` allows the units only written glued or hyphenated ("5-pound").
    fn physical_unit_at(&self, v: &View, k: usize, glued: bool) -> Option<usize> {
        if !v.same_sentence(k, k.saturating_sub(1)) {
            return None;
        }
        // "-18 °C", "98.6°F".
        if v.low(k) == "°" && v.glued(k + 1) && matches!(v.low(k + 1), "c" | "f") {
            return Some(k + 2);
        }
        if !v.is_word(k) {
            return None;
        }
        let mut j = k;
        if UNIT_PREFIXES.contains(&v.low(j)) && v.same_sentence(j, j + 1) {
            j += 1;
        }
        let w = v.low(j);
        let next = v.low_in(j + 1, k);
        // "degrees celsius"; "32 degrees" alone may be an angle or a university degree.
        if matches!(w, "degrees" | "degree") {
            return matches!(next, "celsius" | "fahrenheit" | "centigrade" | "kelvin")
                .then_some(j + 2);
        }
        // "2 in" is inches only at the end of a clause or before a dimension: "2 in thick".
        let inches = w == "in"
            && j == k
            && (!v.same_sentence(j, j + 1)
                || v.kind(j + 1) == Some(TokenKind::Punct)
                || matches!(next, "thick" | "long" | "wide" | "tall" | "high" | "deep"));
        // An inverse time: "4e14 s-1", "s⁻¹".
        if j == k
            && v.glued(j + 1)
            && matches!(v.low(j + 1), "-" | "−" | "⁻")
            && crate::normalize::time_unit(w).is_some()
            && v.glued(j + 2)
            && matches!(v.low(j + 2), "1" | "¹")
        {
            return Some(j + 3);
        }
        let known = inches
            || (is_unit_word(w)
                && crate::normalize::case_allows_unit(v.orig(j))
                && (glued || !GLUED_ONLY_UNITS.contains(&w) || weighs(v, j)));
        if !known {
            return None;
        }
        let mut e = j + 1;
        // "4 km squared", "4km^2".
        if matches!(v.low_in(e, k), "squared" | "cubed") {
            e += 1;
        } else if v.low(e) == "^"
            && v.glued(e)
            && v.glued(e + 1)
            && matches!(v.low(e + 1), "2" | "3")
        {
            e += 2;
        }
        Some(rate_after(v, e).unwrap_or(e))
    }

    /// A physical unit at token `k` after the number of `m` ("5 km", "20 (kg)", "5 ft 2 in"):
    /// records it and gives whether there was one.
    fn read_unit(&self, v: &View, k: usize, m: &mut Mention) -> bool {
        let (from, e) = match self.physical_unit_at(v, k, false) {
            Some(e) => (k, e),
            None => {
                // A unit in brackets: "20 (kg)", "20 [kg]".
                let close = match v.low(k) {
                    "(" => ")",
                    "[" => "]",
                    "{" => "}",
                    "<" => ">",
                    _ => return false,
                };
                match self.physical_unit_at(v, k + 1, false) {
                    Some(e) if v.low(e) == close && e == k + 2 => (k + 1, e + 1),
                    _ => return false,
                }
            }
        };
        if from > k {
            m.unit = Some(unit_text(v, from, e - 1));
        } else {
            m.unit = Some(unit_text(v, from, e));
        }
        m.unit_end = e;
        m.end = k;
        m.noun_from = e;
        // "5 ft 2 in", "5 feet and 2 inches", "3 pounds 4 ounces": the smaller unit is added.
        if let Some((value, end)) = compound_unit(v, from, e, m.start) {
            m.value += value;
            m.end = end;
            m.unit_end = end;
            m.noun_from = end;
        }
        true
    }

    /// "one of the", "the one", "no one", "one another": not a count.
    fn one_is_pronoun(&self, v: &View, i: usize) -> bool {
        let prev = v.low_before(i);
        if matches!(
            prev,
            "the" | "this" | "that" | "no" | "any" | "every" | "each" | "which" | "last" | "only"
        ) {
            return true;
        }
        let next = i + 1;
        if !v.same_sentence(i, next) || !v.is_word(next) {
            return true;
        }
        let w = v.low(next);
        // "One thing is clear", "One day we will": idioms at the sentence start.
        if v.before(i).is_none() && matches!(w, "thing" | "day") {
            return true;
        }
        w == "another"
            || self.class(v, next).is(WordClass::FUNCTION_WORD)
            || numbers::cardinal_word(w).is_some()
    }

    /// A vague amount at `i` ("dozens of", "several", "a handful"), followed by its noun.
    fn vague_at(&self, v: &View, i: usize, list: &[usize]) -> Option<Mention> {
        for &idx in list {
            let entry = &self.vague[idx];
            let n = entry.tokens.len();
            // The list is the phrases starting with the word at `i`: the rest is compared.
            let matches =
                (1..n).all(|d| v.same_sentence(i, i + d) && v.low(i + d) == entry.tokens[d]);
            if !matches {
                continue;
            }
            // The phrase's span leaves out a trailing "of".
            let end = if entry.has_of { i + n - 1 } else { i + n };
            let mut noun = i + n;
            if !entry.has_of && v.low_in(noun, i) == "of" {
                noun += 1;
            }
            if (entry.has_of || noun > i + n)
                && matches!(
                    v.low_in(noun, i),
                    "the" | "its" | "their" | "his" | "her" | "our"
                )
            {
                noun += 1;
            }
            if !v.same_sentence(i, noun) || !v.is_word(noun) {
                return None;
            }
            let w = v.low(noun);
            let class = self.class(v, noun);
            let verb_form =
                !class.is(WordClass::UNIT_NOUN) && (w.ends_with("ed") || w.ends_with("ing"));
            if class.is(WordClass::FUNCTION_WORD)
                || verb_form
                || numbers::cardinal_word(w).is_some()
                || numbers::scale_word(w).is_some()
                || w == "hundred"
                || w == "dozen"
                || (MODIFIERS.contains(&w) && !v.is_word(noun + 1))
            {
                return None;
            }
            if entry.needs_plural && !self.is_plural(v, noun) {
                return None;
            }
            return Some(Mention {
                start: i,
                end,
                value: 0.0,
                range: None,
                measure: Measure::Count,
                vague: Some(idx),
                form: Form::Words,
                scale: 1.0,
                marked: false,
                noun_from: noun,
                hedge: None,
                hedge_start: i,
                unit: None,
                unit_end: end,
            });
        }
        None
    }

    /// Second pass, per mention: hedge and counted noun.
    fn read_surroundings(&self, v: &View, m: &mut Mention) {
        m.hedge_start = m.start;
        if m.vague.is_none()
            && let Some((h, start)) = self.hedge_before(v, m.start)
        {
            m.hedge = Some(h);
            m.hedge_start = start;
        }
        if m.unit.is_none() {
            m.unit_end = m.end;
            if m.measure == Measure::Count
                && let Some((unit, end)) = self.noun_after(v, m.noun_from, m.start)
            {
                m.unit = Some(unit);
                m.unit_end = end;
            }
        }
        // "50 or more", "ten people or fewer": a bound written after the amount.
        // An approximate hedge gives way: "about 500 or more" is at least 500.
        let t = m.end.max(m.unit_end);
        let approximate = m
            .hedge
            .is_none_or(|h| matches!(self.hedges[h].bound, Bound::Approximate));
        let mut after = t + 2;
        if v.low_in(after, m.start) == "than" {
            after += 1;
        }
        // "200 or more than 190": the bound belongs to the next number.
        let number_follows = v.kind(after) == Some(TokenKind::Number)
            || numbers::cardinal_word(v.low(after)).is_some();
        if approximate
            && !number_follows
            && m.vague.is_none()
            && m.range.is_none()
            && matches!(v.low_in(t, m.start), "or" | "and")
            && let Some((_, phrase)) = POSTFIX_BOUNDS
                .iter()
                .find(|(w, _)| *w == v.low_in(t + 1, m.start))
            && let Some(h) = self.hedges.iter().position(|h| h.phrase == *phrase)
        {
            m.hedge = Some(h);
            m.hedge_start = m.start;
            m.end = if after > t + 2 && v.same_sentence(m.start, after - 1) {
                after
            } else {
                t + 2
            };
            m.unit_end = m.end;
        }
        // "more than 5000 or equal to", "less than 40 or equal": the strict bound becomes its
        // inclusive form when the lexicon has one ("more than or equal to").
        let t = m.end.max(m.unit_end);
        if let Some(h) = m.hedge
            && matches!(self.hedges[h].bound, Bound::MoreThan | Bound::LessThan)
            && v.low_in(t, m.start) == "or"
            && v.low_in(t + 1, m.start) == "equal"
        {
            let end = if v.low_in(t + 2, m.start) == "to" {
                t + 3
            } else {
                t + 2
            };
            let number_follows = v.kind(end) == Some(TokenKind::Number)
                || numbers::cardinal_word(v.low(end)).is_some();
            let inclusive = format!("{} or equal to", self.hedges[h].phrase);
            if !number_follows
                && v.same_sentence(m.start, end - 1)
                && let Some(h) = self.hedges.iter().position(|e| e.phrase == inclusive)
            {
                m.hedge = Some(h);
                m.end = end;
                m.unit_end = end;
            }
        }
    }

    /// The longest hedge phrase ending right before token `start`, in the same sentence.
    fn hedge_before(&self, v: &View, start: usize) -> Option<(usize, usize)> {
        let last = v.before(start)?;
        let list = self.hedge_lists.get(self.class(v, last).hedges as usize)?;
        list.iter().find_map(|&h| {
            let n = self.hedges[h].tokens.len();
            let first = start.checked_sub(n)?;
            let ok = (0..n).all(|d| {
                v.same_sentence(first + d, start) && v.low(first + d) == self.hedges[h].tokens[d]
            });
            ok.then_some((h, first))
        })
    }

    /// Whether the word at `i` is a plural noun.
    fn is_plural(&self, v: &View, i: usize) -> bool {
        let w = v.low(i);
        let orig = v.orig(i);
        if IRREGULAR_PLURALS.contains(&w) {
            return true;
        }
        let all_caps = orig.chars().all(|c| !c.is_lowercase());
        !all_caps
            && w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !w.ends_with("'s")
    }

    /// The counted noun in the short run of words from token `from`: the last known unit noun,
    /// else the last noun-like word; with the token after it.
    fn noun_after(&self, v: &View, from: usize, anchor: usize) -> Option<(String, usize)> {
        let mut j = from;
        // A partitive: "three of the soldiers".
        if v.low_in(j, anchor) == "of" {
            j += 1;
            if matches!(
                v.low_in(j, anchor),
                "the" | "its" | "their" | "our" | "these" | "those"
            ) {
                j += 1;
            }
        }
        let mut known: Option<(usize, usize)> = None;
        let mut noun: Option<(usize, usize)> = None;
        let mut acronym: Option<(usize, usize)> = None;
        let mut words = 0;
        while words < 4 && v.same_sentence(j, anchor) && v.is_word(j) {
            words += 1;
            let w = v.low(j);
            if let Some(len) = self.multi_unit_at(v, j, anchor) {
                known = Some((j, j + len));
                noun = known;
                j += len;
                if self.is_plural(v, j - 1) {
                    break;
                }
                continue;
            }
            let class = self.class(v, j);
            if class.is(WordClass::FUNCTION_WORD)
                || is_month(v.orig(j))
                || numbers::cardinal_word(w).is_some()
            {
                break;
            }
            let is_known = class.is(WordClass::UNIT_NOUN);
            // Adjectives and adverbs: "24 equal monthly payments", "500 more troops".
            if MODIFIERS.contains(&w) || (!is_known && w.len() > 4 && w.ends_with("ly")) {
                j += 1;
                continue;
            }
            // A name ("mother of 13 Jane Doe"), not a counted noun.
            let capitalised = |x: usize| {
                let o = v.orig(x);
                o.chars().next().is_some_and(char::is_uppercase)
                    && o.chars().any(char::is_lowercase)
            };
            if capitalised(j)
                && v.is_word(j + 1)
                && v.same_sentence(j + 1, anchor)
                && capitalised(j + 1)
            {
                break;
            }
            if !is_known && (w.ends_with("ed") || w.ends_with("ing")) {
                if noun.is_some() {
                    break;
                }
                j += 1;
                continue;
            }
            let all_caps = v.orig(j).chars().all(|c| !c.is_lowercase());
            if is_known {
                known = Some((j, j + 1));
                noun = known;
            } else if all_caps && v.glued(j + 1) && matches!(v.low(j + 1), "-" | "–") {
                // A label: "L-202", "F-16".
                break;
            } else if all_caps {
                // An acronym modifies the noun after it ("5,000 US troops"), or is the unit
                // itself when no noun follows ("8 GB").
                acronym = acronym.or(Some((j, j + 1)));
                j += 1;
                continue;
            } else if capitalised(j) && noun.is_some() {
                // "One place Lindsay is ...": the name starts a new phrase.
                break;
            } else {
                noun = Some((j, j + 1));
            }
            j += 1;
            if self.is_plural(v, j - 1) {
                break;
            }
        }
        let (s, e) = known.or(noun).or(acronym)?;
        let span = v.span(s, e);
        // ASCII text lower-cases byte for byte: its lower-case copy is already at hand.
        let written = &v.text[span.start..span.end];
        let noun = if written.is_ascii() {
            v.lower[span.start..span.end].to_string()
        } else {
            written.to_lowercase()
        };
        Some((noun, e))
    }

    /// The length of a multi-word unit variant starting at `j` ("service members").
    fn multi_unit_at(&self, v: &View, j: usize, anchor: usize) -> Option<usize> {
        let list = self
            .multi_units
            .get(self.class(v, j).multi_units as usize)?;
        list.iter()
            .find(|toks| {
                toks.iter()
                    .enumerate()
                    .all(|(d, t)| v.same_sentence(j + d, anchor) && v.low(j + d) == t)
            })
            .map(Vec::len)
    }

    /// The nearest known unit noun before token `start` in its sentence, not crossing a
    /// semicolon (which joins two statements).
    fn unit_before(&self, v: &View, start: usize) -> Option<String> {
        let mut j = start;
        for _ in 0..UNIT_REACH {
            j = v.before(j)?;
            if v.low(j) == ";" {
                return None;
            }
            if v.is_word(j) && self.class(v, j).is(WordClass::UNIT_NOUN) {
                return Some(v.low(j).to_string());
            }
        }
        None
    }

    /// Whether a change cue occurs in the clause ending at token `at` (inclusive).
    fn cue_in_clause(&self, v: &View, at: Option<usize>, targets: bool) -> bool {
        let Some(mut j) = at else {
            return false;
        };
        for _ in 0..CLAUSE_REACH {
            let w = v.low(j);
            if v.kind(j) == Some(TokenKind::Punct) && CLAUSE_BREAKS.contains(&w) {
                return false;
            }
            if self.class(v, j).is(WordClass::CHANGE_CUE) || (targets && TARGET_CUES.contains(&w)) {
                return true;
            }
            match v.before(j) {
                Some(p) => j = p,
                None => return false,
            }
        }
        false
    }

    /// The role of a single mention (or range) whose hedge starts at token `s`.
    fn role_of(&self, v: &View, s: usize) -> Role {
        let Some(p) = v.before(s) else {
            return Role::Level;
        };
        let w = v.low(p);
        if w == "to"
            && !TO_EXCLUDED.contains(&v.low_before(p))
            && self.cue_in_clause(v, v.before(p), true)
        {
            return Role::After;
        }
        if TARGET_VERBS.contains(&w) {
            return Role::After;
        }
        if w == "by" && self.cue_in_clause(v, v.before(p), false) {
            return Role::Change;
        }
        if self.governed_by_change_verb(v, s) {
            return Role::Change;
        }
        Role::Level
    }

    /// "withdraw 2,000", "call back some 2,200", "send an additional 1,000".
    fn governed_by_change_verb(&self, v: &View, s: usize) -> bool {
        let mut j = s;
        let mut filled = false;
        while let Some(p) = v.before(j) {
            if ADDITION_FILLERS.contains(&v.low(p)) {
                filled = true;
                j = p;
            } else {
                break;
            }
        }
        if filled && let Some(p) = v.before(j).filter(|&p| matches!(v.low(p), "a" | "an")) {
            j = p;
        }
        let mut particle = false;
        if let Some(p) = v.before(j).filter(|&p| PARTICLES.contains(&v.low(p))) {
            particle = true;
            j = p;
        }
        let Some(verb) = v.before(j) else {
            return false;
        };
        // The particle may also follow the object: "pull some 2,200 soldiers out of Iraq".
        let particle_after = || {
            (s + 1..s + 5)
                .take_while(|&i| i < v.tokens.len() && v.same_sentence(s, i))
                .any(|i| matches!(v.low(i), "back" | "out" | "home"))
        };
        let class = self.class(v, verb);
        class.is(WordClass::CHANGE_VERB)
            || (class.is(WordClass::PARTICLE_VERB) && (particle || particle_after()))
    }

    /// Second pass: pairs mentions into ranges and changes and makes the claims.
    fn claims(
        &self,
        doc: &Document,
        v: &View,
        source: usize,
        ms: &[Mention],
        taken: &Taken,
    ) -> Vec<Claim> {
        let mut out = Vec::with_capacity(ms.len());
        let mut pairs = 0;
        let mut k = 0;
        while k < ms.len() {
            let a = &ms[k];
            let b = ms.get(k + 1).filter(|b| {
                a.vague.is_none()
                    && b.vague.is_none()
                    && a.range.is_none()
                    && b.range.is_none()
                    // Fractions pair only as two hedged bounds ("above one quarter and below
                    // a half"), never as a bare range ("a third to half").
                    && (a.form != Form::Fraction && b.form != Form::Fraction
                        || a.hedge.is_some() && b.hedge.is_some())
                    && v.same_sentence(a.start, b.start)
            });
            if let Some(b) = b
                && let Some(link) = self.link(v, a, b)
            {
                let (a_measure, a_value, b_measure) = harmonise(a, b);
                let unit_a = a.unit.clone().or_else(|| b.unit.clone());
                let unit_b = b.unit.clone().or_else(|| a.unit.clone());
                let back = || self.unit_before(v, a.hedge_start);
                match link {
                    Link::Change => {
                        pairs += 1;
                        let mut qa = self.quantity(a, a_value, a_measure.clone());
                        qa.role = Role::Before;
                        qa.change_pair = Some(pairs);
                        if qa.measure == Measure::Count {
                            qa.unit_text = unit_a.or_else(back);
                        } else if matches!(qa.measure, Measure::Money(_)) {
                            qa.unit_text = a.unit.clone();
                        }
                        let mut qb = self.quantity(b, b.value, b_measure);
                        qb.role = Role::After;
                        qb.change_pair = Some(pairs);
                        if qb.measure == Measure::Count {
                            qb.unit_text = unit_b.or_else(back);
                        } else if matches!(qb.measure, Measure::Money(_)) {
                            qb.unit_text = b.unit.clone();
                        }
                        push(&mut out, doc, v, source, taken, a.hedge_start, a.end, qa);
                        push(&mut out, doc, v, source, taken, b.hedge_start, b.end, qb);
                    }
                    Link::Range | Link::Bounds => {
                        let (lo, hi) = if a_value <= b.value {
                            (a_value, b.value)
                        } else {
                            (b.value, a_value)
                        };
                        let mut q = self.quantity(a, (lo + hi) / 2.0, b_measure);
                        if matches!(link, Link::Bounds) {
                            // Each end keeps its bound's strictness: "more than" and "less than"
                            // exclude the end, "at least" and "at most" include it.
                            let strict = |m: &Mention| {
                                m.hedge.is_some_and(|h| {
                                    matches!(
                                        self.hedges[h].bound,
                                        Bound::MoreThan | Bound::LessThan
                                    )
                                })
                            };
                            q.range_open = if a_value <= b.value {
                                (strict(a), strict(b))
                            } else {
                                (strict(b), strict(a))
                            };
                            q.hedge = None;
                        }
                        q.range = Some((lo, hi));
                        q.interval = Interval::closed(lo, hi);
                        q.role = self.role_of(v, a.hedge_start);
                        if q.measure == Measure::Count {
                            q.unit_text = unit_b.or_else(back);
                        } else if matches!(q.measure, Measure::Money(_)) {
                            q.unit_text = unit_b;
                        }
                        push(&mut out, doc, v, source, taken, a.hedge_start, b.end, q);
                    }
                }
                k += 2;
                continue;
            }
            if a.unit.as_deref().is_some_and(|u| TIME_NOUNS.contains(&u))
                && matches!(v.low_in(a.unit_end, a.start), "ago" | "later" | "earlier")
            {
                k += 1;
                continue;
            }
            let mut q = match a.vague {
                Some(idx) => Quantity {
                    value: None,
                    range: None,
                    range_open: (false, false),
                    hedge: None,
                    vague: Some(self.vague[idx].claim_phrase.clone()),
                    measure: Measure::Count,
                    unit_text: None,
                    unit: None,
                    role: Role::Level,
                    change_pair: None,
                    interval: Interval::default(),
                    interval_rule: None,
                },
                None => self.quantity(a, a.value, a.measure.clone()),
            };
            if let Some((lo, hi)) = a.range {
                q.range = Some((lo, hi));
                q.interval = Interval::closed(lo, hi);
            }
            q.role = self.role_of(v, a.hedge_start);
            if matches!(q.measure, Measure::Money(_)) {
                q.unit_text = a.unit.clone();
            }
            if q.measure == Measure::Count && a.form != Form::Fraction {
                q.unit_text = a.unit.clone();
                if q.unit_text.is_none() && a.vague.is_none() {
                    q.unit_text = self.unit_before(v, a.hedge_start);
                }
            }
            // "45 and 50 mg": the unit of the next amount of a pair is this one's too.
            if q.measure == Measure::Count
                && a.unit.is_none()
                && a.vague.is_none()
                && let Some(b) = ms.get(k + 1)
                && matches!(v.low_in(a.end, a.start), "and" | "or")
                && b.hedge_start == a.end + 1
                && physical(b).is_some()
            {
                q.unit_text = b.unit.clone();
            }
            push(&mut out, doc, v, source, taken, a.hedge_start, a.end, q);
            k += 1;
        }
        out
    }

    /// A quantity with the mention's hedge; unit and role are set by the caller.
    fn quantity(&self, m: &Mention, value: f64, measure: Measure) -> Quantity {
        let mut q = Quantity::count(value);
        q.measure = measure;
        q.hedge = m.hedge.map(|h| self.hedges[h].phrase.clone());
        q
    }

    /// How mention `a` pairs with the next mention `b`, if it does.
    fn link(&self, v: &View, a: &Mention, b: &Mention) -> Option<Link> {
        // "rose 15% to $415 million": a percentage and an amount are never one range.
        if a.marked && b.marked && a.measure != b.measure {
            return None;
        }
        // "from 44 ml to 50 mg", "by 25% to 34,500 metric tons": different measures.
        let (pa, pb) = (physical(a), physical(b));
        match (&pa, &pb) {
            (Some(x), Some(y)) if x != y => return None,
            (Some(_), None) if b.marked => return None,
            (None, Some(_)) if a.marked => return None,
            _ => {}
        }
        // "44 mg to 50 mg": a range whose ends both carry the unit.
        if pa.is_some()
            && pa == pb
            && matches!(
                v.low_in(a.unit_end, a.start),
                "to" | "and" | "through" | "-" | "–"
            )
            && b.hedge_start == a.unit_end + 1
            && a.value < b.value
            && b.hedge.is_none()
        {
            let before = v.low(v.before(a.hedge_start).unwrap_or(a.hedge_start));
            let and = v.low(a.unit_end) == "and";
            if !and || before == "between" {
                return Some(Link::Range);
            }
        }
        if let (Some(ha), Some(hb)) = (a.hedge, b.hedge) {
            let lower = |h: usize| matches!(self.hedges[h].bound, Bound::AtLeast | Bound::MoreThan);
            let upper = |h: usize| matches!(self.hedges[h].bound, Bound::AtMost | Bound::LessThan);
            let joined = matches!(v.low(a.end.max(a.unit_end)), "and" | "but" | ",")
                && b.hedge_start == a.end.max(a.unit_end) + 1;
            let pair = if lower(ha) && upper(hb) {
                Some((a.value, b.value))
            } else if upper(ha) && lower(hb) {
                Some((b.value, a.value))
            } else {
                None
            };
            if let Some((lo, hi)) = pair
                && joined
                && lo < hi
            {
                return Some(Link::Bounds);
            }
        }
        let before = v.before(a.hedge_start);
        let word_before = before.map_or("", |p| v.low(p));
        let (_, a_value, _) = harmonise(a, b);
        if word_before == "from" {
            // "from 5,200 to 3,000" or "from 5,200 troops to 3,000".
            [a.end, a.unit_end]
                .into_iter()
                .find(|&t| v.low_in(t, a.start) == "to" && b.hedge_start == t + 1)?;
            let cue = self.cue_in_clause(v, before.and_then(|p| v.before(p)), false);
            // "ranged from -18 °C to -34 °C": a spread, in either order.
            let spread = before.and_then(|p| v.before(p)).is_some_and(|p| {
                matches!(
                    v.low(p),
                    "range"
                        | "ranges"
                        | "ranged"
                        | "ranging"
                        | "vary"
                        | "varies"
                        | "varied"
                        | "varying"
                )
            });
            return Some(if !spread && (cue || a_value > b.value) {
                Link::Change
            } else {
                Link::Range
            });
        }
        if word_before == "between"
            && v.low(a.end) == "and"
            && b.start == a.end + 1
            && b.hedge.is_none()
        {
            return Some(Link::Range);
        }
        if matches!(v.low(a.end), "to" | "through" | "thru" | "~")
            && b.start == a.end + 1
            && b.hedge.is_none()
            && a_value < b.value
        {
            return Some(Link::Range);
        }
        None
    }
}

/// The canonical physical unit of a mention ("mg" → "milligram"), if it has one.
fn physical(m: &Mention) -> Option<std::borrow::Cow<'static, str>> {
    if m.measure != Measure::Count {
        return None;
    }
    crate::normalize::physical_unit(m.unit.as_deref()?).map(|(name, _)| name)
}

/// How two neighbouring mentions relate.
enum Link {
    /// "from 5,200 to 3,000" after a change verb, or falling: a before and an after.
    Change,
    /// "4,000 to 5,000", "between 4,000 and 5,000", "from 4,000 to 5,000" without a change verb.
    Range,
    /// "more than 100 and less than 300": two bounds that make one range.
    Bounds,
}

/// The measures and first value of a pair, each side lending the other its mark and scale:
/// "4 to 5 million dollars" is 4 million to 5 million dollars.
fn harmonise(a: &Mention, b: &Mention) -> (Measure, f64, Measure) {
    let mut a_measure = a.measure.clone();
    let mut b_measure = b.measure.clone();
    if !a.marked && b.marked {
        a_measure = b.measure.clone();
    } else if a.marked && !b.marked {
        b_measure = a.measure.clone();
    }
    let mut a_value = a.value;
    if a.scale == 1.0 && b.scale >= 1000.0 && a.form != Form::Fraction {
        let scaled = a.value * b.scale;
        if scaled >= b.value / 10.0 && scaled <= b.value * 10.0 {
            a_value = scaled;
        }
    }
    (a_measure, a_value, b_measure)
}

/// The lower-case text of `token` (`lower`: the text lower-cased byte for byte).
fn token_text<'t>(lower: &'t str, token: &Token) -> &'t str {
    lower.get(token.span.start..token.span.end).unwrap_or("")
}

/// Adds a claim for tokens `start..end` unless it overlaps a time claim.
#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Claim>,
    doc: &Document,
    v: &View,
    source: usize,
    taken: &Taken,
    start: usize,
    end: usize,
    q: Quantity,
) {
    let span = v.span(start, end);
    if taken.overlaps(span) {
        return;
    }
    let text = &doc.source.text[span.start..span.end];
    out.push(Claim::new(
        source,
        text,
        span,
        v.tokens[start].sentence,
        ClaimDetail::Quantity(q.into()),
    ));
}

fn new_mention(start: usize, end: usize, m: numbers::NumberMatch) -> Mention {
    Mention {
        start,
        end,
        value: m.value,
        range: None,
        measure: Measure::Count,
        vague: None,
        form: m.form,
        scale: m.scale,
        marked: false,
        noun_from: end,
        hedge: None,
        hedge_start: start,
        unit: None,
        unit_end: end,
    }
}

/// Reads a percent or currency mark at token `k` into `m`; gives the token after it.
fn read_mark(v: &View, k: usize, m: &mut Mention) -> usize {
    if m.measure == Measure::Count
        && let Some(p) = percent_before(v, m.start, k)
    {
        m.measure = Measure::Percent;
        m.marked = true;
        m.start = p;
        return k;
    }
    if !v.same_sentence(k, m.start) {
        return k;
    }
    match v.low(k) {
        "%" | "percent" | "pct" | "percents" => {
            m.measure = Measure::Percent;
            m.marked = true;
            return k + 1;
        }
        "per" if v.low(k + 1) == "cent" => {
            m.measure = Measure::Percent;
            m.marked = true;
            return k + 2;
        }
        "percentage" if matches!(v.low(k + 1), "point" | "points") => {
            m.measure = Measure::Percent;
            m.marked = true;
            return k + 2;
        }
        "percentage" => {
            m.measure = Measure::Percent;
            m.marked = true;
            return k + 1;
        }
        _ => {}
    }
    if matches!(m.measure, Measure::Money(_)) {
        return k;
    }
    // Most words after a number are in none of the currency tables: one lookup says so.
    if !is_mark_word(v.low(k)) {
        return code_after(v, k, m).unwrap_or(k);
    }
    // "10 €", "100₾": a symbol after the number, unless it starts the next amount ("1 $ 10").
    let next_has_mark =
        || numbers::parse_at(&v.ps, k + 1).is_some_and(|n| currency_mark_at(v, n.end));
    if let Some((_, code)) = CURRENCY_SYMBOLS_AFTER.iter().find(|(w, _)| *w == v.low(k))
        && !(v.same_sentence(k, k + 1)
            && v.kind(k + 1) == Some(TokenKind::Number)
            && !next_has_mark())
    {
        m.measure = Measure::Money(code.to_string());
        m.marked = true;
        return k + 1;
    }
    if let Some((_, code)) = SUBUNIT_WORDS.iter().find(|(w, _)| *w == v.low(k)) {
        // "34 cents" is $0.34; "1 penny" and "50 pence" are pounds.
        m.measure = Measure::Money(code.to_string());
        m.marked = true;
        let per = match v.low(k) {
            w if w.starts_with("dime") => 10.0,
            w if w.starts_with("satoshi") => 1e8,
            _ => 100.0,
        };
        m.value /= per;
        if let Some((lo, hi)) = m.range {
            m.range = Some((lo / per, hi / per));
        }
        return k + 1;
    }
    if let Some(end) = code_after(v, k, m) {
        return end;
    }
    let mut j = k;
    let mut adjective = None;
    if let Some((_, c)) = CURRENCY_ADJECTIVES.iter().find(|(w, _)| *w == v.low(j))
        && v.same_sentence(j + 1, m.start)
    {
        adjective = Some(*c);
        j += 1;
    }
    if let Some((_, code)) = CURRENCY_WORDS.iter().find(|(w, _)| *w == v.low(j)) {
        // "lost 25 pounds", "weighs 2 pounds": a weight (see `weighs`).
        if adjective.is_none()
            && matches!(v.low(j), "pounds" | "pound")
            && v.low(j + 1) != "sterling"
            && m.scale == 1.0
            && weighs(v, j)
        {
            return k;
        }
        // "australian dollars", "swiss francs"; "turkish yen" is no currency.
        let code = match adjective {
            Some(a) if matches!(v.low(j), "dollars" | "dollar" | "francs" | "franc") => a,
            Some(a) if a == *code || *code == "USD" => a,
            Some(a) if matches!(v.low(j), "lira" | "markka" | "guilders" | "pesetas") => a,
            Some(_) => return k,
            None => code,
        };
        m.measure = Measure::Money(code.to_string());
        m.marked = true;
        if matches!(v.low(j), "pounds" | "pound") && v.low(j + 1) == "sterling" {
            j += 1;
        }
        return scale_after_code(v, j + 1, m);
    }
    k
}

/// Whether `w` is in one of the tables of currency words, symbols, subunits and adjectives that
/// [`read_mark`] reads after a number.
fn is_mark_word(w: &str) -> bool {
    static WORDS: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
        CURRENCY_SYMBOLS_AFTER
            .iter()
            .chain(SUBUNIT_WORDS)
            .chain(CURRENCY_ADJECTIVES)
            .chain(CURRENCY_WORDS)
            .map(|(w, _)| *w)
            .collect()
    });
    WORDS.contains(w)
}

/// A currency code at `k` after the amount `m`, which it makes money: "30 MUSD" (millions of
/// the currency), "100 SEK", "115USD". One past the code (and a scale after it).
fn code_after(v: &View, k: usize, m: &mut Mention) -> Option<usize> {
    if let Some(code) = million_code(v.orig(k)) {
        m.measure = Measure::Money(code.to_string());
        m.marked = true;
        m.value *= 1e6;
        return Some(k + 1);
    }
    if v.orig(k).bytes().all(|b| b.is_ascii_uppercase())
        && let Some(code) = iso_code(v.orig(k))
    {
        m.measure = Measure::Money(code.to_string());
        m.marked = true;
        return Some(scale_after_code(v, k + 1, m));
    }
    None
}

/// "USD115", "USD115.5": a currency code glued before digits, one word to the tokenizer.
fn code_glued_amount(v: &View, i: usize) -> Option<Mention> {
    let written = v.orig(i);
    let (code, digits) = (written.get(..3)?, written.get(3..)?);
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !code.bytes().all(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    let code = iso_code(code)?;
    let mut end = i + 1;
    let mut text = digits.to_string();
    // The tokenizer ends the word at a dot: "USD115" "." "5".
    if v.low(end) == "."
        && v.glued(end)
        && v.glued(end + 1)
        && v.kind(end + 1) == Some(TokenKind::Number)
    {
        text = format!("{digits}.{}", v.low(end + 1));
        end += 2;
    }
    let value = text.parse::<f64>().ok()?;
    let mut m = new_mention(
        i,
        end,
        numbers::NumberMatch {
            value,
            end,
            form: Form::Digits,
            scale: 1.0,
            short_m: false,
        },
    );
    m.measure = Measure::Money(code.to_string());
    m.marked = true;
    Some(m)
}

/// Whether token `k` is a currency mark that may follow a number ("$", "usd", "dollars", "EUR").
fn currency_mark_at(v: &View, k: usize) -> bool {
    let w = v.low(k);
    CURRENCY_SYMBOLS_AFTER.iter().any(|(s, _)| *s == w)
        || CURRENCY_WORDS.iter().any(|(s, _)| *s == w)
        || v.orig(k).bytes().all(|b| b.is_ascii_uppercase()) && iso_code(v.orig(k)).is_some()
}

/// Whether `w` names a currency after a number ("dollars", "yen", "cent"); "pound" is left to
/// the units (a "5-pound bag" is a weight).
fn is_currency_word(w: &str) -> bool {
    !GLUED_ONLY_UNITS.contains(&w)
        && CURRENCY_WORDS
            .iter()
            .chain(SUBUNIT_WORDS)
            .any(|(c, _)| *c == w)
}

/// "75 USD million": a scale word written after the currency code. Gives the token after it.
fn scale_after_code(v: &View, k: usize, m: &mut Mention) -> usize {
    match numbers::scale_word(v.low_in(k, m.start)) {
        Some(scale) if m.scale == 1.0 && scale >= 1000.0 && m.range.is_none() => {
            m.value *= scale;
            m.scale = scale;
            k + 1
        }
        _ => k,
    }
}

/// "35 lakh", "2 crore": the Indian scales (a hundred thousand, ten million) after a number.
/// Gives the token after the scale word.
fn read_indian_scale(v: &View, k: usize, m: &mut Mention) -> usize {
    let scale = match v.low_in(k, m.start) {
        "lakh" | "lakhs" | "lac" | "lacs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return k,
    };
    if m.scale != 1.0 {
        return k;
    }
    m.value *= scale;
    m.scale = scale;
    if let Some((lo, hi)) = m.range {
        m.range = Some((lo * scale, hi * scale));
    }
    k + 1
}

/// "$350 per kg", "$15.4/hour": the unit a price is per. Gives the token after it.
fn read_money_rate(v: &View, k: usize, m: &mut Mention) -> usize {
    if !v.same_sentence(k, m.start) {
        return k;
    }
    let per = match v.low(k) {
        "per" => k + 1,
        "/" if v.glued(k) && v.glued(k + 1) => k + 1,
        _ => return k,
    };
    let w = v.low_in(per, m.start);
    if !(is_unit_word(w) || crate::normalize::time_unit(w).is_some()) || !v.is_word(per) {
        return k;
    }
    m.unit = Some(w.to_string());
    m.unit_end = per + 1;
    per + 1
}

/// A rate after a unit ending before token `e`: "km/h", "miles per hour", "miles an hour",
/// "metres per millisecond". One past it.
fn rate_after(v: &View, e: usize) -> Option<usize> {
    if !v.same_sentence(e.saturating_sub(1), e + 1) {
        return None;
    }
    let slash = v.low(e) == "/" && v.glued(e) && v.glued(e + 1);
    let per = matches!(v.low(e), "per" | "an" | "a") && !v.glued(e);
    let den = v.low(e + 1);
    let mut end = e + 2;
    if let Some(time) = crate::normalize::time_unit(den) {
        // "an hour", "a second"; "per" and "/" take any time unit ("per ms", "/hr").
        let ok = (slash || per)
            && (!matches!(v.low(e), "a" | "an") || matches!(time, "hour" | "second"));
        if !ok {
            return None;
        }
    } else {
        // After "/" any unit, squared or not: "J/m^2", "km/s2".
        let square_time = den
            .strip_suffix('2')
            .and_then(crate::normalize::time_unit)
            .is_some();
        let unit = is_unit_word(den) && crate::normalize::case_allows_unit(v.orig(e + 1));
        if !(slash && (square_time || unit)) {
            return None;
        }
        if v.low(end) == "^"
            && v.glued(end)
            && v.glued(end + 1)
            && matches!(v.low(end + 1), "2" | "3")
        {
            end += 2;
        }
    }
    // "J/m^2 per year": a further time divides again.
    Some(rate_after(v, end).unwrap_or(end))
}

/// "5 ft 2 in", "5 feet and 2 inches", "3 pounds 4 ounces": the smaller unit after a unit at
/// tokens `u..e`, as a part of the larger one, and one past it.
fn compound_unit(v: &View, u: usize, e: usize, anchor: usize) -> Option<(f64, usize)> {
    let (small, per): (&[&str], f64) = match v.low(u) {
        "ft" | "foot" | "feet" => (&["in", "inch", "inches"], 12.0),
        "lb" | "lbs" | "pound" | "pounds" => (&["oz", "ounce", "ounces"], 16.0),
        _ => return None,
    };
    if e != u + 1 {
        return None;
    }
    let mut j = e;
    if v.low_in(j, anchor) == "and" {
        j += 1;
    }
    if !v.same_sentence(j, anchor) || v.kind(j) != Some(TokenKind::Number) {
        return None;
    }
    let n = numbers::parse_at(&v.ps, j)?;
    let unit = v.low_in(n.end, anchor);
    (small.contains(&unit) && n.value < per && n.scale == 1.0).then_some((n.value / per, n.end + 1))
}

/// Words that make "pounds" in their sentence a weight: weighing, losing or gaining weight,
/// newborns, other units of mass. Money words ("£", "sterling", "cost", "paid") win.
const WEIGHT_CUES: &[&str] = &[
    "weigh",
    "weighs",
    "weighed",
    "weighing",
    "weight",
    "weights",
    "heavy",
    "heavier",
    "lighter",
    "lose",
    "loses",
    "lost",
    "losing",
    "gain",
    "gained",
    "gaining",
    "shed",
    "drop",
    "dropped",
    "baby",
    "newborn",
    "born",
    "ton",
    "tons",
    "tonne",
    "tonnes",
    "kg",
    "kilograms",
    "ounces",
    "oz",
];

/// Words that keep "pounds" in their sentence money.
const MONEY_CUES: &[&str] = &[
    "£", "sterling", "cost", "costs", "paid", "pay", "pays", "price", "worth", "fine", "fined",
    "salary", "bill", "spend", "spent", "million", "billion", "bn", "m", "$", "€",
];

/// Whether the sentence of token `i` speaks of weight, so "pounds" there is a unit of mass
/// ("lost 25 pounds", "a metric ton is 2,204.62 pounds") rather than sterling.
fn weighs(v: &View, i: usize) -> bool {
    let mut weight = false;
    let mut j = i;
    while let Some(p) = v.before(j) {
        j = p;
    }
    let mut n = 0;
    while j < v.tokens.len() && v.same_sentence(i, j) && n < 120 {
        let w = v.low(j);
        if MONEY_CUES.contains(&w) {
            return false;
        }
        weight |= WEIGHT_CUES.contains(&w) || (w == "metric" && v.low(j + 1).starts_with("ton"));
        j += 1;
        n += 1;
    }
    weight
}

/// "2.17 pm", "5.30 am": hours and minutes with a dot before a clock word, a time of day.
fn clock_decimal(v: &View, i: usize, k: usize) -> bool {
    // The word after is looked at first: it is mostly none of these.
    if !matches!(v.low(k), "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m") {
        return false;
    }
    let Some((h, mm)) = v.low(i).split_once('.') else {
        return false;
    };
    mm.len() == 2
        && h.parse::<u32>().is_ok_and(|h| (1..=12).contains(&h))
        && mm.parse::<u32>().is_ok_and(|m| m < 60)
}

/// The unit as written over tokens `start..end`, lower-case but for cased symbols ("W/min"),
/// single-spaced.
fn unit_text(v: &View, start: usize, end: usize) -> String {
    let mut out = String::new();
    for t in start..end {
        if !out.is_empty() && !v.glued(t) {
            out.push(' ');
        }
        // "miles an hour" is "miles per hour"; cased symbols keep their case ("66 Ma").
        let w = v.low(t);
        out.push_str(match w {
            "an" | "a" => "per",
            _ if crate::normalize::CASED_SYMBOLS.contains(&v.orig(t)) => v.orig(t),
            _ => w,
        });
    }
    out
}

/// A minus sign or word right before the number at `i`: "-5", "minus 3", "negative 2". A dash
/// glued to a word or number before it ("F-16") or following a number ("10 -5") is not one.
/// Millions written with capitals, which lower-case number parsing cannot tell from metres: a
/// glued "MM" (the bankers' million: "$1MM"; millimetres are "mm") and a spaced "M" closing the
/// sentence ("1,674,200.5 M", as a spaced "k" is thousands).
fn capital_million(v: &View, m: numbers::NumberMatch) -> numbers::NumberMatch {
    let e = m.end;
    let mm = v.glued(e) && v.orig(e) == "MM";
    let spaced_m = !v.glued(e)
        && v.same_sentence(e, e.saturating_sub(1))
        && v.orig(e) == "M"
        && (!v.same_sentence(e, e + 1) || v.kind(e + 1) == Some(TokenKind::Punct));
    if m.scale != 1.0 || !(mm && !v.glued(e + 1) || spaced_m) {
        return m;
    }
    numbers::NumberMatch {
        value: m.value * 1e6,
        end: e + 1,
        scale: 1e6,
        ..m
    }
}

/// A stated uncertainty at token `k` after an amount, "± 0.2" or "+/- 1e-5": its size and one
/// past it.
fn uncertainty_after(v: &View, k: usize) -> Option<(f64, usize)> {
    let j = match v.low(k) {
        "±" => k + 1,
        "+" if v.low(k + 1) == "/"
            && v.glued(k + 1)
            && matches!(v.low(k + 2), "-" | "−")
            && v.glued(k + 2) =>
        {
            k + 3
        }
        _ => return None,
    };
    if !v.same_sentence(k.saturating_sub(1), j) || v.kind(j) != Some(TokenKind::Number) {
        return None;
    }
    let n = numbers::parse_at(&v.ps, j)?;
    (n.value > 0.0).then_some((n.value, n.end))
}

/// A glued capital "T" after money marked before the digits is trillions ("$2.174T"); without
/// the mark it may be tonnes or a label ("4T").
fn capital_trillion(v: &View, i: usize, m: numbers::NumberMatch) -> numbers::NumberMatch {
    let e = m.end;
    if m.scale != 1.0
        || !v.glued(e)
        || v.orig(e) != "T"
        || v.glued(e + 1) && v.kind(e + 1) != Some(TokenKind::Punct)
        || currency_before(v, minus_before(v, i).unwrap_or(i))
            .1
            .is_none()
    {
        return m;
    }
    numbers::NumberMatch {
        value: m.value * 1e12,
        end: e + 1,
        scale: 1e12,
        ..m
    }
}

/// Whether the zero word at `i` is a noun phrase of its own: nothing of its sentence after it but
/// punctuation, or a form of "be"/"equal" ("zero is 0", "nought equals nothing"); capitalised in
/// mid-sentence it is a name ("Ground Zero").
fn zero_stands_alone(v: &View, i: usize) -> bool {
    let name = v.before(i).is_some() && v.orig(i).starts_with(char::is_uppercase);
    let next = v.low_in(i + 1, i);
    let alone = next.is_empty()
        || v.kind(i + 1) == Some(TokenKind::Punct) && !matches!(next, "-" | "–")
        || matches!(next, "is" | "was" | "are" | "were" | "equals" | "equal");
    alone && !name
}

/// "percent of 10", "per cent of twenty-two": the percent word opening its sentence and the
/// number closing it, the word order of a heading or a spoken answer. Gives the token the
/// percentage starts at. In running text "percent of" is followed by the whole the share is
/// taken of ("a small percent of 200 voters"), so both ends are required.
fn percent_before(v: &View, start: usize, end: usize) -> Option<usize> {
    let of = v.before(start).filter(|&o| v.low(o) == "of")?;
    let word = v.before(of)?;
    let first = match v.low(word) {
        "percent" | "percents" | "percentage" => word,
        "cent" => v.before(word).filter(|&p| v.low(p) == "per")?,
        _ => return None,
    };
    let opens = v.before(first).is_none();
    let closes = !v.same_sentence(end, start) || v.kind(end) == Some(TokenKind::Punct);
    (opens && closes).then_some(first)
}

fn minus_before(v: &View, i: usize) -> Option<usize> {
    let p = v.before(i)?;
    let pp = v.before(p);
    if pp.is_some_and(|pp| v.kind(pp) == Some(TokenKind::Number)) {
        return None;
    }
    match v.low(p) {
        // "-5", "(-5)", "<-30", "$-99".
        "-" | "−"
            if v.glued(i)
                && (!v.glued(p)
                    || pp.is_none_or(|pp| {
                        v.kind(pp) == Some(TokenKind::Punct) && !matches!(v.low(pp), "-" | "–")
                    })) =>
        {
            Some(p)
        }
        "minus" | "negative" if !v.glued(i) => Some(p),
        _ => None,
    }
}

/// After an amount in a main currency unit written as a word, its subunits: "3 dollars 50 cents",
/// "thirteen dollars and forty-five cents". Gives the token after the mention.
fn read_subunit(v: &View, k: usize, m: &mut Mention) -> usize {
    let Measure::Money(code) = &m.measure else {
        return k;
    };
    let last = v.low(k.wrapping_sub(1));
    let word = matches!(
        last,
        "dollars" | "dollar" | "euros" | "euro" | "pounds" | "pound" | "usd" | "eur" | "gbp"
    );
    // "c $ 100 and fifty": after a symbol, only with "and".
    let symbol = (m.start..k).any(|t| CURRENCY_SYMBOLS.iter().any(|(s, _)| *s == v.low(t)));
    if !(word || symbol) || m.range.is_some() || m.scale != 1.0 || m.value.fract() != 0.0 {
        return k;
    }
    let mut j = k;
    if v.low_in(j, m.start) == "and" {
        j += 1;
    }
    if !v.same_sentence(j, m.start) || v.glued(j) {
        return k;
    }
    let Some(n) = numbers::parse_at(&v.ps, j) else {
        return k;
    };
    if n.value >= 100.0 || n.value < 0.0 || n.value.fract() != 0.0 || n.scale != 1.0 {
        return k;
    }
    let sub = v.low_in(n.end, m.start);
    let fits = match sub {
        "cents" | "cent" => code == "USD" || code == "EUR",
        "pence" | "penny" | "p" => code == "GBP",
        _ => false,
    };
    if fits {
        m.value += n.value / 100.0;
        return n.end + 1;
    }
    // "15 dollars 50", "17 USD 25", "one dollar and one": hundredths without their name, when
    // nothing is counted after them (the clause ends, or "more" follows).
    let clause_ends = !v.same_sentence(n.end, m.start)
        || v.kind(n.end) == Some(TokenKind::Punct) && !matches!(sub, "%" | "$" | "€" | "£")
        || matches!(sub, "more" | "and" | "each" | "apiece");
    if clause_ends && (word || j > k) {
        m.value += n.value / 100.0;
        return n.end;
    }
    k
}

/// A currency mark before the number at `i`: the first token of the mention and the ISO code.
/// "MAUD 60" is 60 million AUD: the caller scales by [`million_code`].
fn currency_before(v: &View, i: usize) -> (usize, Option<&'static str>) {
    let Some(p) = v.before(i) else {
        return (i, None);
    };
    if let Some((_, code)) = CURRENCY_SYMBOLS.iter().find(|(s, _)| *s == v.low(p)) {
        // "US$20", "C$5"; spaced ("c $ 300") only for prefixes that are no words.
        if *code == "USD"
            && let Some(pp) = v.before(p)
            && let Some((_, c)) = DOLLAR_PREFIXES.iter().find(|(s, _)| *s == v.low(pp))
            && (v.glued(p) || !matches!(v.low(pp), "a" | "s" | "us"))
        {
            return (pp, Some(c));
        }
        return (p, Some(code));
    }
    let written = v.orig(p);
    if let Some(code) = million_code(written) {
        return (p, Some(code));
    }
    if v.is_word(p)
        && (written.len() == 3 && written.bytes().all(|b| b.is_ascii_alphabetic()))
        && let Some(code) = iso_code(written)
    {
        return (p, Some(code));
    }
    (i, None)
}

/// An age: "Nichols, 37, was", "at the age of 91", "16 year-old", "16 years old".
fn is_age(v: &View, i: usize, k: usize) -> bool {
    let next = v.low_in(k, i);
    if next.starts_with("year-old") || next.starts_with("years-old") {
        return true;
    }
    if matches!(next, "year" | "years") && v.low_in(k + 1, i) == "old" {
        return true;
    }
    let Some(p) = v.before(i) else {
        return false;
    };
    if after_age_word(v, i) {
        return true;
    }
    let pp = v.before(p);
    let closes = matches!(next, "," | "." | ";" | "");
    // "She was 91.", "He was 95 and lived", "I was nine.", "Mark Felt was 95.": a person's age
    // closing the clause.
    let person = |pp: usize| {
        matches!(v.low(pp), "he" | "she" | "i")
            || (v.before(pp).is_some()
                && v.is_word(pp)
                && v.orig(pp).chars().next().is_some_and(char::is_uppercase)
                && v.low(i)
                    .parse::<u32>()
                    .is_ok_and(|n| (1..=120).contains(&n)))
    };
    // The word before the number decides which of the remaining forms may apply: read once.
    match v.low(p) {
        // "at the age of 91".
        "of" => pp.is_some_and(|pp| v.low(pp) == "age"),
        // "died at 91", "dead at 49": an age at death.
        "at" => pp.is_some_and(|pp| matches!(v.low(pp), "died" | "dies" | "dead")),
        "was" | "is" => pp.is_some_and(person) && (closes || next == "and"),
        // A name, a comma, the number, a comma or the sentence end ("Comeaux Jr., 49, took").
        "," => {
            let name_end = pp.and_then(|pp| match v.low(pp) {
                "." => v
                    .before(pp)
                    .filter(|&q| matches!(v.low(q), "jr" | "sr" | "jnr" | "snr")),
                _ => Some(pp),
            });
            name_end.is_some_and(|n| {
                v.is_word(n) && v.orig(n).chars().next().is_some_and(char::is_uppercase)
            }) && closes
        }
        _ => false,
    }
}

/// Product and program names that take a version or model number: a number right after one
/// (capitalised, even opening a sentence) is part of the name ("Windows 8", "Core 2 Duo").
const PRODUCT_NAMES: &[&str] = &[
    "windows",
    "core",
    "galaxy",
    "explorer",
    "ie",
    "xbox",
    "playstation",
    "android",
    "office",
    "pentium",
    "iphone",
    "ipad",
    "ios",
    "firefox",
    "vista",
    "lumia",
    "nexus",
    "kindle",
];

/// Words right after a number that make it part of a name or an address: a gun's calibre
/// (".357 caliber") and a block ("the 22000 block of Joliet Avenue", "a gang called 8 Block").
const NAME_AFTER: &[&str] = &["caliber", "calibre", "block"];

/// Words before "911" or "999" that make it the emergency number ("called 911").
const CALL_WORDS: &[&str] = &[
    "call", "calls", "called", "calling", "dial", "dials", "dialed", "dialled", "dialing",
    "dialling",
];

/// Nouns for a person after which ", N," or ", N and M," gives ages ("his two half-brothers, 17
/// and 22,", "the troubled actress, 26,").
const PERSON_NOUNS: &[&str] = &[
    "son",
    "sons",
    "daughter",
    "daughters",
    "brother",
    "brothers",
    "sister",
    "sisters",
    "child",
    "children",
    "kids",
    "boy",
    "boys",
    "girl",
    "girls",
    "twins",
    "siblings",
    "wife",
    "husband",
    "mother",
    "father",
    "mom",
    "dad",
    "grandson",
    "granddaughter",
    "cousin",
    "cousins",
    "nephew",
    "niece",
    "actress",
    "actor",
    "singer",
    "man",
    "woman",
    "men",
    "women",
    "teen",
    "teens",
    "teenager",
    "teenagers",
    "suspect",
    "suspects",
    "victim",
    "victims",
    "friend",
    "boyfriend",
    "girlfriend",
    "stepson",
    "stepdaughter",
];

/// Whether the word right before the number at `i` names a product or a station: a product
/// name ([`PRODUCT_NAMES`], capitalised or in inner capitals), any word in inner capitals
/// ("iOS", "iLife", "GarageBand") or a radio band ("AM 570", not "10 AM").
fn name_word_before(v: &View, i: usize) -> bool {
    let Some(p) = v.before(i).filter(|&p| v.is_word(p)) else {
        return false;
    };
    let o = v.orig(p);
    if o.ends_with("'s") || o.ends_with("’s") {
        return false;
    }
    let inner_capitals = o
        .chars()
        .zip(o.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    let band = matches!(o, "AM" | "FM")
        && v.before(p)
            .is_none_or(|q| v.kind(q) != Some(TokenKind::Number));
    inner_capitals
        || band
        || (PRODUCT_NAMES.contains(&v.low(p)) && o.chars().next().is_some_and(char::is_uppercase))
}

/// More ways news states a person's age: ", N," or ", N and M," after a noun for a person ("his
/// two half-brothers, 17 and 22, were", "the troubled actress, 26, would"), after "turn" ("who
/// turns 29 on April 11"), "At N," opening a sentence ("At 55, he is"), and "will be N" before
/// "in" or "on" ("Teixeira will be 29 in April"). `value` is the number's value.
fn is_stated_age(v: &View, i: usize, k: usize, value: f64) -> bool {
    if !(1.0..=120.0).contains(&value) || value.fract() != 0.0 {
        return false;
    }
    let next = v.low_in(k, i);
    let bare = ends_bare(v, i, k);
    if !bare && !matches!(next, "in" | "on") {
        return false;
    }
    let prev = v.low_before(i);
    let head = list_head(v, i);
    let appositive = v.before(head).is_some_and(|c| {
        v.low(c) == ","
            && v.before(c).is_some_and(|n| {
                // "half-brothers" is read by its last part.
                PERSON_NOUNS.contains(&v.low(n).rsplit('-').next().unwrap_or(""))
            })
    });
    let opening_at = prev == "at" && v.before(i).and_then(|p| v.before(p)).is_none() && next == ",";
    let will_be = prev == "be"
        && matches!(next, "in" | "on")
        && v.before(i)
            .and_then(|p| v.before(p))
            .is_some_and(|pp| matches!(v.low(pp), "will" | "would"));
    (bare && appositive)
        || matches!(prev, "turn" | "turns" | "turned" | "turning")
        || opening_at
        || will_be
}

/// Whether the digits at `i` are the decimals of a number whose point was split off by a space
/// (". 357 caliber", "hit. 308", "(. 535)"): a lone "." glued to a bracket or to a word that
/// cannot end a sentence.
fn decimal_split_off(v: &View, i: usize) -> bool {
    // The segmenter may have ended a sentence at the dot: look at the tokens themselves.
    let Some(dot) = i.checked_sub(1).filter(|&d| v.low(d) == "." && !v.glued(i)) else {
        return false;
    };
    v.glued(dot)
        && dot.checked_sub(1).is_some_and(|w| {
            matches!(
                v.low(w),
                "(" | "a" | "an" | "the" | "hit" | "of" | "including" | "at"
            )
        })
}

/// Whether nothing is counted after the number at `i` (ending before token `k`): the sentence,
/// a clause or a list goes on instead ("17 and 22,", "Explorer 8 and 9.", "turned 68").
fn ends_bare(v: &View, i: usize, k: usize) -> bool {
    matches!(
        v.low_in(k, i),
        "" | "," | "." | ";" | ":" | ")" | "and" | "or" | "to" | "through"
    )
}

/// Whether the number words at `i` (ending before token `end`) name the century of a spelled
/// decade ("the late nineteen fifties", "the early nineteen seventies").
fn spelled_century(v: &View, i: usize, end: usize) -> bool {
    end == i + 1
        && matches!(v.low(i), "eighteen" | "nineteen" | "twenty")
        && matches!(
            v.low_in(end, i),
            "twenties"
                | "thirties"
                | "forties"
                | "fifties"
                | "sixties"
                | "seventies"
                | "eighties"
                | "nineties"
        )
}

/// Number words in set phrases that state no amount: "one day" meaning some day ("would one day
/// start", "I'd one day have"), "one night"/"one evening" meaning a certain one ("One evening
/// that summer"), "at one point", "at one time", "one thing", "one day at a time", "a thing or
/// two", "my two cents".
fn idiom(v: &View, i: usize, end: usize) -> bool {
    let prev = v.low_before(i);
    let next = v.low_in(end, i);
    let after = v.low_in(end + 1, i);
    match v.low(i) {
        "one" if end == i + 1 => {
            let moment = matches!(next, "day" | "night" | "evening" | "morning" | "afternoon");
            let at_a_time = (moment || next == "step")
                && after == "at"
                && v.low_in(end + 2, i) == "a"
                && v.low_in(end + 3, i) == "time";
            let measured = matches!(
                after,
                "after" | "before" | "later" | "earlier" | "ago" | "of"
            ) || matches!(
                prev,
                "for"
                    | "in"
                    | "just"
                    | "only"
                    | "within"
                    | "than"
                    | "over"
                    | "every"
                    | "per"
                    | "each"
                    | "a"
                    | "about"
                    | "nearly"
                    | "almost"
            );
            let modal = matches!(
                prev,
                "would" | "will" | "could" | "can" | "may" | "might" | "should" | "must" | "to"
            ) || prev.ends_with("'d")
                || prev.ends_with("’d");
            let opening = v.before(i).is_none() && after == ",";
            next == "thing"
                || at_a_time
                || (prev == "at" && matches!(next, "point" | "time"))
                || (moment && !measured && (modal || opening || next != "day"))
        }
        "two" if end == i + 1 => {
            let my = matches!(prev, "my" | "his" | "her" | "our" | "their" | "your");
            (next == "cents" && (my || after == "worth"))
                || (prev == "or" && v.before(i).is_some_and(|p| v.low_before(p) == "thing"))
        }
        _ => false,
    }
}

/// Whether the number at `i` follows an age word, directly or as a later number of a range or
/// list ("ages 13, 10 and 8", "age 12 to 15").
fn after_age_word(v: &View, i: usize) -> bool {
    AGE_WORDS.contains(&v.low_before(list_head(v, i)))
}

/// Whether token `p` joins two items of a list or range ("and", "to", ",", "-").
fn list_link(v: &View, p: usize) -> bool {
    matches!(v.low(p), "and" | "to" | "or" | "through" | "," | "-" | "–")
}

/// The first number of the list or range whose later number is at `i` ("ages 13, 10 and 8",
/// "versions 6, 7, 8, and 9"), or `i` itself: looks back over at most six links.
fn list_head(v: &View, i: usize) -> usize {
    let mut j = i;
    for _ in 0..6 {
        let Some(mut p) = v.before(j).filter(|&p| list_link(v, p)) else {
            return j;
        };
        // ", and 9"
        if matches!(v.low(p), "and" | "or")
            && let Some(c) = v.before(p).filter(|&c| v.low(c) == ",")
        {
            p = c;
        }
        match v.before(p) {
            Some(q) if v.kind(q) == Some(TokenKind::Number) => j = q,
            _ => return j,
        }
    }
    j
}

/// Skips the run of tokens glued to token `i` ("10:30", "2020-09-09", "3pm").
fn glued_run_skip(v: &View, i: usize) -> Step {
    let mut j = i + 1;
    while j < v.tokens.len() && v.glued(j) {
        j += 1;
    }
    Step::Skip(j)
}

/// Words right before a hyphenated pair that make it a score or a win–loss record ("won 3-1",
/// "a record of 9-14"; "of" is looked through).
const SCORE_BEFORE: &[&str] = &[
    "record", "records", "won", "win", "wins", "lost", "loss", "losses", "beat", "beats",
    "defeated", "defeat", "draw", "drew", "scored", "went", "go", "goes", "finished", "mark",
];

/// Words right after a hyphenated pair that make it a score ("a 21-17 win", "a 3-1 lead").
const SCORE_AFTER: &[&str] = &[
    "win",
    "wins",
    "loss",
    "losses",
    "victory",
    "victories",
    "defeat",
    "defeats",
    "lead",
    "record",
    "draw",
    "tie",
    "rout",
    "triumph",
];

/// Age words: a number right after one (and the numbers of a range or list that follows) is an
/// age, not a count ("ages 16 and 6", "from age 16 to 19", "aged 45").
const AGE_WORDS: &[&str] = &["age", "ages", "aged"];

/// Last word of a street name: "505 LaGuardia Place", "10 Downing Street".
const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "place",
    "pl",
    "boulevard",
    "blvd",
    "lane",
    "drive",
    "way",
    "square",
];

/// A street number: the digits at `i` followed (from token `k`) by capitalised words, the last a
/// street word ("1600 Pennsylvania Avenue", "42 Maple St.").
fn is_street_number(v: &View, i: usize, k: usize) -> bool {
    let mut j = k;
    while j < k + 5
        && v.same_sentence(i, j)
        && v.is_word(j)
        && v.orig(j).chars().next().is_some_and(char::is_uppercase)
    {
        if j > k && STREET_WORDS.contains(&v.low(j)) {
            return true;
        }
        j += 1;
    }
    false
}

/// A phone number spaced into groups ("866 431 7720", "+1 866 431 7720", "+44 20 7946 0958"):
/// one past its last group when the digits at `i` start one (or continue a "+" country code).
fn phone_groups(v: &View, i: usize) -> Option<usize> {
    let digits = |j: usize| {
        v.kind(j) == Some(TokenKind::Number)
            && v.low(j).len() <= 4
            && v.low(j).bytes().all(|b| b.is_ascii_digit())
    };
    // The number of groups and the lengths of the last two.
    let (mut j, mut n, mut last_two) = (i, 0, (0, 0));
    while digits(j) && v.same_sentence(i, j) && (j == i || !v.glued(j)) {
        n += 1;
        last_two = (last_two.1, v.low(j).len());
        j += 1;
    }
    if v.glued(j) && v.kind(j) != Some(TokenKind::Punct) {
        return None;
    }
    let country = i >= 2
        && !v.glued(i)
        && digits(i - 1)
        && v.glued(i - 1)
        && v.low(i - 2) == "+"
        && v.same_sentence(i - 2, i);
    let local = n >= 3 && last_two == (3, 4);
    (local || (country && n >= 2)).then_some(j)
}

/// A four-digit integer from 1800 to 2100 with no separator.
fn is_year_like(digits: &str) -> bool {
    digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
}

/// A lexicon phrase as tokens: words, with a final period split off ("approx." → "approx", ".").
fn phrase_tokens(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in phrase.split_whitespace() {
        let w = w.to_lowercase();
        match w.strip_suffix('.') {
            Some(stem) if !stem.is_empty() && !stem.contains('.') => {
                out.push(stem.to_string());
                out.push(".".to_string());
            }
            _ => out.push(w),
        }
    }
    out
}

/// The spans of time claims, sorted, with a running maximum of their ends for overlap tests.
struct Taken {
    spans: Vec<Span>,
    max_end: Vec<usize>,
}

impl Taken {
    fn new(spans: &[Span]) -> Taken {
        let mut spans = spans.to_vec();
        spans.sort();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for s in &spans {
            m = m.max(s.end);
            max_end.push(m);
        }
        Taken { spans, max_end }
    }

    /// Whether `span` shares a byte with a taken span.
    fn overlaps(&self, span: Span) -> bool {
        let n = self.spans.partition_point(|s| s.start < span.end);
        n > 0 && self.max_end[n - 1] > span.start
    }

    /// [`Self::overlaps`] for spans asked in text order: `passed` (0 before the first) counts
    /// the taken spans starting before the last span asked, and moves on from there instead of
    /// searching all of them again.
    fn holds(&self, passed: &mut usize, span: Span) -> bool {
        while self.spans.get(*passed).is_some_and(|s| s.start < span.end) {
            *passed += 1;
        }
        *passed > 0 && self.max_end[*passed - 1] > span.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::vocabulary::UNKNOWN;
    use crate::model::Source;
    use crate::rules::Ruleset;
    use crate::segment::segment;

    fn source(text: &str) -> Source {
        Source::from_text("s", text)
    }

    #[test]
    fn iso_codes_read_in_any_case() {
        assert_eq!(iso_code("USD"), Some("USD"));
        assert_eq!(iso_code("usd"), Some("USD"));
        assert_eq!(iso_code("Eur"), Some("EUR"));
        assert_eq!(iso_code("rmb"), Some("CNY"));
        for word in ["the", "try", "rub", "us", "usdx", "üsd", ""] {
            assert_eq!(iso_code(word), None, "{word}");
        }
    }

    #[test]
    fn word_heads_read_only_the_word() {
        assert_eq!(head8(b"two", 0, 3), head8(b"two thirds", 0, 3));
        assert_eq!(head8(b"a two", 2, 3), head8(b"two", 0, 3));
        assert_ne!(head8(b"twenty", 0, 6), head8(b"twenty", 0, 5));
        assert_eq!(head8(b"", 0, 0), 0);
    }

    #[test]
    fn word_filter_keeps_every_word_of_its_set() {
        let words = ["twenty", "two", "half", "seventeen", "\u{bd}"];
        let filter = WordFilter::new(words.into_iter());
        for w in words {
            assert!(
                filter.may_hold(head8(w.as_bytes(), 0, w.len()), w.len()),
                "{w}"
            );
        }
        let refused = ["the", "that", "twentyfive", "tw", "x"]
            .into_iter()
            .filter(|w| !filter.may_hold(head8(w.as_bytes(), 0, w.len()), w.len()))
            .count();
        assert!(refused >= 4, "{refused}");
    }

    #[test]
    fn word_numbers_and_texts_classify_tokens_alike() {
        // Hyphens in every place, digits fourth, long and non-ASCII words, phrase words, and a
        // hyphenated number closing the text (fewer than eight bytes left).
        let text = "Twenty-one of the forty-five-year-old USD115 troops, seventeen-year soldiers, \
                    a-b one-half x-ray three-quarters ninety-nine-fold in-depth \
                    extraordinarily-long-word half-million café-one Flight 93 some 2,000 service \
                    members withdrew; about a dozen, more than half, several hundred. sixty-six";
        let src = source(text);
        let doc = segment(&src);
        let extractors = Ruleset::builtin().lexicon.extractors();
        let words = extractors.words(&doc);
        assert!(words.contains(&UNKNOWN) && words.contains(&UNREAD));
        let q = &extractors.quantity;
        let lower = text.to_ascii_lowercase();
        let view = |words| View {
            text,
            lower: &lower,
            tokens: &doc.tokens,
            words,
            ps: TokenPieces::new(&lower, &doc.tokens),
        };
        let (by_number, by_text) = (view(&words), view(&[]));
        let known = |c: WordClass| {
            (
                c.starter,
                c.hedges,
                c.multi_units,
                c.flags & !WordClass::MAY_START,
            )
        };
        for i in 0..doc.tokens.len() {
            let w = by_text.low(i);
            assert_eq!(q.may_start(&by_number, i), q.may_start(&by_text, i), "{w}");
            assert_eq!(
                known(q.class(&by_number, i)),
                known(q.class(&by_text, i)),
                "{w}"
            );
        }
        assert!(q.may_start(&by_number, 0) && !q.may_start(&by_number, 2));
        let claims = |words: &[WordId]| format!("{:?}", q.extract(&doc, 0, &[], words));
        assert_eq!(claims(&words), claims(&[]));
    }

    fn extract_taken(text: &str, taken: &[Span]) -> Vec<Claim> {
        let src = source(text);
        let doc = segment(&src);
        let extractors = Ruleset::builtin().lexicon.extractors();
        let words = extractors.words(&doc);
        let claims = extractors.quantity.extract(&doc, 0, taken, &words);
        for c in &claims {
            assert_eq!(c.text, &text[c.span.start..c.span.end]);
        }
        claims
    }

    fn extract(text: &str) -> Vec<Claim> {
        extract_taken(text, &[])
    }

    /// One claim's quantity by its text.
    fn find<'c>(claims: &'c [Claim], text: &str) -> &'c Quantity {
        claims
            .iter()
            .find(|c| c.text == text)
            .and_then(Claim::quantity)
            .unwrap_or_else(|| panic!("no claim {text:?} in {:?}", texts(claims)))
    }

    fn texts(claims: &[Claim]) -> Vec<&str> {
        claims.iter().map(|c| c.text.as_str()).collect()
    }

    fn unit(q: &Quantity) -> Option<&str> {
        q.unit_text.as_deref()
    }

    #[test]
    fn percent_of_a_number_opening_and_closing_a_sentence() {
        for (text, want) in [
            ("percent of 10", 10.0),
            ("per cent of twenty-two.", 22.0),
            ("percents of twenty", 20.0),
        ] {
            let c = extract(text);
            assert_eq!(texts(&c), [text.trim_end_matches('.')], "{text}");
            let q = c[0].quantity().unwrap();
            assert_eq!((q.measure.clone(), q.value), (Measure::Percent, Some(want)));
        }
        // In running text the number after "percent of" is the whole, not the share.
        let c = extract("Only a small percent of 200 voters came.");
        assert_eq!(find(&c, "200").measure, Measure::Count);
        let c = extract("Percent of 10 voters said no.");
        assert_eq!(find(&c, "10").measure, Measure::Count);
    }

    #[test]
    fn fractions_standing_alone_after_a_hedge_or_with_a_sign() {
        let c =
            extract("More than half came. The share was a fifth. The answer is minus one over 20.");
        assert_eq!(find(&c, "More than half").value, Some(0.5));
        assert_eq!(find(&c, "a fifth").value, Some(0.2));
        assert_eq!(find(&c, "minus one over 20").value, Some(-0.05));
        // "half" alone, or "a fifth" before a noun, is not an amount.
        let c = extract("They cut it in half. He won a fifth term.");
        assert!(c.is_empty(), "{:?}", texts(&c));
    }

    #[test]
    fn two_bounds_of_fractions_are_one_range() {
        let c = extract("The number is above one quarter and below a half.");
        assert_eq!(texts(&c), ["above one quarter and below a half"]);
        let q = c[0].quantity().unwrap();
        assert_eq!(q.range, Some((0.25, 0.5)));
        assert_eq!(q.range_open, (true, true));
    }

    #[test]
    fn zero_is_a_number_with_decimals_or_standing_alone() {
        let c = extract("It is nought point five; zero tolerance stays.");
        assert_eq!(texts(&c), ["nought point five"]);
        assert_eq!(c[0].quantity().unwrap().value, Some(0.5));
        let c = extract("Zero is a small number. Deaths fell to zero. It was naught");
        assert_eq!(texts(&c), ["Zero", "zero", "naught"]);
        assert!(c.iter().all(|c| c.quantity().unwrap().value == Some(0.0)));
        // Names and modifiers.
        let c = extract("It paid $2000 for a 1MM target, 2.5 M.");
        assert_eq!(find(&c, "$2000").value, Some(2000.0));
        assert_eq!(find(&c, "1MM").value, Some(1e6));
        assert_eq!(find(&c, "2.5 M").value, Some(2.5e6));
        let c = extract("In 2000 a 5 mm bolt and 3 M solution.");
        assert_eq!(texts(&c), ["5", "3"]);
        let c = extract("They met at Ground Zero. A zero hour was set. Below zero degrees.");
        assert!(c.is_empty(), "{:?}", texts(&c));
    }

    #[test]
    fn spaced_digit_groups_are_one_amount() {
        let c = extract("China's population is 1 414 021 100. On May 5 100 people came.");
        assert_eq!(find(&c, "1 414 021 100").value, Some(1_414_021_100.0));
        assert_eq!(find(&c, "100").value, Some(100.0));
    }

    #[test]
    fn hedges_are_part_of_the_claim() {
        let c = extract(
            "Officials said about 5,200 troops remain, at least six were hurt and no more than 40 \
             left, while nearly 300 civilians fled.",
        );
        assert_eq!(
            texts(&c),
            [
                "about 5,200",
                "at least six",
                "no more than 40",
                "nearly 300"
            ]
        );
        assert_eq!(find(&c, "about 5,200").hedge.as_deref(), Some("about"));
        assert_eq!(find(&c, "about 5,200").value, Some(5200.0));
        assert_eq!(find(&c, "about 5,200").interval, Interval::point(5200.0));
        assert_eq!(find(&c, "at least six").hedge.as_deref(), Some("at least"));
        assert_eq!(
            find(&c, "no more than 40").hedge.as_deref(),
            Some("no more than")
        );
        assert_eq!(find(&c, "nearly 300").hedge.as_deref(), Some("nearly"));
    }

    #[test]
    fn hedge_words_without_a_number_are_not_hedges() {
        let c = extract("Over the past month, 12 convoys were hit. Some said so; about time too.");
        assert_eq!(texts(&c), ["12"]);
        assert_eq!(find(&c, "12").hedge, None);
        let c = extract("Roughly 700 guards and Some 2,200 sailors.");
        assert_eq!(texts(&c), ["Roughly 700", "Some 2,200"]);
        assert_eq!(find(&c, "Some 2,200").hedge.as_deref(), Some("some"));
    }

    #[test]
    fn number_words_and_scales() {
        let c = extract(
            "The fund lost 1.5 million people, two dozen boats, five thousand two hundred homes \
             and twenty-one bridges.",
        );
        assert_eq!(find(&c, "1.5 million").value, Some(1_500_000.0));
        assert_eq!(find(&c, "two dozen").value, Some(24.0));
        assert_eq!(find(&c, "five thousand two hundred").value, Some(5200.0));
        assert_eq!(unit(find(&c, "five thousand two hundred")), Some("homes"));
        assert_eq!(find(&c, "twenty-one").value, Some(21.0));
        assert_eq!(unit(find(&c, "twenty-one")), Some("bridges"));
    }

    #[test]
    fn vague_amounts_with_their_nouns() {
        let c = extract(
            "Since spring, dozens of rocket attacks and several convoys were reported; hundreds of \
             thousands of people fled, thousands of refugees waited and a handful of officers stayed.",
        );
        assert_eq!(
            texts(&c),
            [
                "dozens",
                "several",
                "hundreds of thousands",
                "thousands",
                "a handful"
            ]
        );
        let dozens = find(&c, "dozens");
        assert_eq!(dozens.vague.as_deref(), Some("dozens"));
        assert_eq!(dozens.value, None);
        assert_eq!(dozens.interval, Interval::default());
        assert_eq!(unit(dozens), Some("attacks"));
        assert_eq!(find(&c, "several").vague.as_deref(), Some("several"));
        assert_eq!(unit(find(&c, "hundreds of thousands")), Some("people"));
        assert_eq!(unit(find(&c, "a handful")), Some("officers"));
    }

    #[test]
    fn vague_amounts_need_a_counted_noun() {
        let c = extract("Several said no. Thousands protested. He has done it several times.");
        assert!(c.is_empty(), "{:?}", texts(&c));
        let c = extract("The plan took several weeks.");
        assert_eq!(texts(&c), ["several"]);
        let c = extract("Several soldier died.");
        assert!(c.is_empty(), "{:?}", texts(&c));
    }

    #[test]
    fn percentages() {
        let c = extract("Turnout fell 40% in May, then 12 percent, then 7.5 per cent of voters.");
        for (text, value) in [("40%", 40.0), ("12 percent", 12.0), ("7.5 per cent", 7.5)] {
            let q = find(&c, text);
            assert_eq!(
                (q.measure.clone(), q.value),
                (Measure::Percent, Some(value)),
                "{text}"
            );
            assert_eq!(q.unit_text, None);
        }
    }

    #[test]
    fn negative_amounts_keep_their_sign() {
        let c = extract("The index ended at -4.5 after a week at minus 12 and negative 3.");
        assert_eq!(find(&c, "-4.5").value, Some(-4.5));
        assert_eq!(find(&c, "minus 12").value, Some(-12.0));
        assert_eq!(find(&c, "negative 3").value, Some(-3.0));
        // A dash inside a name or between two numbers is no minus sign.
        let c = extract("The F-16 jets flew 10 -5 sorties.");
        assert!(c.iter().all(|c| c.quantity().unwrap().value >= Some(0.0)));
    }

    #[test]
    fn fractions_in_digits_and_words() {
        let c = extract("The pipe is 3/4 full and the board 2 1/2 feet long; two thirds voted.");
        assert_eq!(find(&c, "3/4").value, Some(0.75));
        assert_eq!(find(&c, "2 1/2").value, Some(2.5));
        assert!((find(&c, "two thirds").value.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        let c = extract("They waited three and a quarter hours.");
        assert_eq!(find(&c, "three and a quarter").value, Some(3.25));
        // Dates and slashes that are no fractions.
        assert!(texts(&extract("The 24/7 desk opened.")).is_empty());
        // One part of more than 31 is no date; spoken improper fractions are amounts.
        let c = extract("It is about 1/40 of the wavelength; is three halves fractional?");
        assert_eq!(find(&c, "about 1/40").value, Some(0.025));
        assert_eq!(find(&c, "three halves").value, Some(1.5));
        assert!(texts(&extract("The 1/12 deadline and the 2/40 split.")).is_empty());
        // "two halves" are the parts of a thing.
        assert!(!texts(&extract("The two halves of the city.")).contains(&"two halves"));
    }

    #[test]
    fn bounds_written_as_comparisons() {
        let c = extract("Bids exceeding 400 units and orders of 30 or more were refused.");
        assert_eq!(
            find(&c, "exceeding 400").hedge.as_deref(),
            Some("exceeding")
        );
        assert_eq!(find(&c, "30 or more").hedge.as_deref(), Some("or more"));
        let c = extract("Crowds were larger than or equal to 80 people, ages 65 and over.");
        assert_eq!(
            find(&c, "larger than or equal to 80").hedge.as_deref(),
            Some("larger than or equal to")
        );
        let c = extract("The fine is less than 5000 or more than 9000 dollars.");
        assert_eq!(texts(&c), ["less than 5000", "more than 9000 dollars"]);
    }

    #[test]
    fn two_bounds_make_one_range() {
        let c = extract("Prices stayed above 120 and below 180 all year.");
        let q = find(&c, "above 120 and below 180");
        assert_eq!((q.range, q.hedge.clone()), (Some((120.0, 180.0)), None));
        let c = extract("Turnout was no more than 70 and no less than 40 voters.");
        assert_eq!(
            find(&c, "no more than 70 and no less than 40").range,
            Some((40.0, 70.0))
        );
        let c = extract("Seats went for 15 through 40 dollars.");
        assert_eq!(find(&c, "15 through 40 dollars").range, Some((15.0, 40.0)));
        assert_eq!(find(&c, "15 through 40 dollars").range_open, (false, false));
    }

    #[test]
    fn or_equal_after_a_strict_bound_includes_the_value() {
        let c = extract("Fares will be more than 40 or equal to it.");
        let q = find(&c, "more than 40 or equal to");
        assert_eq!(q.hedge.as_deref(), Some("more than or equal to"));
        let c = extract("Groups of less than 12 or equal are allowed.");
        let q = find(&c, "less than 12 or equal");
        assert_eq!(q.hedge.as_deref(), Some("less than or equal to"));
        // "or equal to" before another number is not about this one.
        let c = extract("It was more than 40 or equal to 50.");
        assert_eq!(find(&c, "more than 40").hedge.as_deref(), Some("more than"));
    }

    #[test]
    fn comparison_symbols_we_cannot_read_give_no_claim() {
        assert!(extract("Filter rows where x<>5 holds.").is_empty());
        assert!(extract("Map a=>7 then stop.").is_empty());
        let c = extract("Only scores >70 count.");
        assert_eq!(find(&c, ">70").hedge.as_deref(), Some(">"));
    }

    #[test]
    fn fractions_with_over_are_amounts() {
        let c = extract("The odds were one over twenty.");
        assert_eq!(find(&c, "one over twenty").value, Some(0.05));
        let c = extract("It comes to one hundred and twelve tenths.");
        assert_eq!(find(&c, "one hundred and twelve tenths").value, Some(11.2));
        let c = extract("Pick one over 20 rivals.");
        assert!(c.iter().all(|c| c.text != "one over 20"));
    }

    #[test]
    fn glued_m_before_a_size_word_is_metres() {
        let c = extract("The statue is 4.5m tall.");
        let q = find(&c, "4.5m");
        assert_eq!((q.value, unit(q)), (Some(4.5), Some("m")));
        assert!(texts(&extract("She won the 100m in Rome.")).is_empty());
        assert_eq!(find(&extract("It cost $3m.")[..], "$3m").value, Some(3e6));
    }

    #[test]
    fn one_after_minus_is_a_number() {
        let c = extract("The score fell to minus one.");
        assert_eq!(find(&c, "minus one").value, Some(-1.0));
    }

    #[test]
    fn decimals_without_a_leading_zero() {
        let c = extract("The blood alcohol limit is .08 in most states.");
        assert_eq!(find(&c, ".08").value, Some(0.08));
        let c = extract("He hit .315 with 20 homers.");
        assert_eq!(find(&c, ".315").value, Some(0.315));
        // A dot glued to the word before it is an abbreviation or a version, not a decimal.
        assert!(
            extract("Version v.2 shipped.")
                .iter()
                .all(|c| c.text != ".2")
        );
        assert!(extract("See file .5m for details.").is_empty());
    }

    #[test]
    fn joined_bounds_keep_the_strictness_of_each_end() {
        let c = extract("Rents stayed above 900 and below 1,400 euros.");
        assert_eq!(
            find(&c, "above 900 and below 1,400 euros").range_open,
            (true, true)
        );
        let c = extract("Crowds of at most 800 and more than 300 people gathered.");
        assert_eq!(
            find(&c, "at most 800 and more than 300").range_open,
            (true, false)
        );
        let c = extract("Buses carried no more than 60 and no less than 20 pupils.");
        assert_eq!(
            find(&c, "no more than 60 and no less than 20").range_open,
            (false, false)
        );
    }

    #[test]
    fn percent_words_and_url_fragments() {
        let c = extract("Support rose to sixty percentage and then 5 percents.");
        assert_eq!(find(&c, "sixty percentage").measure, Measure::Percent);
        assert_eq!(find(&c, "5 percents").measure, Measure::Percent);
        assert!(
            texts(&extract(
                "See https://example.org/find?q=12%20cars%2F4 now."
            ))
            .is_empty()
        );
    }

    #[test]
    fn currency_names_and_symbols_after_the_number() {
        let c = extract("Stamps cost 45 cents, tea 80 pence and the fee 300 swiss francs.");
        assert_eq!(find(&c, "45 cents").measure, Measure::Money("USD".into()));
        assert_eq!(find(&c, "45 cents").value, Some(0.45));
        assert_eq!(find(&c, "80 pence").measure, Measure::Money("GBP".into()));
        assert_eq!(
            find(&c, "300 swiss francs").measure,
            Measure::Money("CHF".into())
        );
        let c = extract("Tickets cost 20 €, or 7 dollars and 25 cents, or 90 canadian dollars.");
        assert_eq!(find(&c, "20 €").measure, Measure::Money("EUR".into()));
        assert_eq!(find(&c, "7 dollars and 25 cents").value, Some(7.25));
        assert_eq!(
            find(&c, "90 canadian dollars").measure,
            Measure::Money("CAD".into())
        );
        let c = extract("The board approved a c $ 40 million plan.");
        assert_eq!(
            find(&c, "c $ 40 million").measure,
            Measure::Money("CAD".into())
        );
        // A percentage and an amount are not one range.
        let c = extract("Sales rose 12% to $ 90 million.");
        assert_eq!(texts(&c), ["12%", "$ 90 million"]);
    }

    #[test]
    fn physical_units_spaced_glued_and_hyphenated() {
        let c = extract("A 6-foot wall, a 40kg pack and 250 square meters of floor, 3.2 pm thin.");
        assert_eq!(unit(find(&c, "6")), Some("foot"));
        assert_eq!(unit(find(&c, "40")), Some("kg"));
        assert_eq!(unit(find(&c, "250")), Some("square meters"));
        assert_eq!(unit(find(&c, "3.2")), Some("pm"));
        // A clock time stays a time.
        assert!(texts(&extract("We met at 3 pm.")).is_empty());
        let c = extract("It hit 41 degrees celsius; the plank is 3 in thick and cost 4 dimes.");
        assert_eq!(unit(find(&c, "41")), Some("degrees celsius"));
        assert_eq!(unit(find(&c, "3")), Some("in"));
        assert_eq!(find(&c, "4 dimes").value, Some(0.4));
        let c = extract("He drove a four-mile loop at 55 miles an hour.");
        assert_eq!(find(&c, "four-mile").value, Some(4.0));
        assert_eq!(unit(find(&c, "55")), Some("miles per hour"));
    }

    fn physical(q: &Quantity) -> Option<&str> {
        match &q.measure {
            Measure::Physical(d) => Some(d),
            _ => None,
        }
    }

    fn money(q: &Quantity) -> (Option<&str>, f64) {
        let code = match &q.measure {
            Measure::Money(c) => Some(c.as_str()),
            _ => None,
        };
        (code, q.value.unwrap())
    }

    #[test]
    fn physical_units_get_their_dimension() {
        let c = extract(
            "The 5km route climbs 300 m, the truck carries 3 kg of rice and 10 ft of pipe,              the tank holds 40 litres, the farm covers 12 hectares and the car hit 90 mph.",
        );
        assert_eq!(physical(find(&c, "5")), Some("length"));
        assert_eq!(physical(find(&c, "300")), Some("length"));
        assert_eq!(physical(find(&c, "3")), Some("mass"));
        assert_eq!(physical(find(&c, "10")), Some("length"));
        assert_eq!(physical(find(&c, "40")), Some("volume"));
        assert_eq!(physical(find(&c, "12")), Some("area"));
        assert_eq!(physical(find(&c, "90")), Some("speed"));
        // Counted nouns stay counts.
        let c = extract("Some 300 soldiers and 12 trucks arrived.");
        assert!(
            c.iter()
                .all(|c| c.quantity().unwrap().measure == Measure::Count)
        );
    }

    #[test]
    fn cased_symbols_compound_divisors_and_inverse_times() {
        let c =
            extract("The lamp draws 40 W/min and the rock is 66 Ma old; it got 20 J/m^2 per year.");
        assert_eq!(unit(find(&c, "40")), Some("W/min"));
        assert_eq!(physical(find(&c, "40")), Some("rate"));
        assert_eq!(physical(find(&c, "66")), Some("time"));
        assert_eq!(unit(find(&c, "20")), Some("J/m^2 per year"));
        let c = extract("Violet light oscillates at 4e14 s-1, falling at 9.8 km/s2.");
        assert_eq!(unit(find(&c, "4e14")), Some("s-1"));
        assert_eq!(physical(find(&c, "4e14")), Some("frequency"));
        assert_eq!(unit(find(&c, "9.8")), Some("km/s2"));
        // Lower-case "ma" and "w" and a "/" before no unit are not units.
        let c = extract("He sold 66 ma items, 5 w ones, 3 cds and 10 kg/person.");
        assert_eq!(physical(find(&c, "66")), None);
        assert_eq!(physical(find(&c, "5")), None);
        assert_eq!(physical(find(&c, "3")), None);
        assert_eq!(unit(find(&c, "10")), Some("kg"));
        let c = extract("The plant manages 4,500 tpd.");
        assert_eq!(physical(find(&c, "4,500")), Some("rate"));
    }

    #[test]
    fn stated_uncertainty_absolute_zero_and_trillions() {
        let c = extract("Objects fall at 9.83e-3 +/- 1e-5 km/s2, and 12.5 ± 0.5 kg.");
        let q = find(&c, "9.83e-3 +/- 1e-5");
        assert_eq!(q.range, Some((0.00983 - 1e-5, 0.00983 + 1e-5)));
        assert_eq!(unit(q), Some("km/s2"));
        assert_eq!(find(&c, "12.5 ± 0.5").range, Some((12.0, 13.0)));
        // "+" alone or "/-" is no uncertainty.
        let c = extract("Scores were 10 + 5 and 4 /- 2.");
        assert!(c.iter().all(|c| c.quantity().unwrap().range.is_none()));
        let c = extract("At absolute zero matter is still; its GDP is $2.174T.");
        let z = find(&c, "absolute zero");
        assert_eq!((z.value, unit(z)), (Some(0.0), Some("kelvin")));
        assert_eq!(find(&c, "$2.174T").value, Some(2.174e12));
        // Without a currency mark a glued "T" is no trillion.
        assert!(extract("The 4T model is out.").is_empty());
    }

    #[test]
    fn compound_and_rate_units() {
        let c = extract("The wind reached 120 km/h and the probe 50 metres per second.");
        assert_eq!(unit(find(&c, "120")), Some("km/h"));
        assert_eq!(physical(find(&c, "120")), Some("speed"));
        assert_eq!(unit(find(&c, "50")), Some("metres per second"));
        let c = extract("The lake covers 4 km squared and the pit 2km^3.");
        assert_eq!(physical(find(&c, "4")), Some("area"));
        assert_eq!(physical(find(&c, "2")), Some("volume"));
        assert_eq!(texts(&c), ["4", "2"]);
        // Feet and inches are one length; a unit in brackets is the unit.
        let c = extract("He is 5 feet and 2 inches tall; the bag weighs 20 (kg).");
        let h = find(&c, "5 feet and 2 inches");
        assert!((h.value.unwrap() - (5.0 + 2.0 / 12.0)).abs() < 1e-9);
        assert_eq!(unit(find(&c, "20")), Some("kg"));
        let c = extract("Doses of 44 mg to 50 mg, then from 10 ml to 20 mg.");
        let r = find(&c, "44 mg to 50");
        assert_eq!(r.range, Some((44.0, 50.0)));
        // Different units never make one range.
        assert!(
            c.iter()
                .all(|c| c.quantity().unwrap().range.is_none() || c.text == "44 mg to 50")
        );
        // A percentage and a tonnage are no range either.
        let c = extract("Capacity rose by 25% to 34,500 metric tons.");
        assert_eq!(physical(find(&c, "34,500")), Some("mass"));
        assert_eq!(find(&c, "25%").measure, Measure::Percent);
    }

    #[test]
    fn unit_ranges_spreads_and_shared_units() {
        let c = extract("A 8- to 16-meter mirror (320- to 640-inch) was built.");
        let r = find(&c, "8- to 16");
        assert_eq!((r.range, unit(r)), (Some((8.0, 16.0)), Some("meter")));
        assert_eq!(find(&c, "320- to 640").range, Some((320.0, 640.0)));
        // "ranged from" is a spread in either order; "fell from" a change.
        let c = extract("Temperatures ranged from -18 °C to -34 °C.");
        assert_eq!(find(&c, "-18 °C to -34").range, Some((-34.0, -18.0)));
        let c = extract("Temperatures fell from -18 °C to -34 °C.");
        assert!(c.iter().all(|c| c.quantity().unwrap().range.is_none()));
        // A fraction of a unit is an amount of that unit, not a share.
        let c = extract("The camp is approximately one-half miles east.");
        let q = find(&c, "approximately one-half");
        assert_eq!((q.value, physical(q)), (Some(0.5), Some("length")));
        // The unit after a pair joined by "and" is both amounts'.
        let c = extract("They were given 45 and 50 mg of ethanol.");
        assert_eq!(unit(find(&c, "45")), Some("mg"));
        let c = extract("They sent 45 and 50 people.");
        assert_ne!(physical(find(&c, "45")), Some("mass"));
    }

    #[test]
    fn unit_words_need_a_number_before_them() {
        // "m" alone, "L-202" labels and "in" as a preposition are no units.
        let c = extract("The m was loud; plan 24703 L-202 starts; 5 in the morning.");
        assert!(
            c.iter().all(|c| physical(c.quantity().unwrap()).is_none()),
            "{:?}",
            texts(&c)
        );
        // "$20m" is a scale, not metres; "1800 hrs" is a clock time, "3 hrs" a duration.
        let c = extract("It cost $20m and took 3 hrs; we met at 1800 hrs.");
        assert_eq!(money(find(&c, "$20m")), (Some("USD"), 2e7));
        assert_eq!(unit(find(&c, "3")), Some("hrs"));
        assert!(!texts(&c).contains(&"1800"));
        // "2.17 pm" is a time; "2.123 am" attometres.
        assert!(texts(&extract("The raid began at 2.17 pm.")).is_empty());
        let c = extract("The grid is 2.123 am wide.");
        assert_eq!(physical(find(&c, "2.123")), Some("length"));
    }

    #[test]
    fn pounds_are_weight_only_where_the_sentence_weighs() {
        let c = extract("She lost 25 pounds last year.");
        assert_eq!(physical(find(&c, "25")), Some("mass"));
        let c = extract("The baby is over two pounds.");
        assert_eq!(physical(find(&c, "over two")), Some("mass"));
        // Money by default, and money wins over weight words.
        let c = extract("Tickets are 25 pounds each.");
        assert_eq!(money(find(&c, "25 pounds")), (Some("GBP"), 25.0));
        let c = extract("The club lost 3 million pounds on the deal.");
        assert_eq!(money(find(&c, "3 million pounds")), (Some("GBP"), 3e6));
        // "Pound" as a surname is nothing.
        assert!(texts(&extract("Richard Pound spoke.")).is_empty());
    }

    #[test]
    fn money_with_minor_units_codes_and_scales() {
        let c = extract("It costs 15 dollars 50.");
        assert_eq!(money(find(&c, "15 dollars 50")), (Some("USD"), 15.5));
        let c = extract("The fee rose to 17 USD 25, or c $ 100 and fifty.");
        assert_eq!(money(find(&c, "17 USD 25")), (Some("USD"), 17.25));
        assert_eq!(money(find(&c, "c $ 100 and fifty")), (Some("CAD"), 100.5));
        // A count after the amount is no subunit.
        let c = extract("Tickets cost 15 dollars and 20 people bought one.");
        assert_eq!(money(find(&c, "15 dollars")), (Some("USD"), 15.0));
        let c = extract("Losses of 30 MUSD and MAUD 60 were booked; they paid 75 USD million.");
        assert_eq!(money(find(&c, "30 MUSD")), (Some("USD"), 3e7));
        assert_eq!(money(find(&c, "MAUD 60")), (Some("AUD"), 6e7));
        assert_eq!(money(find(&c, "75 USD million")), (Some("USD"), 7.5e7));
        let c = extract("Prices: USD115, 115.5USD, rmb 10 and 20 usd.");
        assert_eq!(money(find(&c, "USD115")), (Some("USD"), 115.0));
        assert_eq!(money(find(&c, "115.5USD")), (Some("USD"), 115.5));
        assert_eq!(money(find(&c, "rmb 10")), (Some("CNY"), 10.0));
        assert_eq!(money(find(&c, "20 usd")), (Some("USD"), 20.0));
        // "try 20 times" is no Turkish lira.
        let c = extract("We will try 20 times.");
        assert_eq!(find(&c, "20").measure, Measure::Count);
    }

    #[test]
    fn indian_scales_prices_per_unit_and_modifiers() {
        let c = extract("A loan of 35 lakh rupees and 2 crore for 25 lakh tonnes.");
        assert_eq!(money(find(&c, "35 lakh rupees")), (Some("INR"), 3.5e6));
        assert_eq!(find(&c, "2 crore").value, Some(2e7));
        assert_eq!(physical(find(&c, "25 lakh")), Some("mass"));
        let c = extract("Gallium cost $350 per kg and labour $15.4/hour.");
        let kg = find(&c, "$350 per kg");
        assert_eq!((money(kg), unit(kg)), ((Some("USD"), 350.0), Some("kg")));
        assert_eq!(unit(find(&c, "$15.4/hour")), Some("hour"));
        let c = extract("A 12-cent dividend and a one-yen bid, 100元 and ₿21.");
        assert_eq!(money(find(&c, "12-cent")), (Some("USD"), 0.12));
        assert_eq!(money(find(&c, "one-yen")), (Some("JPY"), 1.0));
        assert_eq!(money(find(&c, "100元")), (Some("CNY"), 100.0));
        assert_eq!(money(find(&c, "₿21")), (Some("BTC"), 21.0));
    }

    #[test]
    fn currency_marks_belong_to_one_amount() {
        let c = extract("Fares rose from 9 USD 40 to cad$ 12 and 2 $ 5 coins.");
        assert_eq!(find(&c, "cad$ 12").measure, Measure::Money("CAD".into()));
        let mut spans: Vec<_> = c.iter().map(|c| (c.span.start, c.span.end)).collect();
        spans.sort();
        assert!(
            spans.windows(2).all(|w| w[0].1 <= w[1].0),
            "{:?}",
            texts(&c)
        );
    }

    #[test]
    fn money_in_currency_units() {
        let c = extract(
            "The port cost $1.5 million, the bridge US$20, the school €20m, the line £5 billion, \
             the dam 20 million dollars and the fence 5 euros.",
        );
        let money = |t: &str| {
            let q = find(&c, t);
            (q.measure.clone(), q.value.unwrap())
        };
        assert_eq!(money("$1.5 million"), (Measure::Money("USD".into()), 1.5e6));
        assert_eq!(money("US$20"), (Measure::Money("USD".into()), 20.0));
        assert_eq!(money("€20m"), (Measure::Money("EUR".into()), 2e7));
        assert_eq!(money("£5 billion"), (Measure::Money("GBP".into()), 5e9));
        assert_eq!(
            money("20 million dollars"),
            (Measure::Money("USD".into()), 2e7)
        );
        assert_eq!(money("5 euros"), (Measure::Money("EUR".into()), 5.0));
        assert!(c.iter().all(|c| c.quantity().unwrap().unit_text.is_none()));
    }

    #[test]
    fn fractions_used_as_amounts() {
        let c = extract(
            "More than a third of voters, nearly half of the residents and two-thirds of the \
             council agreed.",
        );
        let third = find(&c, "More than a third");
        assert_eq!(third.measure, Measure::Fraction);
        assert_eq!(third.hedge.as_deref(), Some("more than"));
        assert!((third.value.unwrap() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(find(&c, "nearly half").value, Some(0.5));
        assert!((find(&c, "two-thirds").value.unwrap() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn ordinals_are_not_fractions_or_counts() {
        let c = extract(
            "For the third time, a third country joined in the second half of the season; \
             the 2nd and 21st units and the first team left.",
        );
        assert!(c.is_empty(), "{:?}", texts(&c));
    }

    #[test]
    fn ranges_are_one_claim() {
        let c = extract(
            "They expect 4,000 to 5,000 fighters, between 200 and 300 vehicles, 10-12 rockets, \
             1,500–2,000 guards and about 30 – 40 boats.",
        );
        assert_eq!(
            texts(&c),
            [
                "4,000 to 5,000",
                "200 and 300",
                "10-12",
                "1,500–2,000",
                "about 30 – 40"
            ]
        );
        let r = find(&c, "4,000 to 5,000");
        assert_eq!((r.value, r.range), (Some(4500.0), Some((4000.0, 5000.0))));
        assert_eq!(r.role, Role::Level);
        assert_eq!(unit(r), Some("fighters"));
        assert_eq!(find(&c, "200 and 300").range, Some((200.0, 300.0)));
        assert_eq!(unit(find(&c, "200 and 300")), Some("vehicles"));
        assert_eq!(find(&c, "10-12").value, Some(11.0));
        assert_eq!(unit(find(&c, "10-12")), Some("rockets"));
        assert_eq!(find(&c, "1,500–2,000").range, Some((1500.0, 2000.0)));
        let hedged = find(&c, "about 30 – 40");
        assert_eq!(
            (hedged.hedge.as_deref(), hedged.range),
            (Some("about"), Some((30.0, 40.0)))
        );
    }

    #[test]
    fn scaled_ranges_share_their_scale_and_measure() {
        let c = extract("The repairs will cost $4 to $6 million, or 3 to 5 million euros.");
        let usd = find(&c, "$4 to $6 million");
        assert_eq!(usd.range, Some((4e6, 6e6)));
        assert_eq!(usd.measure, Measure::Money("USD".into()));
        let eur = find(&c, "3 to 5 million euros");
        assert_eq!(eur.range, Some((3e6, 5e6)));
        assert_eq!(eur.measure, Measure::Money("EUR".into()));
    }

    #[test]
    fn from_to_after_a_change_verb_is_a_before_and_an_after() {
        let c = extract(
            "Officials plan to cut the deployment in Iraq from about 5,200 to 3,000 troops within \
             weeks. Staff numbers will rise from 40 to 55 by June.",
        );
        assert_eq!(texts(&c), ["about 5,200", "3,000", "40", "55"]);
        let before = find(&c, "about 5,200");
        let after = find(&c, "3,000");
        assert_eq!((before.role, after.role), (Role::Before, Role::After));
        assert_eq!(before.change_pair, after.change_pair);
        assert!(before.change_pair.is_some());
        // The noun after the second number counts both.
        assert_eq!(
            (unit(before), unit(after)),
            (Some("troops"), Some("troops"))
        );
        assert_eq!(before.hedge.as_deref(), Some("about"));
        let (b2, a2) = (find(&c, "40"), find(&c, "55"));
        assert_eq!((b2.role, a2.role), (Role::Before, Role::After));
        assert_eq!(b2.change_pair, a2.change_pair);
        assert_ne!(b2.change_pair, before.change_pair);
        assert_eq!(c[2].sentence, 1);
    }

    #[test]
    fn from_to_falling_without_a_verb_is_still_a_change() {
        let c = extract("The garrison, from 900 soldiers to 600, is the smallest in years.");
        let (b, a) = (find(&c, "900"), find(&c, "600"));
        assert_eq!((b.role, a.role), (Role::Before, Role::After));
        assert_eq!((unit(b), unit(a)), (Some("soldiers"), Some("soldiers")));
    }

    #[test]
    fn from_to_rising_without_a_verb_is_a_range() {
        let c = extract("Estimates run from 4,000 to 5,000 fighters.");
        assert_eq!(texts(&c), ["4,000 to 5,000"]);
        let r = find(&c, "4,000 to 5,000");
        assert_eq!(
            (r.role, r.range, r.change_pair),
            (Role::Level, Some((4000.0, 5000.0)), None)
        );
    }

    #[test]
    fn units_are_looked_for_back_when_none_follows() {
        let c = extract(
            "The number of troops in the region will be brought down from about 5,200 to 3,000, \
             officials said. The army will slash its troop presence there to 2,500 this month.",
        );
        let (b, a) = (find(&c, "about 5,200"), find(&c, "3,000"));
        assert_eq!((unit(b), unit(a)), (Some("troops"), Some("troops")));
        assert_eq!((b.role, a.role), (Role::Before, Role::After));
        let target = find(&c, "2,500");
        assert_eq!((unit(target), target.role), (Some("troop"), Role::After));
        // Only known units are taken from before the number.
        let c = extract("The committee of experts met 14 times.");
        assert_eq!(unit(find(&c, "14")), None);
    }

    #[test]
    fn counted_nouns_skip_modifiers_and_stop_at_verbs() {
        let c = extract(
            "Nearly 5,000 US troops deployed there; six military personnel died; 8,600 soldiers \
             remain; 300 more service members arrived; 12 new armoured vehicles were sent; 40 were \
             released.",
        );
        assert_eq!(unit(find(&c, "Nearly 5,000")), Some("troops"));
        assert_eq!(unit(find(&c, "six")), Some("personnel"));
        assert_eq!(unit(find(&c, "8,600")), Some("soldiers"));
        assert_eq!(unit(find(&c, "300")), Some("service members"));
        assert_eq!(unit(find(&c, "12")), Some("vehicles"));
        assert_eq!(unit(find(&c, "40")), None);
    }

    #[test]
    fn targets_get_the_after_role() {
        let c = extract(
            "Its goal is to get down to fewer than 4,000 troops. The ministry aims to reach 2,000 \
             to 3,000 soldiers by the vote. The bill was sent to 30 senators.",
        );
        assert_eq!(find(&c, "fewer than 4,000").role, Role::After);
        let r = find(&c, "2,000 to 3,000");
        assert_eq!((r.role, r.range), (Role::After, Some((2000.0, 3000.0))));
        assert_eq!(find(&c, "30").role, Role::Level);
    }

    #[test]
    fn counts_governed_by_withdrawal_or_addition_verbs_are_changes() {
        let c = extract(
            "The navy will call back some 1,800 sailors. They will withdraw 2,000 troops and pull \
             out 500. Allies may send an additional 1,000 police officers. Staff was cut by 300 \
             and costs were reduced by 10%.",
        );
        for text in ["some 1,800", "2,000", "500", "1,000", "300", "10%"] {
            assert_eq!(find(&c, text).role, Role::Change, "{text}");
        }
        assert_eq!(unit(find(&c, "1,000")), Some("police officers"));
        assert_eq!(unit(find(&c, "some 1,800")), Some("sailors"));
    }

    #[test]
    fn definite_amounts_stay_levels() {
        let c = extract(
            "Lawmakers want to expel the roughly 6,000 foreign troops stationed there. The mission \
             has 7,400 soldiers.",
        );
        let q = find(&c, "roughly 6,000");
        assert_eq!(
            (q.role, unit(q), q.hedge.as_deref()),
            (Role::Level, Some("troops"), Some("roughly"))
        );
        assert_eq!(find(&c, "7,400").role, Role::Level);
    }

    #[test]
    fn years_are_not_quantities() {
        let c = extract(
            "The troops arrived in 2014 and its 2016 campaign ended; since 1999, in late 2011 and \
             during 2019-2020 nothing changed, but 2,014 people and 1500 volunteers came.",
        );
        assert_eq!(texts(&c), ["2,014", "1500"]);
        let c = extract("In 2020 soldiers left, yet 2020 soldiers stayed.");
        assert_eq!(texts(&c), ["2020"]);
        assert_eq!(c[0].span.start, "In 2020 soldiers left, yet ".len());
    }

    #[test]
    fn days_and_times_are_not_quantities() {
        let c = extract(
            "On September 9 and 12 October, at 10:30 and at 3 p.m. or 5pm, and on Sept. 4, the \
             council met before the November 3 election.",
        );
        assert!(c.is_empty(), "{:?}", texts(&c));
    }

    #[test]
    fn taken_spans_are_never_quantities() {
        let text = "The attack on 9 Sept 2020 killed 7 people.";
        let date = Span::new(14, 25);
        assert_eq!(&text[date.start..date.end], "9 Sept 2020");
        let c = extract_taken(text, &[date]);
        assert_eq!(texts(&c), ["7"]);
        // A quantity whose hedge would reach into a taken span is dropped too.
        let text = "It fell under 40 today.";
        let c = extract_taken(text, &[Span::new(8, 13)]);
        assert!(c.is_empty(), "{:?}", texts(&c));
    }

    #[test]
    fn numbers_glued_to_letters_or_symbols_are_not_quantities() {
        let c = extract(
            "The F-16 and COVID-19 report for the G7 cited #Unit2 and @user1; call 555-0134 or \
             (202) 555-0188; a 45-year-old man, aged 45, read Section 230 on FRANCE 24 after a \
             100m sprint.",
        );
        assert!(c.is_empty(), "{:?}", texts(&c));
    }

    #[test]
    fn one_as_a_pronoun_is_not_a_count() {
        let c = extract(
            "One of the guards said the one left was no one; one Briton and one Dane died.",
        );
        assert_eq!(texts(&c), ["one", "one"]);
        assert_eq!(unit(&c[0].quantity().unwrap().clone()), Some("briton"));
    }

    #[test]
    fn durations_are_not_counts() {
        let c = extract("A few years later, two weeks ago, 3 soldiers died.");
        assert_eq!(texts(&c), ["3"]);
    }

    #[test]
    fn ages_labels_and_clock_times_are_not_quantities() {
        let c = extract(
            "Smith, 37, was charged. She died at the age of 91. The 16 year-old and a man 40 years \
             old left. Juror No. 8 spoke at 0947 GMT and again at 3 a. m. on Flight 93.",
        );
        assert!(c.is_empty(), "{:?}", texts(&c));
    }

    #[test]
    fn ages_at_death_and_after_suffixes_are_not_quantities() {
        let c = extract(
            "Paul Comeaux Jr., 49, took the stand. The actress died at 91. She was 91. \
             Lee Smith Sr., 70, spoke.",
        );
        assert!(c.is_empty(), "{:?}", texts(&c));
        // Counts in the same shapes stay counts.
        let c = extract("The toll was 91. Rescuers arrived at 40 sites. It was 12 in all.");
        assert_eq!(texts(&c), ["91", "40", "12"]);
    }

    #[test]
    fn names_after_a_number_are_not_counted_nouns() {
        let c = extract("A mother of 13 Jane Doe spoke; 24 equal monthly payments followed.");
        assert_eq!(unit(find(&c, "13")), None);
        assert_eq!(unit(find(&c, "24")), Some("payments"));
    }

    #[test]
    fn multi_word_hedges_match_longest_first() {
        let c = extract(
            "An estimated 300 people, as many as 40 boats, in excess of $2bn, approx. 50 cars and \
             just over 10% of homes were counted, plus tens of thousands of leaflets.",
        );
        let hedge = |t: &str| find(&c, t).hedge.clone();
        assert_eq!(hedge("An estimated 300").as_deref(), Some("an estimated"));
        assert_eq!(hedge("as many as 40").as_deref(), Some("as many as"));
        assert_eq!(hedge("in excess of $2bn").as_deref(), Some("in excess of"));
        assert_eq!(find(&c, "in excess of $2bn").value, Some(2e9));
        assert_eq!(hedge("approx. 50").as_deref(), Some("approx."));
        assert_eq!(hedge("just over 10%").as_deref(), Some("just over"));
        let vague = find(&c, "tens of thousands");
        assert_eq!(
            (vague.vague.as_deref(), unit(vague)),
            (Some("tens of thousands"), Some("leaflets"))
        );
    }

    #[test]
    fn records_are_not_ranges_and_doublings_are_changes() {
        let c = extract("The Hawks (2-13) lost again; memory doubled from 8 to 16 GB.");
        assert_eq!(texts(&c), ["8", "16"]);
        let (b, a) = (find(&c, "8"), find(&c, "16"));
        assert_eq!((b.role, a.role), (Role::Before, Role::After));
        assert_eq!((unit(b), unit(a)), (Some("gb"), Some("gb")));
    }

    #[test]
    fn halves_after_whole_numbers() {
        let c = extract("He served four and a half months with two and a half thousand guards.");
        let q = find(&c, "four and a half");
        assert_eq!((q.value, unit(q)), (Some(4.5), Some("months")));
    }

    #[test]
    fn claims_know_their_sentence_and_the_extractor_is_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<QuantityExtractor>();
        let c = extract("No numbers here. Then 12 guards came.\nAnd 7 more guards.");
        assert_eq!(texts(&c), ["12", "7"]);
        assert_eq!((c[0].sentence, c[1].sentence), (1, 2));
        assert_eq!(unit(find(&c, "7")), Some("guards"));
    }

    #[test]
    fn scores_and_records_are_not_amounts() {
        let c = extract(
            "The Owls have a record of 7-12 and the Foxes (3-11) are worse. The Owls went 4-6 in \
             their last ten outings, won 2-0 on Friday after a 28-24 win, and beat us 5-3 again. \
             They lost 1-4 and hold a 3-1 lead, with 40 fans.",
        );
        assert_eq!(texts(&c), ["ten", "40"]);
    }

    #[test]
    fn numbers_inside_product_version_and_station_names_are_not_counts() {
        let c = extract(
            "Apple showed iOS 6 and iLife 09 today. Windows 8 ships soon. Core 2 Duo chips sell. \
             He spoke on AM 570 about the iPhone 5 launch. Bugs hit Internet Explorer 8 and 9, \
             versions 6, 7, and 8, and Windows XP, Vista and 7. Fixes cover IE6 to 10. \
             He aimed a .357 caliber revolver. Police called 911. A gang called 8 Block \
             fought. The FBI's 10 Most Wanted list grew. The 1983, '86 and '87 teams won.",
        );
        assert!(c.is_empty(), "{:?}", texts(&c));
        // Real amounts beside the same names stay.
        let c = extract(
            "The 6 million users of iOS 6 upgraded. 5 iPhones were stolen. Windows sold 40 \
             million copies, and 3 Galaxy phones broke. At 10 AM 570 people came. He called \
             3 times.",
        );
        assert_eq!(
            texts(&c),
            ["6 million", "5", "40 million", "3", "570", "3"],
            "{:?}",
            texts(&c)
        );
    }

    #[test]
    fn bare_win_loss_records_are_not_ranges() {
        let c = extract(
            "The Chiefs (2-13, 1-7 home) lost. The 76ers are slumping at 9-14 and are just 2-8 \
             in their last ten. After an 18-30 start, Cheeks is 122-147 in three seasons. An \
             NFL-worst 2-14 and lost to the 15-17 Bulldogs. He played in Weeks 14-16 there.",
        );
        assert_eq!(texts(&c), ["ten", "three"], "{:?}", texts(&c));
        // Ranges in the same places stay ranges.
        let c = extract(
            "Prices rose at 10-15 percent. The sentence is 5-10 years. The 20-30 protesters \
             left, 10-15 hurt. The range is 1000-5000",
        );
        let got: Vec<_> = c
            .iter()
            .map(|c| c.quantity().unwrap().range)
            .collect::<Vec<_>>();
        assert_eq!(
            texts(&c),
            ["10-15 percent", "5-10", "20-30", "10-15", "1000-5000"]
        );
        assert!(got.iter().all(Option::is_some), "{got:?}");
    }

    #[test]
    fn idioms_with_one_and_two_are_not_amounts() {
        let c = extract(
            "The farms would one day start producing. I'd one day host it. At one point he \
             laughed. A rally is one thing and murder another. One evening that summer they \
             met. She grew one day at a time. He knows a thing or two. That is my two cents \
             worth.",
        );
        assert!(c.is_empty(), "{:?}", texts(&c));
        let c = extract("She was rediscovered in the late nineteen eighties.");
        assert!(c.is_empty(), "{:?}", texts(&c));
        let c = extract(
            "He quit one day after the vote. They met for one day. Days later, two cents \
             were found. Nineteen cars came. Only one thing changed for one person at a time.",
        );
        assert_eq!(
            texts(&c),
            ["one", "one", "two cents", "Nineteen", "one"],
            "{:?}",
            texts(&c)
        );
    }

    #[test]
    fn ages_in_lists_appositions_and_birthdays_are_not_counts() {
        let c = extract(
            "His two half-brothers, 17 and 22, were arrested. The troubled actress, 26, would \
             be held. She lost two sons, 11 and 14. Steward turned 68 on Saturday. Teixeira \
             will be 29 in April. At 55, he is the oldest. He was 95 and lived alone. I was \
             nine. Mark Felt was 95. He hit. 308 this season.",
        );
        assert_eq!(texts(&c), ["two", "two"], "{:?}", texts(&c));
        let c = extract(
            "Police arrested 17 and 22 more. The vote turned 20 percent against him. The \
             sons, 11 in all, came home. At 55 sites, crews worked. Rome was 95 percent \
             done.",
        );
        assert_eq!(
            texts(&c),
            ["17", "22", "20 percent", "11", "55", "95 percent"],
            "{:?}",
            texts(&c)
        );
    }

    #[test]
    fn numbers_after_age_words_are_not_counts() {
        let c = extract(
            "Her sons, ages 13 and 8, came. Pupils from age 12 to 15 may enter. A man aged 61 \
             was held; at age 44 she quit with 9 staff.",
        );
        assert_eq!(texts(&c), ["9"]);
    }

    #[test]
    fn phone_numbers_give_no_amounts() {
        let c = extract(
            "Call +1 866 431 7720 or (617) 555-0188 or 866-431-7720 for help; 30 lines are open.",
        );
        assert_eq!(texts(&c), ["30"]);
    }

    #[test]
    fn street_numbers_are_not_amounts() {
        let c = extract(
            "The office at 42 Maple Street moved to 7 Harbour Road and then 350 West Elm Avenue \
             with 12 clerks.",
        );
        assert_eq!(texts(&c), ["12"]);
    }

    #[test]
    fn a_bare_decimal_statistic_is_not_split() {
        let c = extract("He batted .318 over the year.");
        assert!(
            c.iter()
                .all(|q| q.quantity().is_none_or(|q| q.value != Some(318.0)))
        );
    }

    #[test]
    fn one_as_a_pronoun_at_the_sentence_start() {
        let c = extract(
            "One thing is sure. One of the guards spoke. One day we will return. One another, \
             they said. One soldier was wounded.",
        );
        assert_eq!(texts(&c), ["One"]);
        assert_eq!(unit(find(&c, "One")), Some("soldier"));
    }
}
