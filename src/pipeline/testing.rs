//! A site in a temporary folder, written file by file: for the unit tests
//! of the pipeline, the command line and serve.

use std::path::Path;

use super::Options;

/// A config that builds.
pub(crate) const CONFIG: &str =
    "title: Test Journal\nbase_url: https://alex.github.io/career/\nauthor:\n  name: Test Person\n";

/// The date the tests build on, so that nothing depends on the clock.
pub(crate) fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 1)
}

pub(crate) struct TempSite {
    pub(crate) dir: tempfile::TempDir,
}

impl TempSite {
    /// A site with [`CONFIG`] and nothing else.
    pub fn new() -> TempSite {
        let site = TempSite::empty();
        site.write("waymark.yaml", CONFIG);
        site
    }

    /// A folder with nothing in it, not even a config.
    pub(crate) fn empty() -> TempSite {
        TempSite {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` at `rel`, making its folders.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        self
    }

    /// Build options for this site, on [`today`].
    pub(crate) fn options(&self) -> Options {
        Options {
            root: self.root().to_path_buf(),
            today: Some(today()),
            ..Options::default()
        }
    }
}

/// Says that a test skipped its check where a person running `cargo test`
/// sees it (as tests/support does): `eprintln!` in a passing test is
/// captured and thrown away, a write straight to standard error is not.
/// With CI=true a skip is a failure.
#[track_caller]
pub(crate) fn skipped(why: &str) {
    use std::io::Write as _;
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{why}, and CI=true requires it");
    }
    let at = std::panic::Location::caller();
    let name = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(
        std::io::stderr().lock(),
        "SKIPPED {name} ({}:{}): {why}",
        at.file(),
        at.line()
    );
}
