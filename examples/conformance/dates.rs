//! Date and date-period extraction and resolution (Recognizers-Text DateTime, English).
//!
//! Takes the folder of external suites; gives one [`SuiteResult`] per file, in this order:
//! `DateExtractor`, `DatePeriodExtractor`, `DateParser`, `DatePeriodParser` (all under
//! `recognizers-text/Specs/DateTime/English/`), each with a target of 85%. A missing file gives a
//! result with no cases and one counted-out reason saying so.
//!
//! # How a case is run
//! - The case's `Input` becomes one [`Source`] (`Source::from_text`) whose `published` date is the
//!   date part of `Context.ReferenceDateTime` (the clock time is dropped: corroborate works in
//!   days). Cases without a reference date (almost all extractor cases) use **2016-11-07**, the
//!   reference the suites use most; extractor specs score spans only, so the choice only matters
//!   where corroborate needs a publication date to accept an expression at all.
//! - All cases of a file are read in one `read_claims` call (one source per case, grouped back by
//!   the claim's source index) with the built-in ruleset; only time claims are looked at.
//!
//! # Spans (all four files)
//! - Recognizers' `Start`/`Length` count characters; corroborate's spans are byte ranges, so ours
//!   are converted to character offsets before comparing.
//! - Tolerance: both spans are trimmed of leading words from {in, on, at, by, during, until, till,
//!   since, throughout, over, within, for, from, of, the} (repeatedly, so "in the" goes too) and of
//!   trailing punctuation and whitespace, then must be identical. This absorbs the documented
//!   difference that corroborate keeps framing prepositions ("by", "during") and drops positional
//!   ones ("in", "on"), and that Recognizers sometimes includes "the" and sometimes not. Nothing
//!   else is tolerated: a span that is longer or shorter by a content word fails.
//! - Every expected result of a case must be matched by a time claim; extra time claims are not
//!   penalised in positive cases (corroborate may find a second expression the spec did not list).
//! - Negative cases (`Results: []`) pass only when no time claim of the file's kind comes out:
//!   each file lists only its own type (`date` in `DateExtractor`/`DateParser`, `daterange` in
//!   the `DatePeriod*` files) and the suite puts the other type in the other files, so an empty
//!   list in a period file says "no date period here", not "no date". A single-day claim
//!   ("in 3 weeks" in a clause about the future is that day) does not fail a period file's
//!   negative case, nor a month ("August 2019" in "6,107.31 August 2019") a date file's.
//!   Unresolved claims count against both.
//!
//! # Resolutions (the two parser files)
//! - A matched claim must also carry the expected interval. `date` values are a single day
//!   (start = end). `startDate`/`endDate` are a day range whose `endDate` is **exclusive** ("last
//!   month" @2016-11-07 → 2016-10-01..2016-11-01); corroborate's interval is inclusive, so the
//!   expected end is `endDate − 1 day`. Half-open ranges (only `startDate`, e.g. "more than 2 weeks
//!   after today"; only `endDate`, "... before today") compare only the bound given.
//! - A range whose two bounds are both named ("Oct. 2 to October 22", "between 2015 and Feb 2018",
//!   "2014-2018": Timex `(a,b,duration)` and a connector — to, till, until, through, thru, and, a
//!   dash — in the text) is read by the suite with the second bound excluded: its `endDate` is
//!   the *start* of the named end (2018-01-01 for "... 2018", 2016-10-22 for "... October 22").
//!   English news reads "to October 22" and "2014-2018" inclusively, and so does corroborate
//!   (the end is the last day of the named end). Both readings are accepted for such ranges: the
//!   exclusive one (`endDate − 1 day`) and the named end included — the last day of the day,
//!   month or year that starts at `endDate` (only units that do start there). Counted periods
//!   ("next 3 days", "within 5 years") have no named end and keep the exclusive reading only.
//! - Windows: the suite's windows are half-open at their last boundary — "within 5 days"
//!   (`(P,P+5d,P5D)`), "past 3 weeks", "rest of the week", "earlier this month" ending at the
//!   reference day — while corroborate's rolling and partial windows are closed and include
//!   that boundary day (its "past 3 weeks" is [P − 21 days, P], today included). For results
//!   with a window Timex `(a,b,duration)` and for day ranges that end at the reference day, the
//!   closed reading at the same boundary (`endDate` itself) is accepted besides `endDate − 1`.
//!   Calendar periods ("last month", "2016") are not windows and keep the exclusive reading.
//! - When `FutureResolution` and `PastResolution` differ the expression is ambiguous (bare month,
//!   weekday, month-day without year). corroborate's news convention takes the most recent one at
//!   or before the publication date, i.e. `PastResolution`, and switches to the next one on a
//!   future cue (will, by, next, coming, ...), i.e. `FutureResolution`. Since the suite lists both
//!   as readings of the same text, a claim matching **either** passes; when they agree there is
//!   only one answer.
//! - `Mod` ("start", "mid", "end", "before", "after", ...) is not tolerated: the interval the suite
//!   gives is the one scored. corroborate reads the parts of weeks and months as the suite does
//!   (early/late: Mon–Wed/Thu–Sun, days 1–15/16–end), and of a year as the suite does too:
//!   "early/late this year" are halves (Jan–Jun, Jul–Dec) and "the beginning/end of 2000" thirds
//!   (Jan–Apr, Sep–Dec).
//!
//! # Counted out (with a reason and a count in the result)
//! - Parser results whose value is Timex-only (empty `FutureResolution`/`PastResolution`, e.g.
//!   seasons "summer 2016" → `2016-SU`): there is no interval to compare against.
//! - Result types other than `date`/`daterange` (time of day, duration, set, holiday) — none occur
//!   in these four files, but the rule is there so the mapping stays honest if they do.
//! - Resolution strings that are not ISO days (none occur at the snapshot).
//! - Invalid calendar days: the suite recognises "Feb 30", "2/29/2019", "the fifth Sunday" of a
//!   month with four and "31st of this month" in a 30-day month, and resolves them to the
//!   placeholder 0001-01-01. There is no day to compare; corroborate gives no claim for them.
//! - `NotSupported`/`NotSupportedByDesign` flags are ignored: they describe Recognizers' platforms.
//!
//! With `CONFORMANCE_VERBOSE=1`, every failure of each suite (input, expected, got) is printed to
//! standard error; otherwise the first five are kept in the result.

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use corroborate::model::Source;
use corroborate::rules::Ruleset;
use serde_json::Value;

use crate::SuiteResult;

/// The reference date for cases without `Context.ReferenceDateTime` (the suites' most common).
const DEFAULT_REFERENCE: (i32, u32, u32) = (2016, 11, 7);

/// The suite files, in the order their results are returned, and whether they carry resolutions.
const SUITES: [(&str, bool); 4] = [
    ("DateExtractor", false),
    ("DatePeriodExtractor", false),
    ("DateParser", true),
    ("DatePeriodParser", true),
];

const TARGET: f64 = 85.0;
const MAX_FAILURES: usize = 5;

/// Leading words dropped from both spans before comparing.
const LEADING: [&str; 15] = [
    "in",
    "on",
    "at",
    "by",
    "during",
    "until",
    "till",
    "since",
    "throughout",
    "over",
    "within",
    "for",
    "from",
    "of",
    "the",
];

pub fn run(dir: &Path) -> Vec<SuiteResult> {
    let rules = Ruleset::builtin();
    let verbose = std::env::var("CONFORMANCE_VERBOSE").is_ok_and(|v| v == "1");
    let base = dir.join("recognizers-text/Specs/DateTime/English");
    SUITES
        .iter()
        .map(|&(stem, parser)| {
            let result = run_suite(
                &base.join(format!("{stem}.json")),
                stem,
                parser,
                &rules,
                verbose,
            );
            if verbose {
                for f in &result.failures {
                    eprintln!("[{}] {f}", result.name);
                }
            }
            result
        })
        .collect()
}

/// One time claim of a case, as character offsets into the input and its interval.
struct Found {
    start: usize,
    end: usize,
    text: String,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

/// One expected result, reduced to what is scored.
struct Expected {
    text: String,
    start: usize,
    end: usize,
    /// The acceptable intervals (inclusive; `None` bound = not compared); empty for extractors.
    intervals: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
}

fn run_suite(
    path: &Path,
    stem: &str,
    parser: bool,
    rules: &Ruleset,
    verbose_all: bool,
) -> SuiteResult {
    let mut result = SuiteResult {
        name: format!("DateTime/English/{stem}.json"),
        target: Some(TARGET),
        ..SuiteResult::default()
    };
    let cases = match std::fs::read_to_string(path) {
        Ok(text) => match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
            Ok(Value::Array(cases)) => cases,
            _ => {
                result.count_out("file is not a JSON array of cases");
                return result;
            }
        },
        Err(_) => {
            result.count_out("suite file missing");
            return result;
        }
    };

    // Map every case to its expectations first (counting out what is not scored), then read all
    // scored inputs in one call.
    let mut scored: Vec<(String, Vec<Expected>)> = Vec::new();
    let mut sources = Vec::new();
    for case in &cases {
        let input = case["Input"].as_str().unwrap_or_default().to_string();
        match expectations(case, parser, reference(case)) {
            Ok(expected) => {
                let mut source = Source::from_text(&format!("case-{}", sources.len()), &input);
                source.published = Some(reference(case));
                sources.push(source);
                scored.push((input, expected));
            }
            Err(reason) => result.count_out(reason),
        }
    }

    let claims = corroborate::read_claims(&sources, rules);
    let mut found: Vec<Vec<Found>> = sources.iter().map(|_| Vec::new()).collect();
    for claim in &claims {
        let Some(time) = claim.time() else { continue };
        let text = &sources[claim.source].text;
        found[claim.source].push(Found {
            start: text[..claim.span.start].chars().count(),
            end: text[..claim.span.end].chars().count(),
            text: claim.text.clone(),
            first: time.start,
            last: time.end,
        });
    }

    for ((input, expected), got) in scored.iter().zip(&found) {
        result.cases += 1;
        let chars: Vec<char> = input.chars().collect();
        let pass = if expected.is_empty() {
            got.iter().all(|g| !in_scope(stem, g))
        } else {
            expected.iter().all(|e| {
                got.iter().any(|g| {
                    trim(&chars, g.start, g.end) == trim(&chars, e.start, e.end)
                        && (e.intervals.is_empty()
                            || e.intervals.iter().any(|&(s, t)| {
                                s.is_none_or(|s| g.first == Some(s))
                                    && t.is_none_or(|t| g.last == Some(t))
                            }))
                })
            })
        };
        if pass {
            result.passed += 1;
        } else if verbose_all || result.failures.len() < MAX_FAILURES {
            result.failures.push(format!(
                "{input:?}: expected {}; got {}",
                show_expected(expected),
                show_found(got)
            ));
        }
    }
    result
}

/// Whether a claim is of the kind a suite file speaks about: a single day for the `Date*`
/// files, a range of days for the `DatePeriod*` files (unresolved claims count for both).
fn in_scope(stem: &str, found: &Found) -> bool {
    let single_day = found.first.is_some() && found.first == found.last;
    let range = found.first.is_some() && found.last.is_some() && !single_day;
    if stem.starts_with("DatePeriod") {
        !single_day
    } else {
        !range
    }
}

/// The case's reference day, or the default.
fn reference(case: &Value) -> NaiveDate {
    case["Context"]["ReferenceDateTime"]
        .as_str()
        .and_then(|s| s.get(..10))
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .unwrap_or_else(|| {
            let (y, m, d) = DEFAULT_REFERENCE;
            NaiveDate::from_ymd_opt(y, m, d).expect("valid default reference")
        })
}

/// The scored expectations of a case, or the reason it is counted out.
fn expectations(
    case: &Value,
    parser: bool,
    reference: NaiveDate,
) -> Result<Vec<Expected>, &'static str> {
    let mut out = Vec::new();
    for r in case["Results"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        match r["Type"].as_str() {
            Some("date" | "daterange") => {}
            _ => {
                return Err(
                    "type other than date/daterange: corroborate extracts only days and day ranges",
                );
            }
        }
        let start = r["Start"].as_u64().unwrap_or_default() as usize;
        let length = r["Length"].as_u64().unwrap_or_default() as usize;
        let mut intervals = Vec::new();
        if parser {
            for key in ["PastResolution", "FutureResolution"] {
                let res = &r["Value"][key];
                let interval = if let Some(day) = res["date"].as_str() {
                    let d = day_of(day).ok_or("resolution is not an ISO day")?;
                    (Some(d), Some(d))
                } else {
                    let s = match res["startDate"].as_str() {
                        Some(s) => Some(day_of(s).ok_or("resolution is not an ISO day")?),
                        None => None,
                    };
                    let end = match res["endDate"].as_str() {
                        Some(e) => Some(day_of(e).ok_or("resolution is not an ISO day")?),
                        None => None,
                    };
                    if s.is_none() && end.is_none() {
                        continue;
                    }
                    if let Some(end) = end {
                        let closed: Vec<NaiveDate> = if names_both_bounds(r) {
                            // The named end included: the day, month or year starting there.
                            unit_ends(end)
                        } else if is_window(r) || end == reference {
                            // A window closed at its boundary day.
                            vec![end]
                        } else {
                            Vec::new()
                        };
                        for last in closed {
                            if !intervals.contains(&(s, Some(last))) {
                                intervals.push((s, Some(last)));
                            }
                        }
                    }
                    (s, end.and_then(|e| e.checked_sub_days(Days::new(1))))
                };
                if !intervals.contains(&interval) {
                    intervals.push(interval);
                }
            }
            if intervals
                .iter()
                .any(|&(s, e)| s.or(e).is_some_and(|d| d.year() == 1))
            {
                return Err(INVALID_DAY);
            }
            if intervals.is_empty() {
                return Err(
                    "Timex-only value (no Future/PastResolution, e.g. seasons): no interval to compare",
                );
            }
        }
        out.push(Expected {
            text: r["Text"].as_str().unwrap_or_default().to_string(),
            start,
            end: start + length,
            intervals,
        });
    }
    Ok(out)
}

/// Why a case whose resolution is the suite's "not a real day" placeholder is counted out.
const INVALID_DAY: &str = "invalid calendar day (resolution 0001-01-01, e.g. Feb 30, the fifth Sunday of a four-Sunday month): corroborate gives no claim for a day that does not exist";

/// Connectors that join two named bounds into one range ("A to B", "between A and B", "A-B").
const RANGE_CONNECTORS: [&str; 7] = [
    " to ",
    " till ",
    " until ",
    " through ",
    " thru ",
    " and ",
    "-",
];

/// Whether a result is a range whose two bounds are both named in its text (Timex `(a,b,dur)`
/// and a connector in the text), as opposed to a counted period such as "next 3 days".
fn names_both_bounds(result: &Value) -> bool {
    let text = result["Text"].as_str().unwrap_or_default().to_lowercase();
    is_window(result) && RANGE_CONNECTORS.iter().any(|c| text.contains(c))
}

/// Whether a result is a window given by its boundaries and a length (Timex `(a,b,duration)`:
/// "within 5 days", "rest of the week", "past 3 weeks").
fn is_window(result: &Value) -> bool {
    result["Value"]["Timex"]
        .as_str()
        .is_some_and(|t| t.starts_with('('))
}

/// The last days of the day, month and year that start at `day` (only those that do start there).
fn unit_ends(day: NaiveDate) -> Vec<NaiveDate> {
    let mut ends = vec![day];
    if day.day() == 1 {
        let next_month = day.checked_add_months(chrono::Months::new(1));
        ends.extend(next_month.and_then(|d| d.pred_opt()));
        if day.month() == 1 {
            ends.extend(NaiveDate::from_ymd_opt(day.year(), 12, 31));
        }
    }
    ends
}

fn day_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// A character span with leading prepositions/"the" and trailing punctuation trimmed, as text
/// (lower-cased), for tolerant comparison.
fn trim(chars: &[char], start: usize, end: usize) -> String {
    let end = end.min(chars.len());
    let start = start.min(end);
    let mut text: String = chars[start..end].iter().collect::<String>().to_lowercase();
    loop {
        let trimmed = text.trim_start();
        let word_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        if word_end < trimmed.len() && LEADING.contains(&&trimmed[..word_end]) {
            text = trimmed[word_end..].to_string();
        } else {
            text = trimmed.to_string();
            break;
        }
    }
    text.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() && c != ')')
        .to_string()
}

fn show_day(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "?".to_string(), |d| d.to_string())
}

fn show_expected(expected: &[Expected]) -> String {
    if expected.is_empty() {
        return "nothing".to_string();
    }
    let parts: Vec<String> = expected
        .iter()
        .map(|e| {
            let mut s = format!("{:?}@{}..{}", e.text, e.start, e.end);
            let readings: Vec<String> = e
                .intervals
                .iter()
                .map(|&(a, b)| format!("{}..{}", show_day(a), show_day(b)))
                .collect();
            if !readings.is_empty() {
                s.push_str(&format!(" [{}]", readings.join(" or ")));
            }
            s
        })
        .collect();
    parts.join(", ")
}

fn show_found(found: &[Found]) -> String {
    if found.is_empty() {
        return "no time claim".to_string();
    }
    let parts: Vec<String> = found
        .iter()
        .map(|g| {
            format!(
                "{:?}@{}..{} [{}..{}]",
                g.text,
                g.start,
                g.end,
                show_day(g.first),
                show_day(g.last)
            )
        })
        .collect();
    parts.join(", ")
}
