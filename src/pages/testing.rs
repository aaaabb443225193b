//! Small sites built in memory for the unit tests of pages, feeds and the
//! résumé: the files a test names go through the real pipeline (resolve,
//! assemble), so what the tests see is what a build would render from.

use crate::model::config;
use crate::model::site::{self, Audience, Site};
use crate::model::source::{SourceFile, Sources};

/// The day every test site is built on.
pub(crate) const TODAY: &str = "2026-03-06";

/// A config with a sub-path base, so every test also checks that links
/// keep the prefix.
pub(crate) const CONFIG: &str = "title: Test Journal\nbase_url: https://alex.github.io/career/\n";

/// Builds the site from `config` and `files` (`content/goals/x.md`, text);
/// panics on any error, which would be the test's own mistake.
pub(crate) fn site(config: &str, files: &[(&str, &str)]) -> Site {
    let config = config::parse(config, None).unwrap_or_else(|d| panic!("config: {d:?}"));
    let mut sources = Sources::default();
    for (path, text) in files {
        let (top, link_path) = path.split_once('/').expect("under content/ or private/");
        sources.files.push(SourceFile {
            path: path.to_string(),
            link_path: link_path.to_string(),
            in_private_dir: top == "private",
            text: (*text).into(),
        });
    }
    let (entries, assets, mut diags) = crate::model::resolve::resolve_sources(sources, &config);
    let today = TODAY.parse().expect("a date");
    let (site, mut more) = site::assemble(config, entries, &assets, Audience::default(), today);
    diags.append(&mut more);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render(false))
        .collect();
    assert!(errors.is_empty(), "{}", errors.concat());
    site
}

/// An entry's file: front matter lines, then a body.
pub(crate) fn md(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n\n{body}\n")
}
