//! Link: which claims state the same fact, and whether they agree.
//!
//! Takes every claim of the run (all sources, normalized, with context) and the rules; gives
//! [`Link`]s: pairs of claims that a `link` rule says state the same fact, each with the verdict a
//! `verdict` rule gave (agree or conflict, severity) and a note an editor can read ("within the
//! ±10% of 'roughly'").
//!
//! Never every claim against every other: claims are first grouped by blocking keys built from
//! the fields the link rule requires to be equal (claim kind, counted noun after aliases, role,
//! place; surname; time role), plus, for rules scored on context, the entities of that context
//! (times) or word shingles (quotes). Only pairs inside a block are scored. Event times are also
//! linked through the quantities beside them: when two sentences state the same quantity fact,
//! their single event times are candidates too (`anchor-on-quantities`).
//!
//! What a rule compares is made once per claim (`RuleView`: required and compatible values as
//! ids, block memberships); pairs are then made claim by claim (each claim with its later block
//! partners, no list of all pairs) and checked in parallel, the outcomes merged in claim order,
//! so the links do not depend on the threads.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Claim, ClaimKind, EntityType, Interval, Quantity, Role, TimeRole};
use crate::rules::{Bound, Field, LinkRule, Metric, Ruleset, Severity, Similarity, VerdictRule};

/// Whether two linked claims agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Agree,
    Conflict,
}

/// Two claims that state the same fact, and the verdict on them.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Claim indices, `a < b`.
    pub a: usize,
    pub b: usize,
    pub verdict: Verdict,
    /// The link rule that said they state the same fact.
    pub link_rule: String,
    /// The verdict rule that decided agree or conflict.
    pub verdict_rule: String,
    /// `info` for agreements; the verdict rule's severity for conflicts.
    pub severity: Severity,
    /// Context similarity, when the link rule scores one.
    pub score: Option<f64>,
    /// The threshold the score had to reach.
    pub threshold: Option<f64>,
    /// Why, in words: the tolerance that made them agree, or how they differ.
    pub note: String,
}

/// Links the claims of a run.
pub fn link(claims: &[Claim], rules: &Ruleset) -> Vec<Link> {
    link_counting(claims, rules).0
}

/// What the check of one candidate pair gave.
enum Outcome {
    Linked(Link),
    /// A conflict whose contexts are too unlike; it comes back only inside a fact (see
    /// [`restore_conflicts_inside_facts`]).
    Barred(Link),
}

/// The links of a run, and how many candidate pairs were checked (the work of linking, which
/// must grow with the pairs that share a block, not with the square of the claims).
fn link_counting(claims: &[Claim], rules: &Ruleset) -> (Vec<Link>, usize) {
    let prepared = Prepared::new(claims);
    let mut links = Vec::new();
    let mut checked = 0;
    for kind in [
        ClaimKind::Quantity,
        ClaimKind::Time,
        ClaimKind::Entity,
        ClaimKind::Quote,
    ] {
        let mut linked: FxHashSet<(usize, usize)> = FxHashSet::default();
        let mut barred: Vec<Link> = Vec::new();
        let first_of_kind = links.len();
        for rule in rules.links(kind) {
            let anchors = match kind == ClaimKind::Time && rule.anchor_on_quantities {
                true => anchored_pairs(claims, &links),
                false => BTreeMap::new(),
            };
            let view = RuleView::new(&prepared, kind, rule, &anchors);
            // Each claim with its later partners, checked in parallel; the outcomes come back in
            // claim order, so the links are the same as one pair after another.
            let outcomes: Vec<(usize, Vec<Outcome>)> = view
                .firsts
                .par_iter()
                .map_init(Scratch::default, |scratch, &a| {
                    let mut partners = std::mem::take(&mut scratch.partners);
                    view.partners(&prepared, a, anchors.get(&a), &mut partners);
                    let outcomes = partners
                        .iter()
                        .filter(|&&b| !linked.contains(&(a, b)))
                        .filter_map(|&b| {
                            let anchored =
                                anchors.get(&a).is_some_and(|x| x.binary_search(&b).is_ok());
                            check_pair(&prepared, &view, a, b, rule, anchored, rules, scratch)
                        })
                        .collect();
                    let n = partners.len();
                    scratch.partners = partners;
                    (n, outcomes)
                })
                .collect();
            for (n, outcomes) in outcomes {
                checked += n;
                for outcome in outcomes {
                    match outcome {
                        Outcome::Linked(l) => {
                            linked.insert((l.a, l.b));
                            links.push(l);
                        }
                        Outcome::Barred(l) => barred.push(l),
                    }
                }
            }
        }
        restore_conflicts_inside_facts(claims.len(), &mut links, first_of_kind, barred);
    }
    let links = drop_conflicts_with_better_partners(claims, links);
    let mut links = links;
    links.sort_by_key(|x| (x.a, x.b));
    (links, checked)
}

/// Checks one candidate pair: whether it states one fact, the verdict, and whether a conflict
/// (or a loose agreement) has contexts alike enough to stand.
#[allow(clippy::too_many_arguments)]
fn check_pair(
    prepared: &Prepared,
    view: &RuleView,
    a: usize,
    b: usize,
    rule: &LinkRule,
    anchored: bool,
    rules: &Ruleset,
    scratch: &mut Scratch,
) -> Option<Outcome> {
    let claims = prepared.claims;
    let score = same_fact(prepared, view, a, b, rule, anchored, scratch)?;
    let mut l = judge(prepared, a, b, rule, score, rules)?;
    let conflict_bar = match claims[a].source == claims[b].source {
        true => rule
            .within_source_conflict_similarity
            .or(rule.conflict_similarity),
        false => rule.conflict_similarity,
    };
    // Values that are near (quantities within `near-difference`) or that agree on a
    // non-quantity need no more evidence; a conflict, or a loose agreement through a bound or a
    // vague amount, must also have similar contexts.
    let near = match (claims[a].quantity(), claims[b].quantity()) {
        (Some(qa), Some(qb)) => relative_difference_of_values(qa, qb)
            .is_some_and(|d| d <= rule.near_difference.unwrap_or(0.0)),
        _ => l.verdict == Verdict::Agree,
    };
    if !anchored
        && !near
        && let Some(sim) = conflict_bar
    {
        let score = prepared.context_score(a, b, sim.metric, scratch);
        l.score = Some(score);
        l.threshold = Some(sim.threshold);
        if score < sim.threshold {
            return (l.verdict == Verdict::Conflict).then_some(Outcome::Barred(l));
        }
    }
    if anchored {
        l.note
            .push_str(" (linked through the quantities beside them)");
    }
    Some(Outcome::Linked(l))
}

/// A conflict kept out for dissimilar contexts comes back when other links put both claims in
/// one fact anyway: "more than 600" and "about 40" must not stand in one agreement because each
/// agrees with "more than 40". A false agreement misleads more than a discrepancy to review.
fn restore_conflicts_inside_facts(n: usize, links: &mut Vec<Link>, from: usize, barred: Vec<Link>) {
    if barred.is_empty() {
        return;
    }
    let mut groups = petgraph::unionfind::UnionFind::<usize>::new(n);
    for l in &links[from..] {
        groups.union(l.a, l.b);
    }
    links.extend(barred.into_iter().filter(|l| groups.equiv(l.a, l.b)));
}

/// A conflict between `a` and `b` is dropped when `a` agrees with another claim of `b`'s
/// sentence (or `b` with another of `a`'s): sentences that list several values ("born in 1928 ...
/// founded in 1931") pair value with value, not every value with every other.
fn drop_conflicts_with_better_partners(claims: &[Claim], links: Vec<Link>) -> Vec<Link> {
    let sentence = |i: usize| (claims[i].source, claims[i].sentence);
    let agreeing: FxHashSet<(usize, (usize, usize))> = links
        .iter()
        .filter(|l| l.verdict == Verdict::Agree)
        .flat_map(|l| [(l.a, sentence(l.b)), (l.b, sentence(l.a))])
        .collect();
    links
        .into_iter()
        .filter(|l| {
            l.verdict == Verdict::Agree
                || !(agreeing.contains(&(l.a, sentence(l.b)))
                    || agreeing.contains(&(l.b, sentence(l.a))))
        })
        .collect()
}

/// The value of a field for blocking and comparison; `None` when the claim lacks it.
fn field_values(claim: &Claim, field: Field) -> Option<Vec<String>> {
    let non_empty = |v: Vec<String>| if v.is_empty() { None } else { Some(v) };
    match field {
        Field::Unit => claim.quantity()?.unit.clone().map(|u| vec![u]),
        Field::Role => claim
            .quantity()
            .map(|q| vec![role_class(q.role).to_string()]),
        Field::Places => non_empty(claim.context.places.iter().take(1).cloned().collect()),
        Field::Actors => non_empty(claim.context.actors.clone()),
        Field::Event => claim.context.event.clone().map(|e| vec![e]),
        Field::Time => match claim.time() {
            Some(t) => Some(vec![time_role(t.role).to_string()]),
            None => non_empty(
                claim
                    .context
                    .times
                    .iter()
                    .map(|(s, e)| format!("{s}..{e}"))
                    .collect(),
            ),
        },
        Field::Surname => {
            let e = claim.entity()?;
            if e.entity_type != EntityType::Person {
                return None;
            }
            e.surname.as_ref().map(|s| vec![s.to_lowercase()])
        }
        Field::Speaker => claim.quote()?.speaker.clone().map(|s| vec![s]),
    }
}

/// Level and before are one class: the amount before a change is the amount stated as current.
pub fn role_class(role: Role) -> &'static str {
    match role {
        Role::Level | Role::Before => "level",
        Role::After => "after",
        Role::Change => "change",
    }
}

fn time_role(role: TimeRole) -> &'static str {
    match role {
        TimeRole::Event => "event",
        TimeRole::Report => "report",
    }
}

/// The blocks of a claim beside its required values: one per context entity (place or actor)
/// for times, one per three-word shingle of the wording for quotes, one otherwise. `None`: the
/// claim is not linked through blocks.
fn block_extras(p: &Prepared, i: usize) -> Option<Vec<String>> {
    let claim = &p.claims[i];
    match claim.kind() {
        // Report times date statements ("said Wednesday"), not facts: they are not linked.
        ClaimKind::Time if claim.time().is_some_and(|t| t.role == TimeRole::Report) => None,
        ClaimKind::Time => {
            let mut entities: Vec<&String> = claim
                .context
                .places
                .iter()
                .chain(&claim.context.actors)
                .collect();
            entities.sort();
            entities.dedup();
            Some(entities.into_iter().cloned().collect())
        }
        ClaimKind::Quote => {
            let words: Vec<&str> = p
                .quote_words(i)
                .0
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() < 3 {
                return Some(vec![words.join(" ")]);
            }
            Some(words.windows(3).map(|w| w.join(" ")).collect())
        }
        _ => Some(vec![String::new()]),
    }
}

/// Ids for values: equal values, equal ids.
struct Interner<K>(FxHashMap<K, u32>);

impl<K: std::hash::Hash + Eq> Interner<K> {
    fn new() -> Interner<K> {
        Interner(FxHashMap::default())
    }

    fn id(&mut self, key: K) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(key).or_insert(next)
    }
}

/// What one link rule compares, made once per claim of its kind: the values it requires equal
/// (one id per claim), the values it requires compatible (ids), and the blocks — claims that
/// share the required values and, for times and quotes, a context entity or a shingle of
/// wording. Only pairs inside a block are checked, made claim by claim, never all at once.
struct RuleView {
    /// Per claim: the id of its required values; `None` when it lacks one or is of another kind.
    required: Vec<Option<u32>>,
    /// Per compatible field of the rule, each claim's values.
    compatible: Vec<Compatible>,
    /// Per claim: the blocks it is in, ascending.
    blocks_of: Vec<Vec<u32>>,
    /// Per block: its claims, ascending.
    blocks: Vec<Vec<u32>>,
    /// The claims with later partners to check (in a block, or anchored), ascending.
    firsts: Vec<usize>,
    /// For a rule that links on a word-dice score: the pairs of a block that can reach it.
    alike: Option<Alike>,
}

/// Which claims of a rule scored by word-dice can reach its threshold `t` together, found
/// through their words instead of trying every pair of a block. A claim matches `m` of its `n`
/// words in the other's; a pair reaches `t` only if one side matches at least `⌈t·n⌉` of its
/// words (were both below, their sum would be below `t` of both sizes). So one of the first
/// `n − ⌈t·n⌉ + 1` words of that side (its prefix; rarest words first) matches a word of the
/// other, exactly or fuzzily: every pair that can reach `t` shares such a word, and only those
/// are checked. Exact: a pair left out scores below `t`.
struct Alike {
    /// Per vocabulary word: the claims of the rule whose context has it, ascending.
    having: Vec<Vec<u32>>,
    /// Per vocabulary word: the claims with a prefix word that matches it, ascending.
    matched_by_prefix: Vec<Vec<u32>>,
    /// Per claim: its prefix words.
    prefix: Vec<Vec<u32>>,
}

impl Alike {
    fn new(v: &Vocabulary, members: &[usize], threshold: f64, n: usize) -> Alike {
        let mut often = vec![0u32; v.words.len()];
        for &i in members {
            for &w in &v.sets[i] {
                often[w as usize] += 1;
            }
        }
        let mut having = vec![Vec::new(); v.words.len()];
        let mut matched_by_prefix: Vec<Vec<u32>> = vec![Vec::new(); v.words.len()];
        let mut prefix = vec![Vec::new(); n];
        for &i in members {
            let words = &v.sets[i];
            for &w in words {
                having[w as usize].push(i as u32);
            }
            // Margins below the threshold keep the bound safe from rounding: a side that matches
            // fewer than `least` words stays below `t` by more than any rounding of the score.
            let least = ((threshold - 1e-6) * words.len() as f64 - 1e-9)
                .ceil()
                .max(0.0) as usize;
            let mut first: Vec<u32> = words.clone();
            first.sort_by_key(|&w| (often[w as usize], w));
            first.truncate((words.len() + 1).saturating_sub(least));
            let mut reached: Vec<u32> = first
                .iter()
                .flat_map(|&x| std::iter::once(x).chain(v.partners(x).iter().copied()))
                .collect();
            reached.sort_unstable();
            reached.dedup();
            for w in reached {
                matched_by_prefix[w as usize].push(i as u32);
            }
            prefix[i] = first;
        }
        Alike {
            having,
            matched_by_prefix,
            prefix,
        }
    }

    /// The claims after `a` that may reach the threshold with it, unordered, with repeats.
    fn candidates(&self, v: &Vocabulary, a: usize, out: &mut Vec<usize>) {
        let mut after = |claims: &[u32]| {
            let from = claims.partition_point(|&x| x as usize <= a);
            out.extend(claims[from..].iter().map(|&x| x as usize));
        };
        for &x in &self.prefix[a] {
            for &w in std::iter::once(&x).chain(v.partners(x)) {
                after(&self.having[w as usize]);
            }
        }
        for &w in &v.sets[a] {
            after(&self.matched_by_prefix[w as usize]);
        }
    }
}

/// A compatible field's values per claim.
enum Compatible {
    /// The event word class; no event is a value of its own ("6 killed" is not "6 people").
    Event(Vec<Option<u32>>),
    /// A quantity's context times, compared as intervals on the claims themselves.
    QuantityTimes,
    /// Other fields: the ids of the values, ascending; compatible when the two share one, or
    /// when either lacks the field.
    Values(Vec<Option<Vec<u32>>>),
}

impl RuleView {
    fn new(
        p: &Prepared,
        kind: ClaimKind,
        rule: &LinkRule,
        anchors: &BTreeMap<usize, Vec<usize>>,
    ) -> RuleView {
        let claims = p.claims;
        let n = claims.len();
        let mut tuples: Interner<Vec<Vec<String>>> = Interner::new();
        let mut words: Interner<String> = Interner::new();
        let mut keys: Interner<(u32, u32)> = Interner::new();
        let mut required = vec![None; n];
        let mut compatible: Vec<Compatible> = rule
            .compatible
            .iter()
            .map(|field| match field {
                Field::Event => Compatible::Event(vec![None; n]),
                Field::Time if kind == ClaimKind::Quantity => Compatible::QuantityTimes,
                _ => Compatible::Values(vec![None; n]),
            })
            .collect();
        let mut blocks_of: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut blocks: Vec<Vec<u32>> = Vec::new();
        for (i, claim) in claims.iter().enumerate() {
            if claim.kind() != kind {
                continue;
            }
            required[i] = rule
                .require
                .iter()
                .map(|field| field_values(claim, *field))
                .collect::<Option<Vec<_>>>()
                .map(|values| tuples.id(values));
            for (field, values) in rule.compatible.iter().zip(&mut compatible) {
                match values {
                    Compatible::Event(ids) => {
                        ids[i] = claim.context.event.as_ref().map(|e| words.id(e.clone()));
                    }
                    Compatible::QuantityTimes => {}
                    Compatible::Values(ids) => {
                        ids[i] = field_values(claim, *field).map(|values| {
                            let mut v: Vec<u32> = values.into_iter().map(|x| words.id(x)).collect();
                            v.sort_unstable();
                            v.dedup();
                            v
                        });
                    }
                }
            }
            let Some(base) = required[i] else {
                continue;
            };
            if !rule.applies_to(claim) {
                continue;
            }
            let Some(extras) = block_extras(p, i) else {
                continue;
            };
            let mut mine: Vec<u32> = extras
                .into_iter()
                .map(|extra| keys.id((base, words.id(extra))))
                .collect();
            mine.sort_unstable();
            mine.dedup();
            for &k in &mine {
                if k as usize == blocks.len() {
                    blocks.push(Vec::new());
                }
                blocks[k as usize].push(i as u32);
            }
            blocks_of[i] = mine;
        }
        let mut firsts: Vec<usize> = (0..n)
            .filter(|&i| !blocks_of[i].is_empty())
            .chain(anchors.keys().copied())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        let alike = rule
            .similarity
            .filter(|sim| {
                sim.metric == Metric::WordDice && sim.threshold > 1e-3 && kind != ClaimKind::Quote
            })
            .map(|sim| {
                let members: Vec<usize> = (0..n).filter(|&i| !blocks_of[i].is_empty()).collect();
                Alike::new(p.vocabulary(), &members, sim.threshold, n)
            });
        RuleView {
            required,
            compatible,
            blocks_of,
            blocks,
            firsts,
            alike,
        }
    }

    /// The later claims (`b > a`) that share a block with claim `a` (and, for a word-dice rule,
    /// may reach its threshold with it) or are anchored to it, in order, without the pairs that
    /// cannot state one fact (see [`may_pair`]).
    fn partners(
        &self,
        p: &Prepared,
        a: usize,
        anchored: Option<&Vec<usize>>,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        match &self.alike {
            Some(alike) => {
                alike.candidates(p.vocabulary(), a, out);
                out.sort_unstable();
                out.dedup();
                out.retain(|&b| self.share_a_block(a, b));
            }
            None => {
                for &k in &self.blocks_of[a] {
                    let members = &self.blocks[k as usize];
                    let from = members.partition_point(|&x| x as usize <= a);
                    out.extend(members[from..].iter().map(|&x| x as usize));
                }
                if self.blocks_of[a].len() > 1 {
                    out.sort_unstable();
                    out.dedup();
                }
            }
        }
        if let Some(anchored) = anchored {
            out.extend(anchored);
            out.sort_unstable();
            out.dedup();
        }
        out.retain(|&b| may_pair(&p.claims[a], &p.claims[b]));
    }

    fn share_a_block(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.blocks_of[a], &self.blocks_of[b]);
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// Whether two claims have the same required values.
    fn same_required(&self, a: usize, b: usize) -> bool {
        self.required[a].is_some() && self.required[a] == self.required[b]
    }

    /// Whether every compatible field does not differ where both claims have it.
    fn compatible(&self, claims: &[Claim], a: usize, b: usize) -> bool {
        self.compatible.iter().all(|field| match field {
            Compatible::Event(ids) => ids[a] == ids[b],
            Compatible::QuantityTimes => times_overlap(&claims[a], &claims[b]),
            Compatible::Values(ids) => match (&ids[a], &ids[b]) {
                (Some(x), Some(y)) => x.iter().any(|v| y.binary_search(v).is_ok()),
                _ => true,
            },
        })
    }
}

fn may_pair(a: &Claim, b: &Claim) -> bool {
    // Two claims of one sentence are two facts, except a derived value and the claim it is
    // checked against (a sum of parts and the total it should make).
    let same_sentence =
        a.source == b.source && a.sentence == b.sentence && !a.derived && !b.derived;
    let part_of = a.derived_from.contains(&b.id) || b.derived_from.contains(&a.id);
    a.id != b.id && !same_sentence && !part_of
}

/// How far (in bytes) an event time may stand from a quantity to date it: the same clause.
const ANCHOR_REACH: usize = 60;

/// Event times whose sentences state one quantity fact: for each quantity link, the single
/// resolved event time of each side's sentence, when it stands next to the linked quantity. By
/// the first claim of each pair: its partners, ascending.
fn anchored_pairs(claims: &[Claim], links: &[Link]) -> BTreeMap<usize, Vec<usize>> {
    let by_sentence = event_times_by_sentence(claims);
    let mut pairs = BTreeSet::new();
    let near = |q: &Claim, t: &Claim| {
        let gap = if t.span.start >= q.span.end {
            t.span.start - q.span.end
        } else {
            q.span.start.saturating_sub(t.span.end)
        };
        gap <= ANCHOR_REACH
    };
    for l in links {
        if claims[l.a].kind() != ClaimKind::Quantity {
            continue;
        }
        let key = |c: &Claim| (c.source, c.sentence);
        if let (Some([ta]), Some([tb])) = (
            by_sentence.get(&key(&claims[l.a])).map(Vec::as_slice),
            by_sentence.get(&key(&claims[l.b])).map(Vec::as_slice),
        ) && ta != tb
            && near(&claims[l.a], &claims[*ta])
            && near(&claims[l.b], &claims[*tb])
            && may_pair(&claims[*ta], &claims[*tb])
        {
            pairs.insert(((*ta).min(*tb), (*ta).max(*tb)));
        }
    }
    let mut by_first: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (a, b) in pairs {
        by_first.entry(a).or_default().push(b);
    }
    by_first
}

fn event_times_by_sentence(claims: &[Claim]) -> BTreeMap<(usize, usize), Vec<usize>> {
    let mut map: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let Some(t) = c.time()
            && t.role == TimeRole::Event
            && t.start.is_some()
        {
            map.entry((c.source, c.sentence)).or_default().push(i);
        }
    }
    map
}

/// Whether the rule says claims `a` and `b` state the same fact; gives the context score (1 when
/// the rule scores none, or when the pair is anchored on linked quantities).
fn same_fact(
    p: &Prepared,
    view: &RuleView,
    a: usize,
    b: usize,
    rule: &LinkRule,
    anchored: bool,
    scratch: &mut Scratch,
) -> Option<f64> {
    if !view.same_required(a, b) || !view.compatible(p.claims, a, b) {
        return None;
    }
    if anchored {
        return Some(1.0);
    }
    match rule.similarity {
        None => Some(1.0),
        Some(sim) => p.score_at_least(a, b, sim, scratch),
    }
}

/// What the pair checks of a run read again and again, made once per claim on first need: the
/// words of a quotation (as characters, for Levenshtein) and each claim's context words as ids
/// into one sorted vocabulary of the run (for word-dice). Shared by the threads that check pairs.
struct Prepared<'c> {
    claims: &'c [Claim],
    quote_words: Vec<OnceLock<(String, Vec<char>)>>,
    vocabulary: OnceLock<Vocabulary<'c>>,
}

/// The distinct context words of a run, sorted, so that a claim's word set is a sorted list of
/// ids and the words of one three-letter prefix are a run of ids.
struct Vocabulary<'c> {
    words: Vec<&'c str>,
    /// Per claim: the ids of its distinct context words, ascending.
    sets: Vec<Vec<u32>>,
    /// Per word: the words it matches fuzzily (see [`Prepared::word_dice`]), made on first need.
    partners: Vec<OnceLock<Vec<u32>>>,
}

/// One thread's working memory for checking pairs: the partners of the claim being checked; the
/// context words of both claims of a pair marked in vocabulary-sized tables (a word is in a
/// claim's set when its entry holds that claim's stamp), so a word-dice score reads each word
/// once instead of searching the other set; the checked claim's wording as a [`Pattern`].
#[derive(Default)]
struct Scratch {
    partners: Vec<usize>,
    in_first: Vec<u32>,
    in_second: Vec<u32>,
    /// The claim whose words `in_first` marks, and its stamp.
    first: Option<(usize, u32)>,
    stamp: u32,
    /// The wording of the claim being checked, prepared for Levenshtein distances.
    pattern: Option<(usize, Pattern)>,
}

impl<'c> Vocabulary<'c> {
    fn new(claims: &'c [Claim]) -> Vocabulary<'c> {
        // Distinct words first (a hashed set), so that only they are sorted.
        let distinct: FxHashSet<&str> = claims
            .iter()
            .flat_map(|c| c.context.words.split_whitespace())
            .collect();
        let mut words: Vec<&str> = distinct.into_iter().collect();
        words.sort_unstable();
        let ids: FxHashMap<&str, u32> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (*w, i as u32))
            .collect();
        let sets = claims
            .iter()
            .map(|c| {
                let mut set: Vec<u32> =
                    c.context.words.split_whitespace().map(|w| ids[w]).collect();
                set.sort_unstable();
                set.dedup();
                set
            })
            .collect();
        let partners = (0..words.len()).map(|_| OnceLock::new()).collect();
        Vocabulary {
            words,
            sets,
            partners,
        }
    }

    /// The words that match word `x` fuzzily: longer than four letters (as `x` must be), with its
    /// first three letters and a Jaro-Winkler similarity of at least 0.9.
    fn partners(&self, x: u32) -> &[u32] {
        self.partners[x as usize].get_or_init(|| {
            let word = self.words[x as usize];
            let Some(prefix) = word.get(..3).filter(|_| word.len() > 4) else {
                return Vec::new();
            };
            let from = self.words.partition_point(|y| *y < prefix);
            self.words[from..]
                .iter()
                .take_while(|y| y.starts_with(prefix))
                .enumerate()
                .filter(|(_, y)| y.len() > 4 && strsim::jaro_winkler(word, y) >= 0.9)
                .map(|(k, _)| (from + k) as u32)
                .collect()
        })
    }

    /// How many words of `mine` match a word of the other set, exactly or fuzzily; the other
    /// set is the words whose entry in `marks` is `stamp`.
    fn matches(&self, mine: &[u32], marks: &[u32], stamp: u32) -> usize {
        let marked = |x: &u32| marks[*x as usize] == stamp;
        mine.iter()
            .filter(|x| marked(x) || self.partners(**x).iter().any(marked))
            .count()
    }
}

impl<'c> Prepared<'c> {
    fn new(claims: &'c [Claim]) -> Prepared<'c> {
        Prepared {
            claims,
            quote_words: (0..claims.len()).map(|_| OnceLock::new()).collect(),
            vocabulary: OnceLock::new(),
        }
    }

    fn vocabulary(&self) -> &Vocabulary<'c> {
        self.vocabulary.get_or_init(|| Vocabulary::new(self.claims))
    }

    fn quote_words(&self, i: usize) -> &(String, Vec<char>) {
        self.quote_words[i].get_or_init(|| {
            let words = quote_words(&self.claims[i].text);
            let chars = words.chars().collect();
            (words, chars)
        })
    }

    /// How alike two claims' contexts are: their wordings for quotes, the words around them
    /// otherwise.
    fn context_score(&self, a: usize, b: usize, metric: Metric, scratch: &mut Scratch) -> f64 {
        match self.claims[a].kind() {
            ClaimKind::Quote => metric.score(&self.quote_words(a).0, &self.quote_words(b).0),
            _ if metric == Metric::WordDice => self.word_dice(a, b, scratch),
            _ => metric.score(&self.claims[a].context.words, &self.claims[b].context.words),
        }
    }

    /// [`Metric::WordDice`] of two claims' context words, on their vocabulary ids: the same
    /// value as the metric on the words themselves. The words of `a` stay marked in `scratch`
    /// while the pairs of one claim are checked.
    fn word_dice(&self, a: usize, b: usize, scratch: &mut Scratch) -> f64 {
        let v = self.vocabulary();
        let (wa, wb) = (&v.sets[a], &v.sets[b]);
        if wa.is_empty() || wb.is_empty() {
            return 0.0;
        }
        if scratch.in_first.len() < v.words.len() {
            scratch.in_first = vec![0; v.words.len()];
            scratch.in_second = vec![0; v.words.len()];
            scratch.first = None;
        }
        let first = match scratch.first {
            Some((claim, stamp)) if claim == a => stamp,
            _ => {
                scratch.stamp += 1;
                for &x in wa {
                    scratch.in_first[x as usize] = scratch.stamp;
                }
                scratch.first = Some((a, scratch.stamp));
                scratch.stamp
            }
        };
        scratch.stamp += 1;
        let second = scratch.stamp;
        for &y in wb {
            scratch.in_second[y as usize] = second;
        }
        let matched =
            v.matches(wa, &scratch.in_second, second) + v.matches(wb, &scratch.in_first, first);
        matched as f64 / (wa.len() + wb.len()) as f64
    }

    /// The context score of two claims when it reaches `sim.threshold`, else `None`. Quotations
    /// scored by normalized Levenshtein are compared only as far as the threshold needs (the
    /// distance may not exceed a quarter of the longer wording at 0.75); the score, when it is
    /// reached, is exactly the metric's.
    fn score_at_least(
        &self,
        a: usize,
        b: usize,
        sim: Similarity,
        scratch: &mut Scratch,
    ) -> Option<f64> {
        if sim.metric == Metric::NormalizedLevenshtein && self.claims[a].kind() == ClaimKind::Quote
        {
            let (ca, cb) = (&self.quote_words(a).1, &self.quote_words(b).1);
            let longest = ca.len().max(cb.len());
            if longest == 0 {
                return (1.0 >= sim.threshold).then_some(1.0);
            }
            let score = |d: usize| 1.0 - (d as f64) / (longest as f64);
            // The largest distance that still reaches the threshold.
            let mut k = longest;
            while k > 0 && score(k) < sim.threshold {
                k -= 1;
            }
            if score(k) < sim.threshold {
                return None;
            }
            if ca.len().abs_diff(cb.len()) > k || letters_differ_by_more_than(ca, cb, k) {
                return None;
            }
            if ca == cb {
                return Some(score(0));
            }
            let pattern = match &scratch.pattern {
                Some((claim, pattern)) if *claim == a => pattern,
                _ => &scratch.pattern.insert((a, Pattern::new(ca))).1,
            };
            let d = pattern.distance(cb);
            return (d <= k).then(|| score(d));
        }
        let score = self.context_score(a, b, sim.metric, scratch);
        (score >= sim.threshold).then_some(score)
    }
}

/// Whether more than `k` edits are needed by the letters alone: the letters one wording has
/// more of than the other (counted in 128 classes by code point). Each edit changes the count of
/// one or two classes by one, so this never exceeds the Levenshtein distance; it costs one pass
/// over each wording, where the distance costs a band of rows.
fn letters_differ_by_more_than(a: &[char], b: &[char], k: usize) -> bool {
    let mut counts = [0i32; 128];
    for &c in a {
        counts[c as usize % 128] += 1;
    }
    for &c in b {
        counts[c as usize % 128] -= 1;
    }
    let (more, fewer) = counts.iter().fold((0, 0), |(more, fewer), &n| {
        (more + n.max(0), fewer + (-n).max(0))
    });
    more.max(fewer) as usize > k
}

/// A wording prepared for Levenshtein distances to other wordings by Myers' bit-vector
/// algorithm (in Hyyrö's blocks of 64 characters): per character, the positions where it stands,
/// as bits. A column of the distance table is then a few machine words of vertical differences,
/// so a distance costs one step per character of the other wording and block, not a cell per
/// pair of characters.
struct Pattern {
    len: usize,
    blocks: usize,
    /// Per ASCII character, its masks' offset in `masks` (`u32::MAX`: absent).
    ascii: [u32; 128],
    other: FxHashMap<char, u32>,
    masks: Vec<u64>,
}

impl Pattern {
    fn new(chars: &[char]) -> Pattern {
        let blocks = chars.len().div_ceil(64).max(1);
        let mut pattern = Pattern {
            len: chars.len(),
            blocks,
            ascii: [u32::MAX; 128],
            other: FxHashMap::default(),
            masks: Vec::new(),
        };
        for (i, &c) in chars.iter().enumerate() {
            let offset = match pattern.offset(c) {
                Some(offset) => offset,
                None => {
                    let offset = pattern.masks.len() as u32;
                    pattern.masks.resize(pattern.masks.len() + blocks, 0);
                    match (c as usize) < 128 {
                        true => pattern.ascii[c as usize] = offset,
                        false => {
                            pattern.other.insert(c, offset);
                        }
                    }
                    offset
                }
            };
            pattern.masks[offset as usize + i / 64] |= 1 << (i % 64);
        }
        pattern
    }

    fn offset(&self, c: char) -> Option<u32> {
        match (c as usize) < 128 {
            true => Some(self.ascii[c as usize]).filter(|&o| o != u32::MAX),
            false => self.other.get(&c).copied(),
        }
    }

    /// The Levenshtein distance from the pattern's wording to `text` (in characters).
    fn distance(&self, text: &[char]) -> usize {
        if self.len == 0 {
            return text.len();
        }
        // Vertical differences of the current column, +1 (`pv`) or −1 (`mv`) per row; the
        // first column climbs by one per row.
        let mut pv = vec![u64::MAX; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let last = 1u64 << ((self.len - 1) % 64);
        let mut distance = self.len as i64;
        for &c in text {
            let masks = self.offset(c).map(|o| o as usize);
            // The top row climbs by one per column.
            let mut carry = 1i64;
            for block in 0..self.blocks {
                let eq = masks.map_or(0, |o| self.masks[o + block]);
                let high = if block + 1 == self.blocks {
                    last
                } else {
                    1 << 63
                };
                carry = advance_block(&mut pv[block], &mut mv[block], eq, carry, high);
            }
            distance += carry;
        }
        distance as usize
    }
}

/// One block of Myers' step from a column to the next: `carry` is the horizontal difference
/// entering at the block's top row; gives the one leaving at its `high` row.
fn advance_block(pv: &mut u64, mv: &mut u64, mut eq: u64, carry: i64, high: u64) -> i64 {
    let (p, m) = (*pv, *mv);
    let xv = eq | m;
    if carry < 0 {
        eq |= 1;
    }
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let mut ph = m | !(xh | p);
    let mut mh = p & xh;
    let out = if ph & high != 0 {
        1
    } else if mh & high != 0 {
        -1
    } else {
        0
    };
    ph <<= 1;
    mh <<= 1;
    if carry < 0 {
        mh |= 1;
    } else if carry > 0 {
        ph |= 1;
    }
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    out
}

/// Whether two quantities' context times overlap, or either has none.
fn times_overlap(a: &Claim, b: &Claim) -> bool {
    let (ta, tb) = (&a.context.times, &b.context.times);
    ta.is_empty()
        || tb.is_empty()
        || ta
            .iter()
            .any(|x| tb.iter().any(|y| x.0 <= y.1 && y.0 <= x.1))
}

/// Lower-case words of a quotation, punctuation dropped, for comparing wordings.
pub fn quote_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        let word = word.trim_matches(|c| c == '\'' || c == '’');
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase().replace('’', "'"));
    }
    out
}

/// The verdict rule for a linked pair: the most specific whose scope matches, later rules winning ties.
fn verdict_rule<'r>(
    rules: &'r Ruleset,
    a: &Claim,
    b: &Claim,
    link_rule: &str,
) -> Option<&'r VerdictRule> {
    let (unit_a, unit_b) = (
        a.quantity().and_then(|q| q.unit.as_ref()),
        b.quantity().and_then(|q| q.unit.as_ref()),
    );
    let mut best: Option<(usize, &VerdictRule)> = None;
    for v in rules.verdicts(a.kind()) {
        let mut specificity = 0;
        if let Some(u) = &v.scope.unit {
            if unit_a != Some(u) || unit_b != Some(u) {
                continue;
            }
            specificity += 1;
        }
        if let Some(l) = &v.scope.link {
            if l != link_rule {
                continue;
            }
            specificity += 1;
        }
        if best.is_none_or(|(s, _)| specificity >= s) {
            best = Some((specificity, v));
        }
    }
    best.map(|(_, v)| v)
}

fn judge(
    p: &Prepared,
    a: usize,
    b: usize,
    rule: &LinkRule,
    score: f64,
    rules: &Ruleset,
) -> Option<Link> {
    let (ca, cb) = (&p.claims[a], &p.claims[b]);
    let verdict = verdict_rule(rules, ca, cb, &rule.id)?;
    let (agree, note, high) = match ca.kind() {
        ClaimKind::Quantity => judge_quantities(ca, cb, verdict, rules)?,
        ClaimKind::Time => judge_times(ca, cb)?,
        ClaimKind::Entity => judge_people(ca, cb)?,
        ClaimKind::Quote => judge_quotes(ca, cb, &p.quote_words(a).0, &p.quote_words(b).0),
    };
    let severity = match (agree, high) {
        (true, _) => Severity::Info,
        (false, true) => Severity::High,
        (false, false) => verdict.severity,
    };
    Some(Link {
        a,
        b,
        verdict: if agree {
            Verdict::Agree
        } else {
            Verdict::Conflict
        },
        link_rule: rule.id.clone(),
        verdict_rule: verdict.id.clone(),
        severity,
        score: rule.similarity.map(|_| score),
        threshold: rule.similarity.map(|s| s.threshold),
        note,
    })
}

/// Agree, the note, and whether a conflict is beyond the rule's `high-above`.
type Judgement = (bool, String, bool);

fn judge_quantities(
    a: &Claim,
    b: &Claim,
    rule: &VerdictRule,
    rules: &Ruleset,
) -> Option<Judgement> {
    let (qa, qb) = (a.quantity()?, b.quantity()?);
    let difference = relative_difference(qa, qb);
    let high = |d: Option<f64>| rule.high_above.zip(d).is_some_and(|(t, d)| d > t);
    if let (Some(t), Some(va), Some(vb)) = (rule.tolerance, qa.value, qb.value) {
        let d = difference.unwrap_or(0.0);
        let pct = percent(t);
        return Some(if d <= t + 1e-9 {
            (
                true,
                format!("within the ±{pct} of rule {}", rule.id),
                false,
            )
        } else {
            let note = format!(
                "{} and {} differ by {}, beyond the ±{pct} of rule {}",
                number(va),
                number(vb),
                percent(d),
                rule.id
            );
            (false, note, high(Some(d)))
        });
    }
    if qa.value.is_some() && qa.value == qb.value && qa.interval == qb.interval {
        return Some((true, "same value".to_string(), false));
    }
    // A stated value stands for its claim only when the claim allows it: "more than 500" does
    // not allow 500, so it is compared by its interval, not by the number it names.
    let within = |x: &Quantity, host: &Claim| {
        x.value.is_some_and(|v| {
            x.interval.contains(v) && host.quantity().is_some_and(|h| h.interval.contains(v))
        })
    };
    // When each value lies within the other's allowance, name the wider one: it is the
    // tolerance the agreement rests on.
    let width = |q: &Quantity| match (q.interval.low, q.interval.high) {
        (Some(l), Some(h)) => h - l,
        _ => f64::INFINITY,
    };
    match (within(qa, b), within(qb, a)) {
        (true, true) if width(qa) > width(qb) => {
            return Some((true, format!("within {}", allowance(a, rules)), false));
        }
        (true, _) => return Some((true, format!("within {}", allowance(b, rules)), false)),
        (false, true) => return Some((true, format!("within {}", allowance(a, rules)), false)),
        (false, false) => {}
    }
    if qa.interval.contains_interval(&qb.interval) && qa.interval.low.is_some() {
        return Some((true, format!("within {}", allowance(a, rules)), false));
    }
    if qb.interval.contains_interval(&qa.interval) && qb.interval.low.is_some() {
        return Some((true, format!("within {}", allowance(b, rules)), false));
    }
    // A bound and another allowance that share values do not contradict each other ("about 40"
    // and "more than 40" both allow 41). Two centred allowances ("about", "roughly") are judged
    // by their values above, so a stricter hedge can still make them conflict.
    let bounded = |q: &Quantity| {
        q.hedge
            .as_deref()
            .and_then(|h| rules.lexicon.hedge(h))
            .is_some_and(|h| h.bound != Bound::Approximate)
    };
    if (bounded(qa) || bounded(qb)) && overlap(&qa.interval, &qb.interval) {
        let note = format!("'{}' and '{}' allow common values", a.text, b.text);
        return Some((true, note, false));
    }
    let note = match difference {
        // The same number, on the wrong side of a bound ("more than 500" and "500").
        Some(d) if d < 0.005 => format!(
            "'{}' and '{}' do not overlap: the bound excludes the value",
            a.text, b.text
        ),
        Some(d) => format!(
            "'{}' and '{}' differ by {}, beyond what their hedges allow",
            a.text,
            b.text,
            percent(d)
        ),
        None => format!("'{}' and '{}' do not overlap", a.text, b.text),
    };
    Some((false, note, high(difference)))
}

/// Whether two intervals share at least one value (respecting open ends).
fn overlap(a: &Interval, b: &Interval) -> bool {
    let below = |x: &Interval, y: &Interval| match (x.high, y.low) {
        (Some(h), Some(l)) => h < l || (h == l && !(x.high_inclusive && y.low_inclusive)),
        _ => false,
    };
    let empty = |x: &Interval| x.low.is_none() && x.high.is_none();
    !empty(a) && !empty(b) && !below(a, b) && !below(b, a)
}

/// What a quantity's hedge allows, in words: "the ±10% of 'roughly'", "the bound 'at least six'".
fn allowance(claim: &Claim, rules: &Ruleset) -> String {
    let Some(q) = claim.quantity() else {
        return String::new();
    };
    if claim.derived {
        return format!(
            "the {} the derived change '{}' allows",
            range_words(&q.interval),
            claim.text
        );
    }
    if let Some(h) = q.hedge.as_deref().and_then(|h| rules.lexicon.hedge(h)) {
        return match h.bound {
            Bound::Approximate => format!("the ±{} of '{}'", percent(h.tolerance), h.phrase),
            _ => format!("the bound '{}'", claim.text),
        };
    }
    if q.vague.is_some() {
        return format!("the {} of '{}'", range_words(&q.interval), claim.text);
    }
    format!("the range '{}'", claim.text)
}

fn range_words(i: &Interval) -> String {
    match (i.low, i.high) {
        (Some(l), Some(h)) => format!("{}–{}", number(l), number(h)),
        (Some(l), None) => format!("{} or more", number(l)),
        (None, Some(h)) => format!("up to {}", number(h)),
        (None, None) => "any value".to_string(),
    }
}

/// The relative difference of two stated values; `None` when either is vague.
fn relative_difference_of_values(a: &Quantity, b: &Quantity) -> Option<f64> {
    a.value.zip(b.value)?;
    relative_difference(a, b)
}

/// |a − b| / max(|a|, |b|) of the stated values (midpoints of bounded intervals for vague amounts).
fn relative_difference(a: &Quantity, b: &Quantity) -> Option<f64> {
    let point = |q: &Quantity| {
        q.value
            .or_else(|| Some((q.interval.low? + q.interval.high?) / 2.0))
    };
    let (x, y) = (point(a)?, point(b)?);
    let scale = x.abs().max(y.abs());
    Some(if scale == 0.0 {
        0.0
    } else {
        (x - y).abs() / scale
    })
}

/// A number as an editor writes it: thousands separators, at most two decimals.
pub fn number(v: f64) -> String {
    if v.fract().abs() < 1e-9 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 { format!("-{out}") } else { out }
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn percent(x: f64) -> String {
    format!("{}%", number((x * 1000.0).round() / 10.0))
}

fn judge_times(a: &Claim, b: &Claim) -> Option<Judgement> {
    let (ta, tb) = (a.time()?, b.time()?);
    let (sa, ea, sb, eb) = (ta.start?, ta.end?, tb.start?, tb.end?);
    let show = |s: chrono::NaiveDate, e: chrono::NaiveDate| {
        if s == e {
            s.to_string()
        } else {
            format!("{s} to {e}")
        }
    };
    let (da, db) = (show(sa, ea), show(sb, eb));
    Some(if sa <= eb && sb <= ea {
        (
            true,
            format!("'{}' ({da}) and '{}' ({db}) overlap", a.text, b.text),
            false,
        )
    } else {
        (
            false,
            format!("'{}' ({da}) and '{}' ({db}) do not overlap", a.text, b.text),
            false,
        )
    })
}

fn judge_people(a: &Claim, b: &Claim) -> Option<Judgement> {
    let (ea, eb) = (a.entity()?, b.entity()?);
    let surname = ea.surname.clone().unwrap_or_default();
    Some(match (&ea.given, &eb.given) {
        (Some(ga), Some(gb)) if !same_given_name(ga, gb) => (
            false,
            format!(
                "same surname {surname}, given names '{ga}' and '{gb}' differ: the same person under another name, or two people"
            ),
            false,
        ),
        _ => (true, format!("same person, {surname}"), false),
    })
}

/// Given names are compatible when they share a name, or one is an initial or a short form of
/// the other: "Kenneth" ~ "K." ~ "Kenneth F."; "Mark" ~ "Mark Jay"; "Ray" ~ "Raymond";
/// "Frank" ≁ "Kenneth". Words before the first name (untitled roles such as "Prosecutor Terry")
/// count as names too, so they only ever add matches.
fn same_given_name(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let short_form = |x: &str, y: &str| {
        let n = x.chars().count();
        (n == 1 || n >= 3) && y.starts_with(x)
    };
    let (wa, wb) = (words(a), words(b));
    wa.iter().any(|x| {
        wb.iter()
            .any(|y| x == y || short_form(x, y) || short_form(y, x))
    })
}

/// Whether two speakers' canonical names can be one person: the same surname (last word) and
/// compatible given names.
fn same_speaker(a: &str, b: &str) -> bool {
    let split = |s: &str| match s.rsplit_once(' ') {
        Some((given, surname)) => (given.to_string(), surname.to_lowercase()),
        None => (String::new(), s.to_lowercase()),
    };
    let ((ga, sa), (gb, sb)) = (split(a), split(b));
    sa == sb && (ga.is_empty() || gb.is_empty() || same_given_name(&ga, &gb))
}

/// Two quotations by their wordings (see [`quote_words`]).
fn judge_quotes(a: &Claim, b: &Claim, wa: &str, wb: &str) -> Judgement {
    let same_words =
        wa.contains(wb) || wb.contains(wa) || strsim::normalized_levenshtein(wa, wb) >= 0.95;
    let (sa, sb) = (
        a.quote().and_then(|q| q.speaker.clone()),
        b.quote().and_then(|q| q.speaker.clone()),
    );
    match (&sa, &sb) {
        // Only full names are trusted to tell speakers apart; a bare surname may be misresolved.
        (Some(x), Some(y)) if x.contains(' ') && y.contains(' ') && !same_speaker(x, y) => (
            false,
            format!("the same words attributed to {x} and to {y}"),
            true,
        ),
        _ if !same_words => (false, "the quoted wording differs".to_string(), false),
        _ => (true, "the same quoted words".to_string(), false),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bit_vector_levenshtein_equals_the_metric() {
        let mut words: Vec<String> = [
            "",
            "a",
            "troops",
            "the troops will leave",
            "the troop will leave iraq",
            "kitten",
            "sitting",
            "the final remnants",
            "rooting out the final remnants",
            "zürich ist schön",
            "zurich is lovely",
        ]
        .map(String::from)
        .to_vec();
        // Longer wordings over a small alphabet (many equal letters), across block boundaries.
        let mut seed: u64 = 7;
        for len in [31, 63, 64, 65, 100, 127, 128, 129, 200, 64, 130, 190] {
            let word: String = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ['a', 'b', 'c', ' ', 'é'][(seed >> 33) as usize % 5]
                })
                .collect();
            words.push(word);
        }
        for a in &words {
            let ca: Vec<char> = a.chars().collect();
            let pattern = super::Pattern::new(&ca);
            for b in &words {
                let cb: Vec<char> = b.chars().collect();
                let d = strsim::levenshtein(a, b);
                assert_eq!(pattern.distance(&cb), d, "{a:?} {b:?}");
                assert!(
                    !super::letters_differ_by_more_than(&ca, &cb, d),
                    "{a:?} {b:?}"
                );
                // One edit away, inside and across blocks.
                for at in [0, cb.len() / 2, cb.len().saturating_sub(1)] {
                    let mut edited = cb.clone();
                    if at < edited.len() {
                        edited[at] = 'x';
                        let e: String = edited.iter().collect();
                        assert_eq!(pattern.distance(&edited), strsim::levenshtein(a, &e));
                    }
                }
            }
        }
    }

    #[test]
    fn word_dice_on_vocabulary_ids_equals_the_metric() {
        use super::*;
        let contexts = [
            "troops withdraw iraq pentagon",
            "troops withdrawal iraq general",
            "people killed earthquake",
            "",
            "united states troops iraq",
            "withdrawing withdrawn pentagon pentagons",
        ];
        let claims: Vec<Claim> = contexts
            .iter()
            .enumerate()
            .map(|(i, words)| {
                let mut c = Claim::new(
                    0,
                    "1",
                    crate::model::Span::new(i, i + 1),
                    i,
                    crate::model::ClaimDetail::Quantity(Quantity::count(1.0).into()),
                );
                c.context.words = words.to_string();
                c
            })
            .collect();
        let prepared = Prepared::new(&claims);
        let mut scratch = Scratch::default();
        for a in 0..claims.len() {
            for b in 0..claims.len() {
                assert_eq!(
                    prepared.word_dice(a, b, &mut scratch),
                    Metric::WordDice.score(contexts[a], contexts[b]),
                    "{a} {b}"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn word_dice_prefixes_find_every_pair_that_reaches_the_threshold() {
        let vocabulary = [
            "troops",
            "withdraw",
            "withdrawal",
            "withdrawn",
            "pentagon",
            "pentagons",
            "iraq",
            "killed",
            "earthquake",
            "earthquakes",
            "general",
            "generals",
            "people",
            "said",
        ];
        let mut seed: u64 = 11;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let claims: Vec<Claim> = (0..80)
            .map(|i| {
                let words: Vec<&str> = (0..1 + next(7)).map(|_| vocabulary[next(14)]).collect();
                let mut c = Claim::new(
                    0,
                    "1",
                    crate::model::Span::new(i, i + 1),
                    i,
                    crate::model::ClaimDetail::Quantity(Quantity::count(1.0).into()),
                );
                c.context.words = words.join(" ");
                c
            })
            .collect();
        let prepared = Prepared::new(&claims);
        let mut scratch = Scratch::default();
        let members: Vec<usize> = (0..claims.len()).collect();
        for threshold in [0.2, 0.4, 0.55, 0.7, 0.9] {
            let alike = Alike::new(prepared.vocabulary(), &members, threshold, claims.len());
            let (mut found, mut reaching) = (0, 0);
            for a in 0..claims.len() {
                let mut candidates = Vec::new();
                alike.candidates(prepared.vocabulary(), a, &mut candidates);
                found += candidates.len();
                for b in a + 1..claims.len() {
                    if prepared.word_dice(a, b, &mut scratch) >= threshold {
                        reaching += 1;
                        assert!(candidates.contains(&b), "{a} {b} at {threshold}");
                    }
                }
            }
            assert!(reaching > 0, "the sample has pairs at {threshold}");
            assert!(found > 0);
        }
    }

    /// A story of `events` distinct events (each in its own country), each reported by four
    /// outlets with a count, a day and a short quotation: the claims, and the linking work.
    fn story_of(events: usize) -> (usize, Vec<Link>, usize) {
        const COUNTRIES: [&str; 40] = [
            "Albania",
            "Algeria",
            "Argentina",
            "Armenia",
            "Australia",
            "Austria",
            "Azerbaijan",
            "Bahrain",
            "Bangladesh",
            "Belarus",
            "Belgium",
            "Bolivia",
            "Brazil",
            "Bulgaria",
            "Cambodia",
            "Canada",
            "Chile",
            "Colombia",
            "Croatia",
            "Cuba",
            "Cyprus",
            "Denmark",
            "Ecuador",
            "Estonia",
            "Ethiopia",
            "Finland",
            "Georgia",
            "Ghana",
            "Greece",
            "Hungary",
            "Iceland",
            "Indonesia",
            "Ireland",
            "Italy",
            "Jamaica",
            "Jordan",
            "Kazakhstan",
            "Kenya",
            "Latvia",
            "Lithuania",
        ];
        let rules = Ruleset::builtin();
        let sources: Vec<_> = (0..events)
            .flat_map(|k| (0..4).map(move |j| (k, j)))
            .filter_map(|(k, j)| {
                let country = COUNTRIES[k % COUNTRIES.len()];
                let text = format!(
                    "---\noutlet: Outlet {k}-{j}\npublished: 2024-03-{:02}\n---\n\
                     In {country}, {} homes were destroyed on Monday, officials said.\n\n\
                     \"{country} stands firm,\" the mayor said.\n",
                    10 + j,
                    120 + 2 * j,
                );
                crate::load::parse_source(&format!("{k}-{j}.md"), text.into_bytes(), None)
                    .ok()
                    .map(|(source, _)| source)
            })
            .collect();
        let claims = crate::read_claims(&sources, &rules);
        let (links, checked) = link_counting(&claims, &rules);
        (claims.len(), links, checked)
    }

    #[test]
    fn linking_work_grows_with_the_claims_not_their_square() {
        let (claims, links, checked) = story_of(10);
        let (claims4, links4, checked4) = story_of(40);
        assert!(
            claims > 0 && claims4 >= 4 * claims - 4,
            "{claims} {claims4}"
        );
        // Each event's four reports link with each other, and with nothing of the other events.
        assert!(!links.is_empty() && checked >= links.len(), "{links:?}");
        assert!(
            checked4 <= 5 * checked && links4.len() <= 5 * links.len(),
            "checked {checked} → {checked4}, linked {} → {}",
            links.len(),
            links4.len()
        );
    }

    #[test]
    fn numbers_read_like_an_editor_writes_them() {
        assert_eq!(number(5200.0), "5,200");
        assert_eq!(number(1940.0), "1,940");
        assert_eq!(number(0.3333), "0.33");
        assert_eq!(percent(0.1), "10%");
        assert_eq!(percent(0.0385), "3.9%");
    }

    #[test]
    fn given_names_and_initials() {
        assert!(same_given_name("Kenneth", "K."));
        assert!(same_given_name("Mark", "Mark Jay"));
        assert!(same_given_name("Ray", "Raymond"));
        assert!(same_given_name("Prosecutor Terry", "Attorney Terry"));
        assert!(!same_given_name("Frank", "Kenneth"));
        assert!(!same_given_name("Deborah", "Hoyt"));
        assert!(same_speaker("James G. Bodiford", "James Bodiford"));
        assert!(!same_speaker("Jane Smith", "Jane Doe"));
    }

    #[test]
    fn quote_words_fold_case_and_punctuation() {
        assert_eq!(
            quote_words("I told my son, 'I think I'm shot.'"),
            "i told my son i think i'm shot"
        );
        assert_eq!(
            quote_words("“Rooting out, the final remnants”"),
            "rooting out the final remnants"
        );
    }
}
