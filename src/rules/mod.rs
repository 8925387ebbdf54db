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
//! - `derivation`: values computed from other claims (the change in "from 5,200 to 3,000").
//!
//! YAML parsing lives in [`yaml`] alone, so the YAML crate can be swapped in one place.

pub mod yaml;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Deserialize;

use crate::model::ClaimKind;

/// The built-in rule pack, compiled into the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/aliases.yaml",
        include_str!("../../rules/aliases.yaml"),
    ),
    ("rules/places.yaml", include_str!("../../rules/places.yaml")),
    ("rules/hedges.yaml", include_str!("../../rules/hedges.yaml")),
    (
        "rules/linking.yaml",
        include_str!("../../rules/linking.yaml"),
    ),
    (
        "rules/verdicts.yaml",
        include_str!("../../rules/verdicts.yaml"),
    ),
];

/// An error in a rule file, located at `path:line:col` where the YAML parser knows the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(col)) => {
                write!(f, "{}:{}:{}: {}", self.path, line, col, self.message)
            }
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

/// A rule file: a list of rules under `rules:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleFile {
    rules: Vec<Rule>,
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
    /// The nearest places the claim is about.
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

/// Dice coefficient of the space-separated words of `a` and `b`, with fuzzy word matches.
fn word_dice(a: &str, b: &str) -> f64 {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let close = |x: &str, y: &str| {
        x == y || (x.len() > 4 && y.len() > 4 && strsim::jaro_winkler(x, y) >= 0.9)
    };
    let matched = wa.iter().filter(|x| wb.iter().any(|y| close(x, y))).count();
    let matched_b = wb.iter().filter(|y| wa.iter().any(|x| close(x, y))).count();
    (matched + matched_b) as f64 / (wa.len() + wb.len()) as f64
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
}

/// `kind: derivation` — values computed from other claims.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DerivationRule {
    pub id: String,
    pub description: String,
    pub derive: Derive,
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
    /// The same tables hashed, for the lookups on every word of every source.
    index: HashMap<AliasCategory, HashMap<String, String>>,
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
    /// The canonical name of `name` in `category`, if the rules know it.
    pub fn canonical(&self, category: AliasCategory, name: &str) -> Option<&str> {
        let table = self.index.get(&category)?;
        let folds = matches!(category, AliasCategory::Unit | AliasCategory::Event);
        if folds && name.chars().any(char::is_uppercase) {
            return table.get(&name.to_lowercase()).map(String::as_str);
        }
        table.get(name).map(String::as_str)
    }

    /// The variants of `category` (lookup keys), for building automata.
    pub fn variants(&self, category: AliasCategory) -> impl Iterator<Item = (&str, &str)> {
        self.aliases
            .get(&category)
            .into_iter()
            .flat_map(|t| t.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    pub fn hedge(&self, phrase: &str) -> Option<&HedgePhrase> {
        self.hedges.iter().find(|h| h.phrase == phrase)
    }

    pub fn vague_amount(&self, phrase: &str) -> Option<&VaguePhrase> {
        self.vague.iter().find(|v| v.phrase == phrase)
    }
}

/// The rules of a run, by id, and the lexicon compiled from them.
#[derive(Debug, Clone)]
pub struct Ruleset {
    /// Rules in the order they were defined, overrides applied in place.
    pub rules: Vec<Rule>,
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
        let mut rules: Vec<Rule> = Vec::new();
        let mut errors = Vec::new();
        let builtin = BUILTIN.iter().map(|(p, t)| (p.to_string(), t.to_string()));
        for (path, text) in builtin.chain(user.iter().cloned()) {
            match yaml::parse_rule_file(&path, &text) {
                Ok(file) => {
                    for rule in file.rules {
                        if let Err(message) = validate(&rule) {
                            errors.push(RuleError {
                                path: path.clone(),
                                line: None,
                                column: None,
                                message,
                            });
                            continue;
                        }
                        match rules.iter_mut().find(|r| r.id() == rule.id()) {
                            Some(existing) => *existing = rule,
                            None => rules.push(rule),
                        }
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let lexicon = compile_lexicon(&rules);
        Ok(Ruleset { rules, lexicon })
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

    pub fn derivation(&self, derive: Derive) -> Option<&DerivationRule> {
        self.rules.iter().find_map(|r| match r {
            Rule::Derivation(d) if d.derive == derive => Some(d),
            _ => None,
        })
    }
}

/// Checks a rule's values beyond what its type says.
fn validate(rule: &Rule) -> Result<(), String> {
    let id = rule.id();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!(
            "rule id {id:?} must be non-empty letters, digits, '-' or '_'"
        ));
    }
    let unit = |x: f64, what: &str| {
        if (0.0..=1.0).contains(&x) {
            Ok(())
        } else {
            Err(format!("rule {id}: {what} {x} is out of range 0..=1"))
        }
    };
    match rule {
        Rule::Hedge(h) => {
            if h.phrases.is_empty() {
                return Err(format!("rule {id}: `phrases` is empty"));
            }
            let needs_tolerance =
                matches!(h.bound, Bound::Approximate | Bound::Below | Bound::Above);
            match (needs_tolerance, h.tolerance) {
                (true, None) => {
                    return Err(format!("rule {id}: bound {:?} needs `tolerance`", h.bound));
                }
                (_, Some(t)) => unit(t, "tolerance")?,
                _ => {}
            }
        }
        Rule::Vague(v) => {
            if v.phrases.is_empty() {
                return Err(format!("rule {id}: `phrases` is empty"));
            }
            if !(v.low >= 0.0 && v.low <= v.high) {
                return Err(format!(
                    "rule {id}: needs 0 <= low <= high, got {} and {}",
                    v.low, v.high
                ));
            }
        }
        Rule::Link(l) => {
            let all = [
                l.similarity,
                l.conflict_similarity,
                l.within_source_conflict_similarity,
            ];
            for s in all.iter().flatten() {
                unit(s.threshold, "similarity threshold")?;
            }
        }
        Rule::Verdict(v) => {
            if let Some(t) = v.tolerance {
                unit(t, "tolerance")?;
            }
            if let Some(t) = v.high_above
                && t < 0.0
            {
                return Err(format!("rule {id}: high-above {t} must not be negative"));
            }
        }
        Rule::Alias(a) => {
            if a.names.is_empty() {
                return Err(format!("rule {id}: `names` is empty"));
            }
        }
        Rule::Derivation(_) => {}
    }
    Ok(())
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
    lexicon.index = lexicon
        .aliases
        .iter()
        .map(|(category, table)| {
            (
                *category,
                table.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            )
        })
        .collect();
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
