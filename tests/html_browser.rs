//! The HTML report in a real browser: headless Chromium loads the fixture story's page, runs its
//! script, and the DOM it dumps holds one mark per claim, one item per finding and one matrix row
//! per finding; opening the page at `#focus=<finding id>` outlines that finding's claims; a
//! hostile source stays text. Then a screenshot (written to `docs/report-screenshot.png` when
//! `CORROBORATE_WRITE_SCREENSHOT=1`). Skips with a message when Chromium is not installed.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use corroborate::report::{Format, render};
use corroborate::rules::Ruleset;
use regex::Regex;

const TIMEOUT: Duration = Duration::from_secs(60);

fn chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

fn fixture_report() -> corroborate::report::Report {
    common::fixture_report()
}

/// Runs Chromium headless with a fresh profile on `url` plus `args`, its standard output into
/// `out`; kills it after [`TIMEOUT`].
fn run_chromium(browser: &Path, work: &Path, url: &str, args: &[String], out: &Path) {
    let profile = tempfile::tempdir_in(work).expect("a profile folder");
    let stdout = std::fs::File::create(out).expect("an output file");
    let stderr = std::fs::File::create(work.join("chromium.log")).expect("a log file");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        match child.try_wait().expect("chromium can be waited for") {
            Some(status) => {
                let log = std::fs::read_to_string(work.join("chromium.log")).unwrap_or_default();
                assert!(status.success(), "chromium failed ({status}):\n{log}");
                return;
            }
            None if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within {TIMEOUT:?} on {url}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The DOM of the page at `url` after its scripts ran.
fn dump_dom(browser: &Path, work: &Path, url: &str) -> String {
    let out = work.join("dom.html");
    run_chromium(browser, work, url, &["--dump-dom".to_string()], &out);
    let dom = std::fs::read_to_string(&out).expect("the dumped DOM");
    assert!(dom.contains("</html>"), "a whole DOM: {dom}");
    dom
}

fn file_url(path: &Path) -> String {
    let path = path.canonicalize().expect("an absolute path");
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

fn count(dom: &str, pattern: &str) -> usize {
    Regex::new(pattern)
        .expect("a pattern")
        .find_iter(dom)
        .count()
}

/// The claim ids of the marks (first fragments) whose class holds `focus`.
fn focused_claims(dom: &str) -> Vec<String> {
    let mark = Regex::new(r#"<mark class="([^"]*)" data-claim="([^"]*)""#).expect("a pattern");
    let mut ids: Vec<String> = mark
        .captures_iter(dom)
        .filter(|c| c[1].split_whitespace().any(|k| k == "focus"))
        .map(|c| c[2].to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_report_page_works_in_a_browser() {
    let Some(browser) = chromium() else {
        println!("skipped: chromium is not installed");
        return;
    };
    let report = fixture_report();
    let work = tempfile::tempdir().expect("a temporary folder");
    let page = work.path().join("report.html");
    std::fs::write(&page, render(&report, Format::Html)).expect("write the page");
    let url = file_url(&page);

    // What the browser built: one mark per non-derived claim, one item per finding, one matrix
    // row per finding.
    let dom = dump_dom(&browser, work.path(), &url);
    let claims = report.claims.iter().filter(|c| !c.derived).count();
    assert_eq!(count(&dom, r#"<mark\b[^>]*\sdata-claim=""#), claims);
    assert_eq!(
        count(&dom, r#"<li\b[^>]*\sdata-derived=""#),
        report.claims.len() - claims
    );
    assert_eq!(
        count(&dom, r#"<li class="finding\b"#),
        report.findings.len() + report.suppressed.len()
    );
    assert_eq!(
        count(&dom, r#"<tr\b[^>]*\sdata-row=""#),
        report.findings.len()
    );
    assert!(focused_claims(&dom).is_empty(), "nothing focused at first");

    // Opening the page on a finding outlines its claims, and the claims its derived values
    // come from, in every source.
    let finding = report
        .findings
        .iter()
        .find(|f| {
            f.claims
                .iter()
                .any(|id| report.claim(id).is_some_and(|c| c.derived))
        })
        .expect("a finding with a derived claim");
    let dom = dump_dom(
        &browser,
        work.path(),
        &format!("{url}#focus={}", finding.id),
    );
    let mut expected: Vec<String> = Vec::new();
    for c in finding.claims.iter().filter_map(|id| report.claim(id)) {
        if c.derived {
            expected.extend(c.derived_from.iter().cloned());
        } else {
            expected.push(c.id.clone());
        }
    }
    expected.sort();
    expected.dedup();
    assert_eq!(focused_claims(&dom), expected, "finding {}", finding.id);
    assert!(
        Regex::new(&format!(
            r#"<li class="finding [^"]*\bfocus\b[^"]*" data-finding="{}""#,
            finding.id
        ))
        .unwrap()
        .is_match(&dom),
        "the finding item is selected"
    );

    // A screenshot of the page with the first discrepancy selected.
    let shot = if std::env::var("CORROBORATE_WRITE_SCREENSHOT").as_deref() == Ok("1") {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/report-screenshot.png")
    } else {
        work.path().join("report-screenshot.png")
    };
    let _ = std::fs::remove_file(&shot);
    let selected = report
        .findings
        .first()
        .map(|f| format!("#focus={}", f.id))
        .unwrap_or_default();
    run_chromium(
        &browser,
        work.path(),
        &format!("{url}{selected}"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1400,1000".to_string(),
        ],
        &work.path().join("screenshot.log"),
    );
    let bytes = std::fs::read(&shot).expect("the screenshot");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    assert!(
        bytes.len() > 10 * 1024,
        "a real page: {} bytes",
        bytes.len()
    );
}

#[test]
fn hostile_text_stays_text_in_a_browser() {
    let Some(browser) = chromium() else {
        println!("skipped: chromium is not installed");
        return;
    };
    let work = tempfile::tempdir().expect("a temporary folder");
    let articles = work.path().join("articles");
    std::fs::create_dir(&articles).expect("a folder");
    std::fs::write(
        articles.join("hostile.txt"),
        "---\noutlet: \"<img src=x onerror=alert(2)>\"\npublished: 2021-03-02\n---\n\
         The <script>alert(1)</script> report said 40 people died in Mali. \
         \"><img src=x onerror=alert(1)> Officials said 40 people died in Mali.\n",
    )
    .expect("write a source");
    let loaded = corroborate::load::load_paths(&[articles.to_string_lossy().into_owned()], None);
    let report = corroborate::check(&loaded.sources, &Ruleset::builtin());
    let page = work.path().join("hostile.html");
    std::fs::write(&page, render(&report, Format::Html)).expect("write the page");
    let dom = dump_dom(&browser, work.path(), &file_url(&page));
    assert_eq!(count(&dom, "<script"), 1, "only the page's own script");
    assert_eq!(count(&dom, "<img"), 0, "no image element");
    assert!(dom.contains("&lt;script&gt;alert("));
    assert!(dom.contains("&lt;img src=x onerror=alert("));
}
