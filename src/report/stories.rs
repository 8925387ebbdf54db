//! Stories printer: the reports of a run, story by story, written as they finish.
//!
//! Takes each story's [`Report`]; a [`PartRenderer`] renders it into a [`Part`] on any thread
//! (stories render in parallel, each right after its check), and the [`StoryWriter`] writes the
//! parts in story order at once (nothing is kept but run totals, and for SARIF the results), so
//! memory stays bounded by the stories in flight.
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
    parts: PartRenderer,
    totals: Counts,
    sarif: SarifMerge,
}

/// How each story's part is rendered: the writer's settings, shared by the threads that render
/// stories in parallel while one [`StoryWriter`] writes the parts in story order.
#[derive(Debug, Clone, Copy)]
pub struct PartRenderer {
    format: Format,
    options: RenderOptions,
    /// `extract`: claims, no findings.
    claims_only: bool,
    /// Grouped by story (else one plain report).
    grouped: bool,
}

/// One story's output, ready to be written: rendered (the report dropped), or for a story too
/// large to render ahead in JSON, its report.
#[derive(Debug)]
pub struct Part {
    counts: Counts,
    body: PartBody,
}

#[derive(Debug)]
enum PartBody {
    /// Bytes written as they are.
    Text(String),
    /// A grouped JSON story object (a separator goes before every story but the first).
    JsonStory(Vec<u8>),
    /// A story's SARIF log, its results labelled with the story; merged into the run's one
    /// log at the end.
    Sarif(Value),
    /// A large story's report, serialised as JSON straight into the output when written (its
    /// JSON would take more memory than the report).
    Json(Option<String>, Box<Report>),
}

/// Stories with more claims than this have their JSON written straight into the output, in
/// turn, rather than rendered ahead into memory (about 2 kB of JSON per claim).
pub const RENDER_AT_WRITE: usize = 20_000;

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
            parts: PartRenderer {
                format,
                options,
                claims_only,
                grouped,
            },
            totals: Counts::default(),
            sarif: SarifMerge::default(),
        })
    }

    /// How this writer's parts are rendered (on any thread).
    pub fn renderer(&self) -> PartRenderer {
        self.parts
    }

    /// Writes one story's part (rendered here).
    pub fn story(&mut self, id: Option<&str>, report: &Report) -> io::Result<()> {
        let part = self.parts.render(id, report)?;
        self.write(part)
    }

    /// Writes one story's part, rendered by [`PartRenderer::part`]; parts come in story order.
    pub fn write(&mut self, part: Part) -> io::Result<()> {
        let first = self.totals.stories == 0;
        self.totals.add(&part.counts);
        match part.body {
            PartBody::Text(text) => self.out.write_all(text.as_bytes()),
            PartBody::JsonStory(json) => {
                if !first {
                    self.out.write_all(b",\n")?;
                }
                self.out.write_all(&json)
            }
            PartBody::Json(id, report) => {
                if self.parts.grouped && !first {
                    self.out.write_all(b",\n")?;
                }
                self.parts.json(&mut self.out, id.as_deref(), &report)
            }
            PartBody::Sarif(log) => {
                self.sarif.add(log);
                Ok(())
            }
        }
    }

    /// Ends the output (for grouped runs, the run total and the document's tail); gives back
    /// the writer.
    pub fn finish(mut self) -> io::Result<W> {
        if self.parts.grouped {
            let total = self.parts.tally(&self.totals);
            let out = &mut self.out;
            match self.parts.format {
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
}

impl PartRenderer {
    /// One story's part: rendered now, or for a large story in JSON, its report kept to be
    /// written straight into the output.
    pub fn part(&self, id: Option<&str>, report: Report) -> io::Result<Part> {
        if self.format == Format::Json && report.claims.len() > RENDER_AT_WRITE {
            return Ok(Part {
                counts: Counts::of(&report),
                body: PartBody::Json(id.map(str::to_string), Box::new(report)),
            });
        }
        self.render(id, &report)
    }

    /// Renders one story's part.
    pub fn render(&self, id: Option<&str>, report: &Report) -> io::Result<Part> {
        let counts = Counts::of(report);
        let body = self.body(id, report, &counts)?;
        Ok(Part { counts, body })
    }

    /// Writes a report's JSON: for a grouped run, the story object indented as an item of the
    /// run's `stories` list; else the v1 report with a final newline.
    fn json<W: Write>(&self, mut out: W, id: Option<&str>, report: &Report) -> io::Result<()> {
        if !self.grouped {
            serde_json::to_writer_pretty(&mut out, report).map_err(io::Error::other)?;
            return out.write_all(b"\n");
        }
        out.write_all(b"    ")?;
        let part = StoryJson { story: id, report };
        let mut json = serde_json::Serializer::with_formatter(out, Nested::at(2));
        part.serialize(&mut json).map_err(io::Error::other)
    }

    fn body(&self, id: Option<&str>, report: &Report, counts: &Counts) -> io::Result<PartBody> {
        if self.grouped && self.format == Format::Json {
            let mut out = Vec::with_capacity(1 << 16);
            self.json(&mut out, id, report)?;
            return Ok(PartBody::JsonStory(out));
        }
        let body = match self.claims_only {
            true => render_claims(report, self.format),
            false => render_with(report, self.format, &self.options),
        };
        if !self.grouped {
            return Ok(PartBody::Text(body));
        }
        let label = id.unwrap_or(NO_STORY);
        let mut out = String::with_capacity(body.len() + 64);
        match self.format {
            Format::Text => out.push_str(&format!("== story {label} ==\n{body}\n")),
            Format::Markdown => {
                out.push_str(&format!("## Story: {}\n\n", super::markdown::cell(label)));
                out.push_str(&demote_headings(&body));
                out.push('\n');
            }
            Format::Json => unreachable!("grouped JSON is serialised above"),
            Format::Jsonl => {
                let story = serde_json::to_string(&id).map_err(io::Error::other)?;
                for line in body.lines() {
                    // Each line is a non-empty JSON object; the story goes first.
                    let rest = line.strip_prefix('{').unwrap_or(line);
                    out.push_str(&format!("{{\"story\":{story},{rest}\n"));
                }
            }
            Format::Github => {
                let tag = super::github::message(&format!("[story {label}] "));
                for line in body.lines() {
                    // `::command properties::message`; properties escape `:`.
                    match line.get(2..).and_then(|l| l.find("::")) {
                        Some(at) => {
                            let (head, message) = line.split_at(at + 4);
                            out.push_str(&format!("{head}{tag}{message}\n"));
                        }
                        None => out.push_str(&format!("{line}\n")),
                    }
                }
            }
            Format::Sarif => return Ok(PartBody::Sarif(SarifMerge::story_log(id, &body)?)),
            Format::Html => out.push_str(&format!(
                "<section class=\"story\" id=\"story-{}\">\n<h2>Story: {}</h2>\n<p>{}</p>\n<iframe title=\"Report of story {}\" srcdoc=\"{}\"></iframe>\n</section>\n",
                super::html::esc(&crate::load::slug(label)),
                super::html::esc(label),
                super::html::esc(&self.sizes_or_tally(counts, "")),
                super::html::esc(label),
                super::html::esc(&body)
            )),
            Format::Dot => out.push_str(&format!("// story: {label}\n{body}")),
        }
        Ok(PartBody::Text(out))
    }

    /// A story's or the run's counts as shown: sizes for `extract`, the tally for `check`.
    fn sizes_or_tally(&self, counts: &Counts, strong: &str) -> String {
        match self.claims_only {
            true => counts.sizes(),
            false => counts.tally(strong),
        }
    }

    /// The run total line (findings in bold in Markdown).
    fn tally(&self, totals: &Counts) -> String {
        let strong = if self.format == Format::Markdown {
            "**"
        } else {
            ""
        };
        self.sizes_or_tally(totals, strong)
    }
}

/// A story's object in the grouped JSON report: the story key, then the v1 report fields.
#[derive(Serialize)]
struct StoryJson<'a> {
    story: Option<&'a str>,
    #[serde(flatten)]
    report: &'a Report,
}

/// Pretty JSON as `serde_json::to_string_pretty` writes it (two spaces per level, `": "`
/// after keys, `[]` and `{}` when empty), starting some levels deep: a value nested in a
/// document whose outer levels are written by hand.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn at(level: usize) -> Nested {
        Nested {
            level,
            has_value: false,
        }
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }

    /// A line break (after a comma unless first) and the indentation of an item.
    fn item<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    fn indent<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        (0..self.level).try_for_each(|_| out.write_all(b"  "))
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
    /// A story's SARIF log with its results labelled with the story: in their message, in
    /// `properties.story` and in their fingerprints.
    fn story_log(story: Option<&str>, rendered: &str) -> io::Result<Value> {
        let mut log: Value = serde_json::from_str(rendered).map_err(io::Error::other)?;
        if let Value::Array(results) = &mut log["runs"][0]["results"] {
            let label = story.unwrap_or(NO_STORY);
            for result in results {
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
            }
        }
        Ok(log)
    }

    /// Adds a story's labelled log: its rules (the first of each id) and its results.
    fn add(&mut self, mut log: Value) {
        let run = &mut log["runs"][0];
        if let Value::Array(rules) = run["tool"]["driver"]["rules"].take() {
            for rule in rules {
                let id = rule["id"].as_str().unwrap_or_default().to_string();
                self.rules.entry(id).or_insert(rule);
            }
        }
        if let Value::Array(results) = run["results"].take() {
            self.results.extend(results);
        }
        self.log.get_or_insert(log);
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

    /// A value written one level deep is `to_string_pretty`'s output with every line indented.
    #[test]
    fn nested_json_is_pretty_json_indented() {
        let value = serde_json::json!({
            "a": [1, [], {}, {"b": null}],
            "c": "line\nbreak",
            "d": {"e": [true]}
        });
        let mut out = b"  ".to_vec();
        let mut json = serde_json::Serializer::with_formatter(&mut out, Nested::at(1));
        value.serialize(&mut json).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let indented: Vec<String> = pretty.lines().map(|l| format!("  {l}")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), indented.join("\n"));
    }
}
