//! Watching the site: notify events, debounced, filtered to the files that
//! make the site (config, content, private, static, templates, themes,
//! archetypes), with editor swap and temp files ignored.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use notify_debouncer_full::notify::{
    self, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode,
};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

use crate::source::INPUT_DIRS;

/// How long the file system must be quiet before a rebuild starts: editors
/// save in several steps (write temp, rename), and one rebuild should follow.
pub const DEBOUNCE: Duration = Duration::from_millis(10);
/// Poll interval for `--poll`.
pub const POLL_EVERY: Duration = Duration::from_millis(250);

/// A batch of changed files, relative to the site root.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub paths: Vec<String>,
    /// The watcher may have missed events (its queue overflowed, or it
    /// reported an error): everything must be looked at again.
    pub rescan: bool,
}

impl Change {
    /// Only stylesheets changed: the browser can swap them without a reload.
    pub fn css_only(&self) -> bool {
        !self.rescan && !self.paths.is_empty() && self.paths.iter().all(|p| p.ends_with(".css"))
    }

    pub fn describe(&self) -> String {
        match self.paths.as_slice() {
            [one] => one.clone(),
            [first, rest @ ..] => format!("{first} and {} more", rest.len()),
            [] if self.rescan => "the watcher lost track: everything re-read".into(),
            [] => "no files".into(),
        }
    }
}

/// Whether a changed path (relative to the root) matters to the site.
pub fn relevant(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if crate::source::is_editor_litter(name) {
        return false;
    }
    rel == crate::config::CONFIG_FILE
        || INPUT_DIRS
            .iter()
            .any(|d| rel == *d || rel.starts_with(&format!("{d}/")))
}

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Inner {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Inner::Native(d) => d.watch(path, mode),
            Inner::Poll(d) => d.watch(path, mode),
        }
    }
}

/// Keeps the watcher alive; dropping it stops watching.
pub struct Guard {
    _inner: Arc<Mutex<Inner>>,
}

/// Starts watching `root`; `on_change` runs (on the watcher's thread, one
/// batch at a time) after each quiet period that followed relevant changes.
pub fn start(
    root: &Path,
    poll: bool,
    mut on_change: impl FnMut(Change) + Send + 'static,
) -> notify::Result<Guard> {
    let root: PathBuf = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let slot: Arc<Mutex<Option<Weak<Mutex<Inner>>>>> = Arc::new(Mutex::new(None));
    let handler = {
        let root = root.clone();
        let slot = slot.clone();
        move |res: DebounceEventResult| {
            let Ok(events) = res else {
                on_change(Change {
                    paths: Vec::new(),
                    rescan: true,
                });
                return;
            };
            let mut change = Change {
                paths: Vec::new(),
                rescan: events.iter().any(|e| e.event.need_rescan()),
            };
            // Reads (our own rebuild opens every file) are not changes.
            let paths = events
                .iter()
                .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                .flat_map(|e| e.event.paths.iter());
            for path in paths {
                let rel = match path.strip_prefix(&root) {
                    Ok(r) => r.to_string_lossy().replace('\\', "/"),
                    Err(_) => continue,
                };
                if !relevant(&rel) {
                    continue;
                }
                // A watched folder that did not exist at start: watch it now.
                if INPUT_DIRS.contains(&rel.as_str()) && path.is_dir() {
                    let inner = slot
                        .lock()
                        .ok()
                        .and_then(|s| s.as_ref().and_then(Weak::upgrade));
                    if let Some(inner) = inner
                        && let Ok(mut w) = inner.lock()
                    {
                        let _ = w.watch(path, RecursiveMode::Recursive);
                    }
                }
                if !change.paths.contains(&rel) {
                    change.paths.push(rel);
                }
            }
            if !change.paths.is_empty() || change.rescan {
                change.paths.sort();
                on_change(change);
            }
        }
    };
    let mut inner = if poll {
        Inner::Poll(new_debouncer_opt::<_, PollWatcher, NoCache>(
            DEBOUNCE,
            None,
            handler,
            NoCache,
            notify::Config::default().with_poll_interval(POLL_EVERY),
        )?)
    } else {
        Inner::Native(
            new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
                DEBOUNCE,
                None,
                handler,
                RecommendedCache::new(),
                notify::Config::default(),
            )?,
        )
    };
    inner.watch(&root, RecursiveMode::NonRecursive)?;
    for d in INPUT_DIRS {
        let p = root.join(d);
        if p.is_dir() {
            inner.watch(&p, RecursiveMode::Recursive)?;
        }
    }
    let inner = Arc::new(Mutex::new(inner));
    if let Ok(mut s) = slot.lock() {
        *s = Some(Arc::downgrade(&inner));
    }
    Ok(Guard { _inner: inner })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_are_relevant() {
        assert!(relevant("waymark.yaml"));
        assert!(relevant("content/achievements/2026/x.md"));
        assert!(relevant("themes/mine/static/style.css"));
        assert!(!relevant("public/index.html"));
        assert!(!relevant("content/goals/.x.md.swp"));
        assert!(!relevant("content/goals/x.md~"));
        assert!(!relevant("content/goals/4913"));
        assert!(!relevant(".git/index"));
    }

    #[test]
    fn css_only_changes_are_told_apart() {
        let c = Change {
            paths: vec!["static/style.css".into()],
            rescan: false,
        };
        assert!(c.css_only());
        let c = Change {
            paths: vec!["static/style.css".into(), "content/a.md".into()],
            rescan: false,
        };
        assert!(!c.css_only());
    }
}
