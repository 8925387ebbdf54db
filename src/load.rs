//! Load: files, directories and standard input into [`Source`]s.
//!
//! Takes paths (files, directories searched recursively for `.txt`, `.md`, `.markdown`, `.html`
//! and `.htm` articles and `.jsonl`/`.ndjson` feeds, manifests, or `-` for standard input, one
//! article or, with [`LoadOptions::stdin_feed`], a feed) and a fallback publication date; gives the
//! sources in input order (each directory's files sorted by path), the story of each (from a feed
//! line's `story`, a manifest, or story folders: a directory with no article of its own whose
//! articles all sit in immediate sub-folders is one story per sub-folder) and the problems met on
//! the way. Feeds are read by [`crate::feed`], manifests by [`crate::manifest`] (whose metadata
//! overrides win over the file's own).
//!
//! Two ways to load: [`load`] reads every text into memory; [`index`] reads every input once (for
//! its problems and the metadata ids are made from) and keeps only each source's id, story and
//! where its text is — a file, or a feed line's byte offset — so that a story's texts are read
//! again ([`Entry::read`], [`read_all`]) only when the story runs, and memory holds no text of the
//! whole input. Both give the same ids, stories and problems, in the same order. Standard input
//! cannot be read twice: what it holds (one article, or a feed's articles) is kept whole.
//!
//! Metadata comes from optional
//! YAML front matter (`outlet`, `url`, `published`, `title`; other keys are allowed and ignored, as
//! in static-site front matter) or, for scraped text, from a leading `date YYYY-MM-DD` line. Each
//! source gets a stable id: the slug of its outlet, else of its file stem, made unique with `-2`,
//! `-3` ... in input order.
//!
//! By extension: saved web pages (`.html`, `.htm`, or standard input starting with `<!doctype
//! html` / `<html`) are read by [`crate::page`] (their text is the extracted article); Markdown
//! (`.md`, `.markdown`) gets its markup blanked by [`crate::markup`] (same length, so spans stay
//! offsets into the file); other files are plain text. A byte-order mark is dropped and UTF-16
//! with one is decoded ([`crate::charset`]).
//!
//! Bad input is reported, never a panic: a missing path, an unreadable, binary, non-UTF-8 or
//! oversized file is an error for that path (the run goes on with the others; the exit code is
//! 2); an empty file is a warning and stays in the run as a source with no claims.

use std::collections::BTreeSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Deserialize;

use crate::manifest::{self, Overrides};
use crate::model::{Source, TextOrigin};
use crate::rules::yaml;

/// Files larger than this are refused (a news article is a few kilobytes).
pub const MAX_SOURCE_BYTES: u64 = 64 << 20;

/// Extensions read when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// How bad a loading problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Warning,
    Error,
}

/// A problem with one input, named by its path (and line:col where there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub level: Level,
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Warning => "warning",
            Level::Error => "error",
        };
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{level}: {}:{l}:{c}: {}", self.path, self.message),
            _ => write!(f, "{level}: {}: {}", self.path, self.message),
        }
    }
}

/// The sources read and the problems met.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub problems: Vec<Problem>,
    /// The story of each source (same order as `sources`): from a feed line's `story`, a
    /// manifest, or a story folder; `None` when the input names none.
    pub stories: Vec<Option<String>>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.level == Level::Error)
    }

    fn push(&mut self, source: Source, story: Option<String>) {
        self.sources.push(source);
        self.stories.push(story);
    }
}

/// Front matter fields corroborate reads (feed lines carry the same fields).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct FrontMatter {
    #[serde(default)]
    pub(crate) outlet: Option<String>,
    #[serde(default)]
    pub(crate) url: Option<String>,
    #[serde(default)]
    pub(crate) published: Option<String>,
    #[serde(default)]
    pub(crate) title: Option<String>,
}

/// How to load: the fallback publication date, and what standard input holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Publication date for sources that give none.
    pub published: Option<NaiveDate>,
    /// Standard input (`-`) is a JSON Lines feed rather than one plain-text article.
    pub stdin_feed: bool,
}

/// Loads every path in order.
pub fn load_paths(paths: &[String], fallback_published: Option<NaiveDate>) -> Loaded {
    let options = LoadOptions {
        published: fallback_published,
        stdin_feed: false,
    };
    load(paths, &options)
}

/// One input waiting to be read into sources: an article's bytes (a file given on the command
/// line, read up front to tell a manifest; standard input), an article file found in a directory
/// or listed in a manifest (read with the others, in parallel), or a feed (streamed line by line
/// when its turn comes), with the story and metadata overrides it comes with (from a story
/// folder or a manifest).
struct Pending {
    path: String,
    body: Body,
    story: Option<String>,
    /// A manifest's metadata for the file, when it sets any.
    overrides: Option<Box<Overrides>>,
}

enum Body {
    Article(Box<Result<Vec<u8>, Problem>>),
    /// An article file, read when sources are parsed.
    ArticleFile,
    /// An article file a manifest lists, read when sources are parsed; when it cannot be read,
    /// the error names the manifest's line (this problem, its message the start of the error's).
    ListedFile(Box<Problem>),
    /// A feed file, opened when read.
    FeedFile,
    /// Standard input read as a feed.
    FeedStdin,
}

impl Pending {
    fn new(path: String, body: Body, story: Option<String>) -> Pending {
        Pending {
            path,
            body,
            story,
            overrides: None,
        }
    }
}

/// Loads every path in order: files (articles, feeds, manifests), directories (each
/// sub-folder a story when every article sits in one) and standard input. Every text is read
/// into memory: [`index`] keeps only where each is.
pub fn load(paths: &[String], options: &LoadOptions) -> Loaded {
    let index = index_with(paths, options, Keep::Texts);
    let mut loaded = Loaded {
        problems: index.problems,
        ..Loaded::default()
    };
    for (entry, story) in index.entries.into_iter().zip(index.stories) {
        match entry.into_source(options) {
            Ok(source) => loaded.push(source, story),
            Err(p) => loaded.problems.push(p),
        }
    }
    loaded
}

/// The sources of a run, not read yet: each one's run-wide id, story and where its text is,
/// with the problems met finding them. Made by [`index`]; each [`Entry`] is read with
/// [`Entry::read`] (or a story's with [`read_all`]) when it is wanted.
#[derive(Debug, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// The story of each entry (same order as `entries`), as in [`Loaded::stories`].
    pub stories: Vec<Option<String>>,
    pub problems: Vec<Problem>,
}

impl Index {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.level == Level::Error)
    }

    fn push(
        &mut self,
        id: String,
        path: String,
        mut at: At,
        overrides: Option<Box<Overrides>>,
        story: Option<String>,
    ) {
        if let At::Held(source) = &mut at {
            source.id = id.clone();
        }
        self.entries.push(Entry {
            id,
            path,
            at,
            overrides,
        });
        self.stories.push(story);
    }
}

/// A manifest's overrides, kept only when they set something.
fn boxed(overrides: Overrides) -> Option<Box<Overrides>> {
    (overrides != Overrides::default()).then(|| Box::new(overrides))
}

/// One source of an [`Index`]: its id (unique in the run, given in input order) and where its
/// text is read from.
#[derive(Debug)]
pub struct Entry {
    pub id: String,
    /// The file the text is in (for a feed's article, the feed).
    pub path: String,
    at: At,
    /// A manifest's metadata for the file, set over what it says when it is read.
    overrides: Option<Box<Overrides>>,
}

/// Where an entry's text is.
#[derive(Debug)]
enum At {
    /// An article file, read again whole.
    File,
    /// One line of a feed file.
    FeedLine(crate::feed::LineAt),
    /// Read already and kept: standard input (which cannot be read twice), or every source when
    /// the whole input is loaded at once.
    Held(Box<Source>),
}

/// What indexing keeps of the sources it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Only ids, stories and where texts are (standard input's articles whole).
    Places,
    /// Every source whole.
    Texts,
}

impl Entry {
    /// Reads the source: its text again from its file (or feed line), the metadata a manifest
    /// sets over it, and its id. The warnings met reading it were given by [`index`] already; a
    /// file that cannot be read now (changed or removed since) is an error for its path.
    pub fn read(&self, options: &LoadOptions) -> Result<Source, Problem> {
        let mut source = match &self.at {
            At::Held(source) => return Ok(Source::clone(source)),
            At::File => {
                read_file(&self.path)
                    .and_then(|b| parse_source(&self.path, b, options.published))?
                    .0
            }
            At::FeedLine(line) => {
                crate::feed::read_line_at(&self.path, *line, options.published)?.source
            }
        };
        if let Some(o) = &self.overrides {
            o.apply(&mut source);
        }
        source.id = self.id.clone();
        Ok(source)
    }

    /// [`Entry::read`], moving a kept source out rather than copying it.
    fn into_source(self, options: &LoadOptions) -> Result<Source, Problem> {
        match self.at {
            At::Held(source) => Ok(*source),
            _ => self.read(options),
        }
    }
}

/// Reads the sources of `entries` (in parallel), in order, with the problems of those that
/// could not be read.
pub fn read_all(entries: &[Entry], options: &LoadOptions) -> (Vec<Source>, Vec<Problem>) {
    let read: Vec<Result<Source, Problem>> = entries.par_iter().map(|e| e.read(options)).collect();
    let mut sources = Vec::with_capacity(read.len());
    let mut problems = Vec::new();
    for r in read {
        match r {
            Ok(s) => sources.push(s),
            Err(p) => problems.push(p),
        }
    }
    (sources, problems)
}

/// Finds every source of the paths, in order, as [`load`] does (same ids, stories and
/// problems), keeping only where each text is: memory holds no text but standard input's. Every
/// file is read once here (in parallel, a bounded batch at a time), for the problems and the
/// metadata ids are made from, and its text dropped.
pub fn index(paths: &[String], options: &LoadOptions) -> Index {
    index_with(paths, options, Keep::Places)
}

fn index_with(paths: &[String], options: &LoadOptions, keep: Keep) -> Index {
    let mut index = Index::default();
    let mut pending: Vec<Pending> = Vec::new();
    for path in paths {
        if path == "-" && options.stdin_feed {
            pending.push(Pending::new(path.clone(), Body::FeedStdin, None));
            continue;
        }
        if path == "-" {
            let mut bytes = Vec::new();
            let read = std::io::stdin()
                .take(MAX_SOURCE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map(|_| bytes)
                .map_err(|e| {
                    problem(
                        Level::Error,
                        "-",
                        format!("cannot read standard input: {e}"),
                    )
                });
            let body = Body::Article(Box::new(read.and_then(|b| check_size("-", b))));
            pending.push(Pending::new(path.clone(), body, None));
            continue;
        }
        let p = Path::new(path);
        match std::fs::metadata(p) {
            Err(e) => index
                .problems
                .push(problem(Level::Error, path, describe_io(&e))),
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                if let Err(e) = walk(p, &mut found) {
                    index.problems.push(e);
                }
                found.sort();
                if found.is_empty() {
                    index.problems.push(problem(
                        Level::Warning,
                        path,
                        format!("directory holds no {} files", EXTENSIONS.join("/")),
                    ));
                }
                let stories = story_folders(p, &found);
                for (i, f) in found.into_iter().enumerate() {
                    let story = stories.as_ref().and_then(|s| s[i].clone());
                    let path = f.to_string_lossy().into_owned();
                    let body = match crate::feed::is_feed_path(&path) {
                        true => Body::FeedFile,
                        false => Body::ArticleFile,
                    };
                    pending.push(Pending::new(path, body, story));
                }
            }
            Ok(_) if crate::feed::is_feed_path(path) => {
                pending.push(Pending::new(path.clone(), Body::FeedFile, None));
            }
            Ok(_) => match read_file(path) {
                Ok(b) if manifest::is_manifest(path, &b) => {
                    pending.extend(listed_files(path, &b, &mut index.problems));
                }
                bytes => {
                    let body = Body::Article(Box::new(bytes));
                    pending.push(Pending::new(path.clone(), body, None));
                }
            },
        }
    }
    // Articles are read and parsed in parallel (their texts dropped there unless kept), a
    // batch at a time; ids (unique in input order), problems and feeds follow in input order.
    let batch = 256 * rayon::current_num_threads();
    let mut pending = pending.into_iter();
    let mut ids = BTreeSet::new();
    loop {
        let inputs: Vec<Pending> = pending.by_ref().take(batch).collect();
        if inputs.is_empty() {
            break;
        }
        let parsed: Vec<(Pending, Option<Parsed>)> = inputs
            .into_par_iter()
            .map(|mut input| {
                // Standard input cannot be read again.
                let held = keep == Keep::Texts || input.path == "-";
                let parsed = parse_pending(&mut input, options.published, held).map(|read| {
                    let (mut source, warnings) = read?;
                    if let Some(o) = &input.overrides {
                        o.apply(&mut source);
                    }
                    let base = id_base(&source, &input.path);
                    Ok((base, held.then(|| Box::new(source)), warnings))
                });
                (input, parsed)
            })
            .collect();
        for (input, parsed) in parsed {
            match parsed {
                None => read_feed(input, options.published, keep, &mut ids, &mut index),
                Some(Ok((base, held, warnings))) => {
                    let at = match held {
                        Some(source) => At::Held(source),
                        None => At::File,
                    };
                    index.problems.extend(warnings);
                    let id = unique(&mut ids, base);
                    index.push(id, input.path, at, input.overrides, input.story);
                }
                Some(Err(p)) => index.problems.push(p),
            }
        }
    }
    index
}

/// An article read, what its id is made from (with the source when it is kept) and its
/// warnings, or the problem that kept it out.
type Parsed = Result<(String, Option<Box<Source>>, Vec<Problem>), Problem>;

/// Reads an article input into a source, id not yet given (its Markdown blanked only when
/// `whole`: the text is kept); `None` for a feed (read later, in turn).
fn parse_pending(
    input: &mut Pending,
    fallback_published: Option<NaiveDate>,
    whole: bool,
) -> Option<Result<(Source, Vec<Problem>), Problem>> {
    let bytes = match std::mem::replace(&mut input.body, Body::ArticleFile) {
        Body::Article(bytes) => *bytes,
        Body::ArticleFile => read_file(&input.path),
        Body::ListedFile(listed) => read_file(&input.path).map_err(|p| Problem {
            message: format!("{}{}", listed.message, p.message),
            ..*listed
        }),
        feed @ (Body::FeedFile | Body::FeedStdin) => {
            input.body = feed;
            return None;
        }
    };
    Some(bytes.and_then(|b| read_source(&input.path, b, fallback_published, whole)))
}

/// Streams a feed's lines into entries: each article kept whole when `keep` says so or the feed
/// is standard input, else only where its line is.
fn read_feed(
    input: Pending,
    fallback_published: Option<NaiveDate>,
    keep: Keep,
    ids: &mut BTreeSet<String>,
    index: &mut Index,
) {
    let story = input.story.as_deref();
    let overrides = &input.overrides;
    // Standard input cannot be read again.
    let held = keep == Keep::Texts || matches!(input.body, Body::FeedStdin);
    let mut found = 0;
    let mut each = |line: crate::feed::LineAt, article: crate::feed::FeedArticle| {
        found += 1;
        let mut source = article.source;
        let at = match held {
            true => {
                if let Some(o) = &overrides {
                    o.apply(&mut source);
                }
                At::Held(Box::new(source))
            }
            false => At::FeedLine(line),
        };
        let id = unique(ids, article.id_base);
        index.push(id, input.path.clone(), at, overrides.clone(), article.story);
    };
    let problems = match input.body {
        Body::FeedStdin => {
            let stdin = std::io::stdin().lock();
            crate::feed::scan_feed(&input.path, stdin, story, fallback_published, &mut each)
        }
        _ => match std::fs::File::open(&input.path) {
            Ok(f) => {
                let reader = std::io::BufReader::new(f);
                crate::feed::scan_feed(&input.path, reader, story, fallback_published, &mut each)
            }
            Err(e) => {
                let p = problem(Level::Error, &input.path, describe_io(&e));
                return index.problems.push(p);
            }
        },
    };
    let errors = problems.iter().any(|p| p.level == Level::Error);
    index.problems.extend(problems);
    if found == 0 && !errors {
        index.problems.push(problem(
            Level::Warning,
            &input.path,
            "feed holds no articles".to_string(),
        ));
    }
}

/// The files a manifest lists, ready to read; a listed file that cannot be read is an error
/// naming the manifest line and the file.
fn listed_files(path: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Vec<Pending> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            problems.push(problem(
                Level::Error,
                path,
                "manifest is not valid UTF-8".to_string(),
            ));
            return Vec::new();
        }
    };
    let listed = match manifest::parse_manifest(path, text) {
        Ok(l) => l,
        Err(errors) => {
            problems.extend(errors);
            return Vec::new();
        }
    };
    if listed.is_empty() {
        problems.push(problem(
            Level::Warning,
            path,
            "manifest lists no sources".to_string(),
        ));
    }
    let mut pending = Vec::new();
    for entry in listed {
        let not_read = |message: String| Problem {
            level: Level::Error,
            path: path.to_string(),
            line: entry.line,
            column: entry.column,
            message: format!("listed file `{}` ({}): {message}", entry.listed, entry.path),
        };
        match std::fs::metadata(&entry.path) {
            Err(e) => problems.push(not_read(describe_io(&e))),
            Ok(meta) if meta.is_dir() => problems.push(not_read(
                "is a directory; a manifest lists article and feed files".to_string(),
            )),
            Ok(_) => {
                let body = match crate::feed::is_feed_path(&entry.path) {
                    true => Body::FeedFile,
                    false => Body::ListedFile(Box::new(not_read(String::new()))),
                };
                let mut input = Pending::new(entry.path, body, entry.story);
                input.overrides = boxed(entry.overrides);
                pending.push(input);
            }
        }
    }
    pending
}

/// The story of each file found under `dir`, when no article sits directly in it and every
/// article sits in an immediate sub-folder: the sub-folder's name. `None` otherwise (the
/// folder is one story).
fn story_folders(dir: &Path, found: &[PathBuf]) -> Option<Vec<Option<String>>> {
    let mut stories = Vec::with_capacity(found.len());
    for f in found {
        let relative = f.strip_prefix(dir).ok()?;
        let parts: Vec<_> = relative.components().collect();
        if parts.len() != 2 {
            return None;
        }
        stories.push(Some(parts[0].as_os_str().to_string_lossy().into_owned()));
    }
    (!stories.is_empty()).then_some(stories)
}

fn problem(level: Level, path: &str, message: String) -> Problem {
    Problem {
        level,
        path: path.to_string(),
        line: None,
        column: None,
        message,
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Problem> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| problem(Level::Error, &dir.to_string_lossy(), describe_io(&e)))?;
    for entry in entries {
        let entry =
            entry.map_err(|e| problem(Level::Error, &dir.to_string_lossy(), describe_io(&e)))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| problem(Level::Error, &path.to_string_lossy(), describe_io(&e)))?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if crate::feed::is_feed_path(&path.to_string_lossy())
            || path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn read_file(path: &str) -> Result<Vec<u8>, Problem> {
    let file =
        std::fs::File::open(path).map_err(|e| problem(Level::Error, path, describe_io(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| problem(Level::Error, path, describe_io(&e)))?;
    check_size(path, bytes)
}

fn check_size(path: &str, bytes: Vec<u8>) -> Result<Vec<u8>, Problem> {
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(problem(
            Level::Error,
            path,
            format!(
                "file is larger than {} MiB; not read",
                MAX_SOURCE_BYTES >> 20
            ),
        ));
    }
    Ok(bytes)
}

/// Line and column (1-based, column in characters) of byte offset `at`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Turns file bytes into a source: checks for binary and UTF-8, reads metadata.
pub fn parse_source(
    path: &str,
    bytes: Vec<u8>,
    fallback_published: Option<NaiveDate>,
) -> Result<(Source, Vec<Problem>), Problem> {
    read_source(path, bytes, fallback_published, true)
}

/// [`parse_source`]; when not `whole` (only the metadata and problems are wanted, the text is
/// dropped), a Markdown file's markup is left as it is.
fn read_source(
    path: &str,
    bytes: Vec<u8>,
    fallback_published: Option<NaiveDate>,
    whole: bool,
) -> Result<(Source, Vec<Problem>), Problem> {
    let mut warnings = Vec::new();
    if is_html(path, &bytes) {
        let (source, notes) = crate::page::page_source(path, &bytes, fallback_published)
            .map_err(|e| problem(Level::Error, path, e))?;
        let notes = notes.into_iter().map(|n| problem(Level::Warning, path, n));
        return Ok((source, notes.collect()));
    }
    let bytes = match crate::charset::decode_with_bom(&bytes) {
        Some(decoded) => {
            warnings.extend(decoded.warning.map(|w| problem(Level::Warning, path, w)));
            decoded.text.into_bytes()
        }
        None => bytes,
    };
    if bytes.contains(&0) {
        return Err(problem(
            Level::Error,
            path,
            "binary file (contains NUL bytes); not read".to_string(),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        let (line, column) = line_col(&valid, at);
        Problem {
            level: Level::Error,
            path: path.to_string(),
            line: Some(line),
            column: Some(column),
            message: format!(
                "invalid UTF-8 (byte 0x{:02x} at offset {at}); not read",
                e.as_bytes()[at]
            ),
        }
    })?;
    let (front, body_start) = front_matter(path, &text)?;
    let mut published = None;
    if let Some(s) = &front.published {
        published = Some(parse_date(s).ok_or_else(|| {
            problem(
                Level::Error,
                path,
                format!("front matter `published: {s}` is not a YYYY-MM-DD date"),
            )
        })?);
    }
    let mut body_start = body_start;
    if let Some((date, end)) = scraped_date_line(&text[body_start..]) {
        published = published.or(Some(date));
        body_start += end;
    }
    if text[body_start..].trim().is_empty() {
        warnings.push(problem(
            Level::Warning,
            path,
            "empty source: no text to read".to_string(),
        ));
    }
    let (origin, text, file_text) = if whole && has_extension(path, &["md", "markdown"]) {
        let prose = crate::markup::blank_markdown(&text, body_start);
        (TextOrigin::Markdown, prose, Some(text))
    } else {
        (TextOrigin::File, text, None)
    };
    let source = Source {
        id: stem_id(path),
        path: path.to_string(),
        outlet: front.outlet.filter(|s| !s.trim().is_empty()),
        url: front.url,
        published: published.or(fallback_published),
        title: front.title,
        text,
        body_start,
        origin,
        file_text,
    };
    Ok((source, warnings))
}

/// A source's id before it is made unique: the file stem, `stdin` for standard input.
pub(crate) fn stem_id(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned())
}

fn has_extension(path: &str, extensions: &[&str]) -> bool {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
}

/// A saved web page: an `.html`/`.htm` file, or standard input that starts like one.
fn is_html(path: &str, bytes: &[u8]) -> bool {
    if path == "-" {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        return head.starts_with("<!doctype html") || head.starts_with("<html");
    }
    has_extension(path, &["html", "htm"])
}

/// `YYYY-MM-DD`, or a timestamp starting with one.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Splits off `---` front matter; gives its fields and where the body starts.
fn front_matter(path: &str, text: &str) -> Result<(FrontMatter, usize), Problem> {
    let rest = match text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    {
        Some(rest) => rest,
        None => return Ok((FrontMatter::default(), 0)),
    };
    let open = text.len() - rest.len();
    let mut offset = open;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml_text = &text[open..offset];
            let front = if yaml_text.trim().is_empty() {
                FrontMatter::default()
            } else {
                yaml::parse::<FrontMatter>(path, yaml_text).map_err(|e| Problem {
                    level: Level::Error,
                    path: path.to_string(),
                    // The YAML starts on line 2 of the file.
                    line: e.line.map(|l| l + 1),
                    column: e.column,
                    message: format!("invalid front matter: {}", e.message),
                })?
            };
            return Ok((front, offset + line.len()));
        }
        offset += line.len();
    }
    Err(problem(
        Level::Error,
        path,
        "front matter opened with `---` is never closed".to_string(),
    ))
}

/// A leading `date YYYY-MM-DD` (scraped pages put it before the text); gives the date and the
/// byte length of the marker, so the caption after it on the same line stays in the body.
fn scraped_date_line(body: &str) -> Option<(NaiveDate, usize)> {
    let trimmed = body.trim_start();
    let lead = body.len() - trimmed.len();
    let rest = trimmed.strip_prefix("date ")?;
    let date = NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()?;
    let after = rest[10..].chars().next();
    if after.is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some((date, lead + "date ".len() + 10))
}

/// A slug: lower-case letters and digits, other runs as single `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "source".to_string()
    } else {
        out
    }
}

/// What a source's id is made from: the slug of its outlet, else `stdin` for standard input,
/// else the slug of its file stem.
fn id_base(source: &Source, path: &str) -> String {
    match &source.outlet {
        Some(o) => slug(o),
        None if path == "-" => "stdin".to_string(),
        None => slug(&source.id),
    }
}

/// `base`, or `base-2`, `base-3` ... whichever is not taken yet; marks it taken.
fn unique(taken: &mut BTreeSet<String>, base: String) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(Source, Vec<Problem>), Problem> {
        parse_source("a/story.md", text.as_bytes().to_vec(), None)
    }

    #[test]
    fn front_matter_gives_metadata_and_body_offset() {
        let text = "---\noutlet: FRANCE 24\npublished: 2020-09-09\nauthor: x\n---\nBody here.";
        let (s, w) = parse(text).unwrap();
        assert!(w.is_empty());
        assert_eq!(s.outlet.as_deref(), Some("FRANCE 24"));
        assert_eq!(s.published, NaiveDate::from_ymd_opt(2020, 9, 9));
        assert_eq!(&s.text[s.body_start..], "Body here.");
    }

    #[test]
    fn scraped_date_line_is_publication_date_and_caption_stays() {
        let (s, _) = parse(" date 2020-09-09 Troops at a base in 2017.\n\nText.").unwrap();
        assert_eq!(s.published, NaiveDate::from_ymd_opt(2020, 9, 9));
        assert_eq!(
            &s.text[s.body_start..],
            " Troops at a base in 2017.\n\nText."
        );
    }

    #[test]
    fn malformed_front_matter_is_located() {
        let err = parse("---\noutlet: [unclosed\n---\nBody").unwrap_err();
        assert_eq!(err.level, Level::Error);
        assert!(err.line.is_some(), "{err}");
        assert!(err.to_string().starts_with("error: a/story.md:"), "{err}");
    }

    #[test]
    fn bad_dates_binary_and_utf8_are_errors() {
        assert!(parse("---\npublished: yesterday\n---\nx").is_err());
        assert!(
            parse_source("b.txt", vec![b'a', 0, b'b'], None)
                .unwrap_err()
                .message
                .contains("binary")
        );
        let e = parse_source("c.txt", b"ok\nbad \xff here".to_vec(), None).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(5)));
    }

    #[test]
    fn byte_order_marks_are_dropped_and_utf16_decoded() {
        let (s, w) =
            parse_source("a.txt", b"\xef\xbb\xbfdate 2020-09-09 Text.".to_vec(), None).unwrap();
        assert!(w.is_empty());
        assert_eq!(s.published, NaiveDate::from_ymd_opt(2020, 9, 9));
        let mut utf16 = vec![0xfe, 0xff];
        for unit in "---\noutlet: Wire\n---\nCafé, 5 tables.".encode_utf16() {
            utf16.extend(unit.to_be_bytes());
        }
        let (s, _) = parse_source("b.md", utf16, None).unwrap();
        assert_eq!(s.outlet.as_deref(), Some("Wire"));
        assert_eq!(&s.text[s.body_start..], "Café, 5 tables.");
    }

    #[test]
    fn empty_file_is_a_warning() {
        let (_, w) = parse("  \n").unwrap();
        assert_eq!(w[0].level, Level::Warning);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("FRANCE 24"), "france-24");
        assert_eq!(slug("TRT World"), "trt-world");
        assert_eq!(slug("--"), "source");
    }
}
