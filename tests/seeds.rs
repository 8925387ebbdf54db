//! The two real seed articles, read in place from `../shared/seeds` (they are the outlets' text and
//! are not copied into the project). Skips with a message when the folder is absent.

mod common;

use corroborate::rules::Ruleset;

const SEEDS: [(&str, &str); 2] = [
    ("000_8e67f5e43fe64666.txt", "FRANCE 24"),
    ("001_2d734b7911602a14.txt", "TRT World"),
];

#[test]
fn seeds_report_the_expected_findings() {
    let Some(dir) = common::shared_dir("seeds") else {
        eprintln!("skipped: ../shared/seeds is absent, so the real seed articles cannot be read");
        return;
    };
    // The seeds as they are, with front matter giving outlet and publication date (written to a
    // temporary folder, never into the project).
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let mut paths = Vec::new();
    for (file, outlet) in SEEDS {
        let text = std::fs::read_to_string(dir.join(file)).expect("seed readable");
        let path = tmp.path().join(file);
        std::fs::write(
            &path,
            format!("---\noutlet: {outlet}\npublished: 2020-09-09\n---\n{text}"),
        )
        .expect("write");
        paths.push(path.to_string_lossy().into_owned());
    }
    let loaded = corroborate::load::load_paths(&paths, None);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
    common::assert_drawdown_story(&report, "france-24", "trt-world");
}

#[test]
fn seeds_as_they_are_read_with_a_fallback_date() {
    let Some(dir) = common::shared_dir("seeds") else {
        eprintln!("skipped: ../shared/seeds is absent");
        return;
    };
    let paths: Vec<String> = SEEDS
        .iter()
        .map(|(f, _)| dir.join(f).to_string_lossy().into_owned())
        .collect();
    let loaded = corroborate::load::load_paths(&paths, chrono::NaiveDate::from_ymd_opt(2020, 9, 9));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    // The FRANCE 24 seed's scraped `date` line gives its own date; TRT World takes the fallback.
    assert!(
        loaded
            .sources
            .iter()
            .all(|s| s.published == chrono::NaiveDate::from_ymd_opt(2020, 9, 9))
    );
    let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
    assert!(!report.findings.is_empty());
}
