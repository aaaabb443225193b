//! Entries for the passes' unit tests, made from file text the way the
//! pipeline makes them, without the file system.

use std::sync::Arc;

use crate::model::entry::{Entry, ResolveInput, resolve};
use crate::model::kind::Kind;

/// One entry from `path` (`content/goals/x.md`, `private/…`) and its text.
pub(super) fn entry(path: &str, text: &str) -> Arc<Entry> {
    let (top, rest) = path.split_once('/').unwrap();
    let kind = Kind::from_folder(rest.split('/').next().unwrap());
    let text: Arc<str> = text.into();
    let parsed = crate::model::frontmatter::parse(path, &text, kind)
        .ok()
        .unwrap_or_else(|| panic!("{path} parses"));
    let stem = path.rsplit('/').next().unwrap().trim_end_matches(".md");
    Arc::new(
        resolve(
            ResolveInput {
                parsed,
                text: &text,
                path: path.to_string(),
                link_path: rest.to_string(),
                stem: stem.to_string(),
                in_private_dir: top == "private",
                is_home: false,
            },
            None,
        )
        .unwrap_or_else(|d| panic!("{path}: {d:?}")),
    )
}

pub(super) fn entries(files: &[(&str, &str)]) -> Vec<Arc<Entry>> {
    files.iter().map(|(p, t)| entry(p, t)).collect()
}

pub(super) fn base() -> crate::model::config::BaseUrl {
    crate::model::config::BaseUrl::parse("https://alex.github.io/career/").unwrap()
}
