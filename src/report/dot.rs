//! DOT printer: the claim graph for Graphviz.
//!
//! Takes a [`Report`]; gives a Graphviz `digraph` built from the report model alone (never from
//! linking): a node per claim named by a finding (suppressed findings included) and per claim
//! those are derived from, labelled with the outlet and the claim text (and the value, for a derived claim) and filled by the most
//! serious kind of finding it is in (discrepancy red, single-source grey, agreement green); an
//! undirected-looking edge per link of a finding (agrees green, conflicts red, labelled with the
//! verdict rule) and a dashed grey `derived-from` arrow from a derived claim to each claim it was
//! computed from. Nodes are grouped in one cluster per source. The graph goes through
//! `petgraph::dot::Dot`, which escapes labels; output is deterministic (report order).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write};

use petgraph::Graph;
use petgraph::dot::{Config, Dot};
use petgraph::graph::{EdgeReference, NodeIndex};

use super::{ClaimView, Finding, FindingKind, Report};

/// Label lines are wrapped at about this many characters.
const WRAP: usize = 36;

/// Renders the claim graph of the report in DOT.
pub fn render(report: &Report) -> String {
    let graph = claim_graph(report);
    let edge_attrs = |_: &Graph<Node, EdgeWeight>, e: EdgeReference<'_, EdgeWeight>| {
        let (color, style, extra) = match e.weight().kind {
            EdgeKind::Agrees => ("#1a9850", "solid", ", dir = none, penwidth = 1.5"),
            EdgeKind::Conflicts => ("#d73027", "bold", ", dir = none, penwidth = 2"),
            EdgeKind::DerivedFrom => ("#888888", "dashed", ""),
        };
        format!(
            "color = \"{color}\", fontcolor = \"{color}\", style = \"{style}\"{extra}, tooltip = {}",
            quoted(&e.weight().tooltip)
        )
    };
    let node_attrs = |_: &Graph<Node, EdgeWeight>, (_, n): (NodeIndex, &Node)| {
        let fill = match n.kind {
            Some(FindingKind::Discrepancy) => "#fde0dd",
            Some(FindingKind::SingleSource) => "#eeeeee",
            Some(FindingKind::Agreement) => "#e5f5e0",
            None => "#ffffff",
        };
        let style = if n.derived {
            "rounded,filled,dashed"
        } else {
            "rounded,filled"
        };
        format!(
            "id = {}, tooltip = {}, fillcolor = \"{fill}\", style = \"{style}\"",
            quoted(&n.id),
            quoted(&n.tooltip)
        )
    };
    let dot = Dot::with_attr_getters(
        &graph,
        &[Config::GraphContentOnly],
        &edge_attrs,
        &node_attrs,
    );
    let mut out = String::new();
    out.push_str("digraph claims {\n");
    out.push_str("    graph [rankdir = \"LR\", fontname = \"Helvetica\", label = ");
    out.push_str(&quoted(&title(report)));
    out.push_str(", labelloc = \"t\"]\n");
    out.push_str("    node [shape = \"box\", fontname = \"Helvetica\", fontsize = 10]\n");
    out.push_str("    edge [fontname = \"Helvetica\", fontsize = 9]\n");
    let _ = write!(out, "{dot}");
    // One cluster per source; a node already written above joins the cluster it is named in.
    for (i, s) in report.sources.iter().enumerate() {
        let members: Vec<String> = graph
            .node_indices()
            .filter(|&n| graph[n].source == s.id)
            .map(|n| n.index().to_string())
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "    subgraph cluster_{i} {{\n        label = {}\n        style = \"rounded\"\n        color = \"#bbbbbb\"\n        {}\n    }}",
            quoted(report.source_name(&s.id)),
            members.join("; ")
        );
    }
    out.push_str("}\n");
    out
}

/// A claim as a node of the drawn graph.
struct Node {
    id: String,
    source: String,
    label: String,
    tooltip: String,
    /// The most serious kind of finding the claim is in (`None`: only a derivation part).
    kind: Option<FindingKind>,
    derived: bool,
}

/// petgraph writes (and escapes) the node label from `Display`.
impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum EdgeKind {
    Agrees,
    Conflicts,
    DerivedFrom,
}

struct EdgeWeight {
    kind: EdgeKind,
    label: String,
    tooltip: String,
}

impl fmt::Display for EdgeWeight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// The graph of the claims the findings name, their derivation parts, links and derivations.
fn claim_graph(report: &Report) -> Graph<Node, EdgeWeight> {
    let findings: Vec<&Finding> = report
        .findings
        .iter()
        .chain(report.suppressed.iter().map(|s| &s.finding))
        .collect();
    let mut kind: BTreeMap<&str, FindingKind> = BTreeMap::new();
    for f in &findings {
        for c in &f.claims {
            let k = kind.entry(c.as_str()).or_insert(f.kind);
            *k = (*k).max(f.kind);
        }
    }
    // The claims to draw: those in findings, and (transitively) the claims they derive from.
    let mut wanted: BTreeSet<&str> = kind.keys().copied().collect();
    let mut todo: Vec<&str> = wanted.iter().copied().collect();
    while let Some(id) = todo.pop() {
        if let Some(c) = report.claim(id) {
            for part in &c.derived_from {
                if wanted.insert(part.as_str()) {
                    todo.push(part.as_str());
                }
            }
        }
    }
    let mut graph = Graph::new();
    let mut nodes: BTreeMap<&str, NodeIndex> = BTreeMap::new();
    for c in report
        .claims
        .iter()
        .filter(|c| wanted.contains(c.id.as_str()))
    {
        let node = graph.add_node(node(report, c, kind.get(c.id.as_str()).copied()));
        nodes.insert(c.id.as_str(), node);
    }
    let mut seen: BTreeSet<(NodeIndex, NodeIndex, EdgeKind)> = BTreeSet::new();
    for f in &findings {
        for l in &f.links {
            let (Some(&a), Some(&b)) = (
                nodes.get(l.claims[0].as_str()),
                nodes.get(l.claims[1].as_str()),
            ) else {
                continue;
            };
            let kind = if l.verdict == "conflicts" {
                EdgeKind::Conflicts
            } else {
                EdgeKind::Agrees
            };
            if !seen.insert((a, b, kind)) {
                continue;
            }
            graph.add_edge(
                a,
                b,
                EdgeWeight {
                    kind,
                    label: l.verdict_rule.clone(),
                    tooltip: format!(
                        "{} {} {}: {} (linked by {})",
                        l.claims[0], l.verdict, l.claims[1], l.note, l.link_rule
                    ),
                },
            );
        }
    }
    for c in report.claims.iter() {
        let Some(&from) = nodes.get(c.id.as_str()) else {
            continue;
        };
        for part in &c.derived_from {
            let Some(&to) = nodes.get(part.as_str()) else {
                continue;
            };
            if seen.insert((from, to, EdgeKind::DerivedFrom)) {
                graph.add_edge(
                    from,
                    to,
                    EdgeWeight {
                        kind: EdgeKind::DerivedFrom,
                        label: "derived-from".to_string(),
                        tooltip: format!("{} is derived from {part}", c.id),
                    },
                );
            }
        }
    }
    graph
}

fn node(report: &Report, c: &ClaimView, kind: Option<FindingKind>) -> Node {
    let mut label = String::new();
    label.push_str(report.source_name(&c.source));
    label.push('\n');
    label.push_str(&wrap(&format!("'{}'", super::one_line(&c.text))));
    label.push('\n');
    let value = super::claim_value(c);
    if c.derived {
        // A derived claim's text is what it was computed from; the value is what it says.
        label.push_str(&format!("= {value}\n"));
    }
    let tooltip = if value.is_empty() {
        format!("{} ({}:{})", c.id, c.line, c.column)
    } else {
        format!("{} ({}:{}): {value}", c.id, c.line, c.column)
    };
    Node {
        id: c.id.clone(),
        source: c.source.clone(),
        label,
        tooltip,
        kind,
        derived: c.derived,
    }
}

/// Breaks text into lines of about [`WRAP`] characters at spaces.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if width > 0 && width + 1 + len > WRAP {
            out.push('\n');
            width = 0;
        } else if width > 0 {
            out.push(' ');
            width += 1;
        }
        out.push_str(word);
        width += len;
    }
    out
}

/// A DOT double-quoted string: quotes and backslashes escaped, line breaks as `\n`.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// The graph title: what it shows, with the report's tally.
fn title(report: &Report) -> String {
    format!("Claim graph: {}", super::tally(report, ""))
}

#[cfg(test)]
mod tests {
    use super::{quoted, wrap};

    #[test]
    fn wraps_at_spaces_and_quotes_for_dot() {
        assert_eq!(
            wrap("'After close consultation with the Iraqi government and our allies'"),
            "'After close consultation with the\nIraqi government and our allies'"
        );
        assert_eq!(quoted("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }
}
