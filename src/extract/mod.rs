//! Extract: a segmented source into claims, one extractor per claim kind.
//!
//! Takes a [`Document`] and the compiled [`Lexicon`]; gives the source's [`Claim`]s (quantities,
//! times, quotes, entities), with ids assigned in text order and the span of each one's sentence,
//! and its named [`Mention`]s. The extractors are built once per lexicon
//! ([`Lexicon::extractors`]) so their automata are compiled once, then shared by every source and
//! every run (they are `Sync`). Every word an extractor or `context` knows is numbered in one
//! [`Vocabulary`] as they are built, and each token of a document is read into its word's
//! number once for all of them: as segmentation emits it ([`Extractors::segment`]), or after
//! ([`Extractors::read_words`]). A [`StageClock`] is told as each stage of a source ends
//! ([`Stage`]; [`NoClock`] on every command's path). Order matters: entities first
//! (quotes need speakers), then times (their spans are not quantities), then quantities, then
//! quotes.

pub mod entity;
pub mod numbers;
pub mod quantity;
pub mod quote;
pub mod time;
pub mod vocabulary;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::context::ContextTables;
use crate::model::{Claim, ClaimKind, Document, Mention, Source, Span};
use crate::rules::Lexicon;
use crate::segment;
use vocabulary::{Vocabulary, WordId};

/// The stages of reading one source into claims, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Sentences and tokens, each token read into its vocabulary word in the same pass.
    Segment,
    Entity,
    Time,
    Quantity,
    Quote,
    /// The claims of the extractors merged into text order and numbered.
    Order,
    Context,
    Normalize,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Segment,
        Stage::Entity,
        Stage::Time,
        Stage::Quantity,
        Stage::Quote,
        Stage::Order,
        Stage::Context,
        Stage::Normalize,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Segment => "segment",
            Stage::Entity => "entity",
            Stage::Time => "time",
            Stage::Quantity => "quantity",
            Stage::Quote => "quote",
            Stage::Order => "order",
            Stage::Context => "context",
            Stage::Normalize => "normalize",
        }
    }
}

/// Told when a source's reading starts and when each of its stages ends: [`NoClock`] on the
/// way every command reads (it compiles to nothing), [`WallClock`] to see where the time goes.
pub trait StageClock {
    fn start(&mut self);
    fn ended(&mut self, stage: Stage);
}

/// The clock that keeps no time.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoClock;

impl StageClock for NoClock {
    #[inline(always)]
    fn start(&mut self) {}
    #[inline(always)]
    fn ended(&mut self, _: Stage) {}
}

/// Wall time per stage, summed over sources and threads.
#[derive(Debug, Default)]
pub struct StageTimes {
    nanos: [AtomicU64; Stage::ALL.len()],
}

impl StageTimes {
    /// The time spent in `stage` so far.
    pub fn of(&self, stage: Stage) -> Duration {
        Duration::from_nanos(self.nanos[stage as usize].load(Ordering::Relaxed))
    }
}

/// A thread's clock adding each stage's wall time into shared [`StageTimes`].
#[derive(Debug)]
pub struct WallClock<'t> {
    times: &'t StageTimes,
    since: Instant,
}

impl<'t> WallClock<'t> {
    pub fn new(times: &'t StageTimes) -> WallClock<'t> {
        WallClock {
            times,
            since: Instant::now(),
        }
    }
}

impl StageClock for WallClock<'_> {
    fn start(&mut self) {
        self.since = Instant::now();
    }

    fn ended(&mut self, stage: Stage) {
        let now = Instant::now();
        let nanos = u64::try_from((now - self.since).as_nanos()).unwrap_or(u64::MAX);
        self.times.nanos[stage as usize].fetch_add(nanos, Ordering::Relaxed);
        self.since = now;
    }
}

/// The extractors of a run, with their automata compiled, and the vocabulary of their words.
pub struct Extractors {
    vocabulary: Vocabulary,
    pub(crate) entity: entity::EntityExtractor,
    pub(crate) time: time::TimeExtractor,
    pub(crate) quantity: quantity::QuantityExtractor,
    pub(crate) quote: quote::QuoteExtractor,
    context: ContextTables,
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
        let mut vocabulary = Vocabulary::new();
        let entity = entity::EntityExtractor::new(lexicon, &mut vocabulary);
        let time = time::TimeExtractor::new(&mut vocabulary);
        let quantity = quantity::QuantityExtractor::new(lexicon, &mut vocabulary);
        let quote = quote::QuoteExtractor::new(&mut vocabulary);
        let context = ContextTables::new(lexicon, &mut vocabulary);
        Extractors {
            vocabulary,
            entity,
            time,
            quantity,
            quote,
            context,
        }
    }

    /// What `context` knows of the vocabulary's words.
    pub fn context(&self) -> &ContextTables {
        &self.context
    }

    /// The number of each token of `doc` in the extractors' vocabulary, into `words`.
    pub fn read_words(&self, doc: &Document, words: &mut Vec<WordId>) {
        self.vocabulary.read(doc.text(), &doc.tokens, words);
    }

    /// [`Extractors::read_words`] into a new list.
    pub fn words(&self, doc: &Document) -> Vec<WordId> {
        let mut words = Vec::new();
        self.read_words(doc, &mut words);
        words
    }

    /// `source` segmented into the lists of `spare` ([`segment::segment_into`]), each token
    /// read into its word's number in `words` (emptied first) as it is emitted: the numbers
    /// [`Extractors::read_words`] gives, in the same pass over the text.
    pub fn segment<'s>(
        &self,
        source: &'s Source,
        spare: segment::Spare,
        words: &mut Vec<WordId>,
    ) -> Document<'s> {
        words.clear();
        // As many as the segmenter reserves tokens.
        words.reserve(source.text.len().saturating_sub(source.body_start) / 4 + 16);
        let mut reader = vocabulary::TokenWords {
            vocabulary: &self.vocabulary,
            ids: words,
        };
        segment::segment_reading(source, spare, &mut reader)
    }

    /// Extracts every claim of `doc`; `source` is the source's index in the run. Each claim
    /// knows the span of its sentence.
    pub fn extract(&self, doc: &Document, source: usize) -> Extraction {
        let words = self.words(doc);
        self.extract_with(doc, source, &mut String::new(), &words, &mut NoClock)
    }

    /// [`Extractors::extract`] with the text lower-cased into `lower`, a buffer kept from source
    /// to source so that it is allocated once, and the number of each token of `doc` in `words`
    /// (as [`Extractors::segment`] or [`Extractors::read_words`] gives them: every extractor
    /// and `context::attach` read them). `clock` is told as each stage ends.
    #[inline(never)]
    pub fn extract_with(
        &self,
        doc: &Document,
        source: usize,
        lower: &mut String,
        words: &[WordId],
        clock: &mut impl StageClock,
    ) -> Extraction {
        let (entities, mentions) = self.entity.extract(doc, source, words);
        clock.ended(Stage::Entity);
        // Times and quantities read words through one lower-cased copy of the text.
        lower.clear();
        lower.push_str(&doc.source.text);
        lower.make_ascii_lowercase();
        let times = self
            .time
            .extract_lowered(doc, source, doc.source.published, lower, words);
        clock.ended(Stage::Time);
        let taken: Vec<Span> = times.iter().map(|c| c.span).collect();
        let quantities = self
            .quantity
            .extract_lowered(doc, source, &taken, lower, words);
        clock.ended(Stage::Quantity);
        let quotes = self.quote.extract(doc, source, &mentions, &entities, words);
        clock.ended(Stage::Quote);
        let mut claims = in_text_order(&doc.source.id, [quantities, times, quotes, entities]);
        for claim in &mut claims {
            claim.sentence_span = doc
                .sentences
                .get(claim.sentence)
                .map_or(claim.span, |s| s.span);
        }
        clock.ended(Stage::Order);
        Extraction { claims, mentions }
    }
}

/// Where a claim stands in text order: by start, then kind, end, and derived after stated.
type TextOrder = (usize, ClaimKind, usize, bool);

fn text_order(claim: &Claim) -> TextOrder {
    (
        claim.span.start,
        claim.kind(),
        claim.span.end,
        claim.derived,
    )
}

/// Whether claim `a` may come before claim `b` in text order: their starts decide, most often
/// without the rest of their places.
fn in_order(a: &Claim, b: &Claim) -> bool {
    match a.span.start.cmp(&b.span.start) {
        std::cmp::Ordering::Equal => text_order(a) <= text_order(b),
        order => order.is_lt(),
    }
}

/// Merges the extractors' claims (`parts`, in order of precedence among equal positions) into
/// text order, each claim moved once, and numbers them per kind: `<source>:<letter><n>`. The
/// order is that of a stable sort of the parts one after the other.
fn in_text_order(source_id: &str, parts: [Vec<Claim>; 4]) -> Vec<Claim> {
    let mut claims = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    // Each part sorted apart when not in order yet; its next claim is the head of what is left,
    // whose place is kept in `heads` so that each claim's place is read once.
    let mut parts = parts.map(|mut part| {
        if !part.is_sorted_by(in_order) {
            part.sort_by_cached_key(text_order);
        }
        part.into_iter()
    });
    let mut heads: [Option<TextOrder>; 4] = [None; 4];
    for (head, part) in heads.iter_mut().zip(&parts) {
        *head = part.as_slice().first().map(text_order);
    }
    let mut ids = ClaimIds::new(source_id);
    loop {
        // The part whose next claim comes first; the earlier part on a tie.
        let mut first: Option<(usize, TextOrder)> = None;
        for (p, head) in heads.iter().enumerate() {
            if let Some(key) = *head
                && first.is_none_or(|(_, best)| key < best)
            {
                first = Some((p, key));
            }
        }
        let Some((p, (_, kind, _, _))) = first else {
            break;
        };
        let part = &mut parts[p];
        // Numbered where it lies, then moved straight into place.
        if let Some(claim) = part.as_mut_slice().first_mut() {
            claim.id = ids.next(kind);
        }
        claims.extend(part.by_ref().take(1));
        heads[p] = part.as_slice().first().map(text_order);
    }
    claims
}

/// The claim ids of one source, `<source>:<letter><n>`: each kind's number is counted up in
/// place, so that an id costs one allocation and no formatting.
struct ClaimIds<'s> {
    source_id: &'s str,
    numbers: [Counter; 4],
}

impl ClaimIds<'_> {
    fn new(source_id: &str) -> ClaimIds<'_> {
        ClaimIds {
            source_id,
            numbers: [Counter::ZERO; 4],
        }
    }

    /// The next id of `kind`.
    #[inline]
    fn next(&mut self, kind: ClaimKind) -> String {
        let digits = self.numbers[kind as usize].up();
        let mut id = String::with_capacity(self.source_id.len() + 2 + digits.len());
        id.push_str(self.source_id);
        id.push(':');
        id.push(kind.id_letter());
        for &digit in digits {
            id.push(char::from(digit));
        }
        id
    }
}

/// A decimal number counted up in place: its ASCII digits, right-aligned, and where they start.
#[derive(Clone, Copy)]
struct Counter {
    digits: [u8; 20],
    start: usize,
}

impl Counter {
    /// Zero, with room for every `usize`.
    const ZERO: Counter = Counter {
        digits: [b'0'; 20],
        start: 19,
    };

    /// Counts one up; gives the digits.
    fn up(&mut self) -> &[u8] {
        // Trailing nines turn to zeros and the digit before them (a zero left of the number
        // when there is none) goes up by one.
        for at in (0..self.digits.len()).rev() {
            if self.digits[at] == b'9' {
                self.digits[at] = b'0';
            } else {
                self.digits[at] += 1;
                self.start = self.start.min(at);
                break;
            }
        }
        &self.digits[self.start..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimDetail, Quantity, Quote, TimeClaim, TimeRole};

    fn claim(text: &str, start: usize, end: usize, detail: ClaimDetail) -> Claim {
        Claim::new(0, text, Span::new(start, end), 0, detail)
    }

    fn quantity(text: &str, start: usize, end: usize) -> Claim {
        claim(
            text,
            start,
            end,
            ClaimDetail::Quantity(Quantity::count(1.0).into()),
        )
    }

    fn time(text: &str, start: usize, end: usize) -> Claim {
        let detail = ClaimDetail::Time(TimeClaim {
            start: None,
            end: None,
            role: TimeRole::Event,
        });
        claim(text, start, end, detail)
    }

    #[test]
    fn words_read_while_segmenting_are_the_words_read_after() {
        let extractors = crate::rules::Ruleset::builtin().lexicon.extractors();
        let texts = [
            "About 5,200 US troops were in Iraq, the Pentagon said.\n\nBy the end of September \
             it will be 3,000. \"Fewer,\" said Gen. McKenzie! (Really?) Yes.",
            "Naïve café-goers saw twenty-first-century counter-terrorism in São Paulo… \
             “Quoted.” Done ...",
            "",
            "x",
        ];
        let mut spare = segment::Spare::default();
        let mut words = vec![7];
        for text in texts {
            let source = Source::from_text("s", text);
            let doc = extractors.segment(&source, std::mem::take(&mut spare), &mut words);
            assert_eq!(doc.tokens, segment::segment(&source).tokens, "{text}");
            assert_eq!(words, extractors.words(&doc), "{text}");
            assert!(words.iter().any(|&w| w < vocabulary::UNKNOWN) || text.len() < 2);
            spare = segment::Spare::from_document(doc);
        }
    }

    #[test]
    fn claims_merge_into_text_order_and_are_numbered_per_kind() {
        // Parts out of order inside; claims at one start ordered by kind, end, then stated before
        // derived; equal places keep their order within a part.
        let mut derived = quantity("derived", 10, 12);
        derived.derived = true;
        let quantities = vec![
            quantity("late", 30, 35),
            derived,
            quantity("first", 10, 12),
            quantity("second", 10, 12),
        ];
        let times = vec![time("then", 10, 20), time("opening", 0, 4)];
        let quote = Quote {
            speaker: None,
            speaker_text: None,
        };
        let quotes = vec![claim("said", 5, 40, ClaimDetail::Quote(quote))];
        let claims = in_text_order("src", [quantities, times, quotes, Vec::new()]);
        let got: Vec<(&str, &str)> = claims
            .iter()
            .map(|c| (c.id.as_str(), c.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("src:t1", "opening"),
                ("src:p1", "said"),
                ("src:q1", "first"),
                ("src:q2", "second"),
                ("src:q3", "derived"),
                ("src:t2", "then"),
                ("src:q4", "late"),
            ]
        );
    }

    #[test]
    fn claim_ids_count_like_their_formatted_form() {
        let mut ids = ClaimIds::new("le-monde-9");
        for n in 1..=10_001 {
            assert_eq!(ids.next(ClaimKind::Entity), format!("le-monde-9:e{n}"));
        }
        assert_eq!(ids.next(ClaimKind::Quote), "le-monde-9:p1");
    }
}
