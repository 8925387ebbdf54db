//! Stories printer: the reports of a run, story by story, written as they finish.
//!
//! Takes each story's [`Report`] in story order and writes its part at once (nothing is kept
//! but run totals, and for SARIF the results), so memory stays bounded by the largest story.
//! A run without story keys is written exactly as [`super::render_with`] writes one report.
//! A run grouped by story is written per format:
//!
//! - text: `== story ID ==` then the story's report; a run total line at the end;
//! - markdown: one `## Story: ID` section per story (its report, headings one level down),
//!   then `## Run total`;
//! - json: `{"version": 1, "stories": [{"story": ID, ...the v1 report fields...}, ...]}`;
//! - jsonl: each finding's line with a leading `story` field;
//! - sarif: one run whose results carry the story in their message (`[story ID] ...`), in
//!   `properties.story` and in their fingerprint; rules merged across stories;
//! - github: each annotation's message starts with `[story ID]`;
//! - html: one page with a section per story, each story's own page in an `iframe` (so the
//!   pages' scripts and anchors stay apart), then the run total;
//! - dot: one `digraph` per story, each after a `// story: ID` comment.
//!
//! Sources whose input names no story, in a grouped run, form the story `null` (JSON) shown as
//! `(no story)`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use super::{Counts, Format, RenderOptions, Report, render_claims, render_with};

/// How a story without a key is shown.
pub const NO_STORY: &str = "(no story)";

/// Writes the reports of a run to `out`, story by story.
pub struct StoryWriter<W: Write> {
    out: W,
    format: Format,
    options: RenderOptions,
    /// `extract`: claims, no findings.
    claims_only: bool,
    /// Grouped by story (else one plain report).
    grouped: bool,
    totals: Counts,
    sarif: SarifMerge,
}

impl<W: Write> StoryWriter<W> {
    /// Starts the output (for grouped runs, the document's head).
    pub fn new(
        mut out: W,
        format: Format,
        options: RenderOptions,
        claims_only: bool,
        grouped: bool,
    ) -> io::Result<StoryWriter<W>> {
        if grouped {
            match format {
                Format::Json => out.write_all(b"{\n  \"version\": 1,\n  \"stories\": [\n")?,
                Format::Markdown if claims_only => out.write_all(b"# Claims\n\n")?,
                Format::Markdown => out.write_all(b"# Corroboration report\n\n")?,
                Format::Html => out.write_all(HTML_HEAD.as_bytes())?,
                _ => {}
            }
        }
        Ok(StoryWriter {
            out,
            format,
            options,
            claims_only,
            grouped,
            totals: Counts::default(),
            sarif: SarifMerge::default(),
        })
    }

    /// Writes one story's part.
    pub fn story(&mut self, id: Option<&str>, report: &Report) -> io::Result<()> {
        let first = self.totals.stories == 0;
        self.totals.add(report);
        let body = match self.claims_only {
            true => render_claims(report, self.format),
            false => render_with(report, self.format, &self.options),
        };
        if !self.grouped {
            return self.out.write_all(body.as_bytes());
        }
        let label = id.unwrap_or(NO_STORY);
        let story_tally = self.tally_of(report);
        let out = &mut self.out;
        match self.format {
            Format::Text => write!(out, "== story {label} ==\n{body}\n"),
            Format::Markdown => {
                writeln!(out, "## Story: {}\n", super::markdown::cell(label))?;
                out.write_all(demote_headings(&body).as_bytes())?;
                out.write_all(b"\n")
            }
            Format::Json => {
                if !first {
                    out.write_all(b",\n")?;
                }
                let part = StoryJson { story: id, report };
                let json = serde_json::to_string_pretty(&part).map_err(io::Error::other)?;
                out.write_all(indent(&json, "    ").as_bytes())
            }
            Format::Jsonl => {
                let story = serde_json::to_string(&id).map_err(io::Error::other)?;
                for line in body.lines() {
                    // Each line is a non-empty JSON object; the story goes first.
                    let rest = line.strip_prefix('{').unwrap_or(line);
                    writeln!(out, "{{\"story\":{story},{rest}")?;
                }
                Ok(())
            }
            Format::Github => {
                let tag = super::github::message(&format!("[story {label}] "));
                for line in body.lines() {
                    // `::command properties::message`; properties escape `:`.
                    match line.get(2..).and_then(|l| l.find("::")) {
                        Some(at) => {
                            let (head, message) = line.split_at(at + 4);
                            writeln!(out, "{head}{tag}{message}")?;
                        }
                        None => writeln!(out, "{line}")?,
                    }
                }
                Ok(())
            }
            Format::Sarif => self.sarif.add(id, &body),
            Format::Html => write!(
                out,
                "<section class=\"story\" id=\"story-{}\">\n<h2>Story: {}</h2>\n<p>{}</p>\n<iframe title=\"Report of story {}\" srcdoc=\"{}\"></iframe>\n</section>\n",
                super::html::esc(&crate::load::slug(label)),
                super::html::esc(label),
                super::html::esc(&story_tally),
                super::html::esc(label),
                super::html::esc(&body)
            ),
            Format::Dot => write!(out, "// story: {label}\n{body}"),
        }
    }

    /// Ends the output (for grouped runs, the run total and the document's tail); gives back
    /// the writer.
    pub fn finish(mut self) -> io::Result<W> {
        if self.grouped {
            let total = self.tally_of_totals();
            let out = &mut self.out;
            match self.format {
                Format::Text => writeln!(out, "== run total ==\ncorroborate: {total}")?,
                Format::Markdown => writeln!(out, "## Run total\n\n{total}.")?,
                Format::Json => out.write_all(b"\n  ]\n}\n")?,
                Format::Html => write!(
                    out,
                    "<footer><p>Run total: {}</p></footer>\n</body>\n</html>\n",
                    super::html::esc(&total)
                )?,
                Format::Sarif => out.write_all(self.sarif.finish()?.as_bytes())?,
                Format::Jsonl | Format::Github | Format::Dot => {}
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }

    /// The run's totals so far.
    pub fn totals(&self) -> &Counts {
        &self.totals
    }

    fn tally_of(&self, report: &Report) -> String {
        let counts = Counts::of(report);
        match self.claims_only {
            true => counts.sizes(),
            false => counts.tally(""),
        }
    }

    fn tally_of_totals(&self) -> String {
        let strong = if self.format == Format::Markdown {
            "**"
        } else {
            ""
        };
        match self.claims_only {
            true => self.totals.sizes(),
            false => self.totals.tally(strong),
        }
    }
}

/// A story's object in the grouped JSON report: the story key, then the v1 report fields.
#[derive(Serialize)]
struct StoryJson<'a> {
    story: Option<&'a str>,
    #[serde(flatten)]
    report: &'a Report,
}

/// Every line indented (JSON output escapes newlines inside strings, so every line break is
/// structure).
fn indent(text: &str, by: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.lines() {
        out.push_str(by);
        out.push_str(line);
        out.push('\n');
    }
    out.pop();
    out
}

/// A story's Markdown report as a section: its `# ` title line dropped, every heading one level
/// down (the printers start headings only at line starts; tables and lists never start with
/// `#`).
fn demote_headings(markdown: &str) -> String {
    let body = match markdown.strip_prefix("# ") {
        Some(rest) => rest.split_once('\n').map_or("", |(_, b)| b),
        None => markdown,
    };
    let mut out = String::with_capacity(body.len() + 64);
    for line in body.trim_start_matches('\n').split_inclusive('\n') {
        if line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
    }
    out
}

/// SARIF results of every story, gathered into one run.
#[derive(Default)]
struct SarifMerge {
    /// The first story's log, whose run receives the merged rules and results.
    log: Option<Value>,
    rules: BTreeMap<String, Value>,
    results: Vec<Value>,
}

impl SarifMerge {
    fn add(&mut self, story: Option<&str>, rendered: &str) -> io::Result<()> {
        let mut log: Value = serde_json::from_str(rendered).map_err(io::Error::other)?;
        let run = &mut log["runs"][0];
        if let Value::Array(rules) = run["tool"]["driver"]["rules"].take() {
            for rule in rules {
                let id = rule["id"].as_str().unwrap_or_default().to_string();
                self.rules.entry(id).or_insert(rule);
            }
        }
        if let Value::Array(results) = run["results"].take() {
            let label = story.unwrap_or(NO_STORY);
            for mut result in results {
                if let Some(text) = result["message"]["text"].as_str() {
                    result["message"]["text"] = Value::from(format!("[story {label}] {text}"));
                }
                result["properties"]["story"] = story.map_or(Value::Null, Value::from);
                if let Some(Value::Object(prints)) = result.get_mut("partialFingerprints") {
                    for print in prints.values_mut() {
                        if let Some(p) = print.as_str() {
                            *print = Value::from(format!("{label}/{p}"));
                        }
                    }
                }
                self.results.push(result);
            }
        }
        self.log.get_or_insert(log);
        Ok(())
    }

    fn finish(&mut self) -> io::Result<String> {
        let mut log = self.log.take().unwrap_or(Value::Null);
        let index: BTreeMap<&str, usize> = self
            .rules
            .keys()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let mut results = std::mem::take(&mut self.results);
        for r in &mut results {
            let at = r["ruleId"].as_str().and_then(|id| index.get(id)).copied();
            r["ruleIndex"] = at.map_or(Value::Null, Value::from);
        }
        let rules: Vec<Value> = std::mem::take(&mut self.rules).into_values().collect();
        if log.is_object() {
            log["runs"][0]["tool"]["driver"]["rules"] = Value::Array(rules);
            log["runs"][0]["results"] = Value::Array(results);
        }
        let mut out = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
        out.push('\n');
        Ok(out)
    }
}

const HTML_HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corroboration report: stories</title>
<style>
body{margin:0;padding:1rem 1.2rem;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24}
h1{font-size:1.45rem;margin:0 0 .6rem}
.story{margin:0 0 1.4rem;border-top:1px solid #d0d7de;padding-top:.6rem}
.story h2{font-size:1.15rem;margin:0}
.story p{margin:.2rem 0 .5rem;font-weight:600}
.story iframe{width:100%;height:80vh;border:1px solid #d0d7de}
footer{border-top:1px solid #d0d7de;padding-top:.6rem;font-weight:600}
</style>
</head>
<body>
<h1>Corroboration report</h1>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_go_one_level_down_and_the_title_goes() {
        let md = "# Corroboration report\n\n3 sources.\n\n## Discrepancies (1)\n\n### x\n| a |\n";
        assert_eq!(
            demote_headings(md),
            "3 sources.\n\n### Discrepancies (1)\n\n#### x\n| a |\n"
        );
    }

    #[test]
    fn indents_every_line() {
        assert_eq!(indent("{\n  \"a\": 1\n}", "  "), "  {\n    \"a\": 1\n  }");
    }
}
