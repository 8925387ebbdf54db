//! Link: which claims state the same fact, and whether they agree.
//!
//! Takes all claims and the rules; gives links.

use crate::model::{Claim, Source};
use crate::rules::Ruleset;

#[derive(Debug, Clone)]
pub struct Link {}

pub fn link(_sources: &[Source], _claims: &[Claim], _rules: &Ruleset) -> Vec<Link> {
    Vec::new()
}
