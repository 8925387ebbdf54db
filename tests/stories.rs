//! Many stories in one run with memory bounded by the largest story: the command indexes its
//! input (ids, stories, where each text is) and reads each story's texts only when the story
//! runs. These tests hold that the index keeps no text, that no more texts are alive than the
//! stories in flight hold, and that ids stay unique and the same as when everything is read up
//! front, across stories, feeds and manifests.

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{run, temp, write};
use corroborate::load::{Entry, LoadOptions, index, load, read_all};
use corroborate::model::Source;
use corroborate::report::{Format, render};
use corroborate::rules::Ruleset;
use corroborate::story;

/// An article of an outlet (or of none: its id is then its file stem's).
fn article(outlet: Option<&str>, soldiers: usize) -> String {
    let body = format!(
        "Officials said some {soldiers} soldiers left the base on Tuesday, and 12 trucks went \
         with them.\n"
    );
    match outlet {
        Some(o) => format!("---\noutlet: {o}\npublished: 2021-06-11\n---\n{body}"),
        None => body,
    }
}

/// Story folders whose ids collide across stories (the same outlets, the same file stems), so
/// that a source's id depends on the stories before it.
fn story_folders(dir: &tempfile::TempDir, stories: usize, per_story: usize) -> String {
    let outlets = [Some("Sahel Courier"), None, Some("Desert Wire"), None];
    for s in 0..stories {
        for a in 0..per_story {
            let n = s * per_story + a;
            let name = format!("desk/story-{s:02}/report-{a}.md");
            write(dir, &name, &article(outlets[n % outlets.len()], 100 + n));
        }
    }
    dir.path().join("desk").to_string_lossy().into_owned()
}

fn shape(sources: &[Source]) -> Vec<(String, String, Option<String>, String)> {
    sources
        .iter()
        .map(|s| {
            (
                s.id.clone(),
                s.path.clone(),
                s.outlet.clone(),
                s.text.clone(),
            )
        })
        .collect()
}

#[test]
fn the_index_keeps_no_text_and_a_story_is_read_when_it_runs() {
    let dir = temp();
    let desk = story_folders(&dir, 3, 2);
    let options = LoadOptions::default();
    let indexed = index(&[desk], &options);
    assert!(indexed.problems.is_empty(), "{:?}", indexed.problems);
    assert_eq!(indexed.entries.len(), 6);
    // Texts change after indexing: a story reads what its files hold when it runs.
    let changed = write(&dir, "desk/story-02/report-1.md", &article(None, 999));
    std::fs::remove_file(dir.path().join("desk/story-01/report-0.md")).unwrap();
    let stories = story::group(indexed.entries, indexed.stories);
    assert_eq!(stories.len(), 3);
    let (sources, unread) = read_all(&stories[2].sources, &options);
    let read = sources.iter().find(|s| s.path == changed).unwrap();
    assert!(read.text.contains("some 999 soldiers"), "{}", read.text);
    // Its id is still the one given when indexed, in input order.
    assert_eq!(read.id, "report-1-3");
    assert!(unread.is_empty());
    let (sources, unread) = read_all(&stories[1].sources, &options);
    assert_eq!(sources.len(), 1);
    assert_eq!(unread.len(), 1);
    assert!(
        unread[0]
            .to_string()
            .ends_with("story-01/report-0.md: no such file or directory"),
        "{}",
        unread[0]
    );
}

#[test]
fn texts_alive_are_bounded_by_the_stories_in_flight() {
    let dir = temp();
    let (stories, per_story, in_flight) = (30, 4, 2);
    let desk = story_folders(&dir, stories, per_story);
    let options = LoadOptions::default();
    let indexed = index(&[desk], &options);
    assert_eq!(indexed.entries.len(), stories * per_story);
    let grouped = story::group(indexed.entries, indexed.stories);
    let rules = Ruleset::builtin();
    let (alive, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .unwrap();
    let mut sunk = Vec::new();
    pool.install(|| {
        story::run::<_, _, _, _, _, ()>(
            grouped,
            in_flight,
            |s: &story::Story<Entry>| {
                let (sources, _) = read_all(&s.sources, &options);
                let now = alive.fetch_add(sources.len(), Ordering::SeqCst) + sources.len();
                most.fetch_max(now, Ordering::SeqCst);
                let report = corroborate::check(&sources, &rules);
                alive.fetch_sub(sources.len(), Ordering::SeqCst);
                report.sources.len()
            },
            || {},
            |id, n| {
                sunk.push((id.unwrap().to_string(), n));
                Ok(())
            },
        )
    })
    .unwrap();
    assert_eq!(sunk.len(), stories);
    assert!(sunk.iter().all(|(_, n)| *n == per_story));
    let most = most.load(Ordering::SeqCst);
    assert!(
        most <= in_flight * per_story,
        "{most} texts alive at once; the stories in flight hold at most {}",
        in_flight * per_story
    );
}

/// A desk with ids colliding across stories in every kind of input: story folders, a feed whose
/// stories interleave, a manifest whose outlet overrides change ids.
fn mixed_desk(dir: &tempfile::TempDir) -> Vec<String> {
    let desk = story_folders(dir, 4, 3);
    let mut feed = String::new();
    for i in 0..12 {
        let outlet = ["Sahel Courier", "Wire"][i % 2];
        let line = serde_json::json!({
            "text": format!("Some {} soldiers left, officials said.", 200 + i),
            "story": format!("story-{:02}", i % 5),
            "outlet": outlet,
        });
        feed.push_str(&format!("{line}\n"));
        if i == 4 {
            feed.push_str("{\"text\": \"broken\",,}\n\n");
        }
    }
    let feed = write(dir, "wires/wire.jsonl", &feed);
    write(dir, "other/a.md", &article(None, 7));
    write(dir, "other/b.txt", &article(Some("Desert Wire"), 8));
    let manifest = write(
        dir,
        "desk.manifest.yaml",
        "manifest: 1\nstories:\n  - id: story-01\n    sources:\n      - path: other/a.md\n        outlet: Sahel Courier\n      - path: other/b.txt\n      - path: wires/wire.jsonl\n        outlet: Desert Wire\n",
    );
    vec![desk, feed, manifest]
}

#[test]
fn ids_are_unique_and_the_same_whether_texts_are_read_up_front_or_per_story() {
    let dir = temp();
    let paths = mixed_desk(&dir);
    let options = LoadOptions::default();
    let loaded = load(&paths, &options);
    let indexed = index(&paths, &options);
    let shown = |p: &[corroborate::load::Problem]| -> Vec<String> {
        p.iter().map(|p| p.to_string()).collect()
    };
    assert_eq!(shown(&indexed.problems), shown(&loaded.problems));
    // The broken feed line, once for the feed and once for the manifest that lists it.
    assert_eq!(indexed.problems.len(), 2, "{:?}", indexed.problems);
    assert_eq!(indexed.stories, loaded.stories);
    let ids: Vec<&str> = indexed.entries.iter().map(|e| e.id.as_str()).collect();
    let loaded_ids: Vec<&str> = loaded.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, loaded_ids);
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        ids.len(),
        "{ids:?}"
    );
    // Ids made unique across stories: later stories get the suffixes.
    assert!(ids.contains(&"sahel-courier-9"), "{ids:?}");
    assert!(ids.contains(&"report-0-2"), "{ids:?}");
    // Story by story, the sources read are those read up front, and so are the reports.
    let rules = Ruleset::builtin();
    let up_front = story::group(loaded.sources, loaded.stories);
    let per_story = story::group(indexed.entries, indexed.stories);
    assert_eq!(up_front.len(), per_story.len());
    for (a, b) in up_front.iter().zip(&per_story) {
        assert_eq!(a.id, b.id);
        let (read, unread) = read_all(&b.sources, &options);
        assert!(unread.is_empty(), "{unread:?}");
        assert_eq!(shape(&a.sources), shape(&read));
        let report = |s: &[Source]| render(&corroborate::check(s, &rules), Format::Json);
        assert_eq!(report(&a.sources), report(&read));
    }
}

#[test]
fn the_command_gives_the_same_ids_and_bytes_whatever_the_jobs() {
    let dir = temp();
    let paths = mixed_desk(&dir);
    let args = |jobs: &'static str| {
        let mut a: Vec<&str> = vec!["check", "--format", "json", "--no-config", "--jobs", jobs];
        a.extend(paths.iter().map(String::as_str));
        a
    };
    let (code, one, err) = run(&args("1"), None);
    assert_eq!(code, 2, "the broken feed line is an input error: {err}");
    assert!(err.contains("wire.jsonl:6:19: invalid JSON"), "{err}");
    for jobs in ["2", "3"] {
        let (code, out, again) = run(&args(jobs), None);
        assert_eq!((code, &out, &again), (2, &one, &err), "--jobs {jobs}");
    }
    let report: serde_json::Value = serde_json::from_str(&one).unwrap();
    let mut ids = Vec::new();
    for s in report["stories"].as_array().unwrap() {
        for source in s["sources"].as_array().unwrap() {
            ids.push(source["id"].as_str().unwrap().to_string());
        }
        // Claim ids embed their source's run-wide id.
        for claim in s["claims"].as_array().unwrap() {
            let id = claim["id"].as_str().unwrap();
            let source = claim["source"].as_str().unwrap();
            assert!(id.starts_with(&format!("{source}:")), "{id} of {source}");
        }
    }
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    // The text report groups the same stories.
    let (code, text, _) = run(&["check", "--no-config", "--jobs", "2", &paths[0]], None);
    assert_eq!(code, 0);
    assert!(text.starts_with("== story story-00 =="), "{text}");
    assert_eq!(text.matches("== story ").count(), 4);
}
