//! Normalize: values to intervals, counted nouns to canonical units, and derived claims.
//!
//! Takes one source's claims (with context attached) and the rules; gives the same claims with
//! each quantity's canonical `unit` (after unit aliases; "percent" for percentages, the currency
//! code for money) and its `interval` (from its hedge rule, its range, or its vague-amount rule),
//! plus the claims the derivation rules compute: for every before/after pair of one change
//! ("from about 5,200 to 3,000"), a `derived` change claim whose interval follows from both ends.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::model::{Claim, ClaimDetail, Interval, Measure, Quantity, Role, Source, Span};
use crate::rules::{AliasCategory, Bound, Derive, Lexicon, Ruleset};

/// Normalizes the claims of `source` in place and appends derived claims.
pub fn normalize(source: &Source, claims: &mut Vec<Claim>, rules: &Ruleset) {
    for claim in claims.iter_mut() {
        if let ClaimDetail::Quantity(q) = &mut claim.detail {
            q.unit = canonical_unit(&rules.lexicon, q);
            let (interval, rule) = interval(&rules.lexicon, q);
            q.interval = interval;
            q.interval_rule = rule;
        }
    }
    if let Some(rule) = rules.derivation(Derive::ChangeFromTo) {
        let derived = derive_changes(source, claims, &rule.id);
        claims.extend(derived);
    }
    if let Some(rule) = rules.derivation(Derive::PartsSum) {
        let derived = derive_sums(source, claims, &rule.id);
        claims.extend(derived);
    }
}

/// Where a claim's counted noun ends, when it follows within a few words ("two Iraqis").
fn end_with_unit(source: &Source, claim: &Claim) -> usize {
    let Some(unit) = claim.quantity().and_then(|q| q.unit_text.as_deref()) else {
        return claim.span.end;
    };
    let after = &source.text[claim.span.end..claim.sentence_span.end.max(claim.span.end)];
    let cut = (0..=after.len().min(40))
        .rev()
        .find(|&i| after.is_char_boundary(i));
    let window = &after[..cut.unwrap_or(0)];
    let lower = window.to_lowercase();
    match lower.find(unit) {
        // Lower-casing keeps byte offsets for the ASCII nouns this is used with; check anyway.
        Some(i) if lower.len() == window.len() && window.is_char_boundary(i + unit.len()) => {
            claim.span.end + i + unit.len()
        }
        _ => claim.span.end,
    }
}

/// Words that may stand between a total and the list of its parts.
const PARTS_OPENERS: &[&str] = &[
    "–",
    "—",
    "-",
    ":",
    "including",
    "among them",
    "of whom",
    "of which",
];

/// For a count followed by a list of two or more counts ("at least six military personnel –
/// three Americans, one Briton and two Iraqis"), the sum of the parts as a derived claim that
/// stands for the total: same unit, role and context, so linking checks it against the total.
fn derive_sums(source: &Source, claims: &[Claim], rule_id: &str) -> Vec<Claim> {
    let mut counts: Vec<&Claim> = claims
        .iter()
        .filter(|c| {
            !c.derived
                && c.quantity()
                    .is_some_and(|q| q.measure == Measure::Count && q.value.is_some())
        })
        .collect();
    counts.sort_by_key(|c| c.span.start);
    let mut next_number = claims.iter().filter(|c| c.quantity().is_some()).count();
    let mut derived = Vec::new();
    for (i, total) in counts.iter().enumerate() {
        let Some(first) = counts.get(i + 1) else {
            break;
        };
        let opener = source
            .text
            .get(total.span.end..first.span.start)
            .unwrap_or("");
        // The words between the total and the first part: its counted noun, then an opener.
        let opener_ok = first.sentence == total.sentence
            && PARTS_OPENERS.iter().any(|o| opener.contains(o))
            && opener.split_whitespace().count() <= 6;
        if !opener_ok {
            continue;
        }
        let mut parts = vec![*first];
        for next in &counts[i + 2..] {
            let last = parts[parts.len() - 1];
            let between = source
                .text
                .get(last.span.end..next.span.start)
                .unwrap_or("");
            let joined = next.sentence == total.sentence
                && (between.contains(',') || between.contains(" and "))
                && between.split_whitespace().count() <= 4
                && !PARTS_OPENERS[..4].iter().any(|o| between.contains(o));
            if !joined {
                break;
            }
            parts.push(next);
        }
        if parts.len() < 2 {
            continue;
        }
        let sum: f64 = parts
            .iter()
            .filter_map(|p| p.quantity().and_then(|q| q.value))
            .sum();
        let qt = total.quantity().expect("a count");
        let mut q = Quantity::count(sum);
        q.unit_text = qt.unit_text.clone();
        q.unit = qt.unit.clone();
        q.role = qt.role;
        q.interval_rule = Some(rule_id.to_string());
        let last = parts[parts.len() - 1];
        let span = Span::new(parts[0].span.start, end_with_unit(source, last));
        next_number += 1;
        let from = parts.iter().map(|p| p.id.clone()).collect();
        derived.push(derived_claim(source, total, span, q, from, next_number));
    }
    derived
}

/// Physical units: canonical name, dimension, and the forms written after a number (lower-case,
/// plurals listed). `extract::quantity` reads a unit after a number only in these forms; "g"
/// (giga), "in" (a preposition, read apart) and "m" glued to digits ("$20m", a scale) are kept
/// out or handled there.
pub const PHYSICAL_UNITS: &[(&str, &str, &[&str])] = &[
    (
        "kilometre",
        "length",
        &[
            "km",
            "kms",
            "kilometre",
            "kilometres",
            "kilometer",
            "kilometers",
        ],
    ),
    (
        "metre",
        "length",
        &["m", "metre", "metres", "meter", "meters"],
    ),
    (
        "decimetre",
        "length",
        &["dm", "decimetre", "decimetres", "decimeter", "decimeters"],
    ),
    (
        "centimetre",
        "length",
        &[
            "cm",
            "centimetre",
            "centimetres",
            "centimeter",
            "centimeters",
        ],
    ),
    (
        "millimetre",
        "length",
        &[
            "mm",
            "millimetre",
            "millimetres",
            "millimeter",
            "millimeters",
        ],
    ),
    (
        "nanometre",
        "length",
        &["nm", "nanometre", "nanometres", "nanometer", "nanometers"],
    ),
    // Picometres: only read after decimals ("2.1 pm"); "2 pm" is a clock time.
    (
        "picometre",
        "length",
        &["pm", "picometre", "picometres", "picometer", "picometers"],
    ),
    // Attometres: likewise only after decimals ("2.123 am"); "2 am" is a clock time.
    (
        "attometre",
        "length",
        &["am", "attometre", "attometres", "attometer", "attometers"],
    ),
    ("mile", "length", &["mi", "mile", "miles"]),
    ("foot", "length", &["ft", "foot", "feet"]),
    ("inch", "length", &["inch", "inches"]),
    ("yard", "length", &["yd", "yard", "yards"]),
    (
        "kilogram",
        "mass",
        &["kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"],
    ),
    (
        "milligram",
        "mass",
        &[
            "mg",
            "milligram",
            "milligrams",
            "milligramme",
            "milligrammes",
        ],
    ),
    (
        "microgram",
        "mass",
        &[
            "μg",
            "µg",
            "mcg",
            "microgram",
            "micrograms",
            "microgramme",
            "microgrammes",
        ],
    ),
    ("gram", "mass", &["gram", "grams", "gramme", "grammes"]),
    ("pound", "mass", &["lb", "lbs", "pound", "pounds"]),
    ("ounce", "mass", &["oz", "ounce", "ounces"]),
    ("ton", "mass", &["ton", "tons"]),
    (
        "tonne",
        "mass",
        &["tonne", "tonnes", "metric ton", "metric tons"],
    ),
    (
        "millilitre",
        "volume",
        &[
            "ml",
            "millilitre",
            "millilitres",
            "milliliter",
            "milliliters",
        ],
    ),
    (
        "centilitre",
        "volume",
        &[
            "cl",
            "centilitre",
            "centilitres",
            "centiliter",
            "centiliters",
        ],
    ),
    ("litre", "volume", &["litre", "litres", "liter", "liters"]),
    ("gallon", "volume", &["gallon", "gallons"]),
    ("barrel", "volume", &["barrel", "barrels", "bbl"]),
    (
        "tablespoon",
        "volume",
        &["tablespoon", "tablespoons", "tbsp"],
    ),
    ("teaspoon", "volume", &["teaspoon", "teaspoons", "tsp"]),
    ("cup", "volume", &["cup", "cups"]),
    ("acre", "area", &["acre", "acres"]),
    ("hectare", "area", &["hectare", "hectares"]),
    ("square metre", "area", &["m2", "sqm"]),
    ("square kilometre", "area", &["km2"]),
    ("mile per hour", "speed", &["mph"]),
    ("kilometre per hour", "speed", &["kph", "kmh", "kmph"]),
    (
        "degree celsius",
        "temperature",
        &[
            "°c",
            "degrees celsius",
            "degree celsius",
            "degrees centigrade",
        ],
    ),
    (
        "degree fahrenheit",
        "temperature",
        &["°f", "degrees fahrenheit", "degree fahrenheit"],
    ),
    ("kelvin", "temperature", &["degrees kelvin", "kelvin"]),
    ("radian", "angle", &["rad", "radian", "radians"]),
    ("bit", "data", &["bit", "bits"]),
    ("byte", "data", &["byte", "bytes"]),
    ("kilobyte", "data", &["kb", "kilobyte", "kilobytes"]),
    ("megabyte", "data", &["mb", "megabyte", "megabytes"]),
    ("gigabyte", "data", &["gb", "gigabyte", "gigabytes"]),
    ("terabyte", "data", &["tb", "terabyte", "terabytes"]),
    ("watt hour", "energy", &["wh"]),
    ("kilowatt hour", "energy", &["kwh"]),
    ("megawatt hour", "energy", &["mwh"]),
    ("kilowatt", "power", &["kw", "kilowatt", "kilowatts"]),
    ("megawatt", "power", &["mw", "megawatt", "megawatts"]),
    ("gigawatt", "power", &["gw", "gigawatt", "gigawatts"]),
    // "w", "j", "js", "ma" and "ga" are read after a number only as written in
    // [`CASED_SYMBOLS`] ("5 W", not "5 w"; "66 Ma", not "66 ma").
    ("watt", "power", &["w", "watt", "watts"]),
    ("joule", "energy", &["j", "joule", "joules"]),
    ("joule second", "action", &["js"]),
    ("megayear", "time", &["ma", "megaannum", "megaannums"]),
    ("gigayear", "time", &["ga", "gigaannum", "gigaannums"]),
    ("ton per day", "rate", &["tpd"]),
];

/// Unit symbols whose case tells them from ordinary words or other units: a number takes them
/// as units only when written exactly so ("66 Ma" megayears, "40 W" watts).
pub const CASED_SYMBOLS: &[&str] = &["W", "J", "Js", "Ma", "Ga"];

/// Whether `written` may be read as a unit as far as case goes: a word whose lower case is a
/// cased symbol's must be written as that symbol.
pub fn case_allows_unit(written: &str) -> bool {
    // The symbols are at most two ASCII letters: a longer ASCII word is none of them.
    if written.len() > 2 && written.is_ascii() {
        return true;
    }
    if CASED_SYMBOLS.contains(&written) {
        return true;
    }
    // The symbols are ASCII: an ASCII word compares without allocating.
    if written.is_ascii() {
        return !CASED_SYMBOLS
            .iter()
            .any(|c| c.eq_ignore_ascii_case(written));
    }
    let lower = written.to_lowercase();
    !CASED_SYMBOLS.iter().any(|c| c.to_lowercase() == lower)
}

/// The time unit a word names after "per" or "/" in a rate ("km/h", "metres per second"; "hr" →
/// "hour"). One `match`: it is asked of most units after a number, and most are none of these.
pub fn time_unit(written: &str) -> Option<&'static str> {
    Some(match written {
        "h" | "hr" | "hrs" | "hour" | "hours" => "hour",
        "min" | "mins" | "minute" | "minutes" => "minute",
        "s" | "sec" | "secs" | "second" | "seconds" => "second",
        "ms" | "millisecond" | "milliseconds" => "millisecond",
        "day" | "days" => "day",
        "week" | "weeks" => "week",
        "year" | "years" => "year",
        _ => return None,
    })
}

/// The canonical name and dimension of a unit written as one of its forms ("km", "Metres"),
/// any case but the cased symbols'.
fn simple_unit(w: &str) -> Option<(&'static str, &'static str)> {
    /// Each form with the first unit that lists it, looked up once built; and by first byte the
    /// lengths (below 64 bytes) of the forms starting with it, as bits.
    type Forms = (
        FxHashMap<&'static str, (&'static str, &'static str)>,
        [u64; 256],
    );
    static FORMS: LazyLock<Forms> = LazyLock::new(|| {
        let mut forms = FxHashMap::default();
        let mut lengths = [0u64; 256];
        for (name, dimension, written) in PHYSICAL_UNITS {
            for form in *written {
                forms.entry(*form).or_insert((*name, *dimension));
                if let Some(&first) = form.as_bytes().first() {
                    lengths[usize::from(first)] |= 1 << form.len().min(63);
                }
            }
        }
        (forms, lengths)
    });
    let (forms, lengths) = &*FORMS;
    // Lower-case ASCII, the common case, is looked up as it is; most counted nouns are refused
    // by their first byte and length before that.
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        let &first = w.as_bytes().first()?;
        if lengths[usize::from(first)] & (1 << w.len().min(63)) == 0 || !case_allows_unit(w) {
            return None;
        }
        forms.get(w).copied()
    } else if case_allows_unit(w) {
        forms.get(w.to_lowercase().as_str()).copied()
    } else {
        None
    }
}

/// The canonical name and dimension of a physical unit as written, lower-case ("km/h" →
/// ("kilometre per hour", "speed"), "square meters" → ("square metre", "area"), "metric tons" →
/// ("tonne", "mass")); `None` for anything else (counted nouns, currencies). The name of a
/// unit of one form is borrowed from the table: asking costs no allocation.
pub fn physical_unit(written: &str) -> Option<(Cow<'static, str>, &'static str)> {
    // A lower-case ASCII word, most nouns after a number, is one form or none.
    if written.bytes().all(|b| b.is_ascii_lowercase()) {
        return simple_unit(written).map(|(name, dimension)| (Cow::Borrowed(name), dimension));
    }
    let w = written.trim();
    if let Some((name, dimension)) = simple_unit(w) {
        return Some((Cow::Borrowed(name), dimension));
    }
    // Only a space, "/", "^", a minus or a superscript can make a unit of more than one form;
    // most nouns after a number (counted things) have none and stop here.
    if w.bytes()
        .all(|b| b.is_ascii() && !matches!(b, b' ' | b'/' | b'^' | b'-'))
    {
        return None;
    }
    // "km^2", "km squared", "km^3", "km cubed".
    let power = [
        ("^2", "square"),
        (" squared", "square"),
        ("^3", "cubic"),
        (" cubed", "cubic"),
    ];
    let rate = w.contains(" per ") || w.contains('/');
    if !rate
        && let Some((base, prefix)) = power
            .iter()
            .find_map(|(suffix, prefix)| w.strip_suffix(suffix).map(|b| (b, *prefix)))
    {
        return physical_unit(&format!("{prefix} {base}"));
    }
    // An inverse time: "s-1", "s⁻¹" (per second).
    if let Some(base) = ["-1", "−1", "⁻¹"].iter().find_map(|p| w.strip_suffix(p)) {
        let inverse = format!("inverse {}", time_unit(base.trim())?);
        return Some((Cow::Owned(inverse), "frequency"));
    }
    // A rate: "miles per hour", "km/h", "metres per millisecond", "J/m^2 per year", "km/s2";
    // the last "per" or "/" divides.
    if let Some((num, den)) = w.rsplit_once(" per ").or_else(|| w.rsplit_once('/')) {
        let (name, dimension) = physical_unit(num.trim())?;
        let den = den.trim();
        let per = match time_unit(den) {
            Some(t) => Cow::Borrowed(t),
            None => match den.strip_suffix('2').and_then(time_unit) {
                Some(t) => Cow::Owned(format!("square {t}")),
                None => physical_unit(den)?.0,
            },
        };
        let dimension = if dimension == "length" && time_unit(den).is_some() {
            "speed"
        } else {
            "rate"
        };
        return Some((Cow::Owned(format!("{name} per {per}")), dimension));
    }
    let (prefix, rest) = w.split_once(' ')?;
    let (name, dimension) = simple_unit(rest.trim())?;
    match (prefix, dimension) {
        ("square" | "sq", "length") => Some((Cow::Owned(format!("square {name}")), "area")),
        ("cubic" | "cu", "length") => Some((Cow::Owned(format!("cubic {name}")), "volume")),
        _ => None,
    }
}

/// The counted noun after aliases, or the measure's own unit.
fn canonical_unit(lexicon: &Lexicon, q: &Quantity) -> Option<String> {
    match &q.measure {
        Measure::Percent => Some("percent".to_string()),
        // "$350 per kg" is a price, not a sum: "USD per kilogram".
        Measure::Money(code) => Some(match q.unit_text.as_deref() {
            Some(per) => {
                let per = physical_unit(per)
                    .map(|(name, _)| name)
                    .or_else(|| time_unit(per).map(Cow::Borrowed))
                    .unwrap_or(Cow::Borrowed(per));
                format!("{code} per {per}")
            }
            None => code.clone(),
        }),
        // A share is never compared with a count of the same noun.
        Measure::Fraction => Some(format!(
            "share of {}",
            q.unit_text.as_deref().unwrap_or("a whole")
        )),
        Measure::Physical(_) => q
            .unit_text
            .as_deref()
            .and_then(physical_unit)
            .map(|(name, _)| name.into_owned()),
        Measure::Count => q.unit_text.as_ref().map(|u| {
            lexicon
                .canonical(AliasCategory::Unit, u)
                .map(str::to_string)
                .unwrap_or_else(|| {
                    // The extractor's nouns are mostly lower-case already.
                    if u.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                        u.clone()
                    } else {
                        u.to_lowercase()
                    }
                })
        }),
    }
}

/// The interval a quantity allows, and the rule that set it.
pub fn interval(lexicon: &Lexicon, q: &Quantity) -> (Interval, Option<String>) {
    if let Some(phrase) = &q.vague
        && let Some(v) = lexicon.vague_amount(phrase)
    {
        return (Interval::closed(v.low, v.high), Some(v.rule.clone()));
    }
    if let Some((low, high)) = q.range {
        let (low_open, high_open) = q.range_open;
        return (
            Interval {
                low: Some(low.min(high)),
                high: Some(low.max(high)),
                low_inclusive: !low_open,
                high_inclusive: !high_open,
            },
            None,
        );
    }
    let Some(v) = q.value else {
        return (Interval::default(), None);
    };
    let Some(hedge) = q.hedge.as_deref().and_then(|h| lexicon.hedge(h)) else {
        return (Interval::point(v), None);
    };
    let t = hedge.tolerance;
    let open = |low: Option<f64>, low_inclusive, high: Option<f64>, high_inclusive| Interval {
        low,
        high,
        low_inclusive,
        high_inclusive,
    };
    let interval = match hedge.bound {
        Bound::Approximate => Interval::closed(v * (1.0 - t), v * (1.0 + t)),
        Bound::Below => open(Some(v * (1.0 - t)), true, Some(v), false),
        Bound::Above => open(Some(v), false, Some(v * (1.0 + t)), true),
        Bound::AtLeast => open(Some(v), true, None, false),
        Bound::MoreThan => open(Some(v), false, None, false),
        // Amounts start at 0, unless the bound itself is below it ("at most -30 degrees").
        Bound::AtMost => open((v >= 0.0).then_some(0.0), true, Some(v), true),
        Bound::LessThan => open((v > 0.0).then_some(0.0), true, Some(v), false),
    };
    (interval, Some(hedge.rule.clone()))
}

/// For each before/after pair, the change between them as a derived claim.
fn derive_changes(source: &Source, claims: &[Claim], rule_id: &str) -> Vec<Claim> {
    let mut next_number = claims.iter().filter(|c| c.quantity().is_some()).count();
    let mut derived = Vec::new();
    let afters: std::collections::BTreeMap<usize, &Claim> = claims
        .iter()
        .filter_map(|c| {
            let q = c.quantity()?;
            (q.role == Role::After).then_some((q.change_pair?, c))
        })
        .collect();
    for before in claims {
        let Some(qb) = before.quantity() else {
            continue;
        };
        let (Role::Before, Some(pair)) = (qb.role, qb.change_pair) else {
            continue;
        };
        let Some(&after) = afters.get(&pair) else {
            continue;
        };
        let qa = after.quantity().expect("found as a quantity");
        let (Some(vb), Some(va)) = (qb.value, qa.value) else {
            continue;
        };
        let interval = change_interval(&qb.interval, &qa.interval, vb >= va);
        let span = Span::new(before.span.start, after.span.end);
        let mut q = Quantity::count((vb - va).abs());
        q.measure = qa.measure.clone();
        q.unit_text = qa.unit_text.clone().or_else(|| qb.unit_text.clone());
        q.unit = qa.unit.clone().or_else(|| qb.unit.clone());
        q.role = Role::Change;
        q.interval = interval;
        q.interval_rule = Some(rule_id.to_string());
        next_number += 1;
        let from = vec![before.id.clone(), after.id.clone()];
        derived.push(derived_claim(source, before, span, q, from, next_number));
    }
    derived
}

/// A derived quantity claim over `span`, numbered `number` among the source's quantities, that
/// stands where `anchor` stands (its sentence and context) and was computed from `from`.
fn derived_claim(
    source: &Source,
    anchor: &Claim,
    span: Span,
    q: Quantity,
    from: Vec<String>,
    number: usize,
) -> Claim {
    let mut claim = Claim::new(
        anchor.source,
        source.slice(span),
        span,
        anchor.sentence,
        ClaimDetail::Quantity(q.into()),
    );
    claim.id = format!("{}:q{number}", source.id);
    claim.sentence_span = anchor.sentence_span;
    claim.derived = true;
    claim.derived_from = from;
    claim.context = anchor.context.clone();
    claim
}

/// The interval of `|before − after|` from the intervals of both ends.
fn change_interval(before: &Interval, after: &Interval, decrease: bool) -> Interval {
    let (hi_side, lo_side) = if decrease {
        (before, after)
    } else {
        (after, before)
    };
    let low = match (hi_side.low, lo_side.high) {
        (Some(a), Some(b)) => Some((a - b).max(0.0)),
        _ => Some(0.0),
    };
    let high = match (hi_side.high, lo_side.low) {
        (Some(a), Some(b)) => Some(a - b),
        _ => None,
    };
    Interval {
        low,
        high,
        low_inclusive: true,
        high_inclusive: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Claim;

    fn quantity(value: f64, hedge: Option<&str>) -> Quantity {
        let mut q = Quantity::count(value);
        q.hedge = hedge.map(str::to_string);
        q
    }

    #[test]
    fn cased_symbols_are_short_ascii() {
        // `case_allows_unit` lets longer ASCII words through without comparing.
        for symbol in CASED_SYMBOLS {
            assert!(symbol.is_ascii() && symbol.len() <= 2, "{symbol}");
        }
        assert!(!case_allows_unit("w") && !case_allows_unit("MA") && case_allows_unit("Ma"));
        assert!(case_allows_unit("mph") && case_allows_unit("km"));
    }

    #[test]
    fn cased_symbols_divisors_and_inverse_times() {
        let name = |w: &str| physical_unit(w).map(|(n, _)| n);
        assert_eq!(name("Ma").as_deref(), Some("megayear"));
        assert_eq!(name("ma"), None);
        assert_eq!(name("W/min").as_deref(), Some("watt per minute"));
        assert_eq!(name("w/min"), None);
        assert_eq!(
            name("J/m^2 per year").as_deref(),
            Some("joule per square metre per year")
        );
        assert_eq!(
            name("km/s2").as_deref(),
            Some("kilometre per square second")
        );
        assert_eq!(
            physical_unit("s-1"),
            Some(("inverse second".into(), "frequency"))
        );
        assert_eq!(name("s⁻¹").as_deref(), Some("inverse second"));
        assert_eq!(name("kg/person"), None);
        assert_eq!(name("CDs"), None);
        assert_eq!(name("tpd").as_deref(), Some("ton per day"));
    }

    #[test]
    fn physical_units_have_one_canonical_name() {
        let name = physical_unit;
        assert_eq!(name("km"), Some(("kilometre".into(), "length")));
        assert_eq!(name("kilometers"), Some(("kilometre".into(), "length")));
        assert_eq!(name("metric tons"), Some(("tonne".into(), "mass")));
        assert_eq!(name("square meters"), Some(("square metre".into(), "area")));
        assert_eq!(name("km^2"), Some(("square kilometre".into(), "area")));
        assert_eq!(name("km/h"), Some(("kilometre per hour".into(), "speed")));
        assert_eq!(
            name("miles per hour"),
            Some(("mile per hour".into(), "speed"))
        );
        assert_eq!(name("°c"), Some(("degree celsius".into(), "temperature")));
        assert_eq!(name("soldiers"), None);
        assert_eq!(name("in"), None);
        // Normalize gives the canonical unit, and a price per unit its own.
        let rules = Ruleset::builtin();
        let mut q = Quantity::count(5.0);
        q.measure = Measure::Physical("length".into());
        q.unit_text = Some("kms".into());
        assert_eq!(
            canonical_unit(&rules.lexicon, &q).as_deref(),
            Some("kilometre")
        );
        q.measure = Measure::Money("USD".into());
        q.unit_text = Some("kg".into());
        assert_eq!(
            canonical_unit(&rules.lexicon, &q).as_deref(),
            Some("USD per kilogram")
        );
    }

    #[test]
    fn open_range_ends_are_excluded_from_the_interval() {
        let rules = Ruleset::builtin();
        let mut q = Quantity::count(150.0);
        q.range = Some((120.0, 180.0));
        q.range_open = (true, false);
        let (i, rule) = interval(&rules.lexicon, &q);
        assert_eq!(rule, None);
        assert_eq!((i.low, i.high), (Some(120.0), Some(180.0)));
        assert_eq!((i.low_inclusive, i.high_inclusive), (false, true));
    }

    #[test]
    fn hedges_give_intervals_from_the_rules() {
        let rules = Ruleset::builtin();
        let (i, rule) = interval(&rules.lexicon, &quantity(5200.0, Some("about")));
        assert_eq!(rule.as_deref(), Some("hedge-about"));
        assert!((i.low.unwrap() - 4940.0).abs() < 1e-6 && (i.high.unwrap() - 5460.0).abs() < 1e-6);
        let (i, _) = interval(&rules.lexicon, &quantity(5000.0, Some("fewer than")));
        assert!(i.contains(4999.0) && !i.contains(5000.0));
        let (i, _) = interval(&rules.lexicon, &quantity(6.0, Some("at least")));
        assert!(i.contains(6.0) && i.contains(1e9) && !i.contains(5.0));
        let mut q = Quantity::count(0.0);
        q.value = None;
        q.vague = Some("dozens".into());
        let (i, rule) = interval(&rules.lexicon, &q);
        assert_eq!(
            (i.low, i.high, rule.as_deref()),
            (Some(24.0), Some(99.0), Some("vague-dozens"))
        );
    }

    #[test]
    fn from_to_derives_a_change() {
        let rules = Ruleset::builtin();
        let mut before = quantity(5200.0, Some("about"));
        before.role = Role::Before;
        before.change_pair = Some(1);
        let mut after = quantity(3000.0, None);
        after.role = Role::After;
        after.change_pair = Some(1);
        after.unit_text = Some("soldiers".into());
        let text = "Cut from about 5,200 to 3,000 soldiers.";
        let source = Source::from_text("s", text);
        let mut claims = vec![
            Claim::new(
                0,
                "about 5,200",
                Span::new(9, 20),
                0,
                ClaimDetail::Quantity(before.into()),
            ),
            Claim::new(
                0,
                "3,000",
                Span::new(24, 29),
                0,
                ClaimDetail::Quantity(after.into()),
            ),
        ];
        claims[0].id = "s:q1".into();
        claims[1].id = "s:q2".into();
        normalize(&source, &mut claims, &rules);
        assert_eq!(claims.len(), 3);
        let change = &claims[2];
        let q = change.quantity().unwrap();
        assert!(change.derived);
        assert_eq!(change.derived_from, vec!["s:q1", "s:q2"]);
        assert_eq!(
            (q.value, q.role, q.unit.as_deref()),
            (Some(2200.0), Role::Change, Some("troops"))
        );
        assert!((q.interval.low.unwrap() - 1940.0).abs() < 1e-6);
        assert!((q.interval.high.unwrap() - 2460.0).abs() < 1e-6);
        assert_eq!(change.text, "about 5,200 to 3,000");
    }
}
