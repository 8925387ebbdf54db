//! Stories: many stories in one run, each reconciled on its own.
//!
//! Takes the loaded sources with the story each belongs to (from a feed's `story` field, a
//! manifest, or story folders); gives [`Story`] groups in order of first appearance, and runs
//! them: each story goes through [`crate::check`] (or [`crate::extract`]) alone, so links never
//! cross stories. Stories run in parallel in batches on the current rayon pool; each batch's
//! reports are handed to a sink in story order, then dropped, so memory holds one batch of
//! reports, never a report of the whole input. Output is the same whatever the pool size.

use rayon::prelude::*;

use crate::load::Loaded;
use crate::model::Source;
use crate::report::Report;

/// The sources of one story.
#[derive(Debug)]
pub struct Story {
    /// The story key; `None` for the sources whose input names no story.
    pub id: Option<String>,
    pub sources: Vec<Source>,
}

/// Groups the loaded sources by story, stories in order of first appearance, sources in input
/// order. A run whose input names no story gives one story with id `None`.
pub fn group(loaded: Loaded) -> Vec<Story> {
    let mut stories: Vec<Story> = Vec::new();
    let mut index: std::collections::HashMap<Option<String>, usize> = Default::default();
    for (source, key) in loaded.sources.into_iter().zip(loaded.stories) {
        let at = *index.entry(key.clone()).or_insert_with(|| {
            stories.push(Story {
                id: key,
                sources: Vec::new(),
            });
            stories.len() - 1
        });
        stories[at].sources.push(source);
    }
    stories
}

/// Whether the run is grouped by story: some input names a story. A run without story keys
/// reports exactly as a single story always has.
pub fn grouped(stories: &[Story]) -> bool {
    stories.iter().any(|s| s.id.is_some())
}

/// Runs `job` on every story, `batch` stories at a time in parallel on the current rayon pool,
/// calling `done` as each story finishes (from any thread) and `sink` with each story's id and
/// report in story order.
pub fn run<J, D, S, E>(
    stories: Vec<Story>,
    batch: usize,
    job: J,
    done: D,
    mut sink: S,
) -> Result<(), E>
where
    J: Fn(&[Source]) -> Report + Sync,
    D: Fn() + Sync,
    S: FnMut(Option<&str>, Report) -> Result<(), E>,
{
    let mut rest = stories.into_iter().peekable();
    while rest.peek().is_some() {
        let chunk: Vec<Story> = rest.by_ref().take(batch.max(1)).collect();
        let reports: Vec<Report> = chunk
            .par_iter()
            .map(|story| {
                let report = job(&story.sources);
                done();
                report
            })
            .collect();
        for (story, report) in chunk.iter().zip(reports) {
            sink(story.id.as_deref(), report)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str) -> Source {
        Source::from_text(id, &format!("{id} says some 300 soldiers left."))
    }

    #[test]
    fn groups_keep_first_appearance_order() {
        let loaded = Loaded {
            sources: ["a", "b", "c", "d"].map(source).into(),
            problems: Vec::new(),
            stories: vec![Some("y".into()), None, Some("x".into()), Some("y".into())],
        };
        let stories = group(loaded);
        let shape: Vec<(Option<&str>, Vec<&str>)> = stories
            .iter()
            .map(|s| {
                let ids = s.sources.iter().map(|x| x.id.as_str()).collect();
                (s.id.as_deref(), ids)
            })
            .collect();
        assert_eq!(
            shape,
            [
                (Some("y"), vec!["a", "d"]),
                (None, vec!["b"]),
                (Some("x"), vec!["c"])
            ]
        );
        assert!(grouped(&stories));
    }

    #[test]
    fn reports_come_in_story_order_whatever_the_batch() {
        let rules = crate::rules::Ruleset::builtin();
        for batch in [1, 2, 5] {
            let stories: Vec<Story> = ["a", "b", "c"]
                .map(|id| Story {
                    id: Some(id.into()),
                    sources: vec![source(id)],
                })
                .into();
            let mut seen = Vec::new();
            run::<_, _, _, ()>(
                stories,
                batch,
                |s| crate::check(s, &rules),
                || {},
                |id, report| {
                    seen.push((id.unwrap().to_string(), report.sources[0].id.clone()));
                    Ok(())
                },
            )
            .unwrap();
            let want: Vec<(String, String)> = ["a", "b", "c"].map(|x| (x.into(), x.into())).into();
            assert_eq!(seen, want);
        }
    }
}
