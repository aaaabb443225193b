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
    pub(crate) model: site::ModelCache,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::{self, TempSite};

    #[test]
    fn scannable_takes_what_the_scan_of_content_and_private_lists() {
        for rel in [
            "content/_index.md",
            "content/goals/2026/staff.md",
            "content/achievements/chart.svg",
            "private/reflections/2026-03-06-week.md",
        ] {
            assert!(scannable(rel), "{rel}");
        }
    }

    #[test]
    fn scannable_refuses_other_folders_hidden_parts_and_editor_litter() {
        for rel in [
            "",
            "waymark.yaml",
            "static/style.css",
            "templates/page.html",
            "themes/default/templates/page.html",
            ".waymark/share-secret",
            "contents/a.md",
            "content/.hidden/a.md",
            "content/goals/.staff.md",
            "private/.git/config",
            "content/goals/staff.md~",
            "content/goals/.#staff.md",
            "content/goals/#staff.md#",
            "content/goals/.staff.md.swp",
            "content/goals/staff.md.tmp",
            "content/goals/4913",
            "content/.DS_Store",
            "content//staff.md",
            "content/goals/",
        ] {
            assert!(!scannable(rel), "{rel}");
        }
    }

    fn hints(paths: &[&str]) -> Hints {
        Hints {
            given: true,
            rescan: false,
            paths: paths.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn stamp_of(found: &[source::Found], path: &str) -> Option<(std::time::SystemTime, u64)> {
        found.iter().find(|f| f.path == path).unwrap().stamp
    }

    /// A site with two entries, scanned with stamps.
    fn scanned() -> (TempSite, Vec<source::Found>) {
        let site = TempSite::new();
        site.write("content/goals/a.md", "---\ntitle: A\n---\n")
            .write("content/goals/b.md", "---\ntitle: B\n---\n");
        let found = source::scan(site.root(), true).found;
        assert_eq!(found.len(), 2);
        (site, found)
    }

    #[test]
    fn apply_hints_restamps_a_listed_file_and_asks_to_read_it_again() {
        let (site, mut found) = scanned();
        let b_before = stamp_of(&found, "content/goals/b.md");
        site.write("content/goals/a.md", "---\ntitle: A, longer now\n---\n");
        let redo = apply_hints(&mut found, &hints(&["content/goals/a.md"])).unwrap();
        assert_eq!(redo, HashSet::from_iter(["content/goals/a.md".to_string()]));
        let meta = std::fs::metadata(site.root().join("content/goals/a.md")).unwrap();
        assert_eq!(
            stamp_of(&found, "content/goals/a.md"),
            Some((meta.modified().unwrap(), meta.len()))
        );
        assert_eq!(stamp_of(&found, "content/goals/b.md"), b_before);
    }

    #[test]
    fn apply_hints_ignores_paths_the_scan_would_not_list() {
        let (_site, mut found) = scanned();
        let redo = apply_hints(
            &mut found,
            &hints(&[
                "static/style.css",
                "content/goals/.a.md.swp",
                "templates/page.html",
            ]),
        );
        assert_eq!(redo, Some(HashSet::default()));
    }

    #[test]
    fn apply_hints_asks_for_a_walk_when_the_hints_are_not_enough() {
        let (site, found) = scanned();
        let walk = |hints: &Hints, found: &[source::Found]| {
            apply_hints(&mut found.to_vec(), hints).is_none()
        };
        // No hints yet: nothing says what changed.
        assert!(walk(&Hints::default(), &found));
        // The watcher lost track.
        let mut lost = hints(&["content/goals/a.md"]);
        lost.rescan = true;
        assert!(walk(&lost, &found));
        // A file the scan does not list is new.
        site.write("content/goals/c.md", "---\ntitle: C\n---\n");
        assert!(walk(&hints(&["content/goals/c.md"]), &found));
        assert!(walk(
            &hints(&["content/goals/a.md", "content/goals/c.md"]),
            &found
        ));
        // A listed file that is gone, or is no longer a file.
        std::fs::remove_file(site.root().join("content/goals/b.md")).unwrap();
        assert!(walk(&hints(&["content/goals/b.md"]), &found));
        std::fs::create_dir(site.root().join("content/goals/b.md")).unwrap();
        assert!(walk(&hints(&["content/goals/b.md"]), &found));
        // Something is reached through a symbolic link: its changes may
        // come with no event, so any hint means a walk.
        let mut linked = found.clone();
        linked[1].linked = true;
        assert!(walk(&hints(&["content/goals/a.md"]), &linked));
        assert!(walk(&hints(&[]), &linked));
    }

    fn config() -> Config {
        crate::model::config::parse(testing::CONFIG, None).unwrap()
    }

    fn titles(entries: &[Arc<Entry>]) -> Vec<(String, String)> {
        let mut t: Vec<(String, String)> = entries
            .iter()
            .map(|e| (e.origin.path.clone(), e.title.clone()))
            .collect();
        t.sort();
        t
    }

    /// What the last read through `cache` did: (walked, files read).
    fn work(cache: &Cache) -> (bool, usize) {
        let w = cache.last_rebuild();
        (w.walked, w.files_read)
    }

    #[test]
    fn read_cached_reads_everything_once_then_only_what_changed() {
        let site = TempSite::new();
        site.write("content/goals/a.md", "---\ntitle: A\nhorizon: 1y\n---\n")
            .write("content/goals/b.md", "---\ntitle: B\nhorizon: 1y\n---\n")
            .write("content/goals/chart.svg", "<svg/>");
        let (root, config, cache) = (site.root(), config(), Cache::default());
        let (entries, assets, diags, files) = read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (true, 2));
        assert_eq!(entries.len(), 2);
        assert_eq!(files.len(), 2);
        assert_eq!(assets.len(), 1);
        assert!(diags.is_empty(), "{diags:?}");
        // Nothing said, nothing changed: a walk, but no file read.
        let (again, ..) = read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (true, 0));
        assert_eq!(titles(&again), titles(&entries));
        // One file saved and named: that file only, without a walk.
        site.write(
            "content/goals/a.md",
            "---\ntitle: A renamed\nhorizon: 1y\n---\n",
        );
        cache.changed(&["content/goals/a.md".to_string()], false);
        let (edited, ..) = read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (false, 1));
        assert_eq!(titles(&edited), titles(&load_entries(root, &config).0));
        assert!(titles(&edited).contains(&("content/goals/a.md".into(), "A renamed".into())));
        // A named file is read again even when its stamp did not move.
        cache.changed(&["content/goals/b.md".to_string()], false);
        read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (false, 1));
        // Saved without a word from the watcher: the walk sees its stamp.
        site.write(
            "content/goals/b.md",
            "---\ntitle: B, edited\nhorizon: 1y\n---\n",
        );
        let (unsaid, ..) = read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (true, 1));
        assert_eq!(titles(&unsaid), titles(&load_entries(root, &config).0));
    }

    #[test]
    fn read_cached_walks_for_new_and_removed_files() {
        let site = TempSite::new();
        site.write("content/goals/a.md", "---\ntitle: A\nhorizon: 1y\n---\n");
        let (root, config, cache) = (site.root(), config(), Cache::default());
        read_cached(root, &config, &cache);
        site.write(
            "content/goals/new.md",
            "---\ntitle: New\nhorizon: 1y\n---\n",
        );
        cache.changed(&["content/goals/new.md".to_string()], false);
        let (entries, ..) = read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (true, 1));
        assert_eq!(entries.len(), 2);
        std::fs::remove_file(root.join("content/goals/a.md")).unwrap();
        cache.changed(&["content/goals/a.md".to_string()], false);
        let (entries, _, _, files) = read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (true, 0));
        assert_eq!(
            titles(&entries),
            [("content/goals/new.md".to_string(), "New".to_string())]
        );
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn read_cached_reads_everything_again_when_the_config_changes() {
        let site = TempSite::new();
        site.write("content/goals/a.md", "---\ntitle: A\nhorizon: 1y\n---\n")
            .write("content/goals/b.md", "---\ntitle: B\nhorizon: 1y\n---\n");
        let cache = Cache::default();
        read_cached(site.root(), &config(), &cache);
        let other =
            crate::model::config::parse(testing::CONFIG, Some("https://example.com/")).unwrap();
        read_cached(site.root(), &other, &cache);
        assert_eq!(work(&cache), (true, 2));
        read_cached(site.root(), &other, &cache);
        assert_eq!(work(&cache), (true, 0));
    }

    #[test]
    fn read_cached_after_watching_starts_walks_whatever_it_was_told() {
        let site = TempSite::new();
        site.write("content/goals/a.md", "---\ntitle: A\nhorizon: 1y\n---\n");
        let (root, config, cache) = (site.root(), config(), Cache::default());
        read_cached(root, &config, &cache);
        cache.changed(&[], false);
        read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (false, 0));
        // Between the first build and the watcher, edits go unreported.
        cache.watching();
        cache.changed(&["content/goals/a.md".to_string()], false);
        read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (true, 1));
    }

    #[test]
    fn read_cached_reports_a_file_it_cannot_read_until_it_is_fixed() {
        let site = TempSite::new();
        site.write("content/goals/a.md", "---\ntitle: A\nhorizon: 1y\n---\n");
        std::fs::write(
            site.root().join("content/goals/bad.md"),
            b"title: caf\xe9\n",
        )
        .unwrap();
        let (root, config, cache) = (site.root(), config(), Cache::default());
        let (entries, _, diags, _) = read_cached(root, &config, &cache);
        assert_eq!(entries.len(), 1);
        assert_eq!(
            diags.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
            ["not-utf8"]
        );
        // Not cached: said again on the next read.
        let (_, _, diags, _) = read_cached(root, &config, &cache);
        assert_eq!(diags.len(), 1);
        site.write(
            "content/goals/bad.md",
            "---\ntitle: Fixed\nhorizon: 1y\n---\n",
        );
        cache.changed(&["content/goals/bad.md".to_string()], false);
        let (entries, _, diags, _) = read_cached(root, &config, &cache);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(entries.len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn read_cached_says_a_link_it_did_not_follow_on_every_read() {
        let site = TempSite::new();
        site.write("content/goals/a.md", "---\ntitle: A\nhorizon: 1y\n---\n");
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.md"), "---\ntitle: X\n---\n").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("x.md"),
            site.root().join("content/goals/x.md"),
        )
        .unwrap();
        let (root, config, cache) = (site.root(), config(), Cache::default());
        let (entries, _, first, _) = read_cached(root, &config, &cache);
        assert_eq!(entries.len(), 1);
        assert_eq!(first.len(), 1, "{first:?}");
        cache.changed(&["content/goals/a.md".to_string()], false);
        let (_, _, second, _) = read_cached(root, &config, &cache);
        assert_eq!(work(&cache), (false, 1));
        assert_eq!(second, first);
    }
}
