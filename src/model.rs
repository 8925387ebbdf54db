//! The data model every stage shares: sources, sentences, tokens, claims.
//!
//! Takes nothing; gives the types. Stages fill them in order: `load` makes a [`Source`], `segment`
//! makes [`Sentence`]s and [`Token`]s, the extractors make [`Claim`]s (with their kind-specific
//! detail), `normalize` fills intervals and canonical names, and `context` attaches the places,
//! actors and times that tell facts apart. Spans are byte ranges into [`Source::text`] everywhere;
//! line and column are computed only when rendering.

use chrono::NaiveDate;
use serde::Serialize;

/// A byte range `[start, end)` into a source's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One article: its text (front matter removed, byte offsets preserved by keeping the original
/// text and recording where the body starts) and its metadata.
#[derive(Debug, Clone)]
pub struct Source {
    /// Stable id: slug of the outlet, else of the file stem, made unique within the run.
    pub id: String,
    /// The path as given (or `-` for standard input).
    pub path: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    /// The whole file text. Claims' spans index into it.
    pub text: String,
    /// Where the article body starts in `text` (after front matter); extraction reads from here.
    pub body_start: usize,
    /// What `text` is, and so what spans index.
    pub origin: TextOrigin,
    /// The file as read, when `text` is a rewritten copy of the same byte length (Markdown with
    /// its markup blanked): lines and columns are counted in it.
    pub file_text: Option<String>,
}

/// What a source's text is made from, and so what claims' byte spans index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextOrigin {
    /// The file's own text (plain text, or decoded from UTF-16): spans index the file's text.
    #[default]
    File,
    /// A Markdown file with its markup blanked to spaces: spans are byte offsets into the file.
    Markdown,
    /// The article text extracted from a saved web page: spans index that text, not the HTML.
    Html,
}

impl Source {
    /// A source with no metadata whose whole text is the body (for tests, and for callers that
    /// already hold the text).
    pub fn from_text(id: &str, text: &str) -> Source {
        Source {
            id: id.to_string(),
            path: format!("{id}.txt"),
            outlet: None,
            url: None,
            published: None,
            title: None,
            text: text.to_string(),
            body_start: 0,
            origin: TextOrigin::File,
            file_text: None,
        }
    }

    /// The name an editor knows the source by: the outlet, else the id.
    pub fn display_name(&self) -> &str {
        self.outlet.as_deref().unwrap_or(&self.id)
    }

    /// The text lines and columns are counted in: the file as read where `text` rewrites it.
    pub fn located_text(&self) -> &str {
        self.file_text.as_deref().unwrap_or(&self.text)
    }

    /// The text at `span` as a reader sees it, on one line: whitespace runs as single spaces and,
    /// where `text` blanks the file's markup, the blanked markup left out ("hectares**," reads
    /// "hectares,", not "hectares ,").
    pub fn readable(&self, span: Span) -> String {
        let text = self.slice(span);
        let file = match &self.file_text {
            Some(file) if file.len() == self.text.len() => Some(&file.as_bytes()[span.start..]),
            _ => None,
        };
        // One pass: blanked markup dropped, whitespace runs between words kept as one space.
        let mut out = String::with_capacity(text.len());
        let mut gap = false;
        for (i, c) in text.char_indices() {
            if c == ' ' && file.is_some_and(|f| !f[i].is_ascii_whitespace()) {
                continue;
            }
            if c.is_whitespace() {
                gap = !out.is_empty();
                continue;
            }
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
        out
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }
}

/// A sentence of a source, as a byte span into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph (blocks separated by blank lines) the sentence belongs to.
    pub paragraph: usize,
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or dots ("U.S.", "al-Kadhemi", "McKenzie's").
    Word,
    /// Digits with separators and decimals ("5,200", "1.5", "2020").
    Number,
    /// Any other visible character (punctuation, symbols), one per token.
    Punct,
}

/// A token with its byte span; `sentence` is the index into the source's sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub sentence: usize,
}

/// A segmented source, ready for the extractors.
#[derive(Debug)]
pub struct Document<'a> {
    pub source: &'a Source,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Document<'_> {
    pub fn text(&self) -> &str {
        &self.source.text
    }

    pub fn token_text(&self, token: &Token) -> &str {
        &self.source.text[token.span.start..token.span.end]
    }

    /// Index of the sentence that contains byte offset `at` (the last one starting at or before it).
    pub fn sentence_at(&self, at: usize) -> usize {
        match self.sentences.binary_search_by(|s| s.span.start.cmp(&at)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// The tokens of sentence `index`.
    pub fn sentence_tokens(&self, index: usize) -> &[Token] {
        let start = self.tokens.partition_point(|t| t.sentence < index);
        let end = self.tokens.partition_point(|t| t.sentence <= index);
        &self.tokens[start..end]
    }
}

/// The kinds of claim the extractors produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    Quantity,
    Time,
    Quote,
    Entity,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "quantity",
            ClaimKind::Time => "time",
            ClaimKind::Quote => "quote",
            ClaimKind::Entity => "entity",
        }
    }

    /// One letter used in claim ids (`france-24:q3`).
    pub fn id_letter(self) -> char {
        match self {
            ClaimKind::Quantity => 'q',
            ClaimKind::Time => 't',
            ClaimKind::Quote => 'p',
            ClaimKind::Entity => 'e',
        }
    }
}

/// A claim read from one source.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Stable id, assigned after extraction: `<source id>:<kind letter><n>` in text order.
    pub id: String,
    /// Index of the source in the run's source list.
    pub source: usize,
    /// The exact source text at `span`.
    pub text: String,
    pub span: Span,
    /// Index of the sentence (in the source's [`Document`]) that holds the claim.
    pub sentence: usize,
    /// The byte span of that sentence; filled by the pipeline after extraction.
    pub sentence_span: Span,
    pub detail: ClaimDetail,
    /// True for values computed from other claims (a change derived from a before and an after).
    pub derived: bool,
    /// Ids of the claims a derived claim was computed from.
    pub derived_from: Vec<String>,
    /// Places, actors, times and words around the claim; filled by `context`.
    pub context: Context,
}

impl Claim {
    pub fn kind(&self) -> ClaimKind {
        match self.detail {
            ClaimDetail::Quantity(_) => ClaimKind::Quantity,
            ClaimDetail::Time(_) => ClaimKind::Time,
            ClaimDetail::Quote(_) => ClaimKind::Quote,
            ClaimDetail::Entity(_) => ClaimKind::Entity,
        }
    }

    /// A new claim from an extractor: id, context and derivation are filled in later stages.
    pub fn new(
        source: usize,
        text: &str,
        span: Span,
        sentence: usize,
        detail: ClaimDetail,
    ) -> Claim {
        Claim {
            id: String::new(),
            source,
            text: text.to_string(),
            span,
            sentence,
            sentence_span: Span::default(),
            detail,
            derived: false,
            derived_from: Vec::new(),
            context: Context::default(),
        }
    }

    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.detail {
            ClaimDetail::Quantity(q) => Some(q),
            _ => None,
        }
    }

    pub fn time(&self) -> Option<&TimeClaim> {
        match &self.detail {
            ClaimDetail::Time(t) => Some(t),
            _ => None,
        }
    }

    pub fn quote(&self) -> Option<&Quote> {
        match &self.detail {
            ClaimDetail::Quote(q) => Some(q),
            _ => None,
        }
    }

    pub fn entity(&self) -> Option<&Entity> {
        match &self.detail {
            ClaimDetail::Entity(e) => Some(e),
            _ => None,
        }
    }
}

/// The kind-specific part of a claim. The two large kinds are boxed, so that a claim stays
/// small (about 300 bytes instead of 500): claims are moved several times on their way into the
/// report (into each extractor's list, into text order, into the run's list), and every move
/// copies the whole claim.
#[derive(Debug, Clone)]
pub enum ClaimDetail {
    Quantity(Box<Quantity>),
    Time(TimeClaim),
    Quote(Quote),
    Entity(Box<Entity>),
}

/// What a number measures.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// A count of things (troops, people, attacks); the counted noun is [`Quantity::unit_text`].
    Count,
    /// A percentage; `value` is in percent (40 for "40%").
    Percent,
    /// Money; the ISO code of the currency ("USD", "EUR", "GBP").
    Money(String),
    /// A fraction ("a third" = 0.333…, "half" = 0.5).
    Fraction,
    /// A physical amount; its dimension ("length", "mass", "volume", "area", "speed",
    /// "temperature", "energy", "power", "data", "angle"). The unit as written is
    /// [`Quantity::unit_text`], its canonical name [`Quantity::unit`].
    Physical(String),
}

/// The part a quantity plays in a statement of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A plain amount ("roughly 5,000 US troops deployed").
    Level,
    /// The starting value of a change ("from about 5,200 ...").
    Before,
    /// The end value of a change or a target ("... to 3,000", "get down to fewer than 5,000").
    After,
    /// The size of a change ("call back some 2,200 soldiers", or derived from a before and after).
    Change,
}

/// A quantity as extracted, with the interval `normalize` computes from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The stated value ("about 5,200" → 5200; a range "4,000 to 5,000" → 4500, its midpoint;
    /// a vague amount → `None`).
    pub value: Option<f64>,
    /// For a range, the stated ends ("4,000 to 5,000" → (4000, 5000)).
    pub range: Option<(f64, f64)>,
    /// For a range, whether each end (low, high) is excluded: two joined strict bounds ("above
    /// 120 and below 180") give (true, true); "to" ranges and inclusive bounds give false.
    pub range_open: (bool, bool),
    /// The hedge or bound phrase as matched, lower-case ("about", "at least", "fewer than").
    pub hedge: Option<String>,
    /// The vague-amount phrase as matched, lower-case ("dozens", "several").
    pub vague: Option<String>,
    pub measure: Measure,
    /// The counted noun as written, lower-case ("soldiers", "rocket attacks" → "attacks").
    pub unit_text: Option<String>,
    /// The counted noun after aliases ("soldiers" → "troops"); filled by `normalize`.
    pub unit: Option<String>,
    pub role: Role,
    /// For a `before`/`after` pair of one change, a number shared by both claims of the pair
    /// (unique within the source), so `normalize` can derive the change.
    pub change_pair: Option<usize>,
    /// The interval the statement allows; filled by `normalize`.
    pub interval: Interval,
    /// The rule that set the interval (a hedge or vague-amount rule), if any.
    pub interval_rule: Option<String>,
}

impl Quantity {
    /// A bare count with no hedge, unit or role yet.
    pub fn count(value: f64) -> Quantity {
        Quantity {
            value: Some(value),
            range: None,
            range_open: (false, false),
            hedge: None,
            vague: None,
            measure: Measure::Count,
            unit_text: None,
            unit: None,
            role: Role::Level,
            change_pair: None,
            interval: Interval::point(value),
            interval_rule: None,
        }
    }
}

/// A closed or half-open interval of numbers; `None` ends are unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Whether `low` itself is included ("at least 6" yes, "more than 6" no).
    pub low_inclusive: bool,
    pub high_inclusive: bool,
}

impl Interval {
    pub fn point(value: f64) -> Interval {
        Interval {
            low: Some(value),
            high: Some(value),
            low_inclusive: true,
            high_inclusive: true,
        }
    }

    pub fn closed(low: f64, high: f64) -> Interval {
        Interval {
            low: Some(low),
            high: Some(high),
            low_inclusive: true,
            high_inclusive: true,
        }
    }

    pub fn contains(&self, x: f64) -> bool {
        let above = match self.low {
            None => true,
            Some(l) if self.low_inclusive => x >= l,
            Some(l) => x > l,
        };
        let below = match self.high {
            None => true,
            Some(h) if self.high_inclusive => x <= h,
            Some(h) => x < h,
        };
        above && below
    }

    /// Whether `other` lies inside this interval.
    pub fn contains_interval(&self, other: &Interval) -> bool {
        let low_ok = match (self.low, other.low) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => b > a || (b == a && (self.low_inclusive || !other.low_inclusive)),
        };
        let high_ok = match (self.high, other.high) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => {
                b < a || (b == a && (self.high_inclusive || !other.high_inclusive))
            }
        };
        low_ok && high_ok
    }
}

/// What a time expression dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeRole {
    /// When the reported event happens or happened ("reduce ... this month", "met in August").
    Event,
    /// When something was said ("a senior general said Wednesday", "announced on Wednesday").
    Report,
}

/// A time reference, resolved to a day interval when the publication date (or the expression
/// itself) allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeClaim {
    /// First and last day, inclusive. `None` when it cannot be resolved (relative expression and
    /// no publication date).
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub role: TimeRole,
}

/// A quotation and, when the sentence attributes it, its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The speaker's canonical name ("Kenneth McKenzie"), resolved through titles, surnames and
    /// pronouns to an earlier mention where possible.
    pub speaker: Option<String>,
    /// How the text names the speaker where the quote is attributed ("the general", "McKenzie").
    pub speaker_text: Option<String>,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityType {
    Person,
    Organisation,
    Place,
}

/// A named entity: a person with title and role, an organisation or a place. Serialized as is
/// in the JSON report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The canonical name after aliases ("Islamic State" for "Daesh"; "Kenneth McKenzie").
    pub name: String,
    /// For people: given name(s) and surname when they can be told apart.
    pub given: Option<String>,
    pub surname: Option<String>,
    /// For people: the title as written ("General", "Gen", "President").
    pub title: Option<String>,
    /// For people: the role stated beside the name ("head of the US Central Command").
    pub role: Option<String>,
}

/// What tells facts apart: where, who, when, and the words around a claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Canonical places the claim is about ("Iraq"), nearest first.
    pub places: Vec<String>,
    /// Canonical actors (countries, organisations, people) acting in the claim's clause ("United States").
    pub actors: Vec<String>,
    /// An event word class the claim is counted in ("killed", "injured"), from the rules.
    pub event: Option<String>,
    /// Event-time intervals stated in the same sentence (report times excluded).
    pub times: Vec<(NaiveDate, NaiveDate)>,
    /// Normalized content words around the claim (lower-case, aliased, sorted, deduplicated,
    /// numbers and the claim's own words removed), joined by spaces; compared with strsim.
    pub words: String,
}

/// What a named mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionCategory {
    Place,
    Organisation,
    Person,
}

/// A named mention in the text: a place, an organisation or a person, with its canonical name.
/// Mentions are not claims by themselves; they give claims their context and quotes their speakers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub category: MentionCategory,
    /// The canonical name after aliases ("Iraq" for "Iraqi", "Islamic State" for "Daesh",
    /// "Kenneth McKenzie" for "McKenzie" once the full name has been seen).
    pub canonical: String,
    /// Governed by a locative preposition ("in Iraq", "from Iraq", "to Baghdad").
    pub locative: bool,
    /// A demonym or adjective form ("Iraqi", "American", "inter-Afghan").
    pub demonym: bool,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
}
