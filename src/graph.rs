//! Graph: claims as petgraph nodes, links and derivations as edges, facts as connected groups.
//!
//! Takes the claims and their links; gives a [`ClaimGraph`]: one node per claim, an `agrees` or
//! `conflicts` edge per link, a `derived-from` edge from each derived claim to each claim it was
//! computed from, and the [`Fact`]s — groups of claims connected by `agrees`/`conflicts` edges
//! (derivation edges do not merge facts: a change is not the same fact as its before and after).

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

use crate::link::{Link, Verdict};
use crate::model::Claim;

/// What an edge of the claim graph says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// The two claims state the same fact and agree; the link's index.
    Agrees(usize),
    /// The two claims state the same fact and conflict; the link's index.
    Conflicts(usize),
    /// The first claim was computed from the second.
    DerivedFrom,
}

/// A connected group of linked claims, or a claim alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Claim indices, ascending.
    pub claims: Vec<usize>,
    /// Indices of the links inside the fact, ascending.
    pub links: Vec<usize>,
}

/// The claim graph of a run.
pub struct ClaimGraph {
    pub graph: UnGraph<usize, Edge>,
    /// The node of each claim, by claim index.
    pub nodes: Vec<NodeIndex>,
    pub links: Vec<Link>,
    /// Facts ordered by their first claim.
    pub facts: Vec<Fact>,
}

impl ClaimGraph {
    pub fn build(claims: &[Claim], links: &[Link]) -> ClaimGraph {
        ClaimGraph::from_links(claims, links.to_vec())
    }

    /// [`ClaimGraph::build`] keeping the links it is given, without a copy of them.
    pub fn from_links(claims: &[Claim], links: Vec<Link>) -> ClaimGraph {
        let mut graph = UnGraph::with_capacity(claims.len(), links.len());
        let nodes: Vec<NodeIndex> = (0..claims.len()).map(|i| graph.add_node(i)).collect();
        for (i, l) in links.iter().enumerate() {
            let edge = match l.verdict {
                Verdict::Agree => Edge::Agrees(i),
                Verdict::Conflict => Edge::Conflicts(i),
            };
            graph.add_edge(nodes[l.a], nodes[l.b], edge);
        }
        if claims.iter().any(|c| !c.derived_from.is_empty()) {
            let by_id: rustc_hash::FxHashMap<&str, usize> = claims
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), i))
                .collect();
            for (i, claim) in claims.iter().enumerate() {
                for part in &claim.derived_from {
                    if let Some(&j) = by_id.get(part.as_str()) {
                        graph.add_edge(nodes[i], nodes[j], Edge::DerivedFrom);
                    }
                }
            }
        }
        let facts = facts(&graph, claims.len());
        ClaimGraph {
            graph,
            nodes,
            links,
            facts,
        }
    }

    /// The links between claims of `fact` with the given verdict.
    pub fn fact_links(&self, fact: &Fact, verdict: Verdict) -> impl Iterator<Item = &Link> {
        fact.links
            .iter()
            .map(|&i| &self.links[i])
            .filter(move |l| l.verdict == verdict)
    }
}

fn facts(graph: &UnGraph<usize, Edge>, n: usize) -> Vec<Fact> {
    let mut groups = UnionFind::<usize>::new(n);
    for e in graph.edge_references() {
        if !matches!(e.weight(), Edge::DerivedFrom) {
            groups.union(e.source().index(), e.target().index());
        }
    }
    // Claims in ascending order meet each group at its first claim: facts come out ordered.
    let mut fact_of_root = vec![usize::MAX; n];
    let mut facts: Vec<Fact> = Vec::new();
    for claim in 0..n {
        let root = groups.find(claim);
        if fact_of_root[root] == usize::MAX {
            fact_of_root[root] = facts.len();
            facts.push(Fact {
                claims: Vec::new(),
                links: Vec::new(),
            });
        }
        facts[fact_of_root[root]].claims.push(claim);
    }
    for e in graph.edge_references() {
        if let Edge::Agrees(l) | Edge::Conflicts(l) = *e.weight() {
            facts[fact_of_root[groups.find(e.source().index())]]
                .links
                .push(l);
        }
    }
    for f in &mut facts {
        f.links.sort_unstable();
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimDetail, Quantity, Span};
    use crate::rules::Severity;

    fn claim(id: &str, derived_from: &[&str]) -> Claim {
        let mut c = Claim::new(
            0,
            "1",
            Span::new(0, 1),
            0,
            ClaimDetail::Quantity(Quantity::count(1.0).into()),
        );
        c.id = id.to_string();
        c.derived_from = derived_from.iter().map(|s| s.to_string()).collect();
        c
    }

    fn link(a: usize, b: usize, verdict: Verdict) -> Link {
        Link {
            a,
            b,
            verdict,
            link_rule: "l".into(),
            verdict_rule: "v".into(),
            severity: Severity::Info,
            score: None,
            threshold: None,
            note: String::new(),
        }
    }

    #[test]
    fn facts_join_linked_claims_but_not_derivations() {
        // 0 and 1 agree, 1 and 2 conflict: one fact. 3 is derived from 0 and 2; 4 stands alone.
        let claims = vec![
            claim("a", &[]),
            claim("b", &[]),
            claim("c", &[]),
            claim("d", &["a", "c"]),
            claim("e", &[]),
        ];
        let links = vec![link(0, 1, Verdict::Agree), link(1, 2, Verdict::Conflict)];
        let graph = ClaimGraph::build(&claims, &links);
        let groups: Vec<&[usize]> = graph.facts.iter().map(|f| f.claims.as_slice()).collect();
        assert_eq!(groups, vec![&[0, 1, 2][..], &[3][..], &[4][..]]);
        assert_eq!(graph.facts[0].links, vec![0, 1]);
        assert_eq!(
            graph.graph.edge_count(),
            4,
            "two links and two derivation edges"
        );
        assert_eq!(
            graph.fact_links(&graph.facts[0], Verdict::Conflict).count(),
            1
        );
    }
}
