//! Findings: agreements, discrepancies and single-source claims from the claim graph.

use crate::graph::ClaimGraph;
use crate::model::{Claim, Source};
use crate::report::Finding;
use crate::rules::Ruleset;

pub fn findings(_sources: &[Source], _claims: &[Claim], _graph: &ClaimGraph, _rules: &Ruleset) -> Vec<Finding> {
    Vec::new()
}
