//! Manifest: a YAML file listing the sources of a run, with metadata overrides and stories.
//!
//! Takes the manifest's path and text; gives the listed files (paths resolved against the
//! manifest's folder) each with its story, metadata overrides and the line:col where it is
//! listed, or the problems that make the manifest unusable. A manifest starts with
//! `manifest: 1` (the format version) and lists files under `stories:` (each story an `id` and
//! its `sources`) and/or a flat `sources:` list whose entries may name a `story:`:
//!
//! ```yaml
//! manifest: 1
//! stories:
//!   - id: iraq-drawdown
//!     sources:
//!       - path: coastline.md          # relative to the manifest
//!         outlet: Coastline Herald     # overrides front matter
//!         published: 2020-09-09
//! sources:
//!   - path: wires/mali.jsonl
//!     story: mali
//! ```
//!
//! Entries take `path` (required), `outlet`, `url`, `published` (`YYYY-MM-DD`) and `title`,
//! which override what the file itself says, and, in the flat list, `story`. Unknown keys are
//! errors (a typo in a manifest would silently lose metadata). A file is read as a manifest
//! when its name ends in `.manifest.yaml` or `.manifest.yml`, or when it is a `.yaml`/`.yml`
//! file given on the command line whose first key is `manifest:`; manifests are never picked up
//! when walking a directory. YAML errors are reported as `file:line:col: message`.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::load::{Level, Problem, parse_date};
use crate::rules::yaml;

/// The manifest format version this build reads.
pub const VERSION: u32 = 1;

/// Metadata a manifest entry sets over what the file says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
}

impl Overrides {
    /// Sets the overridden fields on a source.
    pub fn apply(&self, source: &mut crate::model::Source) {
        if let Some(o) = &self.outlet {
            source.outlet = Some(o.clone());
        }
        if let Some(u) = &self.url {
            source.url = Some(u.clone());
        }
        if let Some(p) = self.published {
            source.published = Some(p);
        }
        if let Some(t) = &self.title {
            source.title = Some(t.clone());
        }
    }
}

/// One file a manifest lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The path to read: the listed path against the manifest's folder.
    pub path: String,
    /// The path as written in the manifest.
    pub listed: String,
    /// Where it is listed in the manifest (1-based).
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub story: Option<String>,
    pub overrides: Overrides,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    manifest: u32,
    #[serde(default)]
    stories: Vec<StoryEntry>,
    #[serde(default)]
    sources: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoryEntry {
    id: String,
    #[serde(default)]
    sources: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    story: Option<String>,
}

/// Whether a file given on the command line is a manifest: by its name, or, for other YAML
/// files, by a first key `manifest:`.
pub fn is_manifest(path: &str, bytes: &[u8]) -> bool {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".manifest.yaml") || lower.ends_with(".manifest.yml") {
        return true;
    }
    if !(lower.ends_with(".yaml") || lower.ends_with(".yml")) {
        return false;
    }
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .map(str::trim_end)
        .find(|l| !l.trim().is_empty() && !l.starts_with('#') && *l != "---")
        .is_some_and(|l| l.starts_with("manifest:"))
}

/// Reads a manifest: every listed file, or every problem found.
pub fn parse_manifest(path: &str, text: &str) -> Result<Vec<Listed>, Vec<Problem>> {
    let file: ManifestFile = yaml::parse(path, text).map_err(|e| {
        vec![Problem {
            level: Level::Error,
            path: path.to_string(),
            line: e.line,
            column: e.column,
            message: format!("invalid manifest: {}", e.message),
        }]
    })?;
    let lines: Vec<&str> = text.lines().collect();
    let mut used = vec![false; lines.len()];
    let at = |line: Option<usize>, column: Option<usize>, message: String| Problem {
        level: Level::Error,
        path: path.to_string(),
        line,
        column,
        message,
    };
    if file.manifest != VERSION {
        let line = lines.iter().position(|l| l.starts_with("manifest:"));
        return Err(vec![at(
            line.map(|l| l + 1),
            Some(1),
            format!(
                "manifest version {} is not supported; this corroborate reads `manifest: {VERSION}`",
                file.manifest
            ),
        )]);
    }
    let grouped = file.stories.into_iter().flat_map(|story| {
        let id = story.id;
        story
            .sources
            .into_iter()
            .map(move |e| (Some(id.clone()), e))
    });
    let flat = file.sources.into_iter().map(|e| (None, e));
    let base = Path::new(path).parent().unwrap_or(Path::new(""));
    let mut listed = Vec::new();
    let mut problems = Vec::new();
    for (group, entry) in grouped.chain(flat) {
        let (line, column) = locate(&lines, &mut used, &entry.path);
        let story = match (group, entry.story) {
            (Some(g), Some(s)) if g != s => {
                problems.push(at(
                    line,
                    column,
                    format!(
                        "`{}` is listed under story `{g}` but names story `{s}`",
                        entry.path
                    ),
                ));
                continue;
            }
            (g, s) => g.or(s).filter(|s| !s.trim().is_empty()),
        };
        let published = match entry.published.as_deref() {
            None => None,
            Some(s) => match parse_date(s) {
                Some(d) => Some(d),
                None => {
                    problems.push(at(
                        line,
                        column,
                        format!(
                            "`published: {s}` of `{}` is not a YYYY-MM-DD date",
                            entry.path
                        ),
                    ));
                    continue;
                }
            },
        };
        listed.push(Listed {
            path: base.join(&entry.path).to_string_lossy().into_owned(),
            listed: entry.path,
            line,
            column,
            story,
            overrides: Overrides {
                outlet: entry.outlet.filter(|s| !s.trim().is_empty()),
                url: entry.url,
                published,
                title: entry.title,
            },
        });
    }
    if problems.is_empty() {
        Ok(listed)
    } else {
        Err(problems)
    }
}

/// The first unused `path:` line that names `listed`, with the column of the value.
fn locate(lines: &[&str], used: &mut [bool], listed: &str) -> (Option<usize>, Option<usize>) {
    for (i, line) in lines.iter().enumerate() {
        if used[i] {
            continue;
        }
        let Some(key) = line.find("path:") else {
            continue;
        };
        let value = &line[key + "path:".len()..];
        if let Some(at) = value.find(listed) {
            used[i] = true;
            let byte = key + "path:".len() + at;
            // A quoted value starts at its quote.
            let byte = match line[..byte].ends_with(['"', '\'']) {
                true => byte - 1,
                false => byte,
            };
            return (Some(i + 1), Some(line[..byte].chars().count() + 1));
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESK: &str = "manifest: 1\nstories:\n  - id: iraq\n    sources:\n      - path: a.md\n        outlet: FRANCE 24\n        published: 2020-09-09\n      - path: \"b.md\"\nsources:\n  - path: wires/c.jsonl\n    story: mali\n  - path: d.txt\n";

    #[test]
    fn stories_and_flat_entries_with_overrides_and_lines() {
        let listed = parse_manifest("desk/desk.manifest.yaml", DESK).unwrap();
        type Row<'a> = (&'a str, Option<&'a str>, Option<usize>, Option<usize>);
        let got: Vec<Row> = listed
            .iter()
            .map(|l| (l.path.as_str(), l.story.as_deref(), l.line, l.column))
            .collect();
        assert_eq!(
            got,
            [
                ("desk/a.md", Some("iraq"), Some(5), Some(15)),
                ("desk/b.md", Some("iraq"), Some(8), Some(15)),
                ("desk/wires/c.jsonl", Some("mali"), Some(10), Some(11)),
                ("desk/d.txt", None, Some(12), Some(11)),
            ]
        );
        assert_eq!(listed[0].overrides.outlet.as_deref(), Some("FRANCE 24"));
        assert_eq!(
            listed[0].overrides.published,
            NaiveDate::from_ymd_opt(2020, 9, 9)
        );
    }

    #[test]
    fn errors_are_located() {
        let e = parse_manifest(
            "m.yaml",
            "manifest: 1\nsources:\n  - path: a.md\n    outlt: X\n",
        )
        .unwrap_err();
        assert_eq!((e[0].line, e[0].path.as_str()), (Some(4), "m.yaml"));
        assert!(e[0].message.contains("outlt"), "{}", e[0]);
        let e = parse_manifest("m.yaml", "manifest: 2\n").unwrap_err();
        assert!(
            e[0].to_string()
                .starts_with("error: m.yaml:1:1: manifest version 2")
        );
        let e = parse_manifest("m.yaml", "manifest: 1\nsources: [\n").unwrap_err();
        assert!(e[0].line.is_some(), "{}", e[0]);
        let e = parse_manifest(
            "m.yaml",
            "manifest: 1\nsources:\n  - path: a.md\n    published: soon\n",
        )
        .unwrap_err();
        assert_eq!(e[0].line, Some(3));
    }

    #[test]
    fn detection_by_name_or_first_key() {
        assert!(is_manifest("x/desk.manifest.yaml", b"stories: []"));
        assert!(is_manifest("desk.yml", b"# desk\n---\nmanifest: 1\n"));
        assert!(!is_manifest("rules.yaml", b"rules: []\n"));
        assert!(!is_manifest("notes.txt", b"manifest: 1\n"));
    }
}
