//! Git: a private entry tracked by git is readable by anyone on a public
//! repository, so it is warned about.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::model::entry::Entry;

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
