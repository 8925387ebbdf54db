//! Findings: agreements, discrepancies and single-source claims from the claim graph.
//!
//! Takes the claims, the claim graph and the rules; gives the findings, in a deterministic order
//! (discrepancies, then agreements, then single-source claims; each by the position of its first
//! claim). For each fact (a connected group of linked claims):
//! - every group of claims joined by `agrees` edges that spans two or more sources is an
//!   **agreement**, named after the verdict rule that accepted its links;
//! - a fact with `conflicts` edges is a **discrepancy** (across sources or within one), naming the
//!   claims on either side of each conflict, with the most severe conflict's rule and severity;
//! - a fact that only one source states, with no conflict, is a **single-source** claim.
//!
//! Syndicated copies (see [`crate::syndication`]) count as one source: an agreement names how
//! many of its sources are independent ("3 sources (2 independent …)"), and an agreement whose
//! sources are all copies of one wire story is a single-source finding decided by the
//! syndication rule. A discrepancy between copies stays a discrepancy (an edited copy that
//! changes a figure is news), marked as being between copies.
//!
//! Claims that are context rather than facts are not findings of their own (they stay in the
//! report's claims): derived values alone (their parts speak for them), places and organisations
//! (they locate and attribute other claims), and report times ("said Wednesday", which date a
//! statement, not the fact).

use std::collections::{BTreeMap, BTreeSet};

use crate::graph::{ClaimGraph, Fact};
use crate::link::{Link, Verdict, number, role_class};
use crate::model::{Claim, ClaimKind, EntityType, Source, TimeRole};
use crate::report::{Finding, FindingKind, LinkView, claim_order};
use crate::rules::{Ruleset, Severity};
use crate::syndication::Syndication;

/// The findings of a run.
pub fn findings(
    sources: &[Source],
    claims: &[Claim],
    graph: &ClaimGraph,
    rules: &Ruleset,
    copies: &Syndication,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for fact in &graph.facts {
        let conflicts: Vec<&Link> = graph.fact_links(fact, Verdict::Conflict).collect();
        if !conflicts.is_empty() {
            out.push(discrepancy(sources, claims, &conflicts, copies));
        }
        for group in agreeing_groups(graph, fact) {
            let group_sources: BTreeSet<usize> = group.iter().map(|&i| claims[i].source).collect();
            if group_sources.len() < 2 {
                continue;
            }
            if copies.independent(group_sources.iter().copied()) == 1 {
                // Copies of one wire story repeating it: one origin. Beside a conflict the
                // discrepancy speaks for the fact; otherwise it is single-source.
                let reportable: Vec<usize> = group
                    .iter()
                    .copied()
                    .filter(|&i| is_fact_claim(&claims[i]))
                    .collect();
                if conflicts.is_empty() && !reportable.is_empty() {
                    out.push(single_origin(sources, claims, &reportable, copies));
                }
                continue;
            }
            let links: Vec<&Link> = graph
                .fact_links(fact, Verdict::Agree)
                .filter(|l| group.binary_search(&l.a).is_ok())
                .collect();
            out.push(agreement(sources, claims, &group, &links, copies));
        }
        if conflicts.is_empty() {
            let fact_sources: BTreeSet<usize> =
                fact.claims.iter().map(|&i| claims[i].source).collect();
            let reportable: Vec<usize> = fact
                .claims
                .iter()
                .copied()
                .filter(|&i| is_fact_claim(&claims[i]))
                .collect();
            if fact_sources.len() == 1 && !reportable.is_empty() {
                out.push(single_source(sources, claims, &reportable, rules, copies));
            }
        }
    }
    out.sort_by(|a, b| {
        let rank = |k: FindingKind| match k {
            FindingKind::Discrepancy => 0,
            FindingKind::Agreement => 1,
            FindingKind::SingleSource => 2,
        };
        (rank(a.kind), &a.sort_key).cmp(&(rank(b.kind), &b.sort_key))
    });
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    out.into_iter()
        .map(|f| {
            let mut finding = f.finding;
            let n = seen.entry(finding.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                finding.id = format!("{}-{n}", finding.id);
            }
            finding
        })
        .collect()
}

/// A finding with the position of its first claim, for ordering.
struct Ordered {
    kind: FindingKind,
    sort_key: (usize, usize, ClaimKind, usize, bool),
    finding: Finding,
}

/// Whether a claim is a fact of its own rather than context (see the module doc).
fn is_fact_claim(claim: &Claim) -> bool {
    if claim.derived {
        return false;
    }
    match claim.kind() {
        ClaimKind::Entity => claim
            .entity()
            .is_some_and(|e| e.entity_type == EntityType::Person),
        ClaimKind::Time => claim.time().is_some_and(|t| t.role == TimeRole::Event),
        _ => true,
    }
}

/// The groups of claims inside a fact joined by `agrees` edges, each sorted.
fn agreeing_groups(graph: &ClaimGraph, fact: &Fact) -> Vec<Vec<usize>> {
    let mut groups = petgraph::unionfind::UnionFind::<usize>::new(fact.claims.len());
    let position = |claim: usize| {
        fact.claims
            .binary_search(&claim)
            .expect("claim of the fact")
    };
    for l in graph.fact_links(fact, Verdict::Agree) {
        groups.union(position(l.a), position(l.b));
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (p, &claim) in fact.claims.iter().enumerate() {
        by_root.entry(groups.find(p)).or_default().push(claim);
    }
    by_root.into_values().filter(|g| g.len() > 1).collect()
}

fn link_view(claims: &[Claim], l: &Link) -> LinkView {
    LinkView {
        claims: [claims[l.a].id.clone(), claims[l.b].id.clone()],
        verdict: match l.verdict {
            Verdict::Agree => "agrees",
            Verdict::Conflict => "conflicts",
        },
        link_rule: l.link_rule.clone(),
        verdict_rule: l.verdict_rule.clone(),
        score: l.score.map(|s| (s * 1000.0).round() / 1000.0),
        threshold: l.threshold,
        note: l.note.clone(),
    }
}

fn ordered(
    kind: FindingKind,
    severity: Severity,
    rule: &str,
    claims: &[Claim],
    members: &[usize],
    summary: String,
    links: Vec<LinkView>,
) -> Ordered {
    let mut members = members.to_vec();
    members.sort_by_key(|&i| claim_order(&claims[i]));
    members.dedup();
    let ids: Vec<String> = members.iter().map(|&i| claims[i].id.clone()).collect();
    let mut keys: Vec<String> = members
        .iter()
        .map(|&i| {
            format!(
                "{}\u{1f}{}",
                sources_id(claims, i),
                normalized_text(&claims[i].text)
            )
        })
        .collect();
    keys.sort();
    let id = finding_id(kind, rule, &keys);
    Ordered {
        kind,
        sort_key: claim_order(&claims[members[0]]),
        finding: Finding {
            id,
            kind,
            severity,
            rule: rule.to_string(),
            claims: ids,
            summary,
            subject: subject(&claims[members[0]]),
            links,
            independent_sources: None,
        },
    }
}

/// The source id of claim `i` (claim ids start with it).
fn sources_id(claims: &[Claim], i: usize) -> &str {
    claims[i]
        .id
        .rsplit_once(':')
        .map_or("", |(source, _)| source)
}

/// Claim text folded for ids: lower-case words, single spaces.
fn normalized_text(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A stable id: FNV-1a over the kind, the rule and each claim's source and normalized text, so
/// it survives edits elsewhere in an article (claim numbers and byte offsets are not in it).
/// Findings that would share an id (the same words twice in one source) get `-2`, `-3` ... in
/// report order.
fn finding_id(kind: FindingKind, rule: &str, claim_keys: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |s: &str| {
        for b in s.bytes().chain([0u8]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(kind.as_str());
    feed(rule);
    for key in claim_keys {
        feed(key);
    }
    format!("F{:012x}", hash & 0xffff_ffff_ffff)
}

/// "FRANCE 24 'about 5,200' and TRT World 'about 5,200', 'roughly 5,000'".
fn quoted_by_source(sources: &[Source], claims: &[Claim], members: &[usize]) -> String {
    let mut by_source: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut sorted = members.to_vec();
    sorted.sort_by_key(|&i| claim_order(&claims[i]));
    for i in sorted {
        let texts = by_source.entry(claims[i].source).or_default();
        let quoted = format!("'{}'", crate::report::one_line(&claims[i].text));
        if !texts.contains(&quoted) {
            texts.push(quoted);
        }
    }
    let parts: Vec<String> = by_source
        .into_iter()
        .map(|(s, texts)| format!("{} {}", sources[s].display_name(), texts.join(", ")))
        .collect();
    and_list(&parts)
}

/// "a", "a and b", "a, b and c".
fn and_list(parts: &[String]) -> String {
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

/// For the sources of a finding that are syndicated copies: "B and C are syndicated copies of
/// A", one clause per wire story, joined with "; ". Empty when none is a copy.
fn copies_clause(sources: &[Source], members: &BTreeSet<usize>, copies: &Syndication) -> String {
    let mut by_origin: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for &s in members {
        if let Some((origin, _)) = copies.copy_of(s) {
            by_origin
                .entry(origin)
                .or_default()
                .push(sources[s].display_name().to_string());
        }
    }
    by_origin
        .into_iter()
        .map(|(origin, names)| {
            let verb = if names.len() == 1 {
                "is a syndicated copy"
            } else {
                "are syndicated copies"
            };
            format!(
                "{} {verb} of {}",
                and_list(&names),
                sources[origin].display_name()
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The sources of some claims.
fn sources_of(claims: &[Claim], members: &[usize]) -> BTreeSet<usize> {
    members.iter().map(|&i| claims[i].source).collect()
}

/// What the fact is about, in a few words: "troops in Iraq", "the person McKenzie".
fn subject(claim: &Claim) -> String {
    match claim.kind() {
        ClaimKind::Quantity => {
            let q = claim.quantity().expect("quantity claim");
            let mut s = q
                .unit
                .clone()
                .or_else(|| q.unit_text.clone())
                .unwrap_or_else(|| "an amount".to_string());
            if let Some(place) = claim.context.places.first() {
                s.push_str(&format!(" in {place}"));
            }
            match role_class(q.role) {
                "after" => s.push_str(" (after the change, or the target)"),
                "change" => s.push_str(" (the size of the change)"),
                _ => {}
            }
            s
        }
        ClaimKind::Time => match claim.time().map(|t| t.role) {
            Some(TimeRole::Report) => "the date of a statement".to_string(),
            _ => "when it happens".to_string(),
        },
        ClaimKind::Entity => {
            let e = claim.entity().expect("entity claim");
            format!("the person {}", e.surname.as_deref().unwrap_or(&e.name))
        }
        ClaimKind::Quote => match claim.quote().and_then(|q| q.speaker.as_deref()) {
            Some(s) => format!("a quotation of {s}"),
            None => "a quotation".to_string(),
        },
    }
}

fn agreement(
    sources: &[Source],
    claims: &[Claim],
    group: &[usize],
    links: &[&Link],
    copies: &Syndication,
) -> Ordered {
    let rule = links.first().map_or("", |l| l.verdict_rule.as_str());
    // A note on a pair from two sources, naming a tolerance, explains the agreement best.
    let cross = |l: &&&Link| claims[l.a].source != claims[l.b].source;
    let note = links
        .iter()
        .filter(cross)
        .map(|l| l.note.as_str())
        .find(|n| n.starts_with("within"))
        .or_else(|| links.iter().filter(cross).map(|l| l.note.as_str()).next())
        .or_else(|| links.first().map(|l| l.note.as_str()))
        .unwrap_or("");
    let group_sources = sources_of(claims, group);
    let independent = copies.independent(group_sources.iter().copied());
    let counted = if independent < group_sources.len() {
        format!(
            "; {} sources ({independent} independent: {})",
            group_sources.len(),
            copies_clause(sources, &group_sources, copies)
        )
    } else {
        String::new()
    };
    let summary = format!(
        "{} agree on {}: {}{counted}.",
        quoted_by_source(sources, claims, group),
        subject(&claims[group[0]]),
        note
    );
    let views = links.iter().map(|l| link_view(claims, l)).collect();
    let mut finding = ordered(
        FindingKind::Agreement,
        Severity::Info,
        rule,
        claims,
        group,
        summary,
        views,
    );
    if independent < group_sources.len() {
        finding.finding.independent_sources = Some(independent);
    }
    finding
}

/// A fact that only copies of one wire story state: single-source, decided by the syndication
/// rule.
fn single_origin(
    sources: &[Source],
    claims: &[Claim],
    members: &[usize],
    copies: &Syndication,
) -> Ordered {
    let member_sources = sources_of(claims, members);
    let summary = format!(
        "Only copies of one wire story state this, about {}: {} ({}); no independent source corroborates it.",
        subject(&claims[members[0]]),
        quoted_by_source(sources, claims, members),
        copies_clause(sources, &member_sources, copies)
    );
    let mut finding = ordered(
        FindingKind::SingleSource,
        Severity::Low,
        &copies.rule,
        claims,
        members,
        summary,
        Vec::new(),
    );
    finding.finding.independent_sources = Some(1);
    finding
}

fn discrepancy(
    sources: &[Source],
    claims: &[Claim],
    conflicts: &[&Link],
    copies: &Syndication,
) -> Ordered {
    let worst = conflicts
        .iter()
        .max_by(|x, y| {
            x.severity
                .cmp(&y.severity)
                .then_with(|| (y.a, y.b).cmp(&(x.a, x.b)))
        })
        .expect("a discrepancy has conflicts");
    let members: Vec<usize> = conflicts.iter().flat_map(|l| [l.a, l.b]).collect();
    let within = members
        .iter()
        .map(|&i| claims[i].source)
        .collect::<BTreeSet<_>>()
        .len()
        == 1;
    let member_sources = sources_of(claims, &members);
    let clause = copies_clause(sources, &member_sources, copies);
    let copies_note = if clause.is_empty() || within {
        String::new()
    } else if copies.independent(member_sources.iter().copied()) == 1 {
        format!("; between copies of one wire story ({clause}): an edit changed it")
    } else {
        format!("; {clause}")
    };
    let summary = format!(
        "{} conflict on {}{}: {}{copies_note}.",
        quoted_by_source(sources, claims, &members),
        subject(&claims[worst.a]),
        if within { " (within one source)" } else { "" },
        worst.note,
    );
    let views = conflicts.iter().map(|l| link_view(claims, l)).collect();
    ordered(
        FindingKind::Discrepancy,
        worst.severity,
        &worst.verdict_rule,
        claims,
        &members,
        summary,
        views,
    )
}

fn single_source(
    sources: &[Source],
    claims: &[Claim],
    members: &[usize],
    rules: &Ruleset,
    copies: &Syndication,
) -> Ordered {
    let first = &claims[members[0]];
    let rule = rules
        .links(first.kind())
        .next()
        .map_or("", |r| r.id.as_str());
    let value = match first.quantity() {
        Some(q) => match (q.interval.low, q.interval.high) {
            (Some(l), Some(h)) if l != h => format!(" ({}–{})", number(l), number(h)),
            _ => String::new(),
        },
        None => String::new(),
    };
    // A line only a copy carries was added to the wire story (or kept where the origin cut it).
    let in_copy = match copies.copy_of(first.source) {
        Some((origin, _)) => format!(
            " (in its syndicated copy of {})",
            sources[origin].display_name()
        ),
        None => String::new(),
    };
    let summary = format!(
        "Only {}{}{in_copy} states this, about {}; no other source corroborates it.",
        quoted_by_source(sources, claims, members),
        value,
        subject(first)
    );
    ordered(
        FindingKind::SingleSource,
        Severity::Low,
        rule,
        claims,
        members,
        summary,
        Vec::new(),
    )
}

/// Moves the findings that a `suppress` rule matches out of `report.findings` into
/// `report.suppressed`, with the rule's id and reason.
pub fn suppress(report: &mut crate::report::Report, rules: &Ruleset) {
    use crate::rules::FindingKindName;
    let suppressions: Vec<_> = rules.suppressions().collect();
    if suppressions.is_empty() {
        return;
    }
    let findings = std::mem::take(&mut report.findings);
    for finding in findings {
        let matched = suppressions.iter().find(|s| {
            let kind_ok = s.finding.is_none_or(|k| {
                finding.kind
                    == match k {
                        FindingKindName::Agreement => FindingKind::Agreement,
                        FindingKindName::Discrepancy => FindingKind::Discrepancy,
                        FindingKindName::SingleSource => FindingKind::SingleSource,
                    }
            });
            let rule_ok = s.rule.as_ref().is_none_or(|r| *r == finding.rule);
            let text_ok = s.matches.as_ref().is_none_or(|m| {
                let m = m.to_lowercase();
                finding
                    .claims
                    .iter()
                    .filter_map(|id| report.claim(id))
                    .any(|c| c.text.to_lowercase().contains(&m))
            });
            kind_ok && rule_ok && text_ok
        });
        match matched {
            Some(s) => report.suppressed.push(crate::report::Suppressed {
                finding,
                by: s.id.clone(),
                reason: s.reason.clone(),
            }),
            None => report.findings.push(finding),
        }
    }
}
