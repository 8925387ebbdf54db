use super::*;

#[test]
fn builtin_pack_loads() {
    let rules = Ruleset::builtin();
    assert!(rules.get("hedge-about").is_some());
    assert_eq!(
        rules.lexicon.canonical(AliasCategory::Unit, "Soldiers"),
        Some("troops")
    );
    assert_eq!(
        rules
            .lexicon
            .canonical(AliasCategory::Organisation, "Daesh"),
        Some("Islamic State")
    );
    assert_eq!(
        rules.lexicon.canonical(AliasCategory::Place, "Iraqi"),
        Some("Iraq")
    );
    assert_eq!(rules.lexicon.canonical(AliasCategory::Place, "us"), None);
    assert_eq!(rules.lexicon.hedge("roughly").unwrap().tolerance, 0.10);
}

#[test]
fn context_names_agree_with_the_alias_tables() {
    let lexicon = Ruleset::builtin().lexicon;
    let categories = [
        AliasCategory::Unit,
        AliasCategory::Organisation,
        AliasCategory::Place,
    ];
    for category in categories {
        for (key, _) in lexicon.variants(category) {
            let names = lexicon
                .context_names(key)
                .expect("every key has context names");
            let named = lexicon
                .canonical(AliasCategory::Place, key)
                .or_else(|| lexicon.canonical(AliasCategory::Organisation, key))
                .map(str::to_lowercase);
            assert_eq!(names.named.as_deref(), named.as_deref(), "{key}");
            let unit = (key == key.to_lowercase())
                .then(|| lexicon.canonical(AliasCategory::Unit, key))
                .flatten();
            assert_eq!(names.unit.as_deref(), unit, "{key}");
        }
    }
    let names = lexicon.context_names("Daesh").unwrap();
    assert_eq!(names.named.as_deref(), Some("islamic state"));
    assert!(lexicon.context_names("Soldiers").is_none());
    assert_eq!(
        lexicon.context_names("soldiers").unwrap().unit.as_deref(),
        Some("troops")
    );
    assert!(lexicon.context_names("thereby").is_none());
}

#[test]
fn event_words_agree_with_the_event_aliases() {
    let lexicon = Ruleset::builtin().lexicon;
    for (key, _) in lexicon.variants(AliasCategory::Event) {
        let first = key.split(' ').next().unwrap_or(key);
        let word = lexicon
            .event_word(first)
            .expect("every first word is an event word");
        assert_eq!(
            word.starts_phrase,
            lexicon.starts_phrase(AliasCategory::Event, first),
            "{key}"
        );
        assert_eq!(
            word.class.as_deref(),
            lexicon.canonical(AliasCategory::Event, first),
            "{key}"
        );
    }
    let killing = lexicon
        .event_word("Killing")
        .expect("an event word in any case");
    assert_eq!(killing.class.as_deref(), Some("killed"));
    assert!(lexicon.event_word("embassy").is_none());
}

fn load_user(text: &str) -> Result<Ruleset, Vec<RuleError>> {
    Ruleset::load(&[("user.yaml".to_string(), text.to_string())])
}

fn first_error(text: &str) -> String {
    load_user(text).expect_err("the rule file is invalid")[0].to_string()
}

#[test]
fn a_user_rule_with_an_existing_id_overrides_it() {
    let rules = load_user(
        "rules:\n  - id: hedge-roughly\n    kind: hedge\n    description: strict\n    phrases: [roughly]\n    bound: approximate\n    tolerance: 0.02\n",
    )
    .unwrap();
    assert_eq!(rules.lexicon.hedge("roughly").unwrap().tolerance, 0.02);
    assert_eq!(
        rules
            .rules
            .iter()
            .filter(|r| r.id() == "hedge-roughly")
            .count(),
        1
    );
    // The override replaces the whole rule: "some", listed only in the built-in version, is gone.
    assert!(rules.lexicon.hedge("some").is_none());
}

#[test]
fn unknown_keys_are_located_errors() {
    let e = first_error(
        "rules:\n  - id: x\n    kind: vague\n    description: d\n    phrases: [loads]\n    low: 1\n    high: 2\n    colour: red\n",
    );
    assert!(e.starts_with("user.yaml:8:5: "), "{e}");
    assert!(
        e.contains("|     colour: red"),
        "the offending line is shown: {e}"
    );
    assert!(e.contains("unknown field `colour`"), "{e}");
}

#[test]
fn unknown_kinds_and_wrong_types_are_errors() {
    assert!(
        first_error("rules:\n  - id: x\n    kind: teleport\n    description: d\n")
            .starts_with("user.yaml:3:5: unknown rule kind `teleport`")
    );
    let e = first_error(
        "rules:\n  - id: x\n    kind: vague\n    description: d\n    phrases: [loads]\n    low: many\n    high: 2\n",
    );
    assert!(
        e.starts_with("user.yaml:6:10: low: invalid type: string \"many\""),
        "{e}"
    );
}

#[test]
fn values_out_of_range_are_errors() {
    let e = first_error(
        "rules:\n  - id: x\n    kind: link\n    description: d\n    claim: time\n    similarity: {metric: jaro-winkler, threshold: 1.7}\n",
    );
    assert!(e.contains("threshold 1.7 is out of range"), "{e}");
    let e = first_error(
        "rules:\n  - id: x\n    kind: hedge\n    description: d\n    phrases: [about]\n    bound: approximate\n",
    );
    assert!(e.contains("needs `tolerance`"), "{e}");
    assert!(first_error("rules:\n  - id: x\n    kind: link\n    description: d\n    claim: time\n    similarity: {metric: cosine, threshold: 0.5}\n").contains("unknown variant `cosine`"));
}

#[test]
fn empty_huge_and_broken_files_are_errors() {
    assert!(first_error("").contains("empty"));
    let huge = format!("rules: []\n#{}\n", "x".repeat(yaml::MAX_RULE_FILE_BYTES));
    assert!(first_error(&huge).contains("limit"));
    let e = first_error("rules:\n  - id: [unclosed\n");
    assert!(e.starts_with("user.yaml:3:"), "{e}");
}

#[test]
fn every_error_of_several_files_is_reported() {
    let errors = Ruleset::load(&[
        ("a.yaml".to_string(), String::new()),
        (
            "b.yaml".to_string(),
            "rules:\n  - id: y\n    kind: nope\n".to_string(),
        ),
    ])
    .expect_err("both files are invalid");
    assert_eq!(errors.len(), 2);
    assert!(errors[0].path == "a.yaml" && errors[1].path == "b.yaml");
}

#[test]
fn syndication_rules_are_validated() {
    let rule = |fields: &str| {
        format!("rules:\n  - id: wire-copies\n    kind: syndication\n    description: d\n{fields}")
    };
    let e = first_error(&rule("    threshold: 1.5\n"));
    assert!(
        e.starts_with("user.yaml:5:5: rule wire-copies: threshold 1.5 is out of range 0..=1"),
        "{e}"
    );
    assert!(first_error(&rule("    threshold: 0\n")).contains("every pair"));
    let e = first_error(&rule("    shingle-size: 0\n"));
    assert!(
        e.starts_with("user.yaml:5:5: ") && e.contains("out of range 1..=25"),
        "{e}"
    );
    let e = first_error(&rule("    shingle-size: 8\n    min-words: 5\n"));
    assert!(
        e.starts_with("user.yaml:6:5: ") && e.contains("less than shingle-size 8"),
        "{e}"
    );
    let e = first_error(&rule("    shingles: 5\n"));
    assert!(
        e.starts_with("user.yaml:5:5: unknown field `shingles`"),
        "{e}"
    );
    let e = first_error(&rule("    min-words: many\n"));
    assert!(e.contains("min-words: invalid type"), "{e}");
}

#[test]
fn a_syndication_rule_replaces_by_id_and_a_second_one_is_an_error() {
    let rules = load_user(
        "rules:\n  - id: wire-copies\n    kind: syndication\n    description: looser\n    threshold: 0.5\n",
    )
    .unwrap();
    let s = rules.syndication().expect("the replacing rule");
    assert_eq!((s.threshold, s.shingle_size, s.min_words), (0.5, 5, 40));
    let e = first_error(
        "rules:\n  - id: desk-copies\n    kind: syndication\n    description: another\n",
    );
    assert!(
        e.starts_with(
            "user.yaml:2: rule desk-copies: a second syndication rule (`wire-copies` is one)"
        ),
        "{e}"
    );
}
