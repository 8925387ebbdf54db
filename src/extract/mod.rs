//! Extract: a segmented source into claims, one extractor per claim kind.
//!
//! Takes a [`Document`] and the compiled [`Lexicon`]; gives the source's [`Claim`]s (quantities,
//! times, quotes, entities) and its named [`Mention`]s, with ids assigned in text order. The
//! extractors are built once per lexicon ([`Lexicon::extractors`]) so their automata are compiled
//! once, then shared by every source and every run (they are `Sync`). Order matters: entities
//! first (quotes need speakers), then times (their spans are not quantities), then quantities,
//! then quotes.

pub mod entity;
pub mod numbers;
pub mod quantity;
pub mod quote;
pub mod time;

use crate::model::{Claim, Document, Mention, Span};
use crate::rules::Lexicon;

/// The extractors of a run, with their automata compiled.
pub struct Extractors {
    entity: entity::EntityExtractor,
    time: time::TimeExtractor,
    quantity: quantity::QuantityExtractor,
    quote: quote::QuoteExtractor,
}

/// What extraction gives for one source.
#[derive(Debug, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub mentions: Vec<Mention>,
}

impl std::fmt::Debug for Extractors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Extractors { .. }")
    }
}

impl Extractors {
    pub fn new(lexicon: &Lexicon) -> Extractors {
        Extractors {
            entity: entity::EntityExtractor::new(lexicon),
            time: time::TimeExtractor::new(),
            quantity: quantity::QuantityExtractor::new(lexicon),
            quote: quote::QuoteExtractor::new(),
        }
    }

    /// Extracts every claim of `doc`; `source` is the source's index in the run.
    pub fn extract(&self, doc: &Document, source: usize) -> Extraction {
        let (entities, mentions) = self.entity.extract(doc, source);
        // Times and quantities read words through one lower-cased copy of the text.
        let lower = doc.source.text.to_ascii_lowercase();
        let times = self
            .time
            .extract_lowered(doc, source, doc.source.published, &lower);
        let taken: Vec<Span> = times.iter().map(|c| c.span).collect();
        let quantities = self.quantity.extract_lowered(doc, source, &taken, &lower);
        let quotes = self.quote.extract(doc, source, &mentions, &entities);
        let mut claims: Vec<Claim> =
            Vec::with_capacity(entities.len() + times.len() + quantities.len() + quotes.len());
        claims.extend(quantities);
        claims.extend(times);
        claims.extend(quotes);
        claims.extend(entities);
        assign_ids(&doc.source.id, &mut claims);
        Extraction { claims, mentions }
    }
}

/// Orders claims by position and numbers them per kind: `<source>:<letter><n>`.
pub fn assign_ids(source_id: &str, claims: &mut [Claim]) {
    claims.sort_by(|a, b| {
        (a.span.start, a.kind(), a.span.end, a.derived).cmp(&(
            b.span.start,
            b.kind(),
            b.span.end,
            b.derived,
        ))
    });
    let mut counters = [0usize; 4];
    for claim in claims.iter_mut() {
        let k = claim.kind() as usize;
        counters[k] += 1;
        claim.id = format!("{}:{}{}", source_id, claim.kind().id_letter(), counters[k]);
    }
}
