//! The pipeline from a site folder to an in-memory `Output`: config, sources,
//! entries, site, plan, render. `build` writes the result; `serve` keeps it
//! in memory; `check` stops before rendering pages.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::time::Instant;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::model::config::{self, CONFIG_FILE, Config};
use crate::model::entry::{self, Entry, Kind};
use crate::model::frontmatter;
use crate::model::site::{self, Audience, LeftOut, Site};
use crate::model::source;
use crate::output::Output;
use crate::pages::plan::{self, PageCtx};
use crate::pages::render::Renderer;
use crate::pages::theme;

/// Everything a run needs to know, as one value.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub audience: Audience,
    /// Today's date; `None` takes it from SOURCE_DATE_EPOCH or the clock.
    pub today: Option<Date>,
    /// What `serve` keeps between rebuilds; `None` for one-off runs.
    pub cache: Option<std::sync::Arc<Cache>>,
}

/// A finished build.
#[derive(Debug)]
pub struct Built {
    pub output: Output,
    /// Warnings (errors make the build fail).
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub left_out: LeftOut,
    pub elapsed: std::time::Duration,
}

/// When the process started (as near as `main` can tell): timings print
/// each stage's end against it, so the gaps between stages show too.
pub static START: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);

/// Prints how long each stage of a run took when `WAYMARK_TIMINGS` is set
/// (wall time, the CPU time of all threads, resident memory): the numbers
/// behind benches/compare.sh.
pub struct Stopwatch {
    on: bool,
    last: Instant,
    last_cpu: u64,
}

/// The process's CPU time so far (user + system, all threads) in clock
/// ticks of 10 ms (Linux's fixed USER_HZ), where the system tells it; 0
/// elsewhere.
fn cpu_ticks() -> u64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which may hold spaces).
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split(' ').collect();
            // utime and stime are fields 14 and 15 of the whole line.
            Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
        })
        .unwrap_or(0)
}

impl Stopwatch {
    pub fn new() -> Stopwatch {
        let on = std::env::var_os("WAYMARK_TIMINGS").is_some();
        Stopwatch {
            on,
            last: Instant::now(),
            last_cpu: if on { cpu_ticks() } else { 0 },
        }
    }

    pub fn lap(&mut self, what: &str) {
        if self.on {
            // Resident memory too, where the system tells it (Linux).
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    let kb = s.lines().find_map(|l| l.strip_prefix("VmRSS:"))?;
                    kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok()
                })
                .map(|kb| format!(" (resident {} MiB)", kb / 1024))
                .unwrap_or_default();
            let cpu = cpu_ticks();
            eprintln!(
                "  [{:.1}] {what}: {:.1} ms, cpu {} ms{rss}",
                START.elapsed().as_secs_f64() * 1000.0,
                self.last.elapsed().as_secs_f64() * 1000.0,
                cpu.saturating_sub(self.last_cpu) * 10
            );
            self.last_cpu = cpu;
        }
        self.last = Instant::now();
    }
}

impl Stopwatch {
    /// Prints a line among the timings (when they are on).
    pub fn note(&self, what: impl FnOnce() -> String) {
        if self.on {
            eprintln!("  {}", what());
        }
    }
}

impl Default for Stopwatch {
    fn default() -> Self {
        Stopwatch::new()
    }
}

/// Today, from SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
pub fn today() -> Date {
    if let Some(ts) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
    {
        return ts.to_zoned(jiff::tz::TimeZone::UTC).date();
    }
    jiff::Zoned::now().date()
}

/// Finds the site root: `start` or the nearest parent holding waymark.yaml.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    start
        .ancestors()
        .find(|p| p.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        vec![
            Diagnostic::error("no-config", format!("cannot read {CONFIG_FILE}: {e}"))
                .at_path(CONFIG_FILE)
                .with_help("run `waymark init` to start a site, or pass `--root DIR`"),
        ]
    })?;
    let text = source::decode(CONFIG_FILE, bytes).map_err(|d| vec![d])?;
    config::parse(&text, base_url)
}

/// Reads and resolves every entry; returns entries, assets and problems.
/// An entry with errors is still returned (without its bad fields), so its
/// references can be checked: a caller must look at the diagnostics.
pub fn load_entries(
    root: &Path,
    config: &Config,
) -> (Vec<Arc<Entry>>, Vec<source::Asset>, Vec<Diagnostic>) {
    resolve_sources(source::read_all(root), config)
}

/// What resolving one file gave: the entry (kept even with errors, so
/// references to and from it are still checked) and its problems.
pub type Resolved = Result<(Option<Arc<Entry>>, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Resolves one Markdown file into an entry.
pub fn resolve_file(f: &source::SourceFile, config: &Config) -> Resolved {
    let mut parts: Vec<&str> = f.link_path.split('/').collect();
    let file_name = parts.pop().unwrap_or_default();
    let is_home = !f.in_private_dir && parts.is_empty() && file_name == "_index.md";
    if file_name == "_index.md" && !is_home {
        return Err(vec![
            Diagnostic::warning("section-index-ignored", "section index files are not used, so this file is ignored")
                .at_path(&f.path)
                .with_help("section pages are built by waymark; put an intro on the home page in content/_index.md"),
        ]);
    }
    let folder_kind = match parts.first() {
        Some(folder) => Kind::from_folder(folder),
        None => Some(Kind::Page),
    };
    let parsed = frontmatter::parse(
        &f.path,
        &f.text,
        if is_home {
            Some(Kind::Page)
        } else {
            folder_kind
        },
    )?;
    let mut stem = file_name.trim_end_matches(".md").to_string();
    if stem == "index"
        && let Some(dir) = parts.last()
    {
        stem = (*dir).to_string();
    }
    let kind = parsed.kind;
    let defaults = config.defaults.get(&kind);
    let (entry, errors) = entry::resolve_partial(
        entry::ResolveInput {
            parsed,
            text: &f.text,
            path: f.path.clone(),
            link_path: f.link_path.clone(),
            stem,
            in_private_dir: f.in_private_dir,
            is_home,
        },
        defaults,
    );
    Ok((Some(Arc::new(entry)), errors))
}

fn collect_resolved(
    results: impl IntoIterator<Item = Resolved>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Arc<Entry>> {
    let mut entries = Vec::new();
    for r in results {
        match r {
            Ok((entry, mut errors)) => {
                entries.extend(entry);
                diags.append(&mut errors);
            }
            Err(mut d) => diags.append(&mut d),
        }
    }
    entries
}

/// Resolves sources already read (from disk, or from memory in tests).
pub fn resolve_sources(
    sources: source::Sources,
    config: &Config,
) -> (Vec<Arc<Entry>>, Vec<source::Asset>, Vec<Diagnostic>) {
    let (entries, diags) = resolve_files(&sources.files, config, sources.errors);
    (entries, sources.assets, diags)
}

/// Resolves files in parallel; `diags` holds the problems found so far.
fn resolve_files<F: std::borrow::Borrow<source::SourceFile> + Sync>(
    files: &[F],
    config: &Config,
    mut diags: Vec<Diagnostic>,
) -> (Vec<Arc<Entry>>, Vec<Diagnostic>) {
    let results: Vec<Resolved> = files
        .par_iter()
        .with_max_len(crate::PAR_CHUNK)
        .map(|f| resolve_file(f.borrow(), config))
        .collect();
    let entries = collect_resolved(results, &mut diags);
    (entries, diags)
}

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
struct Hints {
    /// Set by [`Cache::changed`]; without it every read scans the folders.
    given: bool,
    /// The watcher lost track (an overflowed event queue): scan everything.
    rescan: bool,
    /// Site-relative paths.
    paths: Vec<String>,
}

#[derive(Default)]
struct CacheFiles {
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

struct CachedFile {
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
fn scannable(rel: &str) -> bool {
    let mut parts = rel.split('/');
    matches!(parts.next(), Some("content" | "private"))
        && parts.all(|p| !p.is_empty() && source::is_listed(p))
}

/// Brings the last scan up to date from the watcher's hints, when every
/// hinted file is one the scan already lists and still is a file. Returns
/// the paths to read again, or `None` when the folders must be walked.
fn apply_hints(found: &mut [source::Found], hints: &Hints) -> Option<HashSet<String>> {
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
type ReadFiles = (
    Vec<Arc<Entry>>,
    Vec<source::Asset>,
    Vec<Diagnostic>,
    Vec<Arc<source::SourceFile>>,
);

/// Reads and resolves the site's files, re-reading only those whose
/// modification time or length changed since the last call (or that the
/// watcher named).
fn read_cached(root: &Path, config: &Config, cache: &Cache) -> ReadFiles {
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

/// Warns when an entry that is private is tracked by git: on a public
/// repository anyone can read it.
pub fn git_tracked_private(root: &Path, entries: &[Arc<Entry>]) -> Vec<Diagnostic> {
    if !entries.iter().any(|e| e.private) {
        return Vec::new();
    }
    let Ok(out) = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "-z", "--", "content", "private"])
        .stderr(std::process::Stdio::null())
        .output()
    else {
        return Vec::new();
    };
    if !out.status.success() {
        return Vec::new();
    }
    let tracked: std::collections::HashSet<&[u8]> = out.stdout.split(|&b| b == 0).collect();
    entries
        .iter()
        .filter(|e| e.private && tracked.contains(e.origin.path.as_bytes()))
        .map(|e| {
            let target = format!("private/{}", e.origin.link_path);
            let help = if e.origin.in_private_dir {
                format!("untrack it with `git rm --cached {}`; private/ is meant to stay out of git", e.origin.path)
            } else {
{
                // Pasted as it is, this works when private/<kind>/ does not
                // exist yet (git mv would refuse to make the folder).
                let folder = target.rsplit_once('/').map_or("private", |(d, _)| d);
                format!(
                    "move it to {target} (ignored by git) and untrack it: `mkdir -p {folder} && git rm --cached {} && mv {} {target}`",
                    e.origin.path, e.origin.path
                )
            }
            };
            Diagnostic::warning(
                "private-tracked",
                "this private entry is tracked by git: on a public repository anyone can read it",
            )
            .at_path(&e.origin.path)
            .with_help(help)
        })
        .collect()
}

/// Entries that failed to resolve (their errors are already reported): a
/// reference to one of them is not also "unknown", which would send the
/// reader after the wrong problem.
#[derive(Debug, Default)]
struct Broken {
    goal_slugs: std::collections::HashSet<String>,
    link_paths: std::collections::HashSet<String>,
}

impl Broken {
    fn find(
        files: &[Arc<source::SourceFile>],
        entries: &[Arc<Entry>],
        diags: &[Diagnostic],
    ) -> Broken {
        let mut broken = Broken::default();
        let with_errors: HashSet<&str> = diags
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| d.path.as_deref())
            .collect();
        if with_errors.is_empty() {
            return broken;
        }
        let resolved: HashSet<&str> = entries.iter().map(|e| e.origin.path.as_str()).collect();
        for f in files {
            let (path, link_path, text) = (&f.path, &f.link_path, &f.text);
            let failed = with_errors.contains(path.as_str()) && !resolved.contains(path.as_str());
            if !failed {
                continue;
            }
            broken.link_paths.insert(link_path.clone());
            let is_goal = link_path.starts_with("goals/")
                || text.lines().any(|l| l.trim_end() == "kind: goal");
            if !is_goal {
                continue;
            }
            let name = link_path.rsplit('/').next().unwrap_or(link_path);
            let stem = name.trim_end_matches(".md");
            broken
                .goal_slugs
                .insert(entry::split_file_stem(stem).1.to_string());
            for line in text.lines() {
                if let Some(slug) = line.strip_prefix("slug:") {
                    broken
                        .goal_slugs
                        .insert(slug.trim().trim_matches(['"', '\'']).to_string());
                }
            }
        }
        broken
    }

    /// Drops a diagnostic that only says a broken entry is missing, and
    /// points a near miss at the broken entry it probably means.
    fn adjust(&self, mut d: Diagnostic) -> Option<Diagnostic> {
        let named = d.message.split('`').nth(1).unwrap_or_default().to_string();
        match d.code {
            "unknown-goal" | "unknown-parent" => {
                if self.goal_slugs.contains(&named) {
                    return None;
                }
                let guessed = d
                    .help
                    .as_deref()
                    .is_some_and(|h| h.starts_with("did you mean"));
                if !guessed
                    && let Some(n) =
                        crate::diag::nearest(&named, self.goal_slugs.iter().map(String::as_str))
                {
                    d.help = Some(format!("did you mean `{n}`? (it has errors of its own)"));
                }
                Some(d)
            }
            "broken-link" => {
                let target = named.strip_prefix("@/").unwrap_or(&named);
                let target = target.split('#').next().unwrap_or(target);
                (!self.link_paths.contains(target)).then_some(d)
            }
            _ => Some(d),
        }
    }
}

/// A page whose address is taken by a static file (`favicon.svg`,
/// `style.css`, anything in static/) could not be written: say so at the page.
fn page_static_clashes(entries: &[Arc<Entry>], theme: &theme::Theme) -> Vec<Diagnostic> {
    entries
        .iter()
        .filter(|e| e.kind == Kind::Page)
        .filter(|e| {
            theme.statics.contains_key(&e.slug)
                || theme
                    .statics
                    .contains_key(&format!("{}/index.html", e.slug))
        })
        .map(|e| {
            Diagnostic::error(
                "reserved-slug",
                format!(
                    "the page slug `{}` is taken by a static file of the same name",
                    e.slug
                ),
            )
            .at_path(&e.origin.path)
            .with_help("rename the file or set another `slug:` in its front matter")
        })
        .collect()
}

/// Everything up to the assembled site: what `check` runs.
pub fn assemble(opts: &Options) -> Result<(Site, theme::Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
    let root = &opts.root;
    let mut watch = Stopwatch::new();
    // One run reports everything: with a broken config, the rest of the
    // site is checked against a plain one, and every error comes together.
    let (config, config_errors) = match load_config(root, opts.base_url.as_deref()) {
        Ok(c) => (c, Vec::new()),
        Err(e) => match config::parse("title: x\nbase_url: http://localhost/\n", None) {
            Ok(plain) => (plain, e),
            Err(_) => return Err(e),
        },
    };
    // What serve keeps is only for the real config.
    let cache = opts.cache.as_ref().filter(|_| config_errors.is_empty());
    let mut placeholders = Vec::new();
    if config_errors.is_empty() {
        let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
        placeholders = crate::model::lint::config_warnings(&config, &text);
    }
    let (entries, assets, mut diags, files) = match cache {
        Some(cache) => read_cached(root, &config, cache),
        None => {
            let source::Sources {
                files,
                assets,
                errors,
            } = source::read_all(root);
            // Shared with the error check below rather than copied.
            let files: Vec<Arc<source::SourceFile>> = files.into_iter().map(Arc::new).collect();
            let (entries, diags) = resolve_files(&files, &config, errors);
            (entries, assets, diags, files)
        }
    };
    watch.lap("read and parse entries");
    let broken = Broken::find(&files, &entries, &diags);
    watch.lap("broken entries");
    let today = opts.today.unwrap_or_else(today);
    diags.extend(git_tracked_private(root, &entries));
    // No advice on entries that have errors: fix those first.
    let errored: std::collections::HashSet<&str> = diags
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.path.as_deref())
        .collect();
    let lint = crate::model::lint::warnings(
        entries
            .iter()
            .filter(|e| !errored.contains(e.origin.path.as_str()))
            .map(|e| &**e),
        today,
        opts.audience,
    );
    diags.extend(lint);
    diags.append(&mut placeholders);
    watch.lap("git check and lint");
    let theme = match theme::load(root, &config.theme) {
        Ok(mut t) => {
            diags.append(&mut t.warnings);
            Some(t)
        }
        Err(mut d) => {
            diags.append(&mut d);
            None
        }
    };
    if let Some(t) = &theme {
        diags.extend(page_static_clashes(&entries, t));
    }
    let model = cache.map(|c| &c.model);
    let (site, site_diags) =
        site::assemble_with(config, entries, &assets, opts.audience, today, model);
    watch.lap("markdown and site model");
    diags.extend(site_diags.into_iter().filter_map(|d| broken.adjust(d)));
    let failed = !config_errors.is_empty() || diags.iter().any(Diagnostic::is_error);
    match theme {
        Some(t) if !failed => return Ok((site, t, diags)),
        Some(t) => {
            // The pages cannot be rendered, but the templates can still be
            // compiled, so their errors come in the same run.
            if let Err(mut template_errors) = Renderer::new(&t) {
                diags.append(&mut template_errors);
            }
        }
        None => {}
    }
    if config_errors.is_empty() {
        return Err(diags);
    }
    // Warnings checked against a stand-in config would only mislead.
    let mut all = config_errors;
    all.extend(diags.into_iter().filter(Diagnostic::is_error));
    Err(all)
}

/// Renders the whole site into memory (for `serve`, `check` and tests).
pub fn build(opts: &Options) -> Result<Built, Vec<Diagnostic>> {
    let sink = crate::output::MemorySink::default();
    let done = build_into(opts, &sink)?;
    let output = sink.into_output();
    Ok(Built {
        pages: done.pages,
        output,
        diagnostics: done.diagnostics,
        left_out: done.left_out,
        elapsed: done.elapsed,
    })
}

/// What a build into a sink reports.
pub struct Rendered {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub left_out: LeftOut,
    pub elapsed: std::time::Duration,
    /// The site model the pages were rendered from, handed back rather
    /// than freed here: a command that exits right after can skip freeing
    /// it (millions of small allocations, about a twentieth of a large
    /// build's time, on one core).
    pub site: Site,
}

/// Renders the whole site into `sink`, page by page as pages are ready.
pub fn build_into(
    opts: &Options,
    sink: &dyn crate::output::Sink,
) -> Result<Rendered, Vec<Diagnostic>> {
    let start = Instant::now();
    let (site, theme, mut diags) = assemble(opts)?;
    let renderer = match Renderer::new(&theme) {
        Ok(r) => r,
        Err(mut d) => {
            diags.append(&mut d);
            return Err(diags);
        }
    };
    match render_into(&site, &theme, &renderer, &opts.root, sink) {
        Ok(pages) => Ok(Rendered {
            diagnostics: diags,
            pages,
            left_out: site.left_out,
            elapsed: start.elapsed(),
            site,
        }),
        Err(mut d) => {
            diags.append(&mut d);
            Err(diags)
        }
    }
}

/// Renders pages, feeds and copies static files and assets into memory.
pub fn render_site(
    site: &Site,
    theme: &theme::Theme,
    renderer: &Renderer,
    root: &Path,
) -> Result<Output, Vec<Diagnostic>> {
    let sink = crate::output::MemorySink::default();
    render_into(site, theme, renderer, root, &sink)?;
    Ok(sink.into_output())
}

/// Renders one planned page, sealing it when it is a sealed share page.
/// `serve` renders on request through this.
pub fn render_page(
    renderer: &Renderer,
    site_value: &tera::Value,
    page: &plan::Planned,
    secret: Option<&crate::seal::Secret>,
) -> Result<Vec<u8>, Diagnostic> {
    let mut out = Vec::with_capacity(16 * 1024);
    render_page_to(renderer, site_value, page, secret, &mut out)?;
    Ok(out)
}

/// [`render_page`] into `out`, which it clears first: `build` renders every
/// page this way, each thread into one buffer it keeps.
pub fn render_page_to(
    renderer: &Renderer,
    site_value: &tera::Value,
    page: &plan::Planned,
    secret: Option<&crate::seal::Secret>,
    out: &mut Vec<u8>,
) -> Result<(), Diagnostic> {
    out.clear();
    renderer.render_to(
        page.template,
        &PageCtx {
            site: site_value,
            page: &page.page,
            data: &page.data,
        },
        out,
    )?;
    let (Some((slug, salt)), Some(secret)) = (&page.seal, secret) else {
        return Ok(());
    };
    let key = crate::seal::PageKey::derive(secret, slug, salt.as_deref());
    let html = String::from_utf8(std::mem::take(out)).map_err(|e| {
        Diagnostic::error(
            "template",
            format!("{} rendered as invalid UTF-8: {e}", page.template),
        )
    })?;
    // Say which share page could not be sealed.
    let sealed =
        crate::seal::seal_page(&html, &key, page.template).map_err(|d| match &page.data {
            plan::Data::Share { entry, .. } => match &entry.share {
                Some(spec) => d.at_path(&spec.path),
                None => d,
            },
            _ => d,
        })?;
    *out = sealed.into_bytes();
    Ok(())
}

/// Every file of the output that is not a page: static files, files beside
/// entries, feeds, the sitemap, robots.txt, resume.json, CNAME.
pub fn other_files(
    site: &Site,
    theme: &theme::Theme,
    pages: &[plan::Planned],
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let mut files = static_files(site, theme)?;
    files.extend(generated_files(site, pages));
    Ok(files)
}

/// The theme's static files and the files beside entries.
pub fn static_files(
    site: &Site,
    theme: &theme::Theme,
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (path, file) in &theme.statics {
        files.push((path.clone(), file.bytes.clone()));
    }
    for a in &site.assets {
        match std::fs::read(&a.from) {
            Ok(bytes) => files.push((a.to.clone(), bytes)),
            Err(e) => errors.push(Diagnostic::error(
                "io",
                format!("cannot read {}: {e}", a.from.display()),
            )),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// The names of the files [`generated_files`] makes.
pub fn generated_file_names(site: &Site) -> Vec<&'static str> {
    let c = &site.config;
    [
        ("atom.xml", c.feed),
        ("sitemap.xml", true),
        ("robots.txt", true),
        (".nojekyll", true),
        ("resume.json", c.resume),
        ("CNAME", c.cname.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, made)| made.then_some(name))
    .collect()
}

/// One file made from the site, by one of the names
/// [`generated_file_names`] gives; the sitemap lists `pages`.
pub fn generated_file(site: &Site, name: &str, pages: &[plan::Planned]) -> Option<Vec<u8>> {
    let c = &site.config;
    Some(match name {
        "atom.xml" if c.feed => crate::pages::feeds::atom(site).into_bytes(),
        "sitemap.xml" => crate::pages::feeds::sitemap(pages).into_bytes(),
        "robots.txt" => crate::pages::feeds::robots(site).into_bytes(),
        ".nojekyll" => Vec::new(),
        "resume.json" if c.resume => crate::pages::feeds::resume_json(site).into_bytes(),
        "CNAME" => format!("{}\n", c.cname.as_deref()?).into_bytes(),
        _ => return None,
    })
}

/// The files made from the site: the feed, the sitemap, robots.txt,
/// .nojekyll, resume.json and CNAME.
pub fn generated_files(site: &Site, pages: &[plan::Planned]) -> Vec<(String, Vec<u8>)> {
    let mut watch = Stopwatch::new();
    let files = generated_file_names(site)
        .into_iter()
        .filter_map(|name| Some((name.to_string(), generated_file(site, name, pages)?)))
        .collect();
    watch.lap("feeds, sitemap, resume");
    files
}

/// Renders pages, feeds and copies static files and assets into `sink`;
/// returns the number of HTML pages. Pages go to the sink as soon as they
/// are rendered, so a build to disk writes while it renders and never holds
/// the whole site in memory.
pub fn render_into(
    site: &Site,
    theme: &theme::Theme,
    renderer: &Renderer,
    root: &Path,
    sink: &dyn crate::output::Sink,
) -> Result<usize, Vec<Diagnostic>> {
    let mut watch = Stopwatch::new();
    let site_value = tera::Value::from_serializable(&plan::site_ctx(site));
    let pages = plan::plan(site);
    watch.lap("plan");
    let secret = sealing_secret(site, root)?;
    let errors: std::sync::Mutex<Vec<Diagnostic>> = std::sync::Mutex::new(Vec::new());
    // The feed, sitemap and the like are made while pages render.
    let ((), other) = rayon::join(
        || {
            pages
                .par_iter()
                .with_max_len(crate::PAR_CHUNK)
                .for_each(|p| {
                    thread_local! {
                        /// One page buffer per thread, kept from page to
                        /// page: a large page's buffer is allocated and
                        /// faulted in once, not for every page.
                        static PAGE: std::cell::RefCell<Vec<u8>> =
                            std::cell::RefCell::new(Vec::with_capacity(64 * 1024));
                    }
                    let rendered = PAGE.with_borrow_mut(|out| {
                        render_page_to(renderer, &site_value, p, secret.as_ref(), out)
                            .map(|()| sink.put_slice(p.file.clone(), out))
                    });
                    match rendered {
                        Ok(()) => {}
                        Err(d) => {
                            let mut errors = errors.lock().unwrap_or_else(|e| e.into_inner());
                            if !errors.contains(&d) {
                                errors.push(d);
                            }
                        }
                    }
                })
        },
        || other_files(site, theme, &pages),
    );
    watch.lap("render pages and other files");
    watch.note(|| {
        let (rendered, reused) = renderer.partial_counts();
        format!("partial_cached: {rendered} rendered, {reused} reused")
    });
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    // Files that are not pages come after the pages, so they win a clash.
    match other {
        Ok(files) => {
            for (path, bytes) in files {
                sink.put(path, bytes);
            }
        }
        Err(mut e) => errors.append(&mut e),
    }
    if errors.is_empty() {
        Ok(pages.len())
    } else {
        Err(errors)
    }
}

/// The site secret, when some page is sealed; a sealed page without a
/// secret is an error, never a page published in the clear.
pub fn sealing_secret(
    site: &Site,
    root: &Path,
) -> Result<Option<crate::seal::Secret>, Vec<Diagnostic>> {
    let sealed = |&n: &usize| site.view(n).share.as_ref().is_some_and(|s| s.sealed);
    if !site.shares.iter().any(sealed) {
        return Ok(None);
    }
    match crate::seal::load_secret(root) {
        Ok(Some(s)) => Ok(Some(s)),
        Ok(None) => Err(site
            .shares
            .iter()
            .filter_map(|&n| site.view(n).share.as_ref())
            .filter(|s| s.sealed)
            .map(|s| {
                Diagnostic::error(
                    "sealed-without-secret",
                    "this share page is sealed, but there is no secret to seal it with",
                )
                .at_path(&s.path)
                .with_help(crate::seal::secret_help())
            })
            .collect()),
        Err(e) => Err(vec![
            Diagnostic::error("bad-secret", e).with_help(crate::seal::secret_help()),
        ]),
    }
}

/// Resolves `p` even when its last parts do not exist yet.
pub fn normalize(p: &Path) -> PathBuf {
    let mut existing = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    out
}

/// Refuses an output folder that would overwrite the site's own files.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = normalize(root);
    let out = normalize(out);
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            "bad-output",
            format!("refusing to write the site into {}: {why}", out.display()),
        )
        .with_help("pick a folder of its own, e.g. `--output public`"))
    };
    if root.starts_with(&out) {
        return refuse("it is the site folder or contains it");
    }
    // The folders waymark reads (the same ones serve watches), and git's.
    let inputs = source::INPUT_DIRS.iter().chain(&[".git"]);
    for input in inputs {
        if out.starts_with(root.join(input)) {
            return refuse(&format!("it is inside {input}/"));
        }
    }
    Ok(())
}

/// The one-line summary: `Built 412 pages in 83 ms → public/ (…)`.
pub fn summary_line(
    pages: usize,
    elapsed: std::time::Duration,
    left_out: LeftOut,
    dest: &str,
) -> String {
    let mut line = format!(
        "Built {} in {} ms → {dest}",
        crate::diag::plural(pages, "page"),
        elapsed.as_millis()
    );
    let mut parts = Vec::new();
    if left_out.drafts > 0 {
        parts.push(crate::diag::plural(left_out.drafts, "draft"));
    }
    if left_out.private > 0 {
        parts.push(format!(
            "{} private {}",
            left_out.private,
            if left_out.private == 1 {
                "entry"
            } else {
                "entries"
            }
        ));
    }
    if !parts.is_empty() {
        line.push_str(&format!(" ({} left out)", parts.join(" and ")));
    }
    line
}
