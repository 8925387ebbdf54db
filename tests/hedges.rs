//! One test per hedge, bound and vague phrase of the built-in rules (rules/hedges.yaml): the claim
//! text, its value, and the interval the rule gives, with open and closed ends.

use corroborate::model::{Claim, Interval, Measure, Source};
use corroborate::rules::Ruleset;

/// The only quantity claim of `text`.
fn quantity(text: &str) -> Claim {
    let sources = [Source::from_text("s", text)];
    let claims: Vec<Claim> = corroborate::read_claims(&sources, &Ruleset::builtin())
        .into_iter()
        .filter(|c| c.quantity().is_some())
        .collect();
    assert_eq!(claims.len(), 1, "quantity claims of {text:?}: {claims:#?}");
    claims.into_iter().next().expect("one claim")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn assert_end(which: &str, got: Option<f64>, want: Option<f64>) {
    match (got, want) {
        (Some(g), Some(w)) => assert!(close(g, w), "{which}: got {g}, want {w}"),
        (None, None) => {}
        _ => panic!("{which}: got {got:?}, want {want:?}"),
    }
}

/// Checks the claim of `sentence`: its text, value, interval and the rule that set it.
#[track_caller]
fn check(sentence: &str, text: &str, value: Option<f64>, want: Interval, rule: Option<&str>) {
    let claim = quantity(sentence);
    assert_eq!(claim.text, text, "claim text of {sentence:?}");
    let q = claim.quantity().expect("a quantity");
    assert_end("value", q.value, value);
    let got = q.interval;
    assert_end("low", got.low, want.low);
    assert_end("high", got.high, want.high);
    if want.low.is_some() {
        assert_eq!(got.low_inclusive, want.low_inclusive, "low end of {got:?}");
    }
    if want.high.is_some() {
        assert_eq!(
            got.high_inclusive, want.high_inclusive,
            "high end of {got:?}"
        );
    }
    assert_eq!(q.interval_rule.as_deref(), rule, "rule of {sentence:?}");
}

/// An interval from its ends; `None` is unbounded.
fn iv(low: Option<f64>, low_inclusive: bool, high: Option<f64>, high_inclusive: bool) -> Interval {
    Interval {
        low,
        high,
        low_inclusive,
        high_inclusive,
    }
}

// Approximate hedges: value ± tolerance, both ends closed.

#[test]
fn about_is_five_percent_either_way() {
    check(
        "Officials said about 5,200 troops were deployed in Mali.",
        "about 5,200",
        Some(5200.0),
        iv(Some(4940.0), true, Some(5460.0), true),
        Some("hedge-about"),
    );
}

#[test]
fn roughly_is_ten_percent_either_way() {
    check(
        "The ministry said roughly 5,000 soldiers were sent to the border.",
        "roughly 5,000",
        Some(5000.0),
        iv(Some(4500.0), true, Some(5500.0), true),
        Some("hedge-roughly"),
    );
}

#[test]
fn some_is_ten_percent_either_way() {
    check(
        "The army will call back some 2,200 troops from Iraq.",
        "some 2,200",
        Some(2200.0),
        iv(Some(1980.0), true, Some(2420.0), true),
        Some("hedge-roughly"),
    );
}

// Below: up to 10% under the value, not reaching it.

#[test]
fn nearly_is_up_to_ten_percent_below_excluding_the_value() {
    check(
        "Nearly 400 people were killed in the fighting.",
        "Nearly 400",
        Some(400.0),
        iv(Some(360.0), true, Some(400.0), false),
        Some("hedge-nearly"),
    );
}

#[test]
fn almost_is_up_to_ten_percent_below_excluding_the_value() {
    check(
        "Rescuers said almost 300 families had lost their homes.",
        "almost 300",
        Some(300.0),
        iv(Some(270.0), true, Some(300.0), false),
        Some("hedge-nearly"),
    );
}

// Lower bounds.

#[test]
fn at_least_is_the_value_or_more() {
    check(
        "At least 12 people were killed in the attack.",
        "At least 12",
        Some(12.0),
        iv(Some(12.0), true, None, false),
        Some("hedge-at-least"),
    );
}

#[test]
fn more_than_is_strictly_above() {
    check(
        "Police said more than 40 people were injured in the blast.",
        "more than 40",
        Some(40.0),
        iv(Some(40.0), false, None, false),
        Some("hedge-more-than"),
    );
}

#[test]
fn over_is_strictly_above() {
    check(
        "Over 600 soldiers were deployed in Mali last year.",
        "Over 600",
        Some(600.0),
        iv(Some(600.0), false, None, false),
        Some("hedge-more-than"),
    );
}

// Upper bounds: amounts start at 0.

#[test]
fn under_is_strictly_below() {
    check(
        "Under 50 people were injured in the blast.",
        "Under 50",
        Some(50.0),
        iv(Some(0.0), true, Some(50.0), false),
        Some("hedge-fewer-than"),
    );
}

#[test]
fn fewer_than_is_strictly_below() {
    check(
        "The general said fewer than 30 troops remained at the base.",
        "fewer than 30",
        Some(30.0),
        iv(Some(0.0), true, Some(30.0), false),
        Some("hedge-fewer-than"),
    );
}

#[test]
fn up_to_is_the_value_or_less() {
    check(
        "Up to 800 troops will be deployed in Mali.",
        "Up to 800",
        Some(800.0),
        iv(Some(0.0), true, Some(800.0), true),
        Some("hedge-up-to"),
    );
}

#[test]
fn as_many_as_is_the_value_or_less() {
    check(
        "Witnesses said as many as 150 people were killed in the attack.",
        "as many as 150",
        Some(150.0),
        iv(Some(0.0), true, Some(150.0), true),
        Some("hedge-up-to"),
    );
}

#[test]
fn no_more_than_is_the_value_or_less() {
    check(
        "No more than 70 troops remain in Mali.",
        "No more than 70",
        Some(70.0),
        iv(Some(0.0), true, Some(70.0), true),
        Some("hedge-up-to"),
    );
}

// Ranges: both stated ends, closed; the value is the midpoint. No rule sets a range's interval.

#[test]
fn between_and_is_a_closed_range() {
    // The claim's text is the range itself; "between" is not part of it.
    check(
        "Between 200 and 300 people were killed in the attack.",
        "200 and 300",
        Some(250.0),
        iv(Some(200.0), true, Some(300.0), true),
        None,
    );
}

#[test]
fn x_to_y_is_a_closed_range() {
    check(
        "Officials said 4,000 to 5,000 troops were deployed in Mali.",
        "4,000 to 5,000",
        Some(4500.0),
        iv(Some(4000.0), true, Some(5000.0), true),
        None,
    );
}

#[test]
fn x_hyphen_y_is_a_closed_range() {
    check(
        "Officials said 40-50 people were killed in the attack.",
        "40-50",
        Some(45.0),
        iv(Some(40.0), true, Some(50.0), true),
        None,
    );
}

// Hedged fractions.

#[test]
fn more_than_a_third_is_strictly_above_a_third() {
    let sentence = "More than a third of the troops were withdrawn from Mali.";
    check(
        sentence,
        "More than a third",
        Some(1.0 / 3.0),
        iv(Some(1.0 / 3.0), false, None, false),
        Some("hedge-more-than"),
    );
    assert_eq!(
        quantity(sentence).quantity().map(|q| q.measure.clone()),
        Some(Measure::Fraction)
    );
}

#[test]
fn nearly_half_is_up_to_ten_percent_below_a_half() {
    let sentence = "Nearly half of the troops were withdrawn from Mali.";
    check(
        sentence,
        "Nearly half",
        Some(0.5),
        iv(Some(0.45), true, Some(0.5), false),
        Some("hedge-nearly"),
    );
    assert_eq!(
        quantity(sentence).quantity().map(|q| q.measure.clone()),
        Some(Measure::Fraction)
    );
}

// Vague amounts: no value, the rule's closed interval.

#[test]
fn dozens_is_24_to_99() {
    check(
        "Dozens of people were killed in the attack.",
        "Dozens",
        None,
        iv(Some(24.0), true, Some(99.0), true),
        Some("vague-dozens"),
    );
}

#[test]
fn hundreds_of_is_200_to_999() {
    check(
        "Witnesses said hundreds of people were injured in the blast.",
        "hundreds",
        None,
        iv(Some(200.0), true, Some(999.0), true),
        Some("vague-hundreds"),
    );
}

#[test]
fn a_handful_is_3_to_6() {
    check(
        "A handful of soldiers remain in Mali.",
        "A handful",
        None,
        iv(Some(3.0), true, Some(6.0), true),
        Some("vague-handful"),
    );
}
