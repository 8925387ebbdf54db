//! Property tests: a number reads the same in every surface style, and extraction (and the whole
//! pipeline) never panics on arbitrary input while keeping every claim's text equal to the source
//! text at its span.

mod common;

use corroborate::model::{Claim, Source};
use corroborate::rules::Ruleset;
use proptest::prelude::*;

const ONES: [&str; 20] = [
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

const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// How number words are written: British "and" after hundreds, a hyphen or a space in the tens,
/// and "a hundred"/"a thousand" for a leading one.
#[derive(Debug, Clone, Copy)]
struct WordStyle {
    and: bool,
    hyphen: bool,
    leading_a: bool,
}

/// 1..=99 in words.
fn words_below_hundred(n: u32, style: WordStyle) -> String {
    debug_assert!((1..100).contains(&n));
    if n < 20 {
        return ONES[n as usize].to_string();
    }
    let tens = TENS[(n / 10) as usize];
    match n % 10 {
        0 => tens.to_string(),
        ones => {
            let joiner = if style.hyphen { "-" } else { " " };
            format!("{tens}{joiner}{}", ONES[ones as usize])
        }
    }
}

/// 1..=999 in words; `leading` says whether this group starts the whole number.
fn words_below_thousand(n: u32, style: WordStyle, leading: bool) -> String {
    debug_assert!((1..1000).contains(&n));
    let hundreds = n / 100;
    let rest = n % 100;
    let mut out = String::new();
    if hundreds > 0 {
        if hundreds == 1 && leading && style.leading_a {
            out.push_str("a hundred");
        } else {
            out.push_str(ONES[hundreds as usize]);
            out.push_str(" hundred");
        }
    }
    if rest > 0 {
        if hundreds > 0 {
            out.push_str(if style.and { " and " } else { " " });
        }
        out.push_str(&words_below_hundred(rest, style));
    }
    out
}

/// 1..=999,999 in words ("five thousand two hundred").
fn words(n: u32, style: WordStyle) -> String {
    assert!((1..1_000_000).contains(&n));
    let thousands = n / 1000;
    let rest = n % 1000;
    let mut out = String::new();
    if thousands > 0 {
        if thousands == 1 && style.leading_a {
            out.push_str("a thousand");
        } else {
            out.push_str(&words_below_thousand(thousands, style, true));
            out.push_str(" thousand");
        }
    }
    if rest > 0 {
        if thousands > 0 {
            // "five thousand and six", else "five thousand two hundred".
            if rest < 100 && style.and {
                out.push_str(" and ");
            } else {
                out.push(' ');
            }
        }
        out.push_str(&words_below_thousand(rest, style, thousands == 0));
    }
    out
}

/// Digits with thousands separators ("5,200").
fn with_separators(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n / 10^scale` as a short decimal ("5.2" for 5200 with scale 3), trailing zeros dropped.
fn scaled(n: u64, scale: u32) -> String {
    let unit = 10u64.pow(scale);
    let whole = n / unit;
    let frac = n % unit;
    if frac == 0 {
        return whole.to_string();
    }
    let frac = format!("{frac:0width$}", width = scale as usize);
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// A value and one way to write it.
fn surface() -> impl Strategy<Value = (u64, String)> {
    let style =
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(and, hyphen, leading_a)| {
            WordStyle {
                and,
                hyphen,
                leading_a,
            }
        });
    prop_oneof![
        // Plain digits: "5200".
        (1u64..=999_999).prop_map(|n| (n, n.to_string())),
        // Digits with separators: "5,200".
        (1u64..=999_999).prop_map(|n| (n, with_separators(n))),
        // "5.2 thousand", "17 thousand".
        (1000u64..=999_999).prop_map(|n| (n, format!("{} thousand", scaled(n, 3)))),
        // "1.5 million", "0.5 million", "12.3 million": tenths of a million.
        (1u64..=9_999)
            .prop_map(|tenths| tenths * 100_000)
            .prop_map(|n| (n, format!("{} million", scaled(n, 6)))),
        // Words: "five thousand two hundred".
        ((1u32..=999_999), style).prop_map(|(n, style)| (u64::from(n), words(n, style))),
    ]
}

fn quantity_claims(text: &str, rules: &Ruleset) -> Vec<Claim> {
    let sources = [Source::from_text("s", text)];
    corroborate::read_claims(&sources, rules)
        .into_iter()
        .filter(|c| c.quantity().is_some())
        .collect()
}

#[test]
fn renderers_write_what_they_should() {
    let plain = WordStyle {
        and: false,
        hyphen: true,
        leading_a: false,
    };
    assert_eq!(words(5200, plain), "five thousand two hundred");
    assert_eq!(
        words(999_999, plain),
        "nine hundred ninety-nine thousand nine hundred ninety-nine"
    );
    let british = WordStyle {
        and: true,
        hyphen: false,
        leading_a: true,
    };
    assert_eq!(words(1006, british), "a thousand and six");
    assert_eq!(words(101, british), "a hundred and one");
    assert_eq!(
        words(120_021, british),
        "a hundred and twenty thousand and twenty one"
    );
    assert_eq!(with_separators(5200), "5,200");
    assert_eq!(with_separators(999_999), "999,999");
    assert_eq!(with_separators(999), "999");
    assert_eq!(scaled(5200, 3), "5.2");
    assert_eq!(scaled(5000, 3), "5");
    assert_eq!(scaled(1001, 3), "1.001");
    assert_eq!(scaled(500_000, 6), "0.5");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// "Officials said {surface} troops were deployed in Mali." holds exactly one quantity claim,
    /// whose text is the surface and whose value is the generated number.
    #[test]
    fn every_surface_style_reads_as_its_value((value, surface) in surface()) {
        let rules = Ruleset::builtin();
        let text = format!("Officials said {surface} troops were deployed in Mali.");
        let claims = quantity_claims(&text, &rules);
        prop_assert_eq!(claims.len(), 1, "claims of {:?}: {:?}", text, claims);
        let claim = &claims[0];
        prop_assert_eq!(&claim.text, &surface);
        let q = claim.quantity().expect("a quantity");
        prop_assert_eq!(q.value, Some(value as f64), "value of {:?}", text);
        prop_assert_eq!(q.unit.as_deref(), Some("troops"));
    }
}

/// Text made of the shared tricky fragments, with or without spaces between them.
fn fragment_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(common::TRICKY_FRAGMENTS),
            any::<bool>(),
        ),
        0..60,
    )
    .prop_map(|parts| {
        let mut text = String::new();
        for (fragment, space) in parts {
            text.push_str(fragment);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "\\PC{0,200}", fragment_text()]
}

/// Every claim's text is exactly the text of its source at its span.
fn spans_hold(sources: &[Source], claims: &[Claim]) -> Result<(), TestCaseError> {
    for claim in claims {
        let source = &sources[claim.source];
        let at_span = source.text.get(claim.span.start..claim.span.end);
        prop_assert_eq!(
            at_span,
            Some(claim.text.as_str()),
            "claim {} ({:?}) at {:?} in {:?}",
            claim.id,
            claim.text,
            claim.span,
            source.text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Extraction never panics, and spans hold.
    #[test]
    fn extraction_never_panics_and_spans_hold(text in any_text()) {
        let rules = Ruleset::builtin();
        let sources = [Source::from_text("s", &text)];
        let claims = corroborate::read_claims(&sources, &rules);
        spans_hold(&sources, &claims)?;
    }

    /// The whole pipeline never panics over several sources, and the report's claims keep their
    /// spans.
    #[test]
    fn check_never_panics_and_spans_hold(texts in prop::collection::vec(any_text(), 1..4)) {
        let rules = Ruleset::builtin();
        let sources: Vec<Source> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let mut source = Source::from_text(&format!("s{i}"), text);
                source.published = chrono::NaiveDate::from_ymd_opt(2020, 9, 9);
                source
            })
            .collect();
        spans_hold(&sources, &corroborate::read_claims(&sources, &rules))?;
        let report = corroborate::check(&sources, &rules);
        for claim in &report.claims {
            let source = sources.iter().find(|s| s.id == claim.source).expect("a source");
            prop_assert_eq!(
                source.text.get(claim.span.start..claim.span.end),
                Some(claim.text.as_str()),
                "report claim {} at {:?} in {:?}",
                claim.id,
                claim.span,
                source.text
            );
        }
    }
}
