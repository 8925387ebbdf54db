use super::*;

const WIRE: &str = "The United States will cut its force in Iraq from about 5,200 to 3,000 troops \
this month, the top American commander for the Middle East said on Wednesday. General Kenneth \
McKenzie, who heads US Central Command, announced the reduction during a visit to Baghdad. He said \
the decision followed talks with the Iraqi government and with the partners of the coalition.\n\n\
McKenzie said the smaller force would go on advising and assisting Iraqi troops, who now lead the \
fight against the remnants of the militants. The coalition has returned eight bases to Iraqi \
control this year, and more handovers are planned as the mission shrinks.\n\n\
President Donald Trump has long promised to bring American soldiers home from what he calls \
endless wars. American troops returned to Iraq in 2014 to help fight the Islamic State group, \
which had seized large parts of the north and west of the country.";

const OTHER: &str = "Flood waters rose across the river valley overnight, forcing hundreds of \
families from their homes as emergency crews worked through heavy rain. The regional council \
opened three shelters in school gymnasiums and asked residents on the lower streets to leave \
before dawn. Forecasters expect the river to crest on Friday afternoon, a day later than first \
thought, and warned that roads to the northern villages could stay closed into next week. \
Volunteers filled sandbags at the fire station while farmers moved cattle to higher pastures, \
and the power company said about four thousand customers were without electricity.";

fn rule() -> SyndicationRule {
    SyndicationRule {
        id: "wire-copies".into(),
        description: String::new(),
        shingle_size: 5,
        threshold: 0.7,
        min_words: 40,
    }
}

fn dated(id: &str, text: &str, published: Option<&str>) -> Source {
    let mut s = Source::from_text(id, text);
    s.published = published.map(|d| d.parse().unwrap());
    s
}

fn detect_texts(texts: &[&str]) -> Syndication {
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Source::from_text(&format!("s{i}"), t))
        .collect();
    detect(&sources, &rule())
}

fn groups(s: &Syndication) -> Vec<(usize, Vec<usize>)> {
    s.groups
        .iter()
        .map(|g| (g.origin, g.copies.iter().map(|c| c.source).collect()))
        .collect()
}

#[test]
fn words_are_lower_case_without_punctuation() {
    assert_eq!(
        words("Iraq's troops: from about 5,200 to 3,000 (U.S.-led) — “said”"),
        [
            "iraqs", "troops", "from", "about", "5200", "to", "3000", "u", "s", "led", "said"
        ]
    );
    assert!(words("  — ... !! ").is_empty());
}

#[test]
fn identical_texts_are_copies_with_similarity_one() {
    let s = detect_texts(&[WIRE, WIRE]);
    assert_eq!(groups(&s), [(0, vec![1])]);
    let copy = &s.groups[0].copies[0];
    assert_eq!(
        (copy.similarity, copy.resemblance, copy.containment),
        (1.0, 1.0, 1.0)
    );
    assert_eq!(s.origin_of(1), 0);
    assert_eq!(s.independent([0, 1]), 1);
}

#[test]
fn a_trimmed_copy_matches_by_containment() {
    // The last paragraph cut: resemblance falls, containment stays whole.
    let trimmed = WIRE.rsplit_once("\n\n").unwrap().0;
    let s = detect_texts(&[WIRE, trimmed]);
    assert_eq!(groups(&s), [(0, vec![1])]);
    let copy = &s.groups[0].copies[0];
    assert_eq!(copy.containment, 1.0);
    assert!(copy.resemblance < 0.8, "{copy:?}");
}

#[test]
fn a_re_headlined_edited_copy_with_boilerplate_matches() {
    let edited = format!(
        "Pentagon shrinks its Iraq presence\n\n{}\n\nThis story was provided by a wire service. \
         Copyright Harbour Post, all rights reserved.",
        WIRE.replace("US Central", "U.S. Central")
            .replace("handovers", "hand-overs")
    );
    let s = detect_texts(&[&edited, WIRE]);
    assert_eq!(groups(&s), [(0, vec![1])]);
    assert!(s.groups[0].copies[0].similarity >= 0.7);
}

#[test]
fn unrelated_texts_are_not_grouped() {
    let s = detect_texts(&[WIRE, OTHER]);
    assert!(s.groups.is_empty());
    assert_eq!(s.group_of(0), None);
    assert_eq!(s.independent([0, 1]), 2);
}

#[test]
fn empty_and_tiny_texts_are_never_grouped() {
    let tiny = "US troops in Iraq cut to 3,000.";
    let s = detect_texts(&["", "", tiny, tiny, "   \n  "]);
    assert!(s.groups.is_empty(), "{s:?}");
    assert_eq!(s.compared_pairs, 0);
    assert_eq!(shingle_set("", 5, 0), None);
    // Fewer words than a shingle, with no minimum: one shingle of all the words.
    assert_eq!(
        shingle_set("three words only", 5, 0).map(|s| s.len()),
        Some(1)
    );
}

#[test]
fn the_origin_is_the_earliest_published_then_the_first() {
    let sources = [
        dated("late", WIRE, Some("2020-09-10")),
        dated("undated", WIRE, None),
        dated("first", WIRE, Some("2020-09-09")),
        dated("tie", WIRE, Some("2020-09-09")),
        dated("news", OTHER, Some("2020-09-01")),
    ];
    let s = detect(&sources, &rule());
    assert_eq!(groups(&s), [(2, vec![0, 1, 3])]);
    assert_eq!(s.copy_of(3).map(|(o, _)| o), Some(2));
    assert_eq!(s.copy_of(2), None);
    assert_eq!(s.group_of(4), None);
}

#[test]
fn detection_is_deterministic() {
    let texts = [WIRE, OTHER, WIRE, OTHER, WIRE];
    let first = detect_texts(&texts);
    for _ in 0..3 {
        assert_eq!(detect_texts(&texts), first);
    }
    assert_eq!(groups(&first), [(0, vec![2, 4]), (1, vec![3])]);
}

#[test]
fn a_stricter_threshold_separates_a_heavily_edited_copy() {
    let half = &WIRE[..WIRE.len() / 2];
    let rewritten = format!("{half} {OTHER}");
    let mut strict = rule();
    strict.threshold = 0.95;
    let sources = [
        Source::from_text("a", WIRE),
        Source::from_text("b", &rewritten),
    ];
    assert!(detect(&sources, &strict).groups.is_empty());
}

#[test]
fn the_dispatched_signature_equals_the_plain_one() {
    // On a processor with AVX-512 `signature` runs the separately compiled copy; its values must
    // be those of the plain loop, or wire copies found on one machine would be missed on another.
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for len in [0usize, 1, 7, 64, 500] {
        let set: Vec<u64> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            })
            .collect();
        assert_eq!(signature(&set), least_hashes(&set), "set of {len}");
    }
}
