//! What `serve` keeps between rebuilds: the last scan, each file's resolved
//! entry and what the watcher said changed, so a save costs one file's work.

use std::path::Path;
use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rayon::prelude::*;

use super::read::*;
use crate::clock::Stopwatch;
use crate::diag::Diagnostic;
use crate::model::config::Config;
use crate::model::entry::Entry;
use crate::model::site::{self};
use crate::model::source;

/// What `serve` keeps between rebuilds so that one saved file costs one
/// file's work: the files found by the last scan, each file's resolved entry
/// (keyed by its modification time and length, and dropped when the config
/// changes) and each entry's rendered Markdown.
#[derive(Default)]
pub struct Cache {
    files: std::sync::Mutex<CacheFiles>,
    pub model: site::ModelCache,
    hints: std::sync::Mutex<Hints>,
}

/// What the file watcher said changed since the last read.
#[derive(Default)]
pub(crate) struct Hints {
    /// Set by [`Cache::changed`]; without it every read scans the folders.
    given: bool,
    /// The watcher lost track (an overflowed event queue): scan everything.
    rescan: bool,
    /// Site-relative paths.
    paths: Vec<String>,
}

#[derive(Default)]
pub(crate) struct CacheFiles {
    /// The config the cached entries were resolved with.
    config: Option<String>,
    /// The last full scan, kept up to date by watcher hints.
    found: Option<source::Scan>,
    files: HashMap<String, CachedFile>,
    /// What the last read did.
    walked: bool,
    files_read: usize,
}

/// What the last rebuild through a [`Cache`] had to do; everything else
/// came from the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RebuildWork {
    /// The folders were walked (the watcher's hints were not enough).
    pub walked: bool,
    /// Files read and resolved.
    pub files_read: usize,
    /// Markdown bodies rendered.
    pub markdown_rendered: usize,
    /// Entry views built.
    pub views_built: usize,
}

pub(crate) struct CachedFile {
    stamp: (std::time::SystemTime, u64),
    file: Arc<source::SourceFile>,
    resolved: Resolved,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").finish_non_exhaustive()
    }
}

impl Cache {
    /// What the last rebuild had to do.
    pub fn last_rebuild(&self) -> RebuildWork {
        let (markdown_rendered, views_built) = self.model.last_made();
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        RebuildWork {
            walked: files.walked,
            files_read: files.files_read,
            markdown_rendered,
            views_built,
        }
    }

    /// Tells the cache that the watcher starts now: what changed before it
    /// was never reported, so the next read walks the folders.
    pub fn watching(&self) {
        self.changed(&[], true);
    }

    /// Tells the cache which files changed (site-relative paths, as the
    /// watcher reports them), so the next read re-reads those files and
    /// skips walking the folders when no file came or went. `rescan` (the
    /// watcher may have missed events) makes the next read scan everything.
    pub fn changed(&self, paths: &[String], rescan: bool) {
        let mut h = self.hints.lock().unwrap_or_else(|e| e.into_inner());
        h.given = true;
        h.rescan |= rescan;
        h.paths.extend(paths.iter().cloned());
    }
}

/// Whether a site-relative path can be a file that [`source::scan`] lists:
/// under content/ or private/, with no hidden or editor-litter part.
pub(crate) fn scannable(rel: &str) -> bool {
    let mut parts = rel.split('/');
    matches!(parts.next(), Some("content" | "private"))
        && parts.all(|p| !p.is_empty() && source::is_listed(p))
}

/// Brings the last scan up to date from the watcher's hints, when every
/// hinted file is one the scan already lists and still is a file. Returns
/// the paths to read again, or `None` when the folders must be walked.
pub(crate) fn apply_hints(found: &mut [source::Found], hints: &Hints) -> Option<HashSet<String>> {
    // A file reached through a symbolic link may live outside the watched
    // folders, where its changes make no event: look at everything.
    if !hints.given || hints.rescan || found.iter().any(|f| f.linked) {
        return None;
    }
    let wanted: HashSet<&str> = hints
        .paths
        .iter()
        .filter(|p| scannable(p))
        .map(String::as_str)
        .collect();
    // One pass over the scan, however many files a batch names (a `git
    // pull` can name hundreds).
    let mut redo = HashSet::default();
    for f in found
        .iter_mut()
        .filter(|f| wanted.contains(f.path.as_str()))
    {
        let meta = std::fs::metadata(&f.abs).ok().filter(|m| m.is_file())?;
        f.stamp = Some((meta.modified().ok()?, meta.len()));
        redo.insert(f.path.clone());
    }
    // A named file the scan does not list is new: walk.
    (redo.len() == wanted.len()).then_some(redo)
}

/// Entries, assets, problems, and the files the entries came from.
pub(crate) type ReadFiles = (
    Vec<Arc<Entry>>,
    Vec<source::Asset>,
    Vec<Diagnostic>,
    Vec<Arc<source::SourceFile>>,
);

/// Reads and resolves the site's files, re-reading only those whose
/// modification time or length changed since the last call (or that the
/// watcher named).
pub(crate) fn read_cached(root: &Path, config: &Config, cache: &Cache) -> ReadFiles {
    // Everything the config says (base URL and defaults included), without
    // reading the file a second time.
    let config_key = format!("{config:?}");
    let hints = std::mem::take(&mut *cache.hints.lock().unwrap_or_else(|e| e.into_inner()));
    let mut state = cache.files.lock().unwrap_or_else(|e| e.into_inner());
    let state = &mut *state;
    if state.config.as_ref() != Some(&config_key) {
        state.files.clear();
        state.found = None;
        state.config = Some(config_key);
    }
    let mut watch = Stopwatch::new();
    let hinted = state
        .found
        .as_mut()
        .and_then(|scan| apply_hints(&mut scan.found, &hints));
    state.walked = hinted.is_none();
    let redo = match hinted {
        Some(redo) => redo,
        None => {
            state.found = Some(source::scan(root, true));
            // The files the watcher named are read again whatever their
            // stamps say (a quick second save can keep time and length).
            hints
                .paths
                .iter()
                .filter(|p| scannable(p))
                .cloned()
                .collect()
        }
    };
    let (found, links) = state
        .found
        .as_ref()
        .map_or((&[][..], &[][..]), |s| (&s.found[..], &s.links[..]));
    watch.lap("  read: scan");
    let mut assets = Vec::new();
    let mut stale: Vec<&source::Found> = Vec::new();
    let mut present = HashSet::default();
    for f in found {
        if !f.is_markdown() {
            assets.push(f.asset());
            continue;
        }
        present.insert(f.path.as_str());
        let fresh = match (state.files.get(&f.path), f.stamp) {
            (Some(c), Some(stamp)) => c.stamp == stamp && !redo.contains(&f.path),
            _ => false,
        };
        if !fresh {
            stale.push(f);
        }
    }
    // Links that were not followed are said on every rebuild, as build does.
    let mut diags = links.to_vec();
    state.files_read = stale.len();
    let redone: Vec<Result<CachedFile, Diagnostic>> = stale
        .par_iter()
        .with_max_len(crate::PAR_CHUNK)
        .map(|f| {
            let file = source::read_found(f)?;
            let resolved = resolve_file(&file, config);
            Ok(CachedFile {
                stamp: f.stamp.unwrap_or((std::time::UNIX_EPOCH, 0)),
                file: Arc::new(file),
                resolved,
            })
        })
        .collect();
    for r in redone {
        match r {
            Ok(c) => {
                state.files.insert(c.file.path.clone(), c);
            }
            Err(d) => diags.push(d),
        }
    }
    watch.lap("  read: stale files");
    if state.walked {
        state.files.retain(|p, _| present.contains(p.as_str()));
    }
    let mut files = Vec::with_capacity(state.files.len());
    let mut results = Vec::with_capacity(state.files.len());
    for f in found {
        if let Some(c) = state.files.get(&f.path) {
            files.push(c.file.clone());
            results.push(c.resolved.clone());
        }
    }
    let entries = collect_resolved(results, &mut diags);
    watch.lap("  read: cached entries");
    (entries, assets, diags, files)
}
