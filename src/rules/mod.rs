//! Rules: the YAML rule language, the built-in pack, and the compiled [`Ruleset`].
//!
//! Takes rule files (the built-in pack compiled into the binary from `rules/*.yaml`, plus any
//! `--rules FILE`); gives a [`Ruleset`]: the rules by id (a later rule with the same id overrides
//! an earlier one) and the [`Lexicon`] the extractors and `normalize` read (hedges, vague amounts,
//! aliases). Every rule has an `id`, a `description`, and a `kind` that says the one thing it does:
//!
//! - `alias`: names that mean the same thing (soldiers = troops; IS = ISIS = Daesh = Islamic State);
//! - `hedge`: a hedge or bound phrase and the interval it gives ("about" = ±5%, "at least" = [v, ∞));
//! - `vague`: a vague amount and its range ("dozens" = 24 to 99);
//! - `link`: when two claims of one kind state the same fact;
//! - `verdict`: whether linked claims agree or conflict, and how severe a conflict is;
//! - `derivation`: values computed from other claims (the change in "from 5,200 to 3,000");
//! - `suppress`: a known, accepted finding;
//! - `syndication`: when two articles are copies of one wire story (at most one such rule).
//!
//! YAML parsing lives in [`yaml`] alone, so the YAML crate can be swapped in one place.

pub mod compose;
pub mod yaml;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;
use std::fmt;

use serde::Deserialize;

use crate::model::ClaimKind;

/// The built-in rule pack, compiled into the binary: every `rules/*.yaml` file, in name order
/// (listed by `build.rs`, so a new file needs no Rust change).
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// An error in a rule file, located at `path:line:col` where the place is known, with the
/// offending line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// The text of the offending line, shown under the message with a caret at the column.
    pub source_line: Option<String>,
}

impl RuleError {
    pub fn new(
        path: &str,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    ) -> RuleError {
        RuleError {
            path: path.to_string(),
            line,
            column,
            message,
            source_line: None,
        }
    }

    pub fn with_line(mut self, line: &str) -> RuleError {
        self.source_line = Some(line.to_string());
        self
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(col)) => {
                write!(f, "{}:{}:{}: {}", self.path, line, col, self.message)?;
                if let Some(text) = &self.source_line {
                    let shown = text.replace('\t', " ");
                    let caret = " ".repeat(col.saturating_sub(1).min(shown.chars().count()));
                    write!(f, "\n    | {shown}\n    | {caret}^")?;
                }
                Ok(())
            }
            (Some(line), None) => write!(f, "{}:{}: {}", self.path, line, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// How serious a finding is, lowest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// One rule. The `kind` tag selects the variant; unknown keys are errors.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Rule {
    Alias(AliasRule),
    Hedge(HedgeRule),
    Vague(VagueRule),
    Link(LinkRule),
    Verdict(VerdictRule),
    Derivation(DerivationRule),
    Suppress(SuppressRule),
    Syndication(SyndicationRule),
}

impl Rule {
    pub fn id(&self) -> &str {
        match self {
            Rule::Alias(r) => &r.id,
            Rule::Hedge(r) => &r.id,
            Rule::Vague(r) => &r.id,
            Rule::Link(r) => &r.id,
            Rule::Verdict(r) => &r.id,
            Rule::Derivation(r) => &r.id,
            Rule::Suppress(r) => &r.id,
            Rule::Syndication(r) => &r.id,
        }
    }

    pub fn description(&self) -> &str {
        match self {
            Rule::Alias(r) => &r.description,
            Rule::Hedge(r) => &r.description,
            Rule::Vague(r) => &r.description,
            Rule::Link(r) => &r.description,
            Rule::Verdict(r) => &r.description,
            Rule::Derivation(r) => &r.description,
            Rule::Suppress(r) => &r.description,
            Rule::Syndication(r) => &r.description,
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match self {
            Rule::Alias(_) => "alias",
            Rule::Hedge(_) => "hedge",
            Rule::Vague(_) => "vague",
            Rule::Link(_) => "link",
            Rule::Verdict(_) => "verdict",
            Rule::Derivation(_) => "derivation",
            Rule::Suppress(_) => "suppress",
            Rule::Syndication(_) => "syndication",
        }
    }
}

/// What an alias rule names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AliasCategory {
    /// Counted nouns ("soldiers" = "troops"); matched case-insensitively.
    Unit,
    /// Event words a count is counted in ("dead" = "killed"); matched case-insensitively.
    Event,
    /// Places, with their demonyms ("Iraqi" = "Iraq"); matched with case.
    Place,
    /// Organisations ("Daesh" = "Islamic State"); matched with case.
    Organisation,
    /// Countries or bodies acting as a party ("Washington" = "United States"); matched with case.
    Actor,
}

impl AliasCategory {
    /// How many categories there are.
    const COUNT: usize = 5;

    /// The category's position in per-category tables.
    fn slot(self) -> usize {
        match self {
            AliasCategory::Unit => 0,
            AliasCategory::Event => 1,
            AliasCategory::Place => 2,
            AliasCategory::Organisation => 3,
            AliasCategory::Actor => 4,
        }
    }
}

/// `kind: alias` — each canonical name with the variants that mean it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AliasRule {
    pub id: String,
    pub description: String,
    pub category: AliasCategory,
    pub names: BTreeMap<String, Vec<String>>,
}

/// The interval a hedge gives around a stated value `v`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// `[v·(1−t), v·(1+t)]` ("about", "roughly").
    Approximate,
    /// `[v·(1−t), v)` ("nearly", "almost").
    Below,
    /// `(v, v·(1+t)]` ("just over").
    Above,
    /// `[v, ∞)` ("at least").
    AtLeast,
    /// `(v, ∞)` ("more than", "over").
    MoreThan,
    /// `[0, v]` ("up to", "no more than", "as many as").
    AtMost,
    /// `[0, v)` ("fewer than", "less than", "under").
    LessThan,
}

/// `kind: hedge` — phrases that hedge or bound the number that follows them.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HedgeRule {
    pub id: String,
    pub description: String,
    pub phrases: Vec<String>,
    pub bound: Bound,
    /// Relative tolerance for `approximate`, `below` and `above` (0.05 = 5%).
    #[serde(default)]
    pub tolerance: Option<f64>,
}

/// `kind: vague` — a vague amount and the range it stands for.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VagueRule {
    pub id: String,
    pub description: String,
    pub phrases: Vec<String>,
    pub low: f64,
    pub high: f64,
}

/// A property of two claims that a link rule checks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// The counted noun after aliases (quantities), or the measure (percent, currency).
    Unit,
    /// The part in a change: level and before are one class; after; change.
    Role,
    /// The nearest place the claim is about (the first of its context's places).
    Places,
    /// Who acts: countries, organisations.
    Actors,
    /// The event class a count is counted in (killed, injured ...).
    Event,
    /// Event times stated beside the claim (quantities), or the time role (times).
    Time,
    /// People: the surname.
    Surname,
    /// Quotes: the speaker.
    Speaker,
}

/// The string metric a link rule scores context with (from `strsim`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    SorensenDice,
    JaroWinkler,
    NormalizedLevenshtein,
    /// Dice over the two word sets, where two words match when equal or when their Jaro-Winkler
    /// similarity is at least 0.9 ("withdraw" ~ "withdrawal"): suited to bags of context words,
    /// where character bigrams of long word lists look alike whatever the words.
    WordDice,
}

impl Metric {
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::SorensenDice => "sorensen-dice",
            Metric::JaroWinkler => "jaro-winkler",
            Metric::NormalizedLevenshtein => "normalized-levenshtein",
            Metric::WordDice => "word-dice",
        }
    }

    pub fn score(self, a: &str, b: &str) -> f64 {
        match self {
            Metric::SorensenDice => strsim::sorensen_dice(a, b),
            Metric::JaroWinkler => strsim::jaro_winkler(a, b),
            Metric::NormalizedLevenshtein => strsim::normalized_levenshtein(a, b),
            Metric::WordDice => word_dice(a, b),
        }
    }
}

/// Dice coefficient of the space-separated words of `a` and `b`, with fuzzy word matches: equal
/// words match, and words longer than four letters that share their first three and have a
/// Jaro-Winkler similarity of at least 0.9 ("withdraw" ~ "withdrawal"). Exact matches come from
/// a hashed set; only the rest are compared letter by letter, and only within one prefix.
fn word_dice(a: &str, b: &str) -> f64 {
    use std::collections::HashSet;
    let wa: HashSet<&str> = a.split_whitespace().collect();
    let wb: HashSet<&str> = b.split_whitespace().collect();
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let fuzzy = |x: &str, others: &HashSet<&str>| {
        x.len() > 4
            && others.iter().any(|y| {
                y.len() > 4
                    && x.get(..3).is_some_and(|p| y.starts_with(p))
                    && strsim::jaro_winkler(x, y) >= 0.9
            })
    };
    let matches = |mine: &HashSet<&str>, other: &HashSet<&str>| {
        mine.iter()
            .filter(|x| other.contains(*x) || fuzzy(x, other))
            .count()
    };
    (matches(&wa, &wb) + matches(&wb, &wa)) as f64 / (wa.len() + wb.len()) as f64
}

/// A context-similarity condition: `metric(context words of a, of b) >= threshold`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Similarity {
    pub metric: Metric,
    pub threshold: f64,
}

/// `kind: link` — when two claims of one kind state the same fact.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LinkRule {
    pub id: String,
    pub description: String,
    pub claim: ClaimKindName,
    /// Fields both claims must have, with equal values.
    #[serde(default)]
    pub require: Vec<Field>,
    /// Fields that must not differ where both claims have them.
    #[serde(default)]
    pub compatible: Vec<Field>,
    /// Context similarity the pair must reach.
    #[serde(default)]
    pub similarity: Option<Similarity>,
    /// Context similarity a pair must reach when its values are not near: a conflict, or a loose
    /// agreement through a bound or a vague amount ("at least 10" and "hundreds"). Values that
    /// differ are only the same fact when their sentences say so; below the threshold the pair
    /// is not linked (two facts that happen to share a noun and a place). Pairs anchored on
    /// linked quantities are exempt.
    #[serde(default)]
    pub conflict_similarity: Option<Similarity>,
    /// The same, for two claims of one source: an article rarely contradicts itself, so two
    /// different values in one article are usually two facts.
    #[serde(default)]
    pub within_source_conflict_similarity: Option<Similarity>,
    /// Quantities only: stated values closer than this relative difference (0.1 = 10%) are linked
    /// without reaching the conflict similarity: "about 5,200" against "roughly 5,000" is one
    /// figure reported two ways, whatever the sentences around them.
    #[serde(default)]
    pub near_difference: Option<f64>,
    /// Times only: also link two event times whose sentences state the same quantity fact.
    #[serde(default)]
    pub anchor_on_quantities: bool,
    /// Quantities only: the rule applies only to these counted nouns (after aliases).
    #[serde(default)]
    pub units: Vec<String>,
    /// Quantities only: the rule does not apply to these counted nouns (after aliases).
    #[serde(default)]
    pub except_units: Vec<String>,
}

impl LinkRule {
    /// Whether the rule applies to a claim: its kind, and for quantities its counted noun.
    pub fn applies_to(&self, claim: &crate::model::Claim) -> bool {
        if claim.kind() != self.claim.kind() {
            return false;
        }
        let unit = claim.quantity().and_then(|q| q.unit.as_deref());
        let listed = |list: &[String]| unit.is_some_and(|u| list.iter().any(|x| x == u));
        (self.units.is_empty() || listed(&self.units)) && !listed(&self.except_units)
    }
}

/// Claim kind names as written in rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKindName {
    Quantity,
    Time,
    Quote,
    Entity,
}

impl ClaimKindName {
    pub fn kind(self) -> ClaimKind {
        match self {
            ClaimKindName::Quantity => ClaimKind::Quantity,
            ClaimKindName::Time => ClaimKind::Time,
            ClaimKindName::Quote => ClaimKind::Quote,
            ClaimKindName::Entity => ClaimKind::Entity,
        }
    }
}

/// Which linked pairs a verdict rule applies to.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scope {
    /// Only quantities counting this noun (after aliases).
    #[serde(default)]
    pub unit: Option<String>,
    /// Only pairs linked by this link rule.
    #[serde(default)]
    pub link: Option<String>,
}

/// `kind: verdict` — agree or conflict, and how severe a conflict is.
///
/// Quantities agree when one claim's value lies in the other's interval (or one interval holds
/// the other); with `tolerance`, hedges are ignored and the two values must be within that
/// relative distance. Times agree when their intervals overlap. People agree when given names
/// match. Quotes agree when one wording holds the other (or they are near-identical) and speakers match.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VerdictRule {
    pub id: String,
    pub description: String,
    pub claim: ClaimKindName,
    #[serde(default)]
    pub scope: Scope,
    /// A stricter (or looser) relative tolerance that replaces the hedges' intervals.
    #[serde(default)]
    pub tolerance: Option<f64>,
    /// Severity of a conflict.
    pub severity: Severity,
    /// Relative difference between values above which a conflict is `high`.
    #[serde(default)]
    pub high_above: Option<f64>,
}

/// What a derivation rule computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Derive {
    /// The size of a change from a before and an after ("from 5,200 to 3,000" → 2,200).
    ChangeFromTo,
    /// The sum of parts listed after a total ("at least six personnel – three Americans, one
    /// Briton and two Iraqis" → 6), checked against the total.
    PartsSum,
}

/// `kind: derivation` — values computed from other claims.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DerivationRule {
    pub id: String,
    pub description: String,
    pub derive: Derive,
}

/// The finding kinds a suppression can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKindName {
    Agreement,
    Discrepancy,
    SingleSource,
}

/// `kind: suppress` — a known, accepted finding: matched by its kind, the rule that decided it
/// and a text its claims contain; moved out of the findings into the report's `suppressed`
/// list with the reason, never silently dropped.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SuppressRule {
    pub id: String,
    pub description: String,
    /// Only findings of this kind.
    #[serde(default)]
    pub finding: Option<FindingKindName>,
    /// Only findings decided by this rule.
    #[serde(default)]
    pub rule: Option<String>,
    /// Only findings one of whose claims' text contains this (case-insensitive).
    #[serde(default, rename = "match")]
    pub matches: Option<String>,
    /// Why the finding is accepted.
    pub reason: String,
}

/// `kind: syndication` — when two articles are copies of one wire story (see
/// [`crate::syndication`]): their bodies share enough word shingles. Copies count as one source.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SyndicationRule {
    pub id: String,
    pub description: String,
    /// Words per shingle (1 to 25).
    #[serde(default = "SyndicationRule::default_shingle_size")]
    pub shingle_size: usize,
    /// Resemblance or containment of the shingle sets at or above which two articles are copies
    /// (above 0, at most 1).
    #[serde(default = "SyndicationRule::default_threshold")]
    pub threshold: f64,
    /// Articles with fewer words are never grouped (at least `shingle-size`).
    #[serde(default = "SyndicationRule::default_min_words")]
    pub min_words: usize,
}

impl SyndicationRule {
    pub const MAX_SHINGLE_SIZE: usize = 25;

    fn default_shingle_size() -> usize {
        5
    }

    fn default_threshold() -> f64 {
        0.7
    }

    fn default_min_words() -> usize {
        40
    }
}

/// Phrases and names the extractors and `normalize` look up, compiled from the rules.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Hedge phrases, lower-case, longest first.
    pub hedges: Vec<HedgePhrase>,
    /// Vague-amount phrases, lower-case, longest first.
    pub vague: Vec<VaguePhrase>,
    /// For each category, variant → canonical name. Unit and event keys are lower-case; the
    /// others keep their case. Every canonical name maps to itself.
    pub aliases: BTreeMap<AliasCategory, BTreeMap<String, String>>,
    /// The same tables hashed (with a fast non-cryptographic hash), one per category at the
    /// category's position ([`AliasCategory::slot`]), for the lookups on every word of every
    /// source.
    index: [Table<Box<str>>; AliasCategory::COUNT],
    /// For each category (at the same position), the first words of its keys of several words.
    phrase_starts: [Table<()>; AliasCategory::COUNT],
    /// Every place, organisation and unit key with what it stands for among a claim's context
    /// words ([`Lexicon::context_names`]): one look-up per word instead of one per category.
    context: Table<ContextNames>,
    /// Every word of the event aliases, lower-case, with its class and whether it starts an event
    /// phrase of several words ([`Lexicon::event_word`]).
    event_words: Table<EventWord>,
    /// The extractors compiled from this lexicon, built on first use and shared by every later
    /// run (a run per story would otherwise compile the automata again each time).
    extractors: OnceLock<Arc<crate::extract::Extractors>>,
    /// Which compilation `context` and `event_words` come from ([`Lexicon::tables_id`]).
    tables_id: u64,
}

/// What a word stands for among a claim's context words: the canonical name (lower-cased) of the
/// place or organisation written so, with case (a place before an organisation), and the
/// canonical unit of the word as a lower-case unit variant.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContextNames {
    pub named: Option<Box<str>>,
    pub unit: Option<Box<str>>,
}

/// An event word: the event class it names alone ("killing" → killed), if any, and whether it
/// starts an event phrase of several words ("lost" of "lost their lives").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventWord {
    pub class: Option<Box<str>>,
    pub starts_phrase: bool,
}

/// A hedge phrase and the rule it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct HedgePhrase {
    pub phrase: String,
    pub rule: String,
    pub bound: Bound,
    pub tolerance: f64,
}

/// A vague-amount phrase and its range.
#[derive(Debug, Clone, PartialEq)]
pub struct VaguePhrase {
    pub phrase: String,
    pub rule: String,
    pub low: f64,
    pub high: f64,
}

impl Lexicon {
    /// Which compilation this lexicon's context and event-word tables come from: the same for a
    /// lexicon and its clones, another for each lexicon compiled (0 for an empty one). Whatever
    /// is worked out from those tables alone may be kept from one document to the next while
    /// this stays the same.
    pub fn tables_id(&self) -> u64 {
        self.tables_id
    }

    /// The canonical name of `name` in `category`, if the rules know it.
    pub fn canonical(&self, category: AliasCategory, name: &str) -> Option<&str> {
        self.index[category.slot()]
            .get(category, name)
            .map(|c| &**c)
    }

    /// Whether `word` is the first word of a phrase of several words in `category` ("lost" of
    /// "lost their lives"), with the same case rules as [`Lexicon::canonical`]: a caller can skip
    /// looking up longer phrases after a word that starts none.
    pub fn starts_phrase(&self, category: AliasCategory, word: &str) -> bool {
        self.phrase_starts[category.slot()]
            .get(category, word)
            .is_some()
    }

    /// The [`ContextNames`] of `word` exactly as written (unit variants are keyed in lower case,
    /// so a word with capitals finds only its place or organisation), if the rules know it.
    #[inline]
    pub fn context_names(&self, word: &str) -> Option<&ContextNames> {
        self.context.get_exact(word)
    }

    /// The [`EventWord`] of `word` in any case: [`Lexicon::canonical`] and
    /// [`Lexicon::starts_phrase`] of the event category in one look-up.
    pub fn event_word(&self, word: &str) -> Option<&EventWord> {
        self.event_words.get(AliasCategory::Event, word)
    }

    /// Whether an ASCII word of `len` bytes whose first and last bytes are `first` and `last`
    /// (lower-cased) may have an [`EventWord`]: `false` turns it away without a look-up.
    #[inline]
    pub fn may_be_event_word(&self, first: u8, last: u8, len: usize) -> bool {
        self.event_words.may_hold(first, last, len)
    }

    /// The variants of `category` (lookup keys), for building automata.
    pub fn variants(&self, category: AliasCategory) -> impl Iterator<Item = (&str, &str)> {
        self.aliases
            .get(&category)
            .into_iter()
            .flat_map(|t| t.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The extractors of this lexicon, compiled once.
    pub fn extractors(&self) -> Arc<crate::extract::Extractors> {
        self.extractors
            .get_or_init(|| Arc::new(crate::extract::Extractors::new(self)))
            .clone()
    }

    pub fn hedge(&self, phrase: &str) -> Option<&HedgePhrase> {
        self.hedges.iter().find(|h| h.phrase == phrase)
    }

    pub fn vague_amount(&self, phrase: &str) -> Option<&VaguePhrase> {
        self.vague.iter().find(|v| v.phrase == phrase)
    }
}

/// Where a rule was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file (`rules/hedges.yaml` for the built-in pack).
    pub path: String,
    /// The line the rule starts on, where known.
    pub line: Option<usize>,
    pub builtin: bool,
    /// The rule's YAML as written, where it could be cut out of its file.
    pub yaml: Option<String>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = if self.builtin { "built-in " } else { "" };
        match self.line {
            Some(l) => write!(f, "{prefix}{}:{l}", self.path),
            None => write!(f, "{prefix}{}", self.path),
        }
    }
}

/// The rules of a run, by id, and the lexicon compiled from them.
#[derive(Debug, Clone)]
pub struct Ruleset {
    /// Rules in the order they were defined, overrides applied in place.
    pub rules: Vec<Rule>,
    /// Where each rule of `rules` was defined (same index).
    pub origins: Vec<Origin>,
    pub lexicon: Lexicon,
}

impl Ruleset {
    /// The built-in pack alone.
    ///
    /// # Panics
    /// Never in a released binary: the built-in pack is validated by the test suite.
    pub fn builtin() -> Ruleset {
        Ruleset::load(&[]).expect("the built-in rule pack is valid")
    }

    /// The built-in pack plus user rule files (path, text), in order; a rule whose id is already
    /// defined replaces it.
    ///
    /// # Errors
    /// Every problem found, each located in its file where possible.
    pub fn load(user: &[(String, String)]) -> Result<Ruleset, Vec<RuleError>> {
        Ruleset::compose(true, user, &[])
    }

    /// The rules of a run: the built-in pack (unless `defaults` is false), then the user files
    /// in order (a rule with an existing id replaces it), minus the ids disabled by any file's
    /// `disable:` list or by `disable` (id, and where it was asked for: the project config's
    /// path or `--disable`).
    ///
    /// # Errors
    /// Every problem of every file: YAML errors, unknown keys and kinds, wrong types, values out
    /// of range, duplicate ids within a file, disabled ids that do not exist, references to
    /// rules or units that no rule defines.
    pub fn compose(
        defaults: bool,
        user: &[(String, String)],
        disable: &[(String, String)],
    ) -> Result<Ruleset, Vec<RuleError>> {
        let mut rules: Vec<Rule> = Vec::new();
        let mut origins: Vec<Origin> = Vec::new();
        let mut errors = Vec::new();
        let mut disabled: Vec<(String, RuleError)> = disable
            .iter()
            .map(|(id, from)| {
                let message = format!("cannot disable `{id}`: no rule has that id");
                (id.clone(), RuleError::new(from, None, None, message))
            })
            .collect();
        let builtin = BUILTIN
            .iter()
            .filter(|_| defaults)
            .map(|(p, t)| (p.to_string(), t.to_string(), true));
        let files: Vec<(String, String, bool)> = builtin
            .chain(user.iter().map(|(p, t)| (p.clone(), t.clone(), false)))
            .collect();
        for (path, text, is_builtin) in &files {
            let (file, file_errors) = yaml::parse_rule_file(path, text);
            errors.extend(file_errors);
            let mut seen_here: Vec<&str> = Vec::new();
            for (rule, line) in &file.rules {
                let locate = |key: &str, message: String| {
                    let (l, c, source_line) = yaml::locate_key(text, *line, key);
                    let e = RuleError::new(path, l, c, message);
                    match source_line {
                        Some(s) => e.with_line(&s),
                        None => e,
                    }
                };
                if seen_here.contains(&rule.id()) {
                    errors.push(locate(
                        "id",
                        format!("duplicate rule id `{}` in this file", rule.id()),
                    ));
                    continue;
                }
                seen_here.push(rule.id());
                if let Err((key, message)) = validate(rule) {
                    errors.push(locate(key, message));
                    continue;
                }
                let origin = Origin {
                    path: path.clone(),
                    line: *line,
                    builtin: *is_builtin,
                    yaml: yaml::item_text(text, *line),
                };
                match rules.iter().position(|r| r.id() == rule.id()) {
                    Some(i) => {
                        rules[i] = rule.clone();
                        origins[i] = origin;
                    }
                    None => {
                        rules.push(rule.clone());
                        origins.push(origin);
                    }
                }
            }
            for (id, line) in file.disable {
                let (l, c, source_line) = yaml::locate_key(text, line, "disable");
                let mut e = RuleError::new(
                    path,
                    l,
                    c,
                    format!("cannot disable `{id}`: no rule has that id"),
                );
                if let Some(s) = source_line {
                    e = e.with_line(&s);
                }
                disabled.push((id, e));
            }
        }
        for (id, missing) in disabled {
            match rules.iter().position(|r| r.id() == id) {
                Some(i) => {
                    rules.remove(i);
                    origins.remove(i);
                }
                None if !errors.iter().any(|e| e.message == missing.message) => {
                    errors.push(missing)
                }
                None => {}
            }
        }
        errors.extend(check_references(&rules, &origins, &files));
        if !errors.is_empty() {
            return Err(errors);
        }
        let lexicon = compile_lexicon(&rules);
        Ok(Ruleset {
            rules,
            origins,
            lexicon,
        })
    }

    /// Where a rule was defined.
    pub fn origin(&self, id: &str) -> Option<&Origin> {
        self.rules
            .iter()
            .position(|r| r.id() == id)
            .map(|i| &self.origins[i])
    }

    pub fn suppressions(&self) -> impl Iterator<Item = &SuppressRule> {
        self.rules.iter().filter_map(|r| match r {
            Rule::Suppress(s) => Some(s),
            _ => None,
        })
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id() == id)
    }

    pub fn links(&self, kind: ClaimKind) -> impl Iterator<Item = &LinkRule> {
        self.rules.iter().filter_map(move |r| match r {
            Rule::Link(l) if l.claim.kind() == kind => Some(l),
            _ => None,
        })
    }

    pub fn verdicts(&self, kind: ClaimKind) -> impl Iterator<Item = &VerdictRule> {
        self.rules.iter().filter_map(move |r| match r {
            Rule::Verdict(v) if v.claim.kind() == kind => Some(v),
            _ => None,
        })
    }

    /// The rule that finds syndicated copies, if one is on (at most one is allowed).
    pub fn syndication(&self) -> Option<&SyndicationRule> {
        self.rules.iter().find_map(|r| match r {
            Rule::Syndication(s) => Some(s),
            _ => None,
        })
    }

    pub fn derivation(&self, derive: Derive) -> Option<&DerivationRule> {
        self.rules.iter().find_map(|r| match r {
            Rule::Derivation(d) if d.derive == derive => Some(d),
            _ => None,
        })
    }
}

/// Checks a rule's values beyond what its type says; an error names the key to point at.
fn validate(rule: &Rule) -> Result<(), (&'static str, String)> {
    let id = rule.id();
    let valid_id = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if id.is_empty() || !id.chars().all(valid_id) {
        return Err((
            "id",
            format!("rule id {id:?} must be non-empty letters, digits, '-' or '_'"),
        ));
    }
    let fraction = |x: f64, key: &'static str| {
        if (0.0..=1.0).contains(&x) {
            Ok(())
        } else {
            Err((key, format!("rule {id}: {key} {x} is out of range 0..=1")))
        }
    };
    let non_empty = |empty: bool, key: &'static str| {
        if empty {
            Err((key, format!("rule {id}: `{key}` is empty")))
        } else {
            Ok(())
        }
    };
    match rule {
        Rule::Hedge(h) => {
            non_empty(h.phrases.is_empty(), "phrases")?;
            let needs_tolerance =
                matches!(h.bound, Bound::Approximate | Bound::Below | Bound::Above);
            match (needs_tolerance, h.tolerance) {
                (true, None) => {
                    return Err((
                        "bound",
                        format!(
                            "rule {id}: bound `{}` needs `tolerance`",
                            bound_name(h.bound)
                        ),
                    ));
                }
                (_, Some(t)) => fraction(t, "tolerance")?,
                _ => {}
            }
        }
        Rule::Vague(v) => {
            non_empty(v.phrases.is_empty(), "phrases")?;
            if !(v.low >= 0.0 && v.low <= v.high) {
                return Err((
                    "low",
                    format!(
                        "rule {id}: needs 0 <= low <= high, got {} and {}",
                        v.low, v.high
                    ),
                ));
            }
        }
        Rule::Link(l) => {
            let keys = [
                (l.similarity, "similarity"),
                (l.conflict_similarity, "conflict-similarity"),
                (
                    l.within_source_conflict_similarity,
                    "within-source-conflict-similarity",
                ),
            ];
            for (s, key) in keys {
                if let Some(s) = s
                    && !(0.0..=1.0).contains(&s.threshold)
                {
                    return Err((
                        key,
                        format!(
                            "rule {id}: {key} threshold {} is out of range 0..=1",
                            s.threshold
                        ),
                    ));
                }
            }
            if let Some(d) = l.near_difference {
                fraction(d, "near-difference")?;
            }
            let quantity_only =
                !l.units.is_empty() || !l.except_units.is_empty() || l.near_difference.is_some();
            if quantity_only && l.claim != ClaimKindName::Quantity {
                return Err((
                    "claim",
                    format!(
                        "rule {id}: units, except-units and near-difference apply to quantities only"
                    ),
                ));
            }
        }
        Rule::Verdict(v) => {
            let quantity_only =
                v.scope.unit.is_some() || v.tolerance.is_some() || v.high_above.is_some();
            if quantity_only && v.claim != ClaimKindName::Quantity {
                return Err((
                    "claim",
                    format!(
                        "rule {id}: scope.unit, tolerance and high-above apply to quantities only"
                    ),
                ));
            }
            if let Some(t) = v.tolerance {
                fraction(t, "tolerance")?;
            }
            if let Some(t) = v.high_above
                && t < 0.0
            {
                return Err((
                    "high-above",
                    format!("rule {id}: high-above {t} must not be negative"),
                ));
            }
        }
        Rule::Alias(a) => non_empty(a.names.is_empty(), "names")?,
        Rule::Derivation(_) => {}
        Rule::Syndication(s) => {
            if !(1..=SyndicationRule::MAX_SHINGLE_SIZE).contains(&s.shingle_size) {
                return Err((
                    "shingle-size",
                    format!(
                        "rule {id}: shingle-size {} is out of range 1..={}",
                        s.shingle_size,
                        SyndicationRule::MAX_SHINGLE_SIZE
                    ),
                ));
            }
            fraction(s.threshold, "threshold")?;
            if s.threshold == 0.0 {
                return Err((
                    "threshold",
                    format!("rule {id}: threshold 0 would make every pair of articles copies"),
                ));
            }
            if s.min_words < s.shingle_size {
                return Err((
                    "min-words",
                    format!(
                        "rule {id}: min-words {} is less than shingle-size {}",
                        s.min_words, s.shingle_size
                    ),
                ));
            }
        }
        Rule::Suppress(s) => {
            if s.finding.is_none() && s.rule.is_none() && s.matches.is_none() {
                return Err((
                    "reason",
                    format!(
                        "rule {id}: a suppression needs `finding`, `rule` or `match`, or it would hide every finding"
                    ),
                ));
            }
            non_empty(s.reason.trim().is_empty(), "reason")?;
        }
    }
    Ok(())
}

/// A bound as written in rule files.
fn bound_name(bound: Bound) -> &'static str {
    match bound {
        Bound::Approximate => "approximate",
        Bound::Below => "below",
        Bound::Above => "above",
        Bound::AtLeast => "at-least",
        Bound::MoreThan => "more-than",
        Bound::AtMost => "at-most",
        Bound::LessThan => "less-than",
    }
}

/// Rules that name other rules or units must name ones that exist: a verdict's `scope.link`, a
/// suppression's `rule`, and the counted nouns in `scope.unit`, `units` and `except-units`
/// (which must be canonical units of an alias rule, or "percent").
fn check_references(
    rules: &[Rule],
    origins: &[Origin],
    files: &[(String, String, bool)],
) -> Vec<RuleError> {
    let ids: Vec<&str> = rules.iter().map(Rule::id).collect();
    let units: Vec<&str> = rules
        .iter()
        .filter_map(|r| match r {
            Rule::Alias(a) if a.category == AliasCategory::Unit => {
                Some(a.names.keys().map(String::as_str))
            }
            _ => None,
        })
        .flatten()
        .chain(["percent"])
        .collect();
    let mut errors = Vec::new();
    let syndication: Vec<(&str, &Origin)> = rules
        .iter()
        .zip(origins)
        .filter(|(r, _)| matches!(r, Rule::Syndication(_)))
        .map(|(r, o)| (r.id(), o))
        .collect();
    if let [(first, _), rest @ ..] = syndication.as_slice() {
        for (id, origin) in rest {
            let message = format!(
                "rule {id}: a second syndication rule (`{first}` is one); give it the id `{first}` to replace it, or disable `{first}`"
            );
            errors.push(RuleError::new(&origin.path, origin.line, None, message));
        }
    }
    for (rule, origin) in rules.iter().zip(origins) {
        if let Rule::Link(l) = rule
            && !rules.iter().any(|r| matches!(r, Rule::Verdict(v) if v.claim == l.claim && v.scope == Scope::default()))
        {
            let message = format!(
                "rule {}: no verdict rule without a scope judges {} claims, so the pairs it links could never be judged",
                l.id,
                l.claim.kind().as_str()
            );
            errors.push(RuleError::new(&origin.path, origin.line, None, message));
        }
        let mut missing = |key: &str, message: String| {
            let text = files
                .iter()
                .find(|f| f.0 == origin.path)
                .map_or("", |f| f.1.as_str());
            let (l, c, line) = yaml::locate_key(text, origin.line, key);
            let e = RuleError::new(&origin.path, l, c, message);
            errors.push(match line {
                Some(s) => e.with_line(&s),
                None => e,
            });
        };
        let id = rule.id();
        let unit_ok = |u: &str| {
            units.contains(&u) || u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase())
        };
        match rule {
            Rule::Verdict(v) => {
                if let Some(l) = &v.scope.link
                    && !ids.contains(&l.as_str())
                {
                    missing("link", format!("rule {id}: scope.link `{l}` names no rule"));
                }
                if let Some(u) = &v.scope.unit
                    && !unit_ok(u)
                {
                    missing(
                        "unit",
                        format!("rule {id}: scope.unit `{u}` is not a unit any alias rule defines"),
                    );
                }
            }
            Rule::Link(l) => {
                for u in l.units.iter().chain(&l.except_units) {
                    if !unit_ok(u) {
                        missing(
                            "units",
                            format!("rule {id}: unit `{u}` is not a unit any alias rule defines"),
                        );
                    }
                }
            }
            Rule::Suppress(s) => {
                if let Some(r) = &s.rule
                    && !ids.contains(&r.as_str())
                {
                    missing("rule", format!("rule {id}: `rule: {r}` names no rule"));
                }
            }
            _ => {}
        }
    }
    errors
}

/// A hashed alias table with a bit per key shape (first byte, last byte and length), so that a
/// word no key resembles is turned away without hashing it: most words of an article name no
/// place, organisation, unit or event.
#[derive(Debug, Clone)]
struct Table<V> {
    map: FxHashMap<Box<str>, V>,
    shapes: Box<[u64; SHAPE_BITS / 64]>,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            map: FxHashMap::default(),
            shapes: Box::new([0; SHAPE_BITS / 64]),
        }
    }
}

/// How many key shapes a [`Table`] tells apart.
const SHAPE_BITS: usize = 1 << 14;

/// The shape of a non-empty key: its first and last byte and its length, hashed to a bit.
#[inline]
fn shape(first: u8, last: u8, len: usize) -> usize {
    let h = (usize::from(first).wrapping_mul(0x9E37)
        ^ usize::from(last).wrapping_mul(0x85EB)
        ^ len.wrapping_mul(0xC2B3))
    .wrapping_mul(0x2545);
    (h >> 7) % SHAPE_BITS
}

impl<V> Table<V> {
    fn insert(&mut self, key: &str, value: V) {
        if let (Some(&first), Some(&last)) = (key.as_bytes().first(), key.as_bytes().last()) {
            let bit = shape(first, last, key.len());
            self.shapes[bit / 64] |= 1 << (bit % 64);
        }
        self.map.insert(key.into(), value);
    }

    /// Whether a key of this shape may be in the table.
    #[inline]
    fn may_hold(&self, first: u8, last: u8, len: usize) -> bool {
        let bit = shape(first, last, len);
        self.shapes[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The value of the key `name` as written.
    #[inline]
    fn get_exact(&self, name: &str) -> Option<&V> {
        let bytes = name.as_bytes();
        match (bytes.first(), bytes.last()) {
            (Some(&first), Some(&last)) if !self.may_hold(first, last, bytes.len()) => None,
            _ => self.map.get(name),
        }
    }

    /// The value of `name` in a table of `category`: the key is `name` in lower case for the
    /// categories matched case-insensitively (on the stack for a short ASCII word), else `name`.
    fn get(&self, category: AliasCategory, name: &str) -> Option<&V> {
        let bytes = name.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return self.map.get(name);
        };
        let folds = matches!(category, AliasCategory::Unit | AliasCategory::Event);
        if !folds {
            return self.get_exact(name);
        }
        if !name.is_ascii() {
            if name.chars().any(char::is_uppercase) {
                return self.map.get(name.to_lowercase().as_str());
            }
            return self.map.get(name);
        }
        let (first, last) = (first.to_ascii_lowercase(), last.to_ascii_lowercase());
        if !self.may_hold(first, last, bytes.len()) {
            return None;
        }
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return self.map.get(name);
        }
        let mut buffer = [0u8; 64];
        match buffer.get_mut(..bytes.len()) {
            Some(lower) => {
                lower.copy_from_slice(bytes);
                lower.make_ascii_lowercase();
                // ASCII lower-cased stays UTF-8.
                self.map.get(std::str::from_utf8(lower).ok()?)
            }
            None => self.map.get(name.to_ascii_lowercase().as_str()),
        }
    }
}

fn compile_lexicon(rules: &[Rule]) -> Lexicon {
    let mut lexicon = Lexicon::default();
    for rule in rules {
        match rule {
            Rule::Alias(a) => {
                let table = lexicon.aliases.entry(a.category).or_default();
                let fold = matches!(a.category, AliasCategory::Unit | AliasCategory::Event);
                let key = |s: &str| {
                    if fold {
                        s.to_lowercase()
                    } else {
                        s.to_string()
                    }
                };
                for (canonical, variants) in &a.names {
                    table.insert(key(canonical), canonical.clone());
                    for v in variants {
                        table.insert(key(v), canonical.clone());
                    }
                }
            }
            Rule::Hedge(h) => {
                for p in &h.phrases {
                    lexicon.hedges.retain(|x| x.phrase != p.to_lowercase());
                    lexicon.hedges.push(HedgePhrase {
                        phrase: p.to_lowercase(),
                        rule: h.id.clone(),
                        bound: h.bound,
                        tolerance: h.tolerance.unwrap_or(0.0),
                    });
                }
            }
            Rule::Vague(v) => {
                for p in &v.phrases {
                    lexicon.vague.retain(|x| x.phrase != p.to_lowercase());
                    lexicon.vague.push(VaguePhrase {
                        phrase: p.to_lowercase(),
                        rule: v.id.clone(),
                        low: v.low,
                        high: v.high,
                    });
                }
            }
            _ => {}
        }
    }
    for (category, table) in &lexicon.aliases {
        let index = &mut lexicon.index[category.slot()];
        let starts = &mut lexicon.phrase_starts[category.slot()];
        for (key, name) in table {
            index.insert(key, name.as_str().into());
            if let Some((first, _)) = key.split_once(' ') {
                starts.insert(first, ());
            }
        }
    }
    // Units first, then organisations, then places: a place name wins over an organisation's.
    let mut context: BTreeMap<&str, ContextNames> = BTreeMap::new();
    for category in [
        AliasCategory::Unit,
        AliasCategory::Organisation,
        AliasCategory::Place,
    ] {
        for (key, name) in lexicon.aliases.get(&category).into_iter().flatten() {
            let names = context.entry(key.as_str()).or_default();
            if category == AliasCategory::Unit {
                names.unit = Some(name.as_str().into());
            } else {
                names.named = Some(name.to_lowercase().into());
            }
        }
    }
    for (key, names) in context {
        lexicon.context.insert(key, names);
    }
    let mut event_words: BTreeMap<&str, EventWord> = BTreeMap::new();
    for (key, class) in lexicon
        .aliases
        .get(&AliasCategory::Event)
        .into_iter()
        .flatten()
    {
        match key.split_once(' ') {
            Some((first, _)) => event_words.entry(first).or_default().starts_phrase = true,
            None => event_words.entry(key).or_default().class = Some(class.as_str().into()),
        }
    }
    for (key, word) in event_words {
        lexicon.event_words.insert(key, word);
    }
    static COMPILED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    lexicon.tables_id = COMPILED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let longest_first = |a: &str, b: &str| b.len().cmp(&a.len()).then_with(|| a.cmp(b));
    lexicon
        .hedges
        .sort_by(|a, b| longest_first(&a.phrase, &b.phrase));
    lexicon
        .vague
        .sort_by(|a, b| longest_first(&a.phrase, &b.phrase));
    lexicon
}

#[cfg(test)]
mod tests;
