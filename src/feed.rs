//! Feed: JSON Lines articles (`.jsonl`, `.ndjson`, or standard input with `--input jsonl`) into
//! sources.
//!
//! Takes a reader over a feed (read one line at a time), its path, the story of the folder it
//! sits in (if any) and a fallback publication date; gives one [`FeedArticle`] per good line, with
//! where the line is in the file ([`scan_feed`], so that the loader can keep only that and read the
//! article again with [`read_line_at`] when its story runs), and the problems met. Each
//! line is one JSON object: `text` (required), `id`, `outlet`, `url`, `published` (`YYYY-MM-DD`
//! or a timestamp starting with one), `title` and `story` (optional; a string or a number);
//! other fields are allowed and ignored, so an export can be fed as it is. Blank lines are
//! skipped.
//!
//! A bad line is an error naming `path:line` (and the column of a JSON syntax error) and is left
//! out; the other lines are still read. A line without `text` is an error; an empty `text` is a
//! warning and the article stays, with no claims. The article's text is the `text` field itself:
//! claim spans are byte offsets into it, not into the feed file. Its path is `FILE#ID` (or
//! `FILE#LLINE` without an `id`), and its source id is the slug of `id` (else of `outlet`),
//! made unique by the loader.

use std::io::{BufRead, Read, Seek, SeekFrom};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use crate::load::{FrontMatter, Level, MAX_SOURCE_BYTES, Problem, parse_date, slug};
use crate::model::Source;

/// File extensions read as feeds.
pub const EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// Whether a path names a feed by its extension.
pub fn is_feed_path(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// One article of a feed, before its source id is made unique.
#[derive(Debug)]
pub struct FeedArticle {
    pub source: Source,
    /// The story the line names, else the story of the feed's folder.
    pub story: Option<String>,
    /// What the source id is made from: the slug of `id`, else of `outlet`, else `article`.
    pub id_base: String,
}

/// The fields of a feed line corroborate reads.
#[derive(Debug, Deserialize)]
struct FeedLine {
    #[serde(default)]
    id: Option<Value>,
    /// `outlet`, `url`, `published`, `title`: as in front matter.
    #[serde(flatten)]
    meta: FrontMatter,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    story: Option<Value>,
}

/// Reads every line of a feed from `reader`, one line in memory at a time (a line longer than
/// [`MAX_SOURCE_BYTES`] is an error and is skipped).
pub fn read_feed<R: BufRead>(
    path: &str,
    reader: R,
    folder_story: Option<&str>,
    fallback_published: Option<NaiveDate>,
) -> (Vec<FeedArticle>, Vec<Problem>) {
    let mut articles = Vec::new();
    let problems = scan_feed(path, reader, folder_story, fallback_published, |_, a| {
        articles.push(a)
    });
    (articles, problems)
}

/// Where one good line of a feed file is: its 1-based number and the byte range of the line
/// (with its line end), so that [`read_line_at`] can read its article again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAt {
    pub number: usize,
    pub offset: u64,
    pub len: usize,
}

/// Reads every line of a feed from `reader` as [`read_feed`] does, handing each article with
/// where its line is to `each` as it is read (so that the caller keeps what it needs of it);
/// gives the problems met.
pub fn scan_feed<R: BufRead>(
    path: &str,
    mut reader: R,
    folder_story: Option<&str>,
    fallback_published: Option<NaiveDate>,
    mut each: impl FnMut(LineAt, FeedArticle),
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut raw = Vec::new();
    let mut offset = 0u64;
    for number in 1.. {
        let at = |column: Option<usize>, level: Level, message: String| Problem {
            level,
            path: path.to_string(),
            line: Some(number),
            column: Some(column.unwrap_or(1)),
            message,
        };
        raw.clear();
        let line_at = LineAt {
            number,
            offset,
            len: 0,
        };
        match next_line(&mut reader, &mut raw) {
            Ok((Line::End, _)) => break,
            Ok((Line::TooLong, n)) => {
                offset += n;
                let message = format!(
                    "line is longer than {} MiB; line skipped",
                    MAX_SOURCE_BYTES >> 20
                );
                problems.push(at(None, Level::Error, message));
                continue;
            }
            Ok((Line::Read, n)) => offset += n,
            Err(e) => {
                let message = format!("cannot read: {e}; the rest of the feed is not read");
                problems.push(at(None, Level::Error, message));
                break;
            }
        }
        let line_at = LineAt {
            len: raw.len(),
            ..line_at
        };
        match line_article(path, number, &raw, folder_story, fallback_published) {
            Ok(None) => {}
            Ok(Some((a, warning))) => {
                if let Some(w) = warning {
                    problems.push(at(None, Level::Warning, w));
                }
                each(line_at, a);
            }
            Err((column, message)) => problems.push(at(column, Level::Error, message)),
        }
    }
    problems
}

/// Reads the article of one line of a feed file again, from where [`scan_feed`] found it. A
/// line that cannot be read, or is no longer an article, is an error naming `path:line`.
pub fn read_line_at(
    path: &str,
    line: LineAt,
    fallback_published: Option<NaiveDate>,
) -> Result<FeedArticle, Problem> {
    let fail = |column: Option<usize>, message: String| Problem {
        level: Level::Error,
        path: path.to_string(),
        line: Some(line.number),
        column: Some(column.unwrap_or(1)),
        message,
    };
    let mut raw = vec![0; line.len];
    std::fs::File::open(path)
        .and_then(|mut f| {
            f.seek(SeekFrom::Start(line.offset))?;
            f.read_exact(&mut raw)
        })
        .map_err(|e| fail(None, format!("cannot read the line again: {e}")))?;
    match line_article(path, line.number, &raw, None, fallback_published) {
        Ok(Some((article, _))) => Ok(article),
        Ok(None) => Err(fail(None, "the line is blank now".to_string())),
        Err((column, message)) => Err(fail(column, message)),
    }
}

/// One raw line (with its line end) into an article and a warning; `None` for a blank line;
/// the column and message of its error.
type LineRead = Result<Option<(FeedArticle, Option<String>)>, (Option<usize>, String)>;

fn line_article(
    path: &str,
    number: usize,
    raw: &[u8],
    folder_story: Option<&str>,
    fallback_published: Option<NaiveDate>,
) -> LineRead {
    let mut line = raw;
    if number == 1 {
        line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
    }
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let text = std::str::from_utf8(line).map_err(|e| {
        let valid = e.valid_up_to();
        let column = String::from_utf8_lossy(&line[..valid]).chars().count() + 1;
        let message = format!("invalid UTF-8 (byte 0x{:02x}); line skipped", line[valid]);
        (Some(column), message)
    })?;
    article(path, number, text, folder_story, fallback_published).map(Some)
}

/// What reading one line gave.
enum Line {
    Read,
    TooLong,
    End,
}

/// Reads the next line (with its `\n`) into `out`, or skips it when it is too long; gives
/// what it found and the bytes it consumed.
fn next_line<R: BufRead>(reader: &mut R, out: &mut Vec<u8>) -> std::io::Result<(Line, u64)> {
    let limit = MAX_SOURCE_BYTES + 1;
    let n = reader.by_ref().take(limit).read_until(b'\n', out)? as u64;
    if n == 0 {
        return Ok((Line::End, 0));
    }
    if out.ends_with(b"\n") || n < limit {
        return Ok((Line::Read, n));
    }
    // Too long: skip to the end of the line.
    let mut skipped = n;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok((Line::TooLong, skipped));
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok((Line::TooLong, skipped + i as u64 + 1));
            }
            None => {
                let len = buf.len();
                reader.consume(len);
                skipped += len as u64;
            }
        }
    }
}

/// One line into an article (and a warning), or the column and message of its error.
fn article(
    path: &str,
    number: usize,
    text: &str,
    folder_story: Option<&str>,
    fallback_published: Option<NaiveDate>,
) -> Result<(FeedArticle, Option<String>), (Option<usize>, String)> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = format!("invalid JSON: {e}; line skipped");
        // serde_json appends " at line L column C"; the location is printed up front.
        let message = match message.find(" at line ") {
            Some(i) => format!("{}; line skipped", &message[..i]),
            None => message,
        };
        (Some(e.column().max(1)), message)
    })?;
    if !value.is_object() {
        return Err((
            None,
            "expected a JSON object (one article per line); line skipped".into(),
        ));
    }
    let line: FeedLine = serde_json::from_value(value)
        .map_err(|e| (None, format!("invalid article: {e}; line skipped")))?;
    let id = scalar("id", line.id)?;
    let story = scalar("story", line.story)?.or_else(|| folder_story.map(str::to_string));
    let Some(body) = line.text else {
        return Err((None, "article has no `text` field; line skipped".into()));
    };
    let published = match line.meta.published.as_deref().map(str::trim) {
        None | Some("") => fallback_published,
        Some(s) => Some(parse_date(s).ok_or_else(|| {
            (
                None,
                format!("`published: {s}` is not a YYYY-MM-DD date; line skipped"),
            )
        })?),
    };
    let outlet = line.meta.outlet.filter(|s| !s.trim().is_empty());
    let warning = body
        .trim()
        .is_empty()
        .then(|| "empty article: no text to read".to_string());
    let id_base = match (&id, &outlet) {
        (Some(id), _) => slug(id),
        (None, Some(outlet)) => slug(outlet),
        (None, None) => "article".to_string(),
    };
    let source = Source {
        id: id_base.clone(),
        path: match &id {
            Some(id) => format!("{path}#{id}"),
            None => format!("{path}#L{number}"),
        },
        outlet,
        url: line.meta.url,
        published,
        title: line.meta.title,
        text: body,
        body_start: 0,
        origin: crate::model::TextOrigin::File,
        file_text: None,
    };
    Ok((
        FeedArticle {
            source,
            story,
            id_base,
        },
        warning,
    ))
}

/// A string or number field as text; `null` and blank strings are absent.
fn scalar(field: &str, value: Option<Value>) -> Result<Option<String>, (Option<usize>, String)> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err((
            None,
            format!("`{field}` must be a string or a number, not {other}; line skipped"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8]) -> (Vec<FeedArticle>, Vec<Problem>) {
        read_feed("desk.jsonl", text, None, None)
    }

    #[test]
    fn lines_become_articles_with_their_metadata() {
        let (articles, problems) = parse(
            b"{\"id\":\"AFP 1\",\"outlet\":\"AFP\",\"published\":\"2020-09-09T10:00:00Z\",\"text\":\"Some 2,200 troops.\",\"story\":\"iraq\",\"lang\":\"en\"}\n\n{\"outlet\":\"Wire\",\"text\":\"x\",\"story\":7}\r\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(articles.len(), 2);
        let a = &articles[0];
        assert_eq!(a.id_base, "afp-1");
        assert_eq!(a.source.path, "desk.jsonl#AFP 1");
        assert_eq!(a.source.published, NaiveDate::from_ymd_opt(2020, 9, 9));
        assert_eq!(a.source.text, "Some 2,200 troops.");
        assert_eq!(a.story.as_deref(), Some("iraq"));
        assert_eq!(articles[1].source.path, "desk.jsonl#L3");
        assert_eq!(articles[1].story.as_deref(), Some("7"));
        assert_eq!(articles[1].id_base, "wire");
    }

    #[test]
    fn bad_lines_are_located_and_the_rest_is_read() {
        let (articles, problems) = parse(
            b"{\"text\":\"one\"}\n{\"text\": \"two\",,}\n{\"id\":\"x\"}\n[1]\n{\"text\":\"five\",\"published\":\"soon\"}\n{\"text\":\"  \"}\n{\"text\":\"ok \xff\"}\n",
        );
        assert_eq!(articles.len(), 2, "{problems:?}");
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            shown[0].starts_with("error: desk.jsonl:2:16: invalid JSON"),
            "{shown:?}"
        );
        assert!(
            shown[1].contains("desk.jsonl:3:1: article has no `text`"),
            "{shown:?}"
        );
        assert!(
            shown[2].contains(":4:1: expected a JSON object"),
            "{shown:?}"
        );
        assert!(shown[3].contains(":5:1: `published: soon`"), "{shown:?}");
        assert!(
            shown[4].starts_with("warning: desk.jsonl:6:1: empty"),
            "{shown:?}"
        );
        assert!(
            shown[5].starts_with("error: desk.jsonl:7:13: invalid UTF-8"),
            "{shown:?}"
        );
    }

    #[test]
    fn each_line_is_read_again_from_where_it_was_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.jsonl");
        let feed = "\u{feff}{\"id\":\"a\",\"text\":\"Some 300 left.\"}\r\n\n{\"text\": x}\n{\"outlet\":\"Wire\",\"text\":\"Café: 12 tables.\",\"story\":\"s\"}";
        std::fs::write(&path, feed).unwrap();
        let path = path.to_string_lossy().into_owned();
        let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
        let mut found = Vec::new();
        let problems = scan_feed(&path, file, None, None, |at, a| found.push((at, a)));
        assert_eq!(problems.len(), 1, "{problems:?}");
        let numbers: Vec<usize> = found.iter().map(|(at, _)| at.number).collect();
        assert_eq!(numbers, [1, 4]);
        for (at, scanned) in &found {
            let again = read_line_at(&path, *at, None).unwrap();
            assert_eq!(again.source.text, scanned.source.text);
            assert_eq!(again.source.path, scanned.source.path);
            assert_eq!(again.id_base, scanned.id_base);
        }
        assert_eq!(found[1].1.source.text, "Café: 12 tables.");
        // A line that is no article any more is an error naming it.
        std::fs::write(&path, "{}\n").unwrap();
        let e = read_line_at(&path, found[1].0, None).unwrap_err();
        assert!(e.to_string().contains("desk.jsonl:4:1: cannot read"), "{e}");
    }

    #[test]
    fn folder_story_is_the_default() {
        let (a, _) = read_feed("f.ndjson", &b"{\"text\":\"t\"}"[..], Some("mali"), None);
        assert_eq!(a[0].story.as_deref(), Some("mali"));
        assert!(is_feed_path("x/F.NDJSON") && !is_feed_path("x.json"));
    }
}
