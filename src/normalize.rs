//! Normalize: values to intervals, names to canonical keys, and derived claims.
//!
//! Takes one source's claims and the rules; fills each quantity's counted noun after aliases and
//! its interval from its hedge, range or vague amount, and adds the claims the derivation rules
//! compute (the change of a "from X to Y").

use crate::model::Claim;
use crate::rules::Ruleset;

pub fn normalize(_source_id: &str, _claims: &mut Vec<Claim>, _rules: &Ruleset) {}
