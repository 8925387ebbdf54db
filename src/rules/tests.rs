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
