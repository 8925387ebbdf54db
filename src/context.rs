//! Context: the places, actors, event and times that tell facts apart.
//!
//! Takes a document, the lexicon, its claims and its named mentions (in text order, as the entity
//! extractor gives them); fills each claim's [`Context`]:
//!
//! - `places`: the locative place mentions of the claim's sentence ("in Iraq", "from Iraq"),
//!   nearest first by token distance; if none, the demonym places ("Iraqi government",
//!   "inter-Afghan talks") that do not modify the counted noun; if none, the locative places of the
//!   nearest of the two previous sentences of the paragraph that has one. A country that acts or
//!   owns ("The US will…", "US troops") is an actor, not a place.
//! - `actors`: the country or organisation right before the counted noun ("US troops", "American
//!   forces"), else the nearest non-locative, non-demonym country or organisation before the claim
//!   in its sentence (not one after "of": "the Government of Iraq").
//! - `event`: the event class of the nearest event word within six tokens ("killing" → killed).
//! - `times`: for quantities, the resolved event-time claims of the same sentence.
//! - `words`: the sentence's content words, normalised by [`canonical_token`], without the
//!   claim's own tokens; sorted, deduplicated, space-joined.
//!
//! One scan of each claim's sentence; mentions of a sentence are found by binary search.

use crate::model::{
    Claim, ClaimDetail, Document, Mention, MentionCategory, Span, TimeRole, Token, TokenKind,
};
use crate::rules::{AliasCategory, Lexicon};

/// How far (in tokens) an event word may stand from its claim.
const EVENT_WINDOW: usize = 6;

/// How far (in tokens) context words are read around a claim in a very long sentence.
const WORDS_WINDOW: usize = 60;

/// How many sentences back a claim may inherit its place from.
const INHERIT_SENTENCES: usize = 2;

/// Function words left out of a claim's context words.
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more",
    "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
    "our", "ours", "out", "over", "own", "said", "same", "says", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your", "s", "'s", "’s",
];

/// Whether a lower-case word is one of the [`STOPWORDS`] (hashed: every word of every claim's
/// sentence is looked up).
fn is_stopword(lower: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(lower)
}

/// The canonical form of one word for context comparison: lower case, possessive dropped, a place
/// or organisation variant as its canonical name, a unit variant as its canonical unit.
pub fn canonical_token(lexicon: &Lexicon, word: &str) -> String {
    let base = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    if let Some(name) = lexicon
        .canonical(AliasCategory::Place, base)
        .or_else(|| lexicon.canonical(AliasCategory::Organisation, base))
    {
        return name.to_lowercase();
    }
    let lower = base.to_lowercase();
    lexicon
        .canonical(AliasCategory::Unit, &lower)
        .map_or(lower, str::to_string)
}

/// A mention with the token range it covers.
struct Located<'a> {
    mention: &'a Mention,
    first: usize,
    last: usize,
    /// The canonical name in lower case, as a context word.
    lower: String,
}

/// Fills `claim.context` for every claim of one document.
pub fn attach(doc: &Document, lexicon: &Lexicon, claims: &mut [Claim], mentions: &[Mention]) {
    let tokens = &doc.tokens;
    let located: Vec<Located> = mentions
        .iter()
        .map(|m| {
            let (first, last) = token_range(tokens, m.span);
            Located {
                mention: m,
                first,
                last,
                lower: m.canonical.to_lowercase(),
            }
        })
        .collect();
    let event_times: Vec<(usize, chrono::NaiveDate, chrono::NaiveDate)> = claims
        .iter()
        .filter_map(|c| {
            let t = c.time()?;
            (t.role == TimeRole::Event).then_some((c.sentence, t.start?, t.end?))
        })
        .collect();
    let mut forms = WordForms::new(tokens.len());
    let mut phrases = EventPhrases::new(tokens.len());
    for claim in claims.iter_mut() {
        if claim.sentence >= doc.sentences.len() || tokens.is_empty() {
            continue;
        }
        let (first, last) = token_range(tokens, claim.span);
        let here = sentence_mentions(&located, claim.sentence);
        let unit = match &claim.detail {
            ClaimDetail::Quantity(q) => q
                .unit_text
                .as_deref()
                .and_then(|u| unit_token(doc, claim.sentence, first, last, u)),
            _ => None,
        };
        let modifier = unit.and_then(|u| {
            // Right before the noun, or with one word between ("US military personnel").
            here.iter().find(|l| {
                let adjacent = l.last + 1 == u
                    || (l.last + 2 == u && doc.tokens[l.last + 1].kind == TokenKind::Word);
                adjacent && l.mention.category != MentionCategory::Person && !l.mention.locative
            })
        });
        let outside = |l: &&Located| !claim.span.overlaps(l.mention.span);
        let places = places(
            doc,
            &located,
            here,
            first,
            last,
            claim.sentence,
            modifier.map(|m| m.mention.span),
        );
        let actors: Vec<String> = match modifier {
            Some(m) => vec![m.mention.canonical.clone()],
            None => here
                .iter()
                .filter(outside)
                .filter(|l| l.last < first && l.mention.category != MentionCategory::Person)
                .rfind(|l| !l.mention.locative && !l.mention.demonym && !after_of(doc, l.first))
                .map(|l| vec![l.mention.canonical.clone()])
                .unwrap_or_default(),
        };
        let times = if matches!(claim.detail, ClaimDetail::Quantity(_)) {
            event_times
                .iter()
                .filter(|(s, _, _)| *s == claim.sentence)
                .map(|(_, a, b)| (*a, *b))
                .collect()
        } else {
            Vec::new()
        };
        claim.context.places = places;
        claim.context.actors = actors;
        claim.context.event = event(doc, lexicon, &mut phrases, claim.sentence, first, last);
        claim.context.times = times;
        claim.context.words = words(doc, lexicon, &mut forms, here, claim.sentence, claim.span);
    }
}

/// The tokens `[first, last]` a span covers (the nearest token when it covers none).
fn token_range(tokens: &[Token], span: Span) -> (usize, usize) {
    let first = tokens
        .partition_point(|t| t.span.end <= span.start)
        .min(tokens.len().saturating_sub(1));
    let last = tokens
        .partition_point(|t| t.span.start < span.end)
        .saturating_sub(1)
        .max(first);
    (first, last)
}

/// The mentions of sentence `s`.
fn sentence_mentions<'m, 'a>(located: &'m [Located<'a>], s: usize) -> &'m [Located<'a>] {
    let a = located.partition_point(|l| l.mention.sentence < s);
    let b = located.partition_point(|l| l.mention.sentence <= s);
    &located[a..b.max(a)]
}

/// Tokens between a mention `[mf, ml]` and the claim `[first, last]`.
fn distance(mf: usize, ml: usize, first: usize, last: usize) -> usize {
    if ml < first {
        first - ml
    } else {
        mf.saturating_sub(last)
    }
}

/// The token of the counted noun: within three tokens after the claim, else the nearest earlier
/// occurrence in the sentence ("the level of US troops in Iraq to 3,000").
fn unit_token(
    doc: &Document,
    sentence: usize,
    first: usize,
    last: usize,
    unit: &str,
) -> Option<usize> {
    let noun = unit.rsplit(' ').next().unwrap_or(unit);
    let is_noun = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|t| t.sentence == sentence && doc.token_text(t).eq_ignore_ascii_case(noun))
    };
    (last + 1..=last + 4).find(|&k| is_noun(k)).or_else(|| {
        (0..first)
            .rev()
            .take_while(|&k| doc.tokens[k].sentence == sentence)
            .take(24)
            .find(|&k| is_noun(k))
    })
}

/// Whether the mention at token `k` follows "of" ("the Government of Iraq").
fn after_of(doc: &Document, k: usize) -> bool {
    k > 0
        && doc
            .token_text(&doc.tokens[k - 1])
            .eq_ignore_ascii_case("of")
}

/// The places a claim at tokens `[first, last]` of sentence `s` is about, nearest first.
fn places(
    doc: &Document,
    located: &[Located],
    here: &[Located],
    first: usize,
    last: usize,
    s: usize,
    modifier: Option<Span>,
) -> Vec<String> {
    let nearest = |pick: &dyn Fn(&Located) -> bool| {
        let mut found: Vec<(usize, usize, &str)> = here
            .iter()
            .filter(|l| l.mention.category == MentionCategory::Place && pick(l))
            .filter(|l| distance(l.first, l.last, first, last) > 0)
            .map(|l| {
                (
                    distance(l.first, l.last, first, last),
                    l.first,
                    l.mention.canonical.as_str(),
                )
            })
            .collect();
        found.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, _, name) in found {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        names
    };
    let locative = nearest(&|l| l.mention.locative);
    if !locative.is_empty() {
        return locative;
    }
    let demonym = nearest(&|l| l.mention.demonym && Some(l.mention.span) != modifier);
    if !demonym.is_empty() {
        return demonym;
    }
    let paragraph = doc.sentences[s].paragraph;
    for back in 1..=INHERIT_SENTENCES {
        let Some(p) = s.checked_sub(back) else { break };
        if doc.sentences[p].paragraph != paragraph {
            break;
        }
        let mut names: Vec<String> = Vec::new();
        for l in sentence_mentions(located, p).iter().rev() {
            if l.mention.category == MentionCategory::Place
                && l.mention.locative
                && !names.contains(&l.mention.canonical)
            {
                names.push(l.mention.canonical.clone());
            }
        }
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// The event class of the phrase of `n + 1` words starting at each token, looked up on first
/// need (claims of one sentence share their neighbourhoods).
struct EventPhrases<'l> {
    classes: Vec<[Option<Option<&'l str>>; 3]>,
}

impl<'l> EventPhrases<'l> {
    fn new(tokens: usize) -> EventPhrases<'l> {
        EventPhrases {
            classes: vec![[None; 3]; tokens],
        }
    }
}

/// The event class of the nearest event word (or two- or three-word phrase) within
/// [`EVENT_WINDOW`] tokens of the claim at `[first, last]`.
fn event<'l>(
    doc: &Document,
    lexicon: &'l Lexicon,
    phrases: &mut EventPhrases<'l>,
    s: usize,
    first: usize,
    last: usize,
) -> Option<String> {
    let tokens = &doc.tokens;
    let from = first.saturating_sub(EVENT_WINDOW);
    let to = (last + EVENT_WINDOW).min(tokens.len().saturating_sub(1));
    let mut best: Option<(usize, &str)> = None;
    let mut phrase = String::new();
    for k in from..=to {
        if (first..=last).contains(&k)
            || tokens[k].sentence != s
            || tokens[k].kind != TokenKind::Word
        {
            continue;
        }
        let d = distance(k, k, first, last);
        if best.as_ref().is_some_and(|(bd, _)| *bd <= d) {
            continue;
        }
        phrase.clear();
        for (n, t) in tokens[k..].iter().take(3).enumerate() {
            if t.sentence != s || t.kind != TokenKind::Word || (first..=last).contains(&(k + n)) {
                break;
            }
            if n > 0 {
                phrase.push(' ');
            }
            phrase.push_str(doc.token_text(t));
            let class = *phrases.classes[k][n]
                .get_or_insert_with(|| lexicon.canonical(AliasCategory::Event, &phrase));
            if let Some(class) = class {
                best = Some((d, class));
            }
        }
    }
    best.map(|(_, class)| class.to_string())
}

/// The context form of each word token of a document, computed on first need: `None` for a
/// stop word, else its [`canonical_token`]. Claims of one sentence share their words.
struct WordForms {
    forms: Vec<Option<Option<String>>>,
}

impl WordForms {
    fn new(tokens: usize) -> WordForms {
        WordForms {
            forms: vec![None; tokens],
        }
    }

    fn get(&mut self, lexicon: &Lexicon, k: usize, word: &str) -> Option<&str> {
        self.forms[k]
            .get_or_insert_with(|| {
                let stop = if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
                    is_stopword(&word.to_lowercase())
                } else {
                    is_stopword(word)
                };
                (!stop).then(|| canonical_token(lexicon, word))
            })
            .as_deref()
    }
}

/// The content words of sentence `s` (at most [`WORDS_WINDOW`] tokens either side of the claim)
/// without the claim's own tokens: sorted, deduplicated,
/// space-joined. A named place or organisation counts as its canonical name.
fn words(
    doc: &Document,
    lexicon: &Lexicon,
    forms: &mut WordForms,
    here: &[Located],
    s: usize,
    claim: Span,
) -> String {
    /// Where one context word is kept: a token's form or a mention's lower-case name.
    enum Word {
        Token(usize),
        Mention(usize),
    }
    let mut found: Vec<Word> = Vec::new();
    let mut m = 0;
    let (first, last) = token_range(&doc.tokens, claim);
    let start = doc
        .tokens
        .partition_point(|t| t.sentence < s)
        .max(first.saturating_sub(WORDS_WINDOW));
    for (k, t) in doc.tokens.iter().enumerate().skip(start) {
        if k > last + WORDS_WINDOW {
            break;
        }
        if t.sentence != s {
            break;
        }
        if t.kind != TokenKind::Word || claim.overlaps(t.span) {
            continue;
        }
        while m < here.len() && here[m].last < k {
            m += 1;
        }
        if let Some(l) = here
            .get(m)
            .filter(|l| l.first <= k && l.mention.category != MentionCategory::Person)
        {
            if l.first == k {
                found.push(Word::Mention(m));
            }
            continue;
        }
        if forms.get(lexicon, k, doc.token_text(t)).is_some() {
            found.push(Word::Token(k));
        }
    }
    let mut out: Vec<&str> = found
        .iter()
        .filter_map(|w| match *w {
            Word::Token(k) => forms.forms[k].as_ref().and_then(|f| f.as_deref()),
            Word::Mention(m) => Some(here[m].lower.as_str()),
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entity::EntityExtractor;
    use crate::model::{Context, Quantity, Source, TimeClaim};
    use crate::rules::Ruleset;
    use crate::segment::segment;
    use chrono::NaiveDate;

    fn source(text: &str) -> Source {
        Source::from_text("s", text)
    }

    /// The context of a count claim on `number` (with `unit` counted), plus any extra claims.
    fn context_with(text: &str, number: &str, unit: &str, extra: Vec<Claim>) -> Context {
        let src = source(text);
        let doc = segment(&src);
        let lexicon = Ruleset::builtin().lexicon;
        let (_, mentions) = EntityExtractor::new(&lexicon).extract(&doc, 0);
        let start = text.find(number).expect("number in text");
        let span = Span::new(start, start + number.len());
        let mut q = Quantity::count(0.0);
        q.unit_text = Some(unit.to_string());
        let mut claims = vec![Claim::new(
            0,
            number,
            span,
            doc.sentence_at(start),
            ClaimDetail::Quantity(q),
        )];
        claims.extend(extra);
        attach(&doc, &lexicon, &mut claims, &mentions);
        claims.swap_remove(0).context
    }

    fn context(text: &str, number: &str, unit: &str) -> Context {
        context_with(text, number, unit, Vec::new())
    }

    #[test]
    fn locative_place_and_subject_actor() {
        let c = context(
            "Washington is to fly home some 1,800 soldiers from Syria by May.",
            "some 1,800",
            "soldiers",
        );
        assert_eq!(c.places, vec!["Syria"]);
        assert_eq!(c.actors, vec!["United States"]);
        let c = context(
            "The US will bring home some 2,200 soldiers from Iraq this month.",
            "some 2,200",
            "soldiers",
        );
        assert_eq!(
            (c.places, c.actors),
            (vec!["Iraq".to_string()], vec!["United States".to_string()])
        );
    }

    #[test]
    fn the_modifier_of_the_counted_noun_is_the_actor() {
        let c = context(
            "The count of US troops in Iraq is to drop from about 5,200 to 3,000, officials said.",
            "about 5,200",
            "troops",
        );
        assert_eq!(c.places, vec!["Iraq"]);
        assert_eq!(c.actors, vec!["United States"]);
    }

    #[test]
    fn nearest_demonym_that_is_not_the_modifier() {
        let text = "With pro-Iranian militia attacks on the rise, the Iraqi cabinet is pressed to expel \
                    the roughly 5,000 US troops based in the country.";
        let c = context(text, "roughly 5,000", "troops");
        assert_eq!(c.places, vec!["Iraq", "Iran"]);
        assert_eq!(c.actors, vec!["United States"]);
        let c = context(
            "The aim is fewer than 5,000 troops as inter-Afghan talks move ahead.",
            "fewer than 5,000",
            "troops",
        );
        assert_eq!(c.places, vec!["Afghanistan"]);
    }

    #[test]
    fn place_first_and_after() {
        let c = context(
            "In Afghanistan the US now keeps 8,600 soldiers under the deal.",
            "8,600",
            "soldiers",
        );
        assert_eq!(
            (c.places, c.actors),
            (
                vec!["Afghanistan".to_string()],
                vec!["United States".to_string()]
            )
        );
        let c = context(
            "The plan is to keep 4,000 to 5,000 troops in Afghanistan next year.",
            "4,000 to 5,000",
            "troops",
        );
        assert_eq!(c.places, vec!["Afghanistan"]);
        assert!(c.actors.is_empty());
    }

    #[test]
    fn places_inherit_from_a_previous_sentence_of_the_paragraph() {
        let text =
            "US forces have been in Iraq since 2014. They number 3,000 now.\n\nElsewhere 40 died.";
        let c = context(text, "3,000", "forces");
        assert_eq!(c.places, vec!["Iraq"]);
        let c = context(text, "40", "people");
        assert!(c.places.is_empty());
        assert_eq!(c.event.as_deref(), Some("killed"));
    }

    #[test]
    fn event_times_and_words() {
        let text = "Rockets hit the US embassy in Baghdad in March, killing at least six soldiers.";
        let start = text.find("in March").unwrap() + 3;
        let time = TimeClaim {
            start: NaiveDate::from_ymd_opt(2020, 3, 1),
            end: NaiveDate::from_ymd_opt(2020, 3, 31),
            role: TimeRole::Event,
        };
        let t = Claim::new(
            0,
            "March",
            Span::new(start, start + 5),
            0,
            ClaimDetail::Time(time),
        );
        let c = context_with(text, "at least six", "soldiers", vec![t]);
        assert_eq!(c.event.as_deref(), Some("killed"));
        assert_eq!(c.places, vec!["Baghdad"]);
        assert_eq!(c.actors, vec!["United States"]);
        let march = (
            NaiveDate::from_ymd_opt(2020, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(2020, 3, 31).unwrap(),
        );
        assert_eq!(c.times, vec![march]);
        assert_eq!(
            c.words,
            "baghdad embassy hit killing march rockets troops united states"
        );
    }

    #[test]
    fn canonical_tokens() {
        let lexicon = Ruleset::builtin().lexicon;
        assert_eq!(canonical_token(&lexicon, "Iraqi"), "iraq");
        assert_eq!(canonical_token(&lexicon, "soldiers"), "troops");
        assert_eq!(canonical_token(&lexicon, "Daesh"), "islamic state");
        assert_eq!(canonical_token(&lexicon, "Iraq's"), "iraq");
        assert_eq!(canonical_token(&lexicon, "us"), "us");
    }
}
