//! From a file's text to an entry: the kind from its folder (or `kind:`),
//! the slug from its name, the config's defaults for its kind, and every
//! problem on the way. Files resolve in parallel; an entry with errors is
//! kept (without its bad fields), so references to and from it are still
//! checked.

use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};
use crate::model::config::Config;
use crate::model::entry::{self, Entry};
use crate::model::frontmatter;
use crate::model::kind::Kind;
use crate::model::source;

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
            Diagnostic::warning(Code::SectionIndexIgnored, "section index files are not used, so this file is ignored")
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
