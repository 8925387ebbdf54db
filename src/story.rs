//! Stories: many stories in one run, each reconciled on its own.
//!
//! Takes the sources of a run with the story each belongs to (from a feed's `story` field, a
//! manifest, or story folders) — read already ([`crate::load::load`]) or, in the command, only
//! found ([`crate::load::index`]: ids, stories and where each text is) — and gives [`Story`]
//! groups in order of first appearance, and runs them: each story goes through
//! [`crate::check`] (or [`crate::extract()`]) alone, so links never cross stories. Stories run in
//! parallel on the current rayon pool, a bounded number in flight; a story's job reads its texts
//! when it starts, and each story's result (in the command, its rendered report) is handed to a
//! sink in story order, then dropped, so memory holds the stories in flight, never the texts or
//! a report of the whole input. Output is the same whatever the pool size.

use crate::model::Source;

/// The sources of one story: read ([`Source`]s), or to be read when it runs
/// ([`crate::load::Entry`]s).
#[derive(Debug)]
pub struct Story<S = Source> {
    /// The story key; `None` for the sources whose input names no story.
    pub id: Option<String>,
    pub sources: Vec<S>,
}

/// Groups sources by story (`stories[i]` is the story of `sources[i]`, as in
/// [`crate::load::Loaded`] and [`crate::load::Index`]), stories in order of first appearance,
/// sources in input order. A run whose input names no story gives one story with id `None`.
pub fn group<S>(sources: Vec<S>, stories: Vec<Option<String>>) -> Vec<Story<S>> {
    let mut grouped: Vec<Story<S>> = Vec::new();
    let mut index: std::collections::HashMap<Option<String>, usize> = Default::default();
    for (source, key) in sources.into_iter().zip(stories) {
        let at = *index.entry(key.clone()).or_insert_with(|| {
            grouped.push(Story {
                id: key,
                sources: Vec::new(),
            });
            grouped.len() - 1
        });
        grouped[at].sources.push(source);
    }
    // Grown by doubling; a run of many small stories would keep up to twice what it holds.
    for story in &mut grouped {
        story.sources.shrink_to_fit();
    }
    grouped
}

/// Whether the run is grouped by story: some input names a story. A run without story keys
/// reports exactly as a single story always has.
pub fn grouped<S>(stories: &[Story<S>]) -> bool {
    stories.iter().any(|s| s.id.is_some())
}

/// Runs `job` on every story on the current rayon pool, calling `done` as each story finishes
/// (from any thread) and `sink` with each story's id and result in story order.
///
/// A streaming ordered pipeline: stories are started in order as threads come free, at most
/// `in_flight` of them ahead of the next one to be written, and finished results wait in a
/// reorder buffer until their turn. Every thread keeps working (none waits for the slowest story
/// of a batch), and memory holds at most `in_flight` results. The calling thread writes; while
/// it has nothing to write it runs pending work of the pool. After an error from `sink` (or a
/// panic in `job`) no story is started; the stories running finish and the error is returned
/// (the panic resumed).
pub fn run<I, J, T, D, S, E>(
    stories: Vec<Story<I>>,
    in_flight: usize,
    job: J,
    done: D,
    mut sink: S,
) -> Result<(), E>
where
    I: Send,
    J: Fn(&Story<I>) -> T + Sync,
    T: Send,
    D: Fn() + Sync,
    S: FnMut(Option<&str>, T) -> Result<(), E>,
{
    let total = stories.len();
    let in_flight = in_flight.max(1);
    type Finished<T> = (usize, Option<String>, std::thread::Result<T>);
    let (finished, results) = std::sync::mpsc::channel::<Finished<T>>();
    let mut written: Result<(), E> = Ok(());
    // A story's job that panicked: the panic goes on once the stories running are done.
    let mut panicked = None;
    rayon::in_place_scope_fifo(|scope| {
        let mut pending = stories.into_iter().enumerate();
        let (mut started, mut next) = (0, 0);
        let mut ready: std::collections::BTreeMap<usize, _> = Default::default();
        loop {
            let stopped = written.is_err() || panicked.is_some();
            while started < total && started < next + in_flight && !stopped {
                let Some((at, story)) = pending.next() else {
                    break;
                };
                let (job, done, finished) = (&job, &done, finished.clone());
                scope.spawn_fifo(move |_| {
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&story)));
                    done();
                    // The story's sources go here; only its id waits for its turn.
                    let id = story.id;
                    // The receiver outlives the scope: sending cannot fail.
                    let _ = finished.send((at, id, result));
                });
                started += 1;
            }
            let mut progress = false;
            while let Ok((at, id, result)) = results.try_recv() {
                ready.insert(at, (id, result));
            }
            while let Some((id, result)) = ready.remove(&next) {
                match result {
                    Ok(result) if written.is_ok() && panicked.is_none() => {
                        written = sink(id.as_deref(), result);
                    }
                    Ok(_) => {}
                    Err(panic) => {
                        panicked.get_or_insert(panic);
                    }
                }
                next += 1;
                progress = true;
            }
            let stopped = written.is_err() || panicked.is_some();
            if next == started && (started == total || stopped) {
                break;
            }
            if !progress && !matches!(rayon::yield_now(), Some(rayon::Yield::Executed)) {
                // Nothing to write and nothing to run here: wait for a story to finish.
                if let Ok((at, id, result)) =
                    results.recv_timeout(std::time::Duration::from_millis(2))
                {
                    ready.insert(at, (id, result));
                }
            }
        }
    });
    if let Some(panic) = panicked {
        std::panic::resume_unwind(panic);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str) -> Source {
        Source::from_text(id, &format!("{id} says some 300 soldiers left."))
    }

    #[test]
    fn groups_keep_first_appearance_order() {
        let stories = group(
            ["a", "b", "c", "d"].map(source).into(),
            vec![Some("y".into()), None, Some("x".into()), Some("y".into())],
        );
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
    fn reports_come_in_story_order_whatever_the_stories_in_flight() {
        let rules = crate::rules::Ruleset::builtin();
        for in_flight in [1, 2, 5] {
            let stories: Vec<Story> = ["a", "b", "c"]
                .map(|id| Story {
                    id: Some(id.into()),
                    sources: vec![source(id)],
                })
                .into();
            let mut seen = Vec::new();
            run::<_, _, _, _, _, ()>(
                stories,
                in_flight,
                |s| crate::check(&s.sources, &rules),
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

    /// Stories named "0", "1", ... with no sources.
    fn numbered(n: usize) -> Vec<Story> {
        (0..n)
            .map(|i| Story {
                id: Some(format!("{i}")),
                sources: Vec::new(),
            })
            .collect()
    }

    /// Stories that finish out of order (the first ones slowest) on several threads still reach
    /// the sink in story order, and no more than `in_flight` are ever started ahead of it.
    #[test]
    fn results_are_reordered_and_bounded_on_many_threads() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let stories: Vec<Story> = numbered(40);
        let (started, sunk) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let mut seen = Vec::new();
        pool.install(|| {
            run::<_, _, _, _, _, ()>(
                stories,
                4,
                |story| {
                    let ahead =
                        started.fetch_add(1, Ordering::SeqCst) - sunk.load(Ordering::SeqCst);
                    assert!(ahead < 4, "{ahead} stories started ahead of the sink");
                    let i: u64 = story.id.as_deref().unwrap().parse().unwrap();
                    std::thread::sleep(std::time::Duration::from_millis((40 - i) % 7));
                    i
                },
                || {},
                |id, i| {
                    assert_eq!(id, Some(i.to_string().as_str()));
                    sunk.fetch_add(1, Ordering::SeqCst);
                    seen.push(i);
                    Ok(())
                },
            )
        })
        .unwrap();
        assert_eq!(seen, (0..40).collect::<Vec<u64>>());
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let stories: Vec<Story> = numbered(10);
        let mut sunk = 0;
        let result = run(
            stories,
            2,
            |story| story.id.clone(),
            || {},
            |_, id| {
                sunk += 1;
                match id.as_deref() {
                    Some("3") => Err("full disk"),
                    _ => Ok(()),
                }
            },
        );
        assert_eq!(result, Err("full disk"));
        assert_eq!(sunk, 4);
    }

    #[test]
    fn a_panicking_story_panics_the_run_instead_of_hanging() {
        let stories: Vec<Story> = numbered(6);
        let mut sunk = Vec::new();
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run::<_, _, _, _, _, ()>(
                stories,
                2,
                |story| {
                    assert_ne!(story.id.as_deref(), Some("2"), "story 2 fails");
                    story.id.clone()
                },
                || {},
                |id, _| {
                    sunk.push(id.map(str::to_string));
                    Ok(())
                },
            )
        }));
        assert!(run.is_err());
        assert_eq!(sunk, [Some("0".to_string()), Some("1".to_string())]);
    }
}
