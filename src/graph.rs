//! Graph: claims as petgraph nodes, links as edges, facts as connected groups.

use crate::link::Link;
use crate::model::Claim;

pub struct ClaimGraph {}

impl ClaimGraph {
    pub fn build(_claims: &[Claim], _links: &[Link]) -> ClaimGraph {
        ClaimGraph {}
    }
}
