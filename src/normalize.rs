//! Normalize: values to intervals, counted nouns to canonical units, and derived claims.
//!
//! Takes one source's claims (with context attached) and the rules; gives the same claims with
//! each quantity's canonical `unit` (after unit aliases; "percent" for percentages, the currency
//! code for money) and its `interval` (from its hedge rule, its range, or its vague-amount rule),
//! plus the claims the derivation rules compute: for every before/after pair of one change
//! ("from about 5,200 to 3,000"), a `derived` change claim whose interval follows from both ends.

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
    let window = &after[..after.len().min(40)];
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

/// The counted noun after aliases, or the measure's own unit.
fn canonical_unit(lexicon: &Lexicon, q: &Quantity) -> Option<String> {
    match &q.measure {
        Measure::Percent => Some("percent".to_string()),
        Measure::Money(code) => Some(code.clone()),
        // A share is never compared with a count of the same noun.
        Measure::Fraction => Some(format!(
            "share of {}",
            q.unit_text.as_deref().unwrap_or("a whole")
        )),
        Measure::Count => q.unit_text.as_ref().map(|u| {
            lexicon
                .canonical(AliasCategory::Unit, u)
                .map(str::to_string)
                .unwrap_or_else(|| u.to_lowercase())
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
        ClaimDetail::Quantity(q),
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
                ClaimDetail::Quantity(before),
            ),
            Claim::new(
                0,
                "3,000",
                Span::new(24, 29),
                0,
                ClaimDetail::Quantity(after),
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
