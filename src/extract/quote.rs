//! Quotes: quoted text with its speaker.
//!
//! Takes a [`Document`] and its named mentions; gives quote claims.

use crate::model::{Claim, Document, Mention};

pub struct QuoteExtractor {}

impl Default for QuoteExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl QuoteExtractor {
    pub fn new() -> QuoteExtractor {
        QuoteExtractor {}
    }

    pub fn extract(&self, _doc: &Document, _source: usize, _mentions: &[Mention]) -> Vec<Claim> {
        Vec::new()
    }
}
