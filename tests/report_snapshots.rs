//! The fixture story's report in every format, snapshot-tested (files in `snapshots/`).

mod common;

use corroborate::report::{Format, render};

fn report() -> corroborate::report::Report {
    common::fixture_report()
}

#[test]
fn fixture_report_text() {
    common::insta_settings()
        .bind(|| insta::assert_snapshot!("fixture_text", render(&report(), Format::Text)));
}

#[test]
fn fixture_report_markdown() {
    common::insta_settings()
        .bind(|| insta::assert_snapshot!("fixture_markdown", render(&report(), Format::Markdown)));
}

#[test]
fn fixture_report_json() {
    common::insta_settings()
        .bind(|| insta::assert_snapshot!("fixture_json", render(&report(), Format::Json)));
}

#[test]
fn reports_are_deterministic() {
    let (a, b) = (
        render(&report(), Format::Json),
        render(&report(), Format::Json),
    );
    assert_eq!(a, b);
}
