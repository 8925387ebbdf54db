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

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

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
    let prepared = Prepared::new(claims);
    let mut links = Vec::new();
    for kind in [
        ClaimKind::Quantity,
        ClaimKind::Time,
        ClaimKind::Entity,
        ClaimKind::Quote,
    ] {
        let mut linked: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut barred: Vec<Link> = Vec::new();
        let first_of_kind = links.len();
        for rule in rules.links(kind) {
            let mut candidates = candidate_pairs(claims, kind, rule);
            let anchors = match kind == ClaimKind::Time && rule.anchor_on_quantities {
                true => anchored_pairs(claims, &links),
                false => BTreeSet::new(),
            };
            if !anchors.is_empty() {
                candidates.extend(anchors.iter().copied());
                candidates.sort_unstable();
                candidates.dedup();
            }
            for (a, b) in candidates {
                if linked.contains(&(a, b)) {
                    continue;
                }
                let anchored = anchors.contains(&(a, b));
                let Some(score) = same_fact(&prepared, a, b, rule, anchored) else {
                    continue;
                };
                if let Some(l) = judge(claims, a, b, rule, score, rules) {
                    let conflict_bar = match claims[a].source == claims[b].source {
                        true => rule
                            .within_source_conflict_similarity
                            .or(rule.conflict_similarity),
                        false => rule.conflict_similarity,
                    };
                    // Values that are near (quantities within `near-difference`) or that agree
                    // on a non-quantity need no more evidence; a conflict, or a loose agreement
                    // through a bound or a vague amount, must also have similar contexts.
                    let near = match (claims[a].quantity(), claims[b].quantity()) {
                        (Some(qa), Some(qb)) => relative_difference_of_values(qa, qb)
                            .is_some_and(|d| d <= rule.near_difference.unwrap_or(0.0)),
                        _ => l.verdict == Verdict::Agree,
                    };
                    let mut l = l;
                    if !anchored
                        && !near
                        && let Some(sim) = conflict_bar
                    {
                        let score = prepared.context_score(a, b, sim.metric);
                        l.score = Some(score);
                        l.threshold = Some(sim.threshold);
                        if score < sim.threshold {
                            if l.verdict == Verdict::Conflict {
                                barred.push(l);
                            }
                            continue;
                        }
                    }
                    if anchored {
                        l.note
                            .push_str(" (linked through the quantities beside them)");
                    }
                    linked.insert((a, b));
                    links.push(l);
                }
            }
        }
        restore_conflicts_inside_facts(claims.len(), &mut links, first_of_kind, barred);
    }
    let links = drop_conflicts_with_better_partners(claims, links);
    let mut links = links;
    links.sort_by_key(|x| (x.a, x.b));
    links
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
    let agreeing: BTreeSet<(usize, (usize, usize))> = links
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

/// The blocking keys of a claim under a rule: required values, then context entities (times) or
/// word shingles (quotes) for rules that score context. No keys: the claim cannot be linked.
fn blocking_keys(claim: &Claim, rule: &LinkRule) -> Vec<String> {
    let mut base = String::new();
    for field in &rule.require {
        match field_values(claim, *field) {
            Some(values) => {
                base.push_str(&values.join(","));
                base.push('|');
            }
            None => return Vec::new(),
        }
    }
    match claim.kind() {
        // Report times date statements ("said Wednesday"), not facts: they are not linked.
        ClaimKind::Time if claim.time().is_some_and(|t| t.role == TimeRole::Report) => Vec::new(),
        ClaimKind::Time => {
            let mut entities: Vec<&String> = claim
                .context
                .places
                .iter()
                .chain(&claim.context.actors)
                .collect();
            entities.sort();
            entities.dedup();
            entities.into_iter().map(|e| format!("{base}{e}")).collect()
        }
        ClaimKind::Quote => {
            let words = quote_words(&claim.text);
            let words: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
            if words.len() < 3 {
                return vec![format!("{base}{}", words.join(" "))];
            }
            words
                .windows(3)
                .map(|w| format!("{base}{}", w.join(" ")))
                .collect()
        }
        _ => vec![base],
    }
}

/// Pairs of claims of `kind` that share a blocking key, in order, skipping pairs that cannot
/// state one fact (the same sentence of one source; a derived claim and its parts).
fn candidate_pairs(claims: &[Claim], kind: ClaimKind, rule: &LinkRule) -> Vec<(usize, usize)> {
    let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, claim) in claims.iter().enumerate() {
        if claim.kind() != kind || !rule.applies_to(claim) {
            continue;
        }
        for key in blocking_keys(claim, rule) {
            blocks.entry(key).or_default().push(i);
        }
    }
    // A flat list, sorted and deduplicated once: big blocks give millions of pairs, and a tree
    // of them costs several times the memory.
    let mut pairs = Vec::new();
    for members in blocks.values() {
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                if may_pair(&claims[a], &claims[b]) {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
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
/// resolved event time of each side's sentence, when it stands next to the linked quantity.
fn anchored_pairs(claims: &[Claim], links: &[Link]) -> BTreeSet<(usize, usize)> {
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
    pairs
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
fn same_fact(p: &Prepared, ia: usize, ib: usize, rule: &LinkRule, anchored: bool) -> Option<f64> {
    let (a, b) = (&p.claims[ia], &p.claims[ib]);
    for field in &rule.require {
        let (va, vb) = (field_values(a, *field)?, field_values(b, *field)?);
        if va != vb {
            return None;
        }
    }
    for field in &rule.compatible {
        if !compatible(a, b, *field) {
            return None;
        }
    }
    if anchored {
        return Some(1.0);
    }
    match rule.similarity {
        None => Some(1.0),
        Some(sim) => p.score_at_least(ia, ib, sim),
    }
}

/// What the pair checks of a run read again and again, made once per claim on first need: the
/// words of a quotation (as characters, for Levenshtein) and each claim's context words as ids
/// into one sorted vocabulary of the run (for word-dice).
struct Prepared<'c> {
    claims: &'c [Claim],
    quote_words: Vec<OnceCell<(String, Vec<char>)>>,
    vocabulary: OnceCell<Vocabulary<'c>>,
}

/// The distinct context words of a run, sorted, so that a claim's word set is a sorted list of
/// ids and the words of one three-letter prefix are a run of ids.
struct Vocabulary<'c> {
    words: Vec<&'c str>,
    /// Per claim: the ids of its distinct context words, ascending.
    sets: Vec<Vec<u32>>,
    /// Per word: the words it matches fuzzily (see [`Prepared::word_dice`]), made on first need.
    partners: Vec<OnceCell<Vec<u32>>>,
}

impl<'c> Vocabulary<'c> {
    fn new(claims: &'c [Claim]) -> Vocabulary<'c> {
        let mut words: Vec<&str> = claims
            .iter()
            .flat_map(|c| c.context.words.split_whitespace())
            .collect();
        words.sort_unstable();
        words.dedup();
        let ids: rustc_hash::FxHashMap<&str, u32> = words
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
        let partners = (0..words.len()).map(|_| OnceCell::new()).collect();
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

    /// How many words of `mine` match a word of `other`, exactly or fuzzily.
    fn matches(&self, mine: &[u32], other: &[u32]) -> usize {
        mine.iter()
            .filter(|x| {
                other.binary_search(x).is_ok()
                    || self
                        .partners(**x)
                        .iter()
                        .any(|y| other.binary_search(y).is_ok())
            })
            .count()
    }
}

impl<'c> Prepared<'c> {
    fn new(claims: &'c [Claim]) -> Prepared<'c> {
        Prepared {
            claims,
            quote_words: (0..claims.len()).map(|_| OnceCell::new()).collect(),
            vocabulary: OnceCell::new(),
        }
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
    fn context_score(&self, a: usize, b: usize, metric: Metric) -> f64 {
        match self.claims[a].kind() {
            ClaimKind::Quote => metric.score(&self.quote_words(a).0, &self.quote_words(b).0),
            _ if metric == Metric::WordDice => self.word_dice(a, b),
            _ => metric.score(&self.claims[a].context.words, &self.claims[b].context.words),
        }
    }

    /// [`Metric::WordDice`] of two claims' context words, on their vocabulary ids: the same
    /// value as the metric on the words themselves.
    fn word_dice(&self, a: usize, b: usize) -> f64 {
        let v = self.vocabulary.get_or_init(|| Vocabulary::new(self.claims));
        let (wa, wb) = (&v.sets[a], &v.sets[b]);
        if wa.is_empty() || wb.is_empty() {
            return 0.0;
        }
        (v.matches(wa, wb) + v.matches(wb, wa)) as f64 / (wa.len() + wb.len()) as f64
    }

    /// The context score of two claims when it reaches `sim.threshold`, else `None`. Quotations
    /// scored by normalized Levenshtein are compared only as far as the threshold needs (the
    /// distance may not exceed a quarter of the longer wording at 0.75); the score, when it is
    /// reached, is exactly the metric's.
    fn score_at_least(&self, a: usize, b: usize, sim: Similarity) -> Option<f64> {
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
            return levenshtein_within(ca, cb, k).map(score);
        }
        let score = self.context_score(a, b, sim.metric);
        (score >= sim.threshold).then_some(score)
    }
}

/// The Levenshtein distance of `a` and `b` when it is at most `k`, else `None`: only the band of
/// `k` cells either side of the diagonal is computed, and the scan stops when a whole row
/// exceeds `k`.
fn levenshtein_within(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    if a == b {
        return Some(0);
    }
    const FAR: usize = usize::MAX / 4;
    let m = b.len();
    let mut prev: Vec<usize> = (0..=m).map(|j| if j <= k { j } else { FAR }).collect();
    let mut curr = vec![FAR; m + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(m);
        curr[0] = if i <= k { i } else { FAR };
        if lo > 1 {
            curr[lo - 1] = FAR;
        }
        let mut row_min = curr[0];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let v = (prev[j - 1] + cost).min(prev[j] + 1).min(curr[j - 1] + 1);
            curr[j] = v;
            row_min = row_min.min(v);
        }
        if hi < m {
            curr[hi + 1] = FAR;
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut curr);
    }
    (prev[m] <= k).then_some(prev[m])
}

/// Whether a field does not differ where both claims have it.
fn compatible(a: &Claim, b: &Claim, field: Field) -> bool {
    match field {
        // An event on one side only means a different count ("6 killed" is not "6 people").
        Field::Event => a.context.event == b.context.event,
        Field::Time if a.kind() == ClaimKind::Quantity => {
            let (ta, tb) = (&a.context.times, &b.context.times);
            ta.is_empty()
                || tb.is_empty()
                || ta
                    .iter()
                    .any(|x| tb.iter().any(|y| x.0 <= y.1 && y.0 <= x.1))
        }
        _ => match (field_values(a, field), field_values(b, field)) {
            (Some(va), Some(vb)) => va.iter().any(|x| vb.contains(x)),
            _ => true,
        },
    }
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
    let unit_of = |c: &Claim| c.quantity().and_then(|q| q.unit.clone());
    let mut best: Option<(usize, &VerdictRule)> = None;
    for v in rules.verdicts(a.kind()) {
        let mut specificity = 0;
        if let Some(u) = &v.scope.unit {
            if unit_of(a).as_ref() != Some(u) || unit_of(b).as_ref() != Some(u) {
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
    claims: &[Claim],
    a: usize,
    b: usize,
    rule: &LinkRule,
    score: f64,
    rules: &Ruleset,
) -> Option<Link> {
    let (ca, cb) = (&claims[a], &claims[b]);
    let verdict = verdict_rule(rules, ca, cb, &rule.id)?;
    let (agree, note, high) = match ca.kind() {
        ClaimKind::Quantity => judge_quantities(ca, cb, verdict, rules)?,
        ClaimKind::Time => judge_times(ca, cb)?,
        ClaimKind::Entity => judge_people(ca, cb)?,
        ClaimKind::Quote => judge_quotes(ca, cb),
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

fn judge_quotes(a: &Claim, b: &Claim) -> Judgement {
    let (wa, wb) = (quote_words(&a.text), quote_words(&b.text));
    let same_words =
        wa.contains(&wb) || wb.contains(&wa) || strsim::normalized_levenshtein(&wa, &wb) >= 0.95;
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
    fn banded_levenshtein_is_exact_within_its_bound() {
        let words = [
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
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let d = strsim::levenshtein(a, b);
                for k in 0..12 {
                    let want = (d <= k).then_some(d);
                    assert_eq!(
                        super::levenshtein_within(&ca, &cb, k),
                        want,
                        "{a:?} {b:?} {k}"
                    );
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
                    crate::model::ClaimDetail::Quantity(Quantity::count(1.0)),
                );
                c.context.words = words.to_string();
                c
            })
            .collect();
        let prepared = Prepared::new(&claims);
        for a in 0..claims.len() {
            for b in 0..claims.len() {
                assert_eq!(
                    prepared.word_dice(a, b),
                    Metric::WordDice.score(contexts[a], contexts[b]),
                    "{a} {b}"
                );
            }
        }
    }

    use super::*;

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
