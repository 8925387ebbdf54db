//! Syndication: which sources are copies of one wire story.
//!
//! Takes the sources of one story and the `syndication` rule; gives the groups of near-duplicate
//! articles: an origin (the earliest published, ties broken by source order) and its copies, each
//! with its similarity to the origin. Wire copy (an agency story run by several outlets, lightly
//! edited: a new headline, a paragraph trimmed or added, outlet boilerplate, a few words spelt
//! differently) is one report, not independent corroboration; [`crate::findings`] counts origins,
//! not outlets.
//!
//! The method, sub-quadratic in the number of sources:
//! 1. each article body (front matter and headline left out) is normalized to lower-case words,
//!    punctuation dropped ("5,200" is one word; "Iraq's" is "iraqs");
//! 2. its words become hashed shingles of `shingle-size` words; an article with fewer than
//!    `min-words` words is never grouped (too little text to tell a copy from a coincidence);
//! 3. a MinHash signature of [`BANDS`] × [`ROWS`] values per article, cut into bands: articles
//!    sharing one whole band are candidate pairs (locality-sensitive hashing), so unrelated
//!    articles are almost never compared;
//! 4. for candidates whose signatures estimate an overlap near the threshold, the exact
//!    resemblance (Jaccard index of the shingle sets) and containment (shared shingles over the
//!    smaller set, so a copy trimmed by a paragraph or two still matches); a pair is a copy when
//!    either reaches `threshold`;
//! 5. copies are joined into groups (union-find).
//!
//! Deterministic: fixed hash seeds, no map order in the output, groups sorted by origin.
//! Candidates are found when resemblance is roughly 0.25 or more (the band threshold
//! `(1/BANDS)^(1/ROWS)`), so a copy cut to less than about a quarter of the original may be missed.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::model::Source;
use crate::rules::SyndicationRule;

/// Bands of the MinHash signature.
pub const BANDS: usize = 40;
/// Values per band.
pub const ROWS: usize = 3;
const SIGNATURE: usize = BANDS * ROWS;
/// How far below the threshold a signature estimate may fall and the pair still be compared
/// exactly (the estimate's standard error at 120 values is at most about 0.05).
const ESTIMATE_MARGIN: f64 = 0.2;

/// A copy of an origin article.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    /// The copy's source index.
    pub source: usize,
    /// The larger of resemblance and containment against the origin, rounded to 3 decimals.
    pub similarity: f64,
    /// Jaccard index of the two shingle sets, rounded to 3 decimals.
    pub resemblance: f64,
    /// Shared shingles over the smaller set, rounded to 3 decimals.
    pub containment: f64,
}

/// One wire story: its origin and its copies (by source index).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub origin: usize,
    pub copies: Vec<Copy>,
}

impl Group {
    /// The origin and every copy, by source index.
    pub fn members(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.origin).chain(self.copies.iter().map(|c| c.source))
    }
}

/// The syndication groups of a story.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Syndication {
    /// The id of the rule that decided them (empty when no rule ran).
    pub rule: String,
    /// Groups of two or more sources, by origin index.
    pub groups: Vec<Group>,
    /// How many pairs shared a band of their signatures (candidates); the rest never were
    /// looked at.
    pub candidate_pairs: usize,
    /// How many candidate pairs were compared exactly (those whose signatures estimate an
    /// overlap near the threshold or above).
    pub compared_pairs: usize,
    /// For each source, the index of its group in `groups`.
    group_of: Vec<Option<usize>>,
}

impl Syndication {
    /// No groups: every source is independent.
    pub fn none() -> Syndication {
        Syndication::default()
    }

    /// The group a source belongs to, if it is part of one.
    pub fn group_of(&self, source: usize) -> Option<&Group> {
        self.group_of
            .get(source)
            .copied()
            .flatten()
            .map(|g| &self.groups[g])
    }

    /// The source that stands for `source` when counting independent sources: its group's
    /// origin, or itself.
    pub fn origin_of(&self, source: usize) -> usize {
        self.group_of(source).map_or(source, |g| g.origin)
    }

    /// What `source` is a copy of, if it is a copy.
    pub fn copy_of(&self, source: usize) -> Option<(usize, &Copy)> {
        let group = self.group_of(source)?;
        let copy = group.copies.iter().find(|c| c.source == source)?;
        Some((group.origin, copy))
    }

    /// How many independent origins a set of sources stands for.
    pub fn independent<I: IntoIterator<Item = usize>>(&self, sources: I) -> usize {
        let mut origins: Vec<usize> = sources.into_iter().map(|s| self.origin_of(s)).collect();
        origins.sort_unstable();
        origins.dedup();
        origins.len()
    }
}

/// Groups the near-duplicate sources of one story.
pub fn detect(sources: &[Source], rule: &SyndicationRule) -> Syndication {
    let shingles: Vec<Option<Vec<u64>>> = sources
        .par_iter()
        .map(|s| {
            let body = s.text.get(s.body_start..).unwrap_or("");
            shingle_set(body, rule.shingle_size, rule.min_words)
        })
        .collect();
    let signatures: Vec<Option<[u64; SIGNATURE]>> = shingles
        .par_iter()
        .map(|set| set.as_deref().map(signature))
        .collect();

    // LSH: (band, band hash, source), sorted, so that equal band hashes sit together in order.
    let mut keyed: Vec<(usize, u64, usize)> = Vec::new();
    for (source, sig) in signatures.iter().enumerate() {
        let Some(sig) = sig else { continue };
        for band in 0..BANDS {
            let rows = &sig[band * ROWS..(band + 1) * ROWS];
            let key = rows.iter().fold(band as u64, |h, &v| mix(h ^ v));
            keyed.push((band, key, source));
        }
    }
    keyed.sort_unstable();

    let mut sets = petgraph::unionfind::UnionFind::<usize>::new(sources.len());
    let mut rejected: std::collections::HashSet<(usize, usize)> = Default::default();
    let (mut candidates, mut compared) = (0, 0);
    let mut start = 0;
    while start < keyed.len() {
        let (band, key, _) = keyed[start];
        let end = start + keyed[start..].partition_point(|&(b, k, _)| (b, k) == (band, key));
        let bucket = &keyed[start..end];
        for (i, &(_, _, a)) in bucket.iter().enumerate() {
            for &(_, _, b) in &bucket[i + 1..] {
                // Pairs already joined (directly or through others) need no comparison.
                if sets.equiv(a, b) || rejected.contains(&(a, b)) {
                    continue;
                }
                candidates += 1;
                let (Some(sa), Some(sb)) = (&shingles[a], &shingles[b]) else {
                    continue;
                };
                // The signatures estimate the overlap cheaply; only a pair that may reach the
                // threshold is compared exactly. This keeps a bucket that text shared by every
                // article (a quotation, boilerplate) happens to fill from costing exact
                // comparisons of all its pairs.
                let (Some(ga), Some(gb)) = (&signatures[a], &signatures[b]) else {
                    continue;
                };
                if estimate(ga, gb, sa.len(), sb.len()) < rule.threshold - ESTIMATE_MARGIN {
                    continue;
                }
                compared += 1;
                let (resemblance, containment) = overlap(sa, sb);
                if resemblance.max(containment) >= rule.threshold {
                    sets.union(a, b);
                } else {
                    rejected.insert((a, b));
                }
            }
        }
        start = end;
    }

    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for s in 0..sources.len() {
        members.entry(sets.find(s)).or_default().push(s);
    }
    let published: Vec<Option<NaiveDate>> = sources.iter().map(|s| s.published).collect();
    let mut groups: Vec<Group> = members
        .into_values()
        .filter(|m| m.len() > 1)
        .map(|m| {
            // The earliest dated article is the origin; undated ones come after dated ones.
            let origin = *m
                .iter()
                .min_by_key(|&&s| (published[s].is_none(), published[s], s))
                .expect("a group has members");
            let copies = m
                .iter()
                .filter(|&&s| s != origin)
                .map(|&s| {
                    let (resemblance, containment) = match (&shingles[origin], &shingles[s]) {
                        (Some(a), Some(b)) => overlap(a, b),
                        _ => (0.0, 0.0),
                    };
                    Copy {
                        source: s,
                        similarity: round3(resemblance.max(containment)),
                        resemblance: round3(resemblance),
                        containment: round3(containment),
                    }
                })
                .collect();
            Group { origin, copies }
        })
        .collect();
    groups.sort_by_key(|g| g.origin);
    let mut group_of = vec![None; sources.len()];
    for (g, group) in groups.iter().enumerate() {
        for s in group.members() {
            group_of[s] = Some(g);
        }
    }
    Syndication {
        rule: rule.id.clone(),
        groups,
        candidate_pairs: candidates,
        compared_pairs: compared,
        group_of,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The words of a text, lower-case, punctuation dropped: a word is a run of letters and digits;
/// apostrophes inside a word and separators inside a number ("5,200", "2.5") are dropped.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of [`words`] in turn, built in one reused buffer.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let between = |test: fn(&char) -> bool| {
            prev.is_some_and(|p| test(&p)) && next.is_some_and(|n| test(&n))
        };
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if (c == '\'' || c == '’') && between(|x| x.is_alphanumeric())
            || (c == ',' || c == '.') && between(char::is_ascii_digit)
        {
            // Inside a word or a number: dropped without breaking it.
        } else if !word.is_empty() {
            f(&word);
            word.clear();
        }
        prev = Some(c);
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// The sorted, distinct hashes of a text's `k`-word shingles; `None` when the text has fewer
/// than `min_words` words (or none at all).
pub fn shingle_set(text: &str, k: usize, min_words: usize) -> Option<Vec<u64>> {
    let mut hashes: Vec<u64> = Vec::new();
    each_word(text, |w| hashes.push(fnv(w.as_bytes())));
    if hashes.is_empty() || hashes.len() < min_words {
        return None;
    }
    let k = k.clamp(1, hashes.len());
    let mut set: Vec<u64> = hashes
        .windows(k)
        .map(|w| w.iter().fold(0x9e37_79b9_7f4a_7c15, |h, &x| mix(h ^ x)))
        .collect();
    set.sort_unstable();
    set.dedup();
    Some(set)
}

/// Resemblance (Jaccard index) and containment (shared over the smaller) of two sorted sets.
pub fn overlap(a: &[u64], b: &[u64]) -> (f64, f64) {
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0);
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    (
        shared as f64 / union as f64,
        shared as f64 / a.len().min(b.len()) as f64,
    )
}

/// The larger of the estimated resemblance and containment of two sets, from their signatures
/// (the share of equal values estimates resemblance) and sizes.
fn estimate(a: &[u64; SIGNATURE], b: &[u64; SIGNATURE], len_a: usize, len_b: usize) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    let resemblance = equal as f64 / SIGNATURE as f64;
    // |A ∩ B| = J (|A| + |B|) / (1 + J).
    let shared = resemblance * (len_a + len_b) as f64 / (1.0 + resemblance);
    resemblance.max(shared / len_a.min(len_b).max(1) as f64)
}

/// The MinHash signature of a shingle set: for each of the fixed seeds, the least hash.
///
/// The hot loop of syndication (every shingle of every article, [`SIGNATURE`] hashes each); on
/// x86-64 processors with AVX-512 the same code runs compiled for them (eight 64-bit multiplies
/// per instruction), with the same result.
fn signature(set: &[u64]) -> [u64; SIGNATURE] {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512dq")
        && std::arch::is_x86_feature_detected!("avx512vl")
    {
        // SAFETY: the processor has the features the function is compiled for (checked above).
        return unsafe { signature_avx512(set) };
    }
    least_hashes(set)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
fn signature_avx512(set: &[u64]) -> [u64; SIGNATURE] {
    least_hashes(set)
}

#[inline(always)]
fn least_hashes(set: &[u64]) -> [u64; SIGNATURE] {
    let mut sig = [u64::MAX; SIGNATURE];
    for &x in set {
        for (slot, seed) in sig.iter_mut().zip(SEEDS) {
            *slot = (*slot).min(mix(x ^ seed));
        }
    }
    sig
}

/// Fixed seeds, one per MinHash function.
const SEEDS: [u64; SIGNATURE] = {
    let mut seeds = [0u64; SIGNATURE];
    let mut i = 0;
    while i < SIGNATURE {
        seeds[i] = mix(0x5851_f42d_4c95_7f2d_u64.wrapping_mul(i as u64 + 1));
        i += 1;
    }
    seeds
};

/// The SplitMix64 finalizer: a fast, well-spread 64-bit mix.
const fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a over bytes.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;
