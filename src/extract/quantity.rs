//! Quantities: counts, percentages and money with hedges, ranges and changes.
//!
//! Takes a [`Document`] and the spans already taken by time claims; gives quantity claims.

use crate::model::{Claim, Document, Span};
use crate::rules::Lexicon;

pub struct QuantityExtractor {}

impl QuantityExtractor {
    pub fn new(_lexicon: &Lexicon) -> QuantityExtractor {
        QuantityExtractor {}
    }

    pub fn extract(&self, _doc: &Document, _source: usize, _taken: &[Span]) -> Vec<Claim> {
        Vec::new()
    }
}
