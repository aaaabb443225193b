//! Reading the site: finding its root, the config, and every entry resolved
//! from its file (in parallel), with the files that failed to resolve kept
//! aside so that references to them are not reported twice.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::model::config::{self, CONFIG_FILE, Config};
use crate::model::entry::{self, Entry};
use crate::model::frontmatter;
use crate::model::kind::Kind;
use crate::model::source;
use crate::pages::theme;

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

pub(crate) fn collect_resolved(
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
pub(crate) fn resolve_files<F: std::borrow::Borrow<source::SourceFile> + Sync>(
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

/// Entries that failed to resolve (their errors are already reported): a
/// reference to one of them is not also "unknown", which would send the
/// reader after the wrong problem.
#[derive(Debug, Default)]
pub(crate) struct Broken {
    goal_slugs: std::collections::HashSet<String>,
    link_paths: std::collections::HashSet<String>,
}

impl Broken {
    pub(crate) fn find(
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
    pub(crate) fn adjust(&self, mut d: Diagnostic) -> Option<Diagnostic> {
        let named = d.about.clone().unwrap_or_default();
        match d.code {
            "unknown-goal" | "unknown-parent" => {
                if self.goal_slugs.contains(&named) {
                    return None;
                }
                if !d.suggested
                    && let Some(n) =
                        crate::diag::nearest(&named, self.goal_slugs.iter().map(String::as_str))
                {
                    d.help = Some(format!("did you mean `{n}`? (it has errors of its own)"));
                }
                Some(d)
            }
            "broken-link" => {
                let target = named.split('#').next().unwrap_or(&named);
                (!self.link_paths.contains(target)).then_some(d)
            }
            _ => Some(d),
        }
    }
}

/// A page whose address is taken by a static file (`favicon.svg`,
/// `style.css`, anything in static/) could not be written: say so at the page.
pub(crate) fn page_static_clashes(entries: &[Arc<Entry>], theme: &theme::Theme) -> Vec<Diagnostic> {
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
