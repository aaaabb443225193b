//! Git: a private entry tracked by git is readable by anyone on a public
//! repository, so it is warned about; so is a sealed page's source under
//! `content/`, whose plaintext would be in the repository.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::entry::Entry;

/// Warns when an entry that is private is tracked by git: on a public
/// repository anyone can read it.
pub(crate) fn git_tracked_private(root: &Path, entries: &[Arc<Entry>]) -> Vec<Diagnostic> {
    if !entries.iter().any(|e| e.private || e.is_sealed_share()) {
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
    let tracked = |e: &&Arc<Entry>| tracked.contains(e.origin.path.as_bytes());
    let mut warned: Vec<Diagnostic> = entries
        .iter()
        .filter(|e| e.private)
        .filter(tracked)
        .map(|e| {
            let target = format!("private/{}", e.origin.link_path);
            let help = if e.origin.in_private_dir {
                format!(
                    "untrack it with `git rm --cached {}`; private/ is meant to stay out of git",
                    e.origin.path
                )
            } else {
                format!(
                    "move it to {target} (ignored by git) and untrack it: {}",
                    move_into_private(e)
                )
            };
            Diagnostic::warning(
                Code::PrivateTracked,
                "this private entry is tracked by git: on a public repository anyone can read it",
            )
            .at_path(&e.origin.path)
            .with_help(help)
        })
        .collect();
    warned.extend(
        entries
            .iter()
            .filter(|e| e.is_sealed_share() && !e.private)
            .filter(tracked)
            .map(|e| {
                Diagnostic::warning(
                    Code::SealedTracked,
                    "this sealed page's source is tracked by git: on a public repository anyone can read what it seals",
                )
                .at_path(&e.origin.path)
                .with_help(format!(
                    "move it to private/{} (ignored by git) and untrack it: {}; builds then publish it from \
                     sealed/, which you commit. If it was ever pushed, its text stays in the repository's history, \
                     which only rewriting that history removes",
                    e.origin.link_path,
                    move_into_private(e)
                ))
            }),
    );
    warned
}

/// The commands that move an entry from `content/` into `private/` and
/// untrack it; pasted as they are, they work when `private/<kind>/` does
/// not exist yet (git mv would refuse to make the folder).
fn move_into_private(e: &Entry) -> String {
    let target = format!("private/{}", e.origin.link_path);
    let folder = target.rsplit_once('/').map_or("private", |(d, _)| d);
    format!(
        "`mkdir -p {folder} && git rm --cached {} && mv {} {target}`",
        e.origin.path, e.origin.path
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::{self, TempSite};

    const PRIVATE_NOTE: &str = "---\ntitle: Salary talk\nvisibility: private\n---\n";
    const REFLECTION: &str = "---\ntitle: Hard week\n---\n";
    const PUBLIC_GOAL: &str = "---\ntitle: Staff\nhorizon: 3y\n---\n";

    fn entries(site: &TempSite) -> Vec<Arc<Entry>> {
        let config = crate::model::config::parse(testing::CONFIG, None).unwrap();
        let (entries, _, diags) = crate::pipeline::load_entries(site.root(), &config);
        assert!(diags.is_empty(), "{diags:?}");
        entries
    }

    fn git(root: &Path, args: &[&str]) -> bool {
        std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn outside_a_git_repository_nothing_is_said() {
        let site = TempSite::new();
        site.write("content/achievements/2026-03-06-salary.md", PRIVATE_NOTE)
            .write("private/reflections/2026-03-06-week.md", REFLECTION);
        let entries = entries(&site);
        assert!(entries.iter().all(|e| e.private));
        assert_eq!(git_tracked_private(site.root(), &entries), []);
    }

    #[test]
    fn tracked_private_entries_are_warned_about_with_how_to_untrack_them() {
        let site = TempSite::new();
        site.write("content/achievements/2026-03-06-salary.md", PRIVATE_NOTE)
            .write("private/reflections/2026-03-06-week.md", REFLECTION)
            .write("private/reflections/2026-03-13-untracked.md", REFLECTION)
            .write("content/goals/staff.md", PUBLIC_GOAL);
        let root = site.root();
        if !git(root, &["init", "-q"]) {
            testing::skipped("git is not installed");
            return;
        }
        assert!(git(
            root,
            &[
                "add",
                "content/achievements/2026-03-06-salary.md",
                "private/reflections/2026-03-06-week.md",
                "content/goals/staff.md",
            ]
        ));
        let mut warned = git_tracked_private(root, &entries(&site));
        warned.sort_by(|a, b| a.path.cmp(&b.path));
        let paths: Vec<&str> = warned.iter().filter_map(|d| d.path.as_deref()).collect();
        assert_eq!(
            paths,
            [
                "content/achievements/2026-03-06-salary.md",
                "private/reflections/2026-03-06-week.md"
            ]
        );
        assert!(
            warned
                .iter()
                .all(|d| d.code.as_str() == "private-tracked" && !d.is_error())
        );
        assert_eq!(
            warned[0].help.as_deref(),
            Some(
                "move it to private/achievements/2026-03-06-salary.md (ignored by git) and untrack it: \
                 `mkdir -p private/achievements && git rm --cached content/achievements/2026-03-06-salary.md \
                 && mv content/achievements/2026-03-06-salary.md private/achievements/2026-03-06-salary.md`"
            )
        );
        assert_eq!(
            warned[1].help.as_deref(),
            Some(
                "untrack it with `git rm --cached private/reflections/2026-03-06-week.md`; \
                 private/ is meant to stay out of git"
            )
        );
    }

    #[test]
    fn public_entries_are_never_warned_about_tracked_or_not() {
        let site = TempSite::new();
        site.write("content/goals/staff.md", PUBLIC_GOAL);
        let root = site.root();
        if git(root, &["init", "-q"]) {
            assert!(git(root, &["add", "content/goals/staff.md"]));
        }
        assert_eq!(git_tracked_private(root, &entries(&site)), []);
        assert_eq!(git_tracked_private(root, &[]), []);
    }
}
