//! Copying a site to work on, shared by the serve benchmark, the rebuild
//! profiler and the tests (each includes this file with `#[path]`).

use std::path::{Path, PathBuf};

/// Copies the site at `from` into `to`, leaving out its `public/` output.
pub fn copy_site(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).expect("below the site");
        if rel.starts_with("public") {
            continue;
        }
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("make a folder");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy a file");
        }
    }
}

/// The first achievement of the site at `root`, by file name.
#[allow(dead_code)]
pub fn first_achievement(root: &Path) -> PathBuf {
    walkdir::WalkDir::new(root.join("content/achievements"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("an achievement to edit")
        .into_path()
}
