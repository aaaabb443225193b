//! Watching the site: notify events, debounced (or, with `--poll`, a look at
//! the files every [`POLL_EVERY`]), filtered to the files that make the site
//! (config, content, private, static, templates, themes, archetypes), with
//! editor swap and temp files ignored.

mod poll;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

use crate::model::source::INPUT_DIRS;

/// The folder of the share secret, watched (not its other files) beside
/// the input folders.
const SECRET_DIR: &str = ".waymark";

/// How long the file system must be quiet before a rebuild starts: editors
/// save in several steps (write temp, rename), and one rebuild should follow.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(10);
/// Poll interval for `--poll`.
pub(crate) const POLL_EVERY: Duration = Duration::from_millis(250);

/// A batch of changed files, relative to the site root.
#[derive(Debug, Clone, Default)]
pub(crate) struct Change {
    pub(crate) paths: Vec<String>,
    /// The watcher may have missed events (its queue overflowed, or it
    /// reported an error): everything must be looked at again.
    pub(crate) rescan: bool,
}

impl Change {
    /// Only stylesheets changed: the browser can swap them without a reload.
    pub(crate) fn css_only(&self) -> bool {
        !self.rescan && !self.paths.is_empty() && self.paths.iter().all(|p| p.ends_with(".css"))
    }

    pub(crate) fn describe(&self) -> String {
        match self.paths.as_slice() {
            [one] => one.clone(),
            [first, rest @ ..] => format!("{first} and {} more", rest.len()),
            [] if self.rescan => "the watcher lost track: everything re-read".into(),
            [] => "no files".into(),
        }
    }

    /// The batch to rebuild for, or `None` when nothing in it matters.
    fn of(mut paths: Vec<String>, rescan: bool) -> Option<Change> {
        if paths.is_empty() && !rescan {
            return None;
        }
        paths.sort();
        paths.dedup();
        Some(Change { paths, rescan })
    }
}

/// Whether a changed path (relative to the root) matters to the site.
pub(crate) fn relevant(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if crate::model::source::is_editor_litter(name) {
        return false;
    }
    // The share secret: `share list` creates it while serve runs, and the
    // sealed pages it opens must then build (as serve's overlay suggests).
    rel == crate::model::config::CONFIG_FILE
        || is_root_yaml(rel)
        || rel == crate::seal::SECRET_FILE
        || rel == SECRET_DIR
        || INPUT_DIRS
            .iter()
            .any(|d| rel == *d || rel.starts_with(&format!("{d}/")))
}

/// A YAML file beside the config: `ladder.yaml`, or the framework file
/// `ladder.file` names there (a ladder kept deeper in the site folder is
/// read on every rebuild, but a save to it alone is not noticed).
pub(crate) fn is_root_yaml(rel: &str) -> bool {
    !rel.contains('/') && (rel.ends_with(".yaml") || rel.ends_with(".yml"))
}

/// A reported path as the site names it, when it matters to the site.
fn site_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path
        .strip_prefix(root)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    relevant(&rel).then_some(rel)
}

type Native = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Keeps the watcher alive; dropping it stops watching.
pub(crate) struct Guard {
    _watcher: Box<dyn std::any::Any>,
}

/// Starts watching `root`; `on_change` runs (on the watcher's thread, one
/// batch at a time) after each quiet period that followed relevant changes,
/// or with `poll`, after each look at the files that found some changed.
pub(crate) fn start(
    root: &Path,
    poll: bool,
    mut on_change: impl FnMut(Change) + Send + 'static,
) -> notify::Result<Guard> {
    let root: PathBuf = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if poll {
        let poller = poll::start(root.clone(), POLL_EVERY, move |changed| {
            let paths = changed.iter().filter_map(|p| site_path(&root, p)).collect();
            if let Some(change) = Change::of(paths, false) {
                on_change(change);
            }
        })
        .map_err(notify::Error::io)?;
        return Ok(Guard {
            _watcher: Box::new(poller),
        });
    }
    let slot: Arc<Mutex<Option<Weak<Mutex<Native>>>>> = Arc::new(Mutex::new(None));
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
            let rescan = events.iter().any(|e| e.event.need_rescan());
            // Reads (our own rebuild opens every file) are not changes.
            let reported = events
                .iter()
                .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                .flat_map(|e| e.event.paths.iter());
            let mut paths = Vec::new();
            for path in reported {
                let Some(rel) = site_path(&root, path) else {
                    continue;
                };
                // A watched folder that did not exist at start: watch it now.
                if (INPUT_DIRS.contains(&rel.as_str()) || rel == SECRET_DIR) && path.is_dir() {
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
                paths.push(rel);
            }
            if let Some(change) = Change::of(paths, rescan) {
                on_change(change);
            }
        }
    };
    let mut inner = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
        DEBOUNCE,
        None,
        handler,
        RecommendedCache::new(),
        notify::Config::default(),
    )?;
    inner.watch(&root, RecursiveMode::NonRecursive)?;
    for d in INPUT_DIRS.iter().chain([&SECRET_DIR]) {
        let p = root.join(d);
        if p.is_dir() {
            inner.watch(&p, RecursiveMode::Recursive)?;
        }
    }
    let inner = Arc::new(Mutex::new(inner));
    if let Ok(mut s) = slot.lock() {
        *s = Some(Arc::downgrade(&inner));
    }
    Ok(Guard {
        _watcher: Box::new(inner),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_are_relevant() {
        assert!(relevant("waymark.yaml"));
        assert!(relevant("ladder.yaml"));
        assert!(relevant("engineering.yml"));
        assert!(!relevant("public/ladder.yaml"));
        assert!(relevant("content/achievements/2026/x.md"));
        assert!(relevant("themes/mine/static/style.css"));
        assert!(!relevant("public/index.html"));
        assert!(!relevant("content/goals/.x.md.swp"));
        assert!(!relevant("content/goals/x.md~"));
        assert!(!relevant("content/goals/4913"));
        assert!(!relevant(".git/index"));
        assert!(relevant(".waymark/share-secret"));
        assert!(!relevant(".waymark/other"));
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
