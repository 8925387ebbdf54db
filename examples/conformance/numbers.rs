//! Numbers, ranges, percentages, currency, dimensions (Recognizers-Text) and quantulum3.
//!
//! Takes the suites folder; gives one [`SuiteResult`] per suite file, in this order:
//! `Number/English/NumberModel.json` (target 95), `NumberRangeModel.json` (90),
//! `PercentModel.json` (90), `NumberWithUnit/English/CurrencyModel.json` (90),
//! `DimensionModel.json` (80) and quantulum3 `quantities.json` (85). A missing file is reported
//! as one counted-out case with the reason "file absent". Set `CONFORMANCE_VERBOSE=1` to print
//! the kept failures (up to 250 per suite: input, expected, got) to stderr.
//!
//! # How a case is run
//!
//! Each input becomes `Source::from_text("case", input)`, goes through
//! `corroborate::read_claims` with the builtin ruleset, and the quantity claims that are not
//! derived are kept. Their byte spans are converted to character indices (Recognizers' `Start`
//! and `End` are character indices, `End` inclusive; quantulum3 gives only the `surface`, which is
//! located in the input in order of appearance).
//!
//! A case passes when
//! 1. every expected result is matched, one to one, by a claim with the same span and the same
//!    value (below), and
//! 2. no claim is left over that the suite would have reported (*strict*: an extra claim fails a
//!    positive case, and any such claim fails a negative case `Results: []`). "Would have
//!    reported" depends on the suite, since the typed models only report their own type:
//!    NumberModel and quantulum3 — every quantity claim; NumberRangeModel — claims with a range
//!    or a bound (an open end, or an upper bound from a hedge such as "up to"); PercentModel —
//!    `Percent` claims; CurrencyModel — `Money` claims; DimensionModel — claims whose counted
//!    noun is a known physical unit (the unit table below) other than a duration ("three
//!    hours", "eight months": Recognizers reads those with its DateTime models, not as
//!    dimensions). NumberModel finds numbers standing as words, so a claim whose unit is glued
//!    to it ("180ml", "29km": a dimension in Recognizers' terms, `Results: []` in NumberModel) is
//!    not one it would report.
//!
//! The `NotSupported`/`NotSupportedByDesign` flags name Recognizers' own platforms and are
//! ignored: every case is scored.
//!
//! ## Span tolerance
//!
//! The spans must overlap, and the text one span has and the other lacks, at the left end and at
//! the right end, may hold only whitespace, punctuation, and words of the claim's own hedge
//! phrase ("about", "more than"), of its counted noun / unit text ("soldiers", "km"), or "of";
//! also "between"/"from" before a claim that holds a range ("between 20 and 30" against our
//! "20 and 30"), "equal(s)/equaling to" before a NumberRangeModel point `[a,a]` ("equals 20" is
//! our plain 20, whose interval is already the point) or an inclusive one-sided bound ("equal
//! to 5000 or less" is our "5000 or less", whose end is already included), "us"/"u.s" before a
//! USD amount ("us $ 150 million"), the currency words of a money claim's own text ("3
//! hundred and 21 yuan" against NumberModel's "3 hundred and 21"), and "per", "a" and "an" in a
//! rate ("188 miles an hour" against our unit "miles per hour", "$350 per kg"). So "about 5,000
//! troops" matches an expected "5,000", and "200lbs" matches whether or not our span covers
//! "lbs"; a missing or extra number word ("million", "three") never matches.
//!
//! ## Values
//!
//! Numbers compare with a relative tolerance of 1e-6 (Recognizers prints recurring fractions to
//! 15 digits: "0.333333333333333").
//! - NumberModel: `Resolution.value` ("192", "1E-12", "0.666666666666667") against the claim's
//!   `value`, whatever its measure.
//! - NumberRangeModel: `"(20,35]"` against the claim's `interval`: each bounded end must have the
//!   same value and inclusivity, an empty end must be unbounded. Two conventions are bridged:
//!   corroborate's upper bounds ("under 170", "up to 700") start at 0 inclusive because it counts
//!   non-negative amounts, so an empty low end also matches a low of 0 when the high end is
//!   positive; and Recognizers resolves every two-ended span ("between 20 and 30", "1000-5000",
//!   "from 200 to 300") to a half-open `[a,b)`, an implementation convention, while corroborate
//!   reads a stated range as closed, so for the expected shape `[a,b)` only the high end's
//!   inclusivity is not compared.
//! - PercentModel: `"40%"` against a claim with measure `Percent` and value 40.
//! - CurrencyModel: `value` plus `isoCurrency` (when given) against measure `Money(code)` and
//!   value. Without `isoCurrency`, the unit name decides: "Dollar" (a bare "$" or "dollars") is
//!   USD, "Pound" is GBP; subunits are priced in their main unit — "Cent" is USD/100,
//!   "Pence"/"Penny" GBP/100 (any code for "Penny"), "Sen" any code /100, "Satoshi" any code
//!   /1e8 — and the value as written is accepted too; ambiguous or historical units without an
//!   ISO code in use ("Franc", "Rupee", "Bitcoin", "Finnish markka", "Peseta", "Netherlands
//!   guilder") accept any `Money` code with the value.
//! - DimensionModel: value, and the unit name ("Kilometer per hour") against the claim's
//!   `unit_text` after both go through the unit table: lower-cased, British spellings folded
//!   ("metre" → "meter", "litre" → "liter", "gramme" → "gram"; the Greek μ as the micro sign µ),
//!   plurals and abbreviations mapped to one canonical name ("km", "kilometres" → "kilometer";
//!   "lbs" → "pound"). Compound units are read part by part, so every spelling of one unit gets
//!   one name: "meters per millisecond", "km/hr" → "kilometer per hour"; "km^2", "km squared",
//!   "square km" → "square kilometer"; a millilitre is a cubic centimetre (quantulum3's name for
//!   it). A claim without unit text fails. The unit's own words, split at any non-alphanumeric
//!   ("km^3" gives "km" and "3"), are allowed at the span ends like a counted noun.
//! - quantulum3: value (its ranges are the midpoint, as corroborate's `value`), `uncertainty`
//!   (default 0) against half the width of the claim's `range` (0 without one; a stated
//!   uncertainty "9.83e-3 +/- 1e-5" is a range of that half-width), and the unit: "dimensionless" is a
//!   `Count` whose unit text is absent or not a known physical unit (a counted noun such as
//!   "cars" is not a unit in quantulum3's sense); counting units "dozen", "baker's dozen",
//!   "gross" (quantulum3: "a dozen" = 1 dozen) match a dimensionless count of 12, 13, 144 times
//!   the value (corroborate: "a dozen eggs" = 12 eggs); "percentage" is `Percent`; "dollar", "euro",
//!   "pound sterling" are `Money` USD/EUR/GBP; "cent", "penny", "dime" are USD (GBP too for
//!   "penny") at 1/100, 1/100, 1/10 or as written (quantulum3's "3 dimes" is 3 dime,
//!   corroborate's USD 0.30); "dollar per X" is `Money(USD)` with unit text
//!   X; every other name goes through the unit table ("pound-mass" → "pound", "tonne" → "metric
//!   ton", "degree Celsius"...; "s-1" → "inverse second", "km/s2" → "kilometer per square
//!   second", "Ma" → "megayear", "tpd" → "ton per day").
//!
//! ## Counted out
//!
//! Only case types corroborate does not aim to read as quantities; failing is never a reason.
//! Expected results without an amount (Recognizers reports a bare unit word with an empty or
//! `"null"` value: "the % of increase", "a multibillion - dollar deal", "a metric ton is ...",
//! "a small percent") are dropped from their case,
//! and a case left with none is counted out as **bare unit** (it is not turned into a negative
//! case). A case is counted out when one of its expected results is
//! - **date**: a year (four digits, 1000–2100) or part of a numeric date ("5/17/2018") that
//!   corroborate reads as a time claim (the years "1979", "2013" quantulum3 lists as
//!   dimensionless numbers) — dates are time claims, not quantities; a number the suite means as
//!   a quantity and corroborate misreads as a time ("2.1 pm" picometres) stays scored;
//! - **identifier**: part of an address, a phone number or a name — a dotted quad
//!   ("192.168.1.2"), a "+1-222-…" phone number, a number right after a capitalised word or a
//!   letter-digit code in mid-sentence ("Voyager 2", "English 101", "South 32 Ltd",
//!   "i7 860"), after capitals joined by a hyphen anywhere ("SCP-173", "F-16"), or after a
//!   numbering abbreviation ("No.", "nrs. 22,24") — a label, not an amount;
//! - **ordinal**: a NumberRangeModel range between ordinals ("between the tenth and the
//!   fifteenth") — corroborate does not extract ordinals.

use std::collections::HashMap;
use std::path::Path;

use corroborate::extract::numbers;
use corroborate::model::{ClaimKind, Measure, Quantity, Source};
use corroborate::rules::Ruleset;
use regex::Regex;
use serde_json::Value;

use crate::SuiteResult;

/// The suites, in the order of the table: (path under the folder, target, kind).
const SUITES: &[(&str, f64, Kind)] = &[
    (
        "recognizers-text/Specs/Number/English/NumberModel.json",
        95.0,
        Kind::Number,
    ),
    (
        "recognizers-text/Specs/Number/English/NumberRangeModel.json",
        90.0,
        Kind::Range,
    ),
    (
        "recognizers-text/Specs/Number/English/PercentModel.json",
        90.0,
        Kind::Percent,
    ),
    (
        "recognizers-text/Specs/NumberWithUnit/English/CurrencyModel.json",
        90.0,
        Kind::Currency,
    ),
    (
        "recognizers-text/Specs/NumberWithUnit/English/DimensionModel.json",
        80.0,
        Kind::Dimension,
    ),
    ("quantulum3/quantities.json", 85.0, Kind::Quantulum),
];

const DATE: &str =
    "date: the number is part of a date or year, which corroborate reads as a time claim";
const IDENTIFIER: &str =
    "identifier: the number is part of an address, phone number or name (a label, not an amount)";
const ORDINAL: &str = "ordinal: a range between ordinals; corroborate does not extract ordinals";
const ABSENT: &str = "file absent";
const BARE_UNIT: &str = "bare unit: every expected result is a unit word with no amount (\"percent\", \"dollar\"); corroborate extracts amounts";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Number,
    Range,
    Percent,
    Currency,
    Dimension,
    Quantulum,
}

/// One quantity claim, with its span in characters (`end` exclusive).
struct Got {
    start: usize,
    end: usize,
    text: String,
    q: Quantity,
}

/// A bound of an expected range: value and inclusivity; `None` is unbounded.
type End = Option<(f64, bool)>;

/// What one expected result requires of a claim.
#[derive(Debug)]
enum Want {
    Number(f64),
    Range(End, End),
    Percent(f64),
    /// Accepted codes (empty: any `Money`) and accepted values.
    Money(Vec<String>, Vec<f64>),
    /// Value and canonical unit.
    Dimension(f64, String),
    Quantulum {
        value: f64,
        uncertainty: f64,
        unit: String,
    },
    /// A value the runner could not read; never matches.
    Unreadable,
}

/// One expected result: span in characters (`end` exclusive) and what it requires.
#[derive(Debug)]
struct Expected {
    start: usize,
    end: usize,
    text: String,
    want: Want,
}

pub fn run(dir: &Path) -> Vec<SuiteResult> {
    let rules = Ruleset::builtin();
    let verbose = std::env::var("CONFORMANCE_VERBOSE").is_ok_and(|v| v == "1");
    let mut out = Vec::new();
    for &(path, target, kind) in SUITES {
        let name = path
            .trim_start_matches("recognizers-text/Specs/")
            .to_string();
        let mut result = SuiteResult {
            name,
            target: Some(target),
            ..SuiteResult::default()
        };
        match load(&dir.join(path)) {
            Ok(cases) => run_suite(&cases, kind, &rules, &mut result),
            Err(e) => {
                if verbose {
                    eprintln!("{}: {e}", result.name);
                }
                result.count_out(ABSENT);
            }
        }
        if verbose && !result.failures.is_empty() {
            eprintln!(
                "== {} failures (first {}):",
                result.name,
                result.failures.len()
            );
            for f in &result.failures {
                eprintln!("{f}\n");
            }
        }
        out.push(result);
    }
    out
}

fn load(path: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match serde_json::from_str(text) {
        Ok(Value::Array(cases)) => Ok(cases),
        Ok(_) => Err(format!("{}: not a JSON array", path.display())),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

fn run_suite(cases: &[Value], kind: Kind, rules: &Ruleset, result: &mut SuiteResult) {
    let verbose = std::env::var("CONFORMANCE_VERBOSE").is_ok_and(|v| v == "1");
    let ordinal = Regex::new(
        r"(?i)\b(first|second|third|\w*(four|fif|six|seven|eigh|nin|ten|eleven|twelf|teen|tie|hundred|thousand)th)s?\b",
    )
    .expect("regex");
    let dotted_quad = Regex::new(r"\d+\.\d+\.\d+\.\d+").expect("regex");
    let numeric_date = Regex::new(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b").expect("regex");
    let phone = Regex::new(r"\+\d[-\d/ ]{6,}").expect("regex");
    let (input_key, results_key) = if kind == Kind::Quantulum {
        ("req", "res")
    } else {
        ("Input", "Results")
    };
    for case in cases {
        let Some(input) = case.get(input_key).and_then(Value::as_str) else {
            continue;
        };
        let results = case
            .get(results_key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        // Results without an amount (a bare "percent", "dollar", "metric ton") are dropped.
        let amount = |r: &Value| {
            kind == Kind::Quantulum
                || r.get("Resolution")
                    .and_then(|res| res.get("value"))
                    .and_then(Value::as_str)
                    .is_some_and(|v| !v.trim().is_empty() && v != "null")
        };
        let kept: Vec<Value> = results.iter().filter(|r| amount(r)).cloned().collect();
        if kept.is_empty() && !results.is_empty() {
            result.count_out(BARE_UNIT);
            if verbose {
                eprintln!("{}: counted out ({BARE_UNIT}): {input:?}", result.name);
            }
            continue;
        }
        let expected = expectations(input, &kept, kind);
        let source = Source::from_text("case", input);
        let claims = corroborate::read_claims(std::slice::from_ref(&source), rules);
        let char_at = |byte: usize| input[..byte].chars().count();
        let times: Vec<(usize, usize)> = claims
            .iter()
            .filter(|c| c.kind() == ClaimKind::Time)
            .map(|c| (char_at(c.span.start), char_at(c.span.end)))
            .collect();
        // Counting out.
        let chars: Vec<char> = input.chars().collect();
        let reason = expected.iter().find_map(|e| {
            let in_match = |re: &Regex| {
                re.find_iter(input).any(|m| {
                    let (s, t) = (char_at(m.start()), char_at(m.end()));
                    s <= e.start && e.end <= t
                })
            };
            let in_time = times.iter().any(|&(s, t)| s <= e.start && e.end <= t);
            let year = e.text.len() == 4
                && e.text.chars().all(|c| c.is_ascii_digit())
                && (1000..=2100).contains(&e.text.parse::<u32>().unwrap_or(0));
            if in_time && (year || in_match(&numeric_date)) {
                return Some(DATE);
            }
            if kind == Kind::Range && ordinal.is_match(&e.text) {
                return Some(ORDINAL);
            }
            if in_match(&dotted_quad) || in_match(&phone) || after_label(&chars, e.start) {
                return Some(IDENTIFIER);
            }
            None
        });
        if let Some(reason) = reason {
            result.count_out(reason);
            if verbose {
                eprintln!("{}: counted out ({reason}): {input:?}", result.name);
            }
            continue;
        }
        let got: Vec<Got> = claims
            .iter()
            .filter(|c| !c.derived)
            .filter_map(|c| {
                Some(Got {
                    start: char_at(c.span.start),
                    end: char_at(c.span.end),
                    text: c.text.clone(),
                    q: c.quantity()?.clone(),
                })
            })
            .collect();
        result.cases += 1;
        let mut used = vec![false; got.len()];
        let mut missing = Vec::new();
        for e in &expected {
            let found = got
                .iter()
                .enumerate()
                .position(|(i, g)| !used[i] && span_ok(&chars, e, g) && value_ok(&e.want, &g.q));
            match found {
                Some(i) => used[i] = true,
                None => missing.push(e),
            }
        }
        let extra: Vec<&Got> = got
            .iter()
            .zip(&used)
            .filter(|(g, u)| !**u && reportable(kind, &g.q) && !unit_glued(kind, &chars, g))
            .map(|(g, _)| g)
            .collect();
        if missing.is_empty() && extra.is_empty() {
            result.passed += 1;
        } else if result.failures.len() < 5 || verbose && result.failures.len() < 250 {
            let exp: Vec<String> = expected
                .iter()
                .map(|e| format!("{:?}@{}..{} {:?}", e.text, e.start, e.end, e.want))
                .collect();
            let got: Vec<String> = got.iter().map(describe).collect();
            result.failures.push(format!(
                "input: {input:?}\n  expected: [{}]\n  got: [{}]",
                exp.join("; "),
                got.join("; ")
            ));
        }
    }
    if !verbose {
        result.failures.truncate(5);
    }
}

fn describe(g: &Got) -> String {
    let q = &g.q;
    let i = &q.interval;
    format!(
        "{:?}@{}..{} value={:?} range={:?} hedge={:?} measure={:?} unit_text={:?} interval={}{:?},{:?}{}",
        g.text,
        g.start,
        g.end,
        q.value,
        q.range,
        q.hedge,
        q.measure,
        q.unit_text,
        if i.low_inclusive { "[" } else { "(" },
        i.low,
        i.high,
        if i.high_inclusive { "]" } else { ")" },
    )
}

/// Whether the number starting at char `start` follows a label: a capitalised word (not at the
/// start of the sentence) or a letter-digit code, joined by a space or a hyphen.
fn after_label(chars: &[char], start: usize) -> bool {
    if start < 2 || !matches!(chars[start - 1], ' ' | '-') {
        return false;
    }
    // "No. 8", "nrs. 22,24": a numbering abbreviation.
    let before: String = chars[..start - 1].iter().collect::<String>().to_lowercase();
    if ["no.", "nos.", "nr.", "nrs.", "vol.", "pp."]
        .iter()
        .any(|l| {
            before.ends_with(l)
                && !before[..before.len() - l.len()].ends_with(char::is_alphanumeric)
        })
    {
        return true;
    }
    let end = start - 1;
    let mut begin = end;
    while begin > 0 && chars[begin - 1].is_alphanumeric() {
        begin -= 1;
    }
    if begin == end {
        return false;
    }
    let word: String = chars[begin..end].iter().collect();
    let first = word.chars().next().unwrap_or(' ');
    let code = word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(char::is_alphabetic);
    let capitalised = first.is_uppercase() && !word.chars().any(|c| c.is_ascii_digit());
    // Sentence start: nothing but spaces/quotes before, or after ". ".
    let mut k = begin;
    while k > 0 && matches!(chars[k - 1], ' ' | '"') {
        k -= 1;
    }
    let sentence_start = k == 0 || matches!(chars[k - 1], '.' | '!' | '?');
    let currency_or_unit = is_iso_like(&word) || canonical_unit(&word).is_some();
    // "SCP-173", "F-16": capitals joined to the digits by a hyphen are a model code, also
    // opening a sentence.
    let hyphen_code = chars[start - 1] == '-' && word.chars().all(|c| c.is_ascii_uppercase());
    (code || hyphen_code || capitalised && !sentence_start) && !currency_or_unit
}

fn is_iso_like(word: &str) -> bool {
    matches!(
        word,
        "USD" | "EUR" | "GBP" | "JPY" | "CNY" | "INR" | "CHF" | "CAD" | "AUD" | "US" | "SEK"
    )
}

/// Reads the expected results of one case.
fn expectations(input: &str, results: &[Value], kind: Kind) -> Vec<Expected> {
    let mut out = Vec::new();
    let mut from = 0usize; // byte offset where the next quantulum surface is searched
    for r in results {
        if kind == Kind::Quantulum {
            let surface = r.get("surface").and_then(Value::as_str).unwrap_or("");
            let at = input[from..]
                .find(surface)
                .map(|i| i + from)
                .or_else(|| input.find(surface))
                .unwrap_or(0);
            from = at + surface.len();
            let start = input[..at].chars().count();
            let end = start + surface.chars().count();
            let value = r.get("value").and_then(Value::as_f64);
            let uncertainty = r.get("uncertainty").and_then(Value::as_f64).unwrap_or(0.0);
            let unit = r.get("unit").and_then(Value::as_str).unwrap_or("");
            let want = match value {
                Some(value) => Want::Quantulum {
                    value,
                    uncertainty,
                    unit: unit.to_string(),
                },
                None => Want::Unreadable,
            };
            out.push(Expected {
                start,
                end,
                text: surface.to_string(),
                want,
            });
            continue;
        }
        let start = r.get("Start").and_then(Value::as_u64).unwrap_or(0) as usize;
        let end = r.get("End").and_then(Value::as_u64).unwrap_or(0) as usize + 1;
        let text = r
            .get("Text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let res = r.get("Resolution").cloned().unwrap_or(Value::Null);
        let value = res.get("value").and_then(Value::as_str).unwrap_or("");
        let want = match kind {
            Kind::Number => parse_number(value).map(Want::Number),
            Kind::Range => parse_range(value),
            Kind::Percent => parse_number(value.trim_end_matches('%')).map(Want::Percent),
            Kind::Currency => {
                let unit = res.get("unit").and_then(Value::as_str).unwrap_or("");
                let iso = res.get("isoCurrency").and_then(Value::as_str);
                parse_number(value).map(|v| money_want(v, unit, iso))
            }
            Kind::Dimension => {
                let unit = res.get("unit").and_then(Value::as_str).unwrap_or("");
                parse_number(value)
                    .map(|v| Want::Dimension(v, canonical_unit(unit).unwrap_or_else(|| norm(unit))))
            }
            Kind::Quantulum => unreachable!(),
        }
        .unwrap_or(Want::Unreadable);
        out.push(Expected {
            start,
            end,
            text,
            want,
        });
    }
    out
}

fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some((a, b)) = s.split_once('/') {
        return Some(a.trim().parse::<f64>().ok()? / b.trim().parse::<f64>().ok()?);
    }
    s.parse().ok()
}

/// "(20,35]" → the two ends.
fn parse_range(s: &str) -> Option<Want> {
    let s = s.trim();
    let low_inclusive = s.starts_with('[');
    let high_inclusive = s.ends_with(']');
    let inner = s.get(1..s.len().checked_sub(1)?)?;
    let (a, b) = inner.split_once(',')?;
    let end = |t: &str, inclusive: bool| -> Option<End> {
        if t.trim().is_empty() {
            Some(None)
        } else {
            Some(Some((parse_number(t)?, inclusive)))
        }
    };
    Some(Want::Range(end(a, low_inclusive)?, end(b, high_inclusive)?))
}

fn money_want(v: f64, unit: &str, iso: Option<&str>) -> Want {
    if let Some(code) = iso {
        return Want::Money(vec![code.to_string()], vec![v]);
    }
    let one = |c: &str| vec![c.to_string()];
    match unit {
        "Dollar" => Want::Money(one("USD"), vec![v]),
        "Pound" => Want::Money(one("GBP"), vec![v]),
        "Euro" => Want::Money(one("EUR"), vec![v]),
        "Cent" => Want::Money(one("USD"), vec![v / 100.0, v]),
        "Pence" => Want::Money(one("GBP"), vec![v / 100.0, v]),
        "Penny" | "Sen" => Want::Money(Vec::new(), vec![v / 100.0, v]),
        "Satoshi" => Want::Money(Vec::new(), vec![v / 1e8, v]),
        _ => Want::Money(Vec::new(), vec![v]),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9) || (a - b).abs() < 1e-12
}

fn value_ok(want: &Want, q: &Quantity) -> bool {
    let value = q.value;
    match want {
        Want::Number(v) => value.is_some_and(|x| close(x, *v)),
        Want::Percent(v) => q.measure == Measure::Percent && value.is_some_and(|x| close(x, *v)),
        Want::Range(low, high) => {
            let i = &q.interval;
            let low_ok = match (low, i.low) {
                (None, None) => true,
                (None, Some(l)) => {
                    l == 0.0 && i.low_inclusive && matches!(high, Some((h, _)) if *h > 0.0)
                }
                (Some((v, inc)), Some(l)) => close(*v, l) && *inc == i.low_inclusive,
                (Some(_), None) => false,
            };
            let half_open = matches!((low, high), (Some((_, true)), Some((_, false))));
            let high_ok = match (high, i.high) {
                (None, None) => true,
                (Some((v, inc)), Some(h)) => {
                    close(*v, h) && (half_open || *inc == i.high_inclusive)
                }
                _ => false,
            };
            low_ok && high_ok
        }
        Want::Money(codes, values) => {
            let Measure::Money(code) = &q.measure else {
                return false;
            };
            (codes.is_empty() || codes.contains(code))
                && value.is_some_and(|x| values.iter().any(|v| close(x, *v)))
        }
        Want::Dimension(v, unit) => {
            value.is_some_and(|x| close(x, *v))
                && q.unit_text.as_deref().and_then(canonical_unit).as_ref() == Some(unit)
        }
        Want::Quantulum {
            value: v,
            uncertainty,
            unit,
        } => {
            let width = q.range.map_or(0.0, |(a, b)| (b - a).abs() / 2.0);
            // Counting units: quantulum3 gives "a dozen" as 1 dozen, corroborate as 12 (things).
            // Subunits: quantulum3 gives "3 dimes" as 3 dime, corroborate as USD 0.30.
            let sub = match unit.as_str() {
                "cent" | "penny" => 100.0,
                "dime" => 10.0,
                _ => 0.0,
            };
            if sub > 0.0 && value.is_some_and(|x| close(x * sub, *v)) && quantulum_unit_ok(unit, q)
            {
                return close(width * sub, *uncertainty);
            }
            let per = match unit.as_str() {
                "dozen" => 12.0,
                "baker's dozen" => 13.0,
                "gross" => 144.0,
                _ => 0.0,
            };
            if per > 0.0 {
                return value.is_some_and(|x| close(x, v * per))
                    && close(width, uncertainty * per)
                    && quantulum_unit_ok("dimensionless", q);
            }
            value.is_some_and(|x| close(x, *v))
                && close(width, *uncertainty)
                && quantulum_unit_ok(unit, q)
        }
        Want::Unreadable => false,
    }
}

fn quantulum_unit_ok(unit: &str, q: &Quantity) -> bool {
    let money =
        |codes: &[&str]| matches!(&q.measure, Measure::Money(c) if codes.contains(&c.as_str()));
    match unit {
        "dimensionless" => {
            matches!(q.measure, Measure::Count | Measure::Fraction)
                && q.unit_text.as_deref().and_then(canonical_unit).is_none()
        }
        "percentage" => q.measure == Measure::Percent,
        "dollar" => money(&["USD"]),
        "euro" => money(&["EUR"]),
        "pound sterling" => money(&["GBP"]),
        // Subunits: the value check already compared the value as written.
        "cent" | "dime" => money(&["USD"]),
        "penny" => money(&["USD", "GBP"]),
        _ => {
            if let Some(per) = unit.strip_prefix("dollar per ") {
                return money(&["USD"])
                    && q.unit_text.as_deref().and_then(canonical_unit) == canonical_unit(per);
            }
            let want = canonical_unit(unit).unwrap_or_else(|| norm(unit));
            q.unit_text.as_deref().and_then(canonical_unit) == Some(want)
        }
    }
}

/// Whether the suite would report this claim (for the extra-claim check).
fn reportable(kind: Kind, q: &Quantity) -> bool {
    match kind {
        Kind::Number | Kind::Quantulum => true,
        Kind::Range => {
            let i = &q.interval;
            q.range.is_some()
                || i.low.is_none()
                || i.high.is_none()
                || q.hedge.is_some() && i.low == Some(0.0) && i.high == q.value
        }
        Kind::Percent => q.measure == Measure::Percent,
        Kind::Currency => matches!(q.measure, Measure::Money(_)),
        // Recognizers reads durations with its DateTime models, never as dimensions.
        Kind::Dimension => q
            .unit_text
            .as_deref()
            .and_then(canonical_unit)
            .is_some_and(|u| !DURATIONS.contains(&u.as_str())),
    }
}

/// NumberModel finds numbers standing as words: one glued to its unit ("180ml", "29km") is a
/// dimension there, which NumberModel does not report.
fn unit_glued(kind: Kind, chars: &[char], g: &Got) -> bool {
    kind == Kind::Number
        && g.q.unit_text.is_some()
        && chars.get(g.end).is_some_and(|c| c.is_alphabetic())
}

/// Time units: durations, which the DimensionModel does not report.
const DURATIONS: &[&str] = &["year", "month", "week", "day", "hour", "minute", "second"];

/// Whether the claim's span matches the expected one within the tolerance (module doc).
fn span_ok(chars: &[char], e: &Expected, g: &Got) -> bool {
    if !(g.start < e.end && e.start < g.end) {
        return false;
    }
    let mut allowed: Vec<String> = vec!["of".to_string()];
    if g.q.range.is_some() {
        allowed.extend(["between", "from"].map(String::from));
    }
    let point = matches!(e.want, Want::Range(Some((a, true)), Some((b, true))) if a == b);
    let inclusive_bound = matches!(
        e.want,
        Want::Range(None, Some((_, true))) | Want::Range(Some((_, true)), None)
    );
    if point || inclusive_bound {
        allowed.extend(["equal", "equals", "equaling", "to"].map(String::from));
    }
    if g.q.measure == Measure::Money("USD".to_string()) {
        allowed.extend(["us", "u", "s"].map(String::from));
    }
    for phrase in [&g.q.hedge, &g.q.unit_text].into_iter().flatten() {
        allowed.extend(
            phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    // A rate's "per" may be written "a", "an" or "/" ("miles an hour", "$350 per kg").
    let money_rate = matches!(g.q.measure, Measure::Money(_)) && g.q.unit_text.is_some();
    if money_rate
        || g.q
            .unit_text
            .as_deref()
            .is_some_and(|u| u.contains(" per "))
    {
        allowed.extend(["per", "a", "an"].map(String::from));
    }
    // A money claim's currency name is its unit text ("3 hundred and 21 yuan").
    if matches!(g.q.measure, Measure::Money(_)) {
        allowed.extend(
            g.text
                .split(|c: char| !c.is_alphabetic())
                .map(str::to_lowercase)
                .filter(|w| !w.is_empty() && !is_number_word(w)),
        );
    }
    let piece_ok = |a: usize, b: usize| {
        let piece: String = chars[a.min(b)..a.max(b)]
            .iter()
            .collect::<String>()
            .to_lowercase();
        piece
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| allowed.iter().any(|a| a == w))
    };
    piece_ok(e.start, g.start) && piece_ok(e.end, g.end)
}

/// Whether a word writes a number, which the span tolerance never lets a span gain or lose: the
/// extractor's own number words, scales and scale abbreviations, "dozen" and the "and" inside
/// spelled numbers.
fn is_number_word(w: &str) -> bool {
    numbers::number_word_starts().any(|s| s == w)
        || numbers::scale_word(w).is_some()
        || numbers::short_scale(w).is_some()
        || matches!(w, "dozen" | "and")
}

/// Lower-cases and folds British spellings.
fn norm(unit: &str) -> String {
    unit.to_lowercase()
        .replace("metre", "meter")
        .replace("litre", "liter")
        .replace("gramme", "gram")
        .replace('μ', "µ")
        .replace('-', " ")
        .trim()
        .to_string()
}

/// The unit table: canonical name → written forms (singular; plurals in "s"/"es" follow).
const UNITS: &[(&str, &[&str])] = &[
    ("meter", &["m", "meter", "mtr"]),
    ("kilometer", &["km", "kilometer", "kms"]),
    ("centimeter", &["cm", "centimeter"]),
    ("millimeter", &["mm", "millimeter"]),
    ("decimeter", &["dm", "decimeter"]),
    ("micrometer", &["µm", "micrometer", "micron"]),
    ("nanometer", &["nm", "nanometer"]),
    ("picometer", &["pm", "picometer"]),
    ("attometer", &["am", "attometer"]),
    ("foot", &["ft", "foot", "feet"]),
    ("inch", &["in", "inch", "inches", "\""]),
    ("yard", &["yd", "yard"]),
    ("mile", &["mi", "mile"]),
    ("nautical mile", &["nautical mile", "nmi"]),
    ("pound", &["lb", "lbs", "pound", "pound mass"]),
    ("ounce", &["oz", "ounce"]),
    ("kilogram", &["kg", "kilo", "kilogram", "kgs"]),
    ("gram", &["g", "gram", "gr"]),
    ("milligram", &["mg", "milligram"]),
    ("microgram", &["µg", "mcg", "microgram"]),
    ("ton", &["ton", "tons"]),
    ("metric ton", &["t", "tonne", "metric ton"]),
    ("gallon", &["gal", "gallon"]),
    ("liter", &["l", "liter", "ltr"]),
    ("centiliter", &["cl", "centiliter"]),
    // One unit under two names: quantulum3 calls a millilitre a cubic centimetre.
    (
        "cubic centimeter",
        &["cc", "cm3", "cubic centimeter", "ml", "milliliter"],
    ),
    ("barrel", &["bbl", "barrel"]),
    ("cup", &["cup"]),
    ("tablespoon", &["tbsp", "tablespoon"]),
    ("teaspoon", &["tsp", "teaspoon"]),
    ("dram", &["dram", "dr"]),
    ("acre", &["acre", "ac"]),
    ("hectare", &["ha", "hectare"]),
    ("square meter", &["m2", "sq m", "square meter", "sqm"]),
    ("square kilometer", &["km2", "sq km", "square kilometer"]),
    ("square mile", &["sq mi", "square mile"]),
    ("cubic foot", &["cubic foot", "cubic feet", "cu ft"]),
    ("cubic kilometer", &["km3", "cubic kilometer"]),
    (
        "kilometer per hour",
        &[
            "km/h",
            "kph",
            "kmh",
            "kmph",
            "kilometer per hour",
            "kilometers per hour",
        ],
    ),
    ("mile per hour", &["mph", "mile per hour", "miles per hour"]),
    ("degree", &["degree", "deg", "°"]),
    ("radian", &["radian", "rad"]),
    ("turn", &["turn", "revolution"]),
    ("bit", &["bit"]),
    ("byte", &["byte", "b"]),
    ("megabit", &["megabit", "mbit"]),
    ("megabyte", &["megabyte", "mbyte"]),
    ("exabyte", &["eb", "exabyte"]),
    ("kibibyte", &["kib", "kibibyte"]),
    ("year", &["year", "yr", "yrs"]),
    ("month", &["month"]),
    ("week", &["week"]),
    ("day", &["day"]),
    ("hour", &["hour", "hr", "hrs", "h"]),
    ("minute", &["minute", "min"]),
    ("second", &["second", "sec", "s"]),
    (
        "degree celsius",
        &["°c", "degree celsius", "degrees celsius", "celsius"],
    ),
    (
        "degree fahrenheit",
        &[
            "°f",
            "degree fahrenheit",
            "degrees fahrenheit",
            "fahrenheit",
        ],
    ),
    ("kelvin", &["kelvin", "k"]),
    ("gigahertz", &["ghz", "gigahertz"]),
    ("watt hour", &["wh", "watt hour"]),
    ("megawatt hour", &["mwh", "megawatt hour"]),
    ("electronvolt", &["ev", "electronvolt"]),
    ("teraelectronvolt", &["tev", "teraelectronvolt"]),
    ("milligray", &["mgy", "milligray"]),
    ("dozen", &["dozen"]),
    ("watt", &["w", "watt"]),
    ("joule", &["j", "joule"]),
    ("joule second", &["js", "joule second"]),
    ("megayear", &["ma", "megaannum", "megayear"]),
    ("gigayear", &["ga", "gigaannum", "gigayear"]),
    ("ton per day", &["tpd", "ton per day"]),
];

/// The canonical unit name of a written unit, if it is in the table.
fn canonical_unit(written: &str) -> Option<String> {
    match written.trim() {
        "MB" => return Some("megabyte".to_string()),
        "mb" | "Mb" => return Some("megabit".to_string()),
        _ => {}
    }
    let w = norm(written);
    let w = w.trim_matches(|c: char| c == '.' || c == ' ');
    if w.is_empty() {
        return None;
    }
    thread_local! {
        static TABLE: HashMap<String, &'static str> = {
            let mut m = HashMap::new();
            for (canonical, forms) in UNITS {
                m.insert(canonical.to_string(), *canonical);
                for f in *forms {
                    let f = norm(f);
                    if f.len() > 2 {
                        m.entry(format!("{f}s")).or_insert(*canonical);
                        m.entry(format!("{f}es")).or_insert(*canonical);
                    }
                    m.insert(f, *canonical);
                }
            }
            m
        };
    }
    // Recognizers writes "Metric ton", quantulum3 "tonne"; both fold to one name.
    let w = match w {
        "tonne" | "tonnes" => "metric ton",
        other => other,
    };
    if let Some(found) = TABLE.with(|t| t.get(w).map(|c| c.to_string())) {
        return Some(found);
    }
    // Compound units are read part by part: "meters per millisecond", "km/hr", "square km",
    // "km^2", "km cubed" (the same name whichever way the parts are written).
    if let Some((num, den)) = w.split_once(" per ").or_else(|| w.split_once('/')) {
        return Some(format!(
            "{} per {}",
            canonical_unit(num)?,
            canonical_unit(den)?
        ));
    }
    // An inverse time: "s-1" (the dash folded to a space), "inverse second".
    if let Some(base) = w.strip_suffix(" 1").or_else(|| w.strip_prefix("inverse ")) {
        return Some(format!("inverse {}", canonical_unit(base)?));
    }
    for (suffix, prefix) in [
        ("^2", "square"),
        (" squared", "square"),
        ("^3", "cubic"),
        (" cubed", "cubic"),
        ("2", "square"),
        ("3", "cubic"),
    ] {
        if let Some(base) = w.strip_suffix(suffix) {
            return canonical_unit(&format!("{prefix} {base}"));
        }
    }
    for prefix in ["square ", "cubic "] {
        if let Some(base) = w.strip_prefix(prefix) {
            let base = canonical_unit(base)?;
            let compound = format!("{prefix}{base}");
            return TABLE
                .with(|t| t.get(compound.as_str()).map(|c| c.to_string()))
                .or(Some(compound));
        }
    }
    None
}
