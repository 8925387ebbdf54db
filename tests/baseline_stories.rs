//! Baselines in runs of many stories: an accepted finding is accepted in its own story only, and
//! baselines without stories (older files, ungrouped runs) keep accepting a finding anywhere.
//! Fixtures: copies of `tests/fixtures/feeds/stories/` (the harbour strike has a discrepancy, the
//! Mali drawdown none) in story folders under a temporary folder.

mod common;

use common::{run, temp, write};
use serde_json::Value;

const STORIES: &str = "tests/fixtures/feeds/stories";

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// The path of `name` under `dir`.
fn in_temp(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).to_string_lossy().into_owned()
}

/// Copies the fixture story `from` into the story folder `to` under `dir`.
fn copy_story(dir: &tempfile::TempDir, from: &str, to: &str) {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(STORIES)
        .join(from);
    let mut names: Vec<_> = std::fs::read_dir(&source)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for name in names {
        let text = std::fs::read_to_string(source.join(&name)).unwrap();
        write(dir, &format!("desk/{to}/{}", name.to_string_lossy()), &text);
    }
}

/// Runs `check` on `desk` failing on any discrepancy, with more arguments; gives (code, stderr).
fn gate(desk: &str, more: &[&str]) -> (i32, String) {
    let mut args = vec!["check", desk, "--no-config", "--fail-on", "discrepancy"];
    args.extend_from_slice(more);
    let (code, _, err) = run(&args, None);
    (code, err)
}

fn discrepancies(baseline: &Value) -> Vec<&Value> {
    baseline["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "discrepancy")
        .collect()
}

#[test]
fn a_finding_accepted_in_one_story_is_new_in_another() {
    let dir = temp();
    let desk = in_temp(&dir, "desk");
    let baseline = in_temp(&dir, "baseline.json");
    // Story a has the strike discrepancy, story b none: the team accepts a's.
    copy_story(&dir, "harbour-strike", "a");
    copy_story(&dir, "mali-drawdown", "b");
    let (code, err) = gate(&desk, &[]);
    assert_eq!(code, 1, "{err}");
    let (code, err) = gate(&desk, &["--write-baseline", &baseline]);
    assert_eq!(code, 1, "{err}");
    let written = json(&std::fs::read_to_string(&baseline).unwrap());
    let accepted = discrepancies(&written);
    assert!(!accepted.is_empty(), "{written}");
    for entry in &accepted {
        assert_eq!(entry["story"], "a", "{entry}");
    }
    let (code, err) = gate(&desk, &["--baseline", &baseline]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 finding(s) not in the baseline"), "{err}");

    // Source ids are unique in a run and given in input order, and finding ids are made of
    // them: with story a gone and the strike filed under story b, b's findings get a's ids.
    // Nobody accepted them in b, so they are new there.
    std::fs::remove_dir_all(dir.path().join("desk")).unwrap();
    copy_story(&dir, "harbour-strike", "b");
    copy_story(&dir, "mali-drawdown", "c");
    let (code, err) = gate(&desk, &["--baseline", &baseline]);
    assert_eq!(
        code, 1,
        "story a's acceptance does not carry over to b: {err}"
    );
    let new_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("new ")).collect();
    for entry in &accepted {
        let id = entry["id"].as_str().unwrap();
        assert!(
            new_lines.iter().any(|l| l.starts_with("new discrepancy")
                && l.contains(id)
                && l.ends_with("(story b)")),
            "{id} accepted in story a is new in story b: {err}"
        );
    }

    // A baseline without stories (a file written before stories were recorded) still loads and
    // accepts its findings in any story, as it always did.
    let mut old = written.clone();
    for entry in old["findings"].as_array_mut().unwrap() {
        entry.as_object_mut().unwrap().remove("story");
    }
    let old_path = write(&dir, "old-baseline.json", &old.to_string());
    let (code, err) = gate(&desk, &["--baseline", &old_path]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 finding(s) not in the baseline"), "{err}");

    // A baseline written from this grouped run and read back accepts the same input.
    let again = in_temp(&dir, "again.json");
    let (code, err) = gate(&desk, &["--write-baseline", &again]);
    assert_eq!(code, 1, "{err}");
    let rewritten = json(&std::fs::read_to_string(&again).unwrap());
    let recorded = discrepancies(&rewritten);
    assert!(!recorded.is_empty(), "{rewritten}");
    assert!(recorded.iter().all(|e| e["story"] == "b"), "{rewritten}");
    let (code, err) = gate(&desk, &["--baseline", &again]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 finding(s) not in the baseline"), "{err}");
}

#[test]
fn an_ungrouped_run_writes_entries_without_stories() {
    let dir = temp();
    let baseline = in_temp(&dir, "baseline.json");
    let (code, err) = gate(
        "tests/fixtures/iraq-drawdown",
        &["--write-baseline", &baseline],
    );
    assert_eq!(code, 1, "the fixture has discrepancies: {err}");
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert!(!json(&text)["findings"].as_array().unwrap().is_empty());
    assert!(!text.contains("\"story\""), "{text}");
}
