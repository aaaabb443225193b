//! `serve --poll`: looks at the site's files every
//! [`POLL_EVERY`](super::POLL_EVERY) and reports the ones that changed,
//! came or went.
//!
//! notify's `PollWatcher` is not used: it keeps each file's modification
//! time in whole seconds and ignores the length, so a save in the same
//! second as the last one it saw (two quick saves, or a format-on-save
//! right after a save) is never reported. Its other mode
//! (`with_compare_contents`) hashes every watched file on every poll: at
//! 10,000 entries about 115 ms of processor per poll, four times a second,
//! where looking at the files' metadata as done here takes about 25 ms;
//! and polling is for network drives and VM shares, where reading every
//! file is slower still.
//!
//! So each file is stamped with the finest clock the file system keeps
//! (the modification time to the nanosecond, with the length and, on Unix,
//! the inode and status-change time, which an atomic save or a tool that
//! puts the old time back still moves), and a file's contents are compared
//! only while its stamp is too recent to be trusted: a file system whose
//! clock is coarse (FAT keeps 2 s, some shares 1 s, Linux moves the clock
//! every few milliseconds) gives a second save within the same tick the
//! same time, and one of the same length the same stamp.

use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use rustc_hash::FxHashMap as HashMap;
use walkdir::WalkDir;

use crate::model::source::{INPUT_DIRS, is_editor_litter};

/// How long after its modification time a file's stamp stays untrusted.
/// Once a file's time is this far behind our clock, any later write gives
/// it a later time on a file system whose clock ticks at most this
/// coarsely (FAT: 2 s), with a second to spare for a file server whose
/// clock is behind ours.
const UNTRUSTED_FOR: Duration = Duration::from_secs(3);

/// Larger files are never read to compare: a video just copied into
/// static/ would be read four times a second for as long as its stamp is
/// untrusted, stalling every other file's poll, against the small risk of
/// a same-length rewrite of it within one clock tick.
const COMPARED_UP_TO: u64 = 4 << 20;

/// What changes when a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    #[cfg(unix)]
    inode: (u64, u64),
    #[cfg(unix)]
    status_changed: (i64, i64),
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            #[cfg(unix)]
            inode: (meta.dev(), meta.ino()),
            #[cfg(unix)]
            status_changed: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    /// Whether a write after `looked` could leave this stamp as it is, so
    /// that only the contents would tell. (Stamps are compared for
    /// equality, never "later than": a time in the future or put back by
    /// a tool is still a change.)
    fn untrusted(&self, looked: SystemTime) -> bool {
        self.len <= COMPARED_UP_TO && self.modified.is_none_or(|m| m + UNTRUSTED_FOR > looked)
    }
}

/// What the last look saw of one file.
struct Seen {
    stamp: Stamp,
    /// A hash of the contents, kept while the stamp is untrusted.
    contents: Option<u64>,
    /// The look that last found it.
    look: u64,
}

/// The site's files as last seen.
struct Files {
    root: PathBuf,
    seen: HashMap<PathBuf, Seen>,
    looks: u64,
}

/// Every site file with its metadata: the config and whatever is under the
/// input folders, followed through links as the build follows them.
fn list(root: &Path) -> impl Iterator<Item = (PathBuf, std::fs::Metadata)> + '_ {
    // The config, and the share secret that `share list` may create.
    let root_yaml = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| super::is_root_yaml(n) && n != crate::model::config::CONFIG_FILE);
    let config = [crate::model::config::CONFIG_FILE, crate::seal::SECRET_FILE]
        .into_iter()
        .map(str::to_string)
        .chain(root_yaml)
        .filter_map(|name| {
            let path = root.join(name);
            let meta = std::fs::metadata(&path).ok().filter(|m| m.is_file())?;
            Some((path, meta))
        })
        .collect::<Vec<_>>();
    // A folder that cannot be read, or a file gone between listing and
    // looking, counts as absent: it shows up again once it can be read.
    // Links are followed only inside the site folder, as the build follows
    // them (source::link_verdict): a link to `/` must not have every poll
    // walk the whole disk.
    let root_real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let inside = move |e: &walkdir::DirEntry| {
        !e.path_is_symlink()
            || std::fs::canonicalize(e.path()).is_ok_and(|t| t.starts_with(&root_real))
    };
    let under = INPUT_DIRS.iter().flat_map(move |d| {
        let inside = inside.clone();
        WalkDir::new(root.join(d))
            .follow_links(true)
            .into_iter()
            .filter_entry(move |e| {
                e.depth() == 0 || (!is_editor_litter(&e.file_name().to_string_lossy()) && inside(e))
            })
            .flatten()
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let meta = e.metadata().ok()?;
                Some((e.into_path(), meta))
            })
    });
    config.into_iter().chain(under)
}

impl Files {
    fn new(root: PathBuf) -> Files {
        Files {
            root,
            seen: HashMap::default(),
            looks: 0,
        }
    }

    /// Looks at every file; returns those that changed, came or went since
    /// the last look.
    fn look(&mut self) -> Vec<PathBuf> {
        // Taken before any file is looked at, so a stamp is never trusted
        // for longer than it should be.
        let looked = SystemTime::now();
        self.looks += 1;
        let this_look = self.looks;
        let mut changed = Vec::new();
        // Updated in place, one lookup a file: a map built afresh each look
        // (three lookups a file) made a look at 10,000 files a third slower.
        for (path, meta) in list(&self.root) {
            let stamp = Stamp::of(&meta);
            let untrusted = stamp.untrusted(looked);
            let Some(old) = self.seen.get_mut(&path) else {
                let contents = untrusted.then(|| hash_contents(&path));
                changed.push(path.clone());
                self.seen.insert(
                    path,
                    Seen {
                        stamp,
                        contents,
                        look: this_look,
                    },
                );
                continue;
            };
            old.look = this_look;
            if old.stamp != stamp {
                changed.push(path.clone());
                old.stamp = stamp;
                old.contents = untrusted.then(|| hash_contents(&path));
            } else if let Some(before) = old.contents {
                // The last look came so soon after a write that another
                // one could have kept the stamp: only the contents tell.
                let now = hash_contents(&path);
                if now != before {
                    changed.push(path);
                }
                old.contents = untrusted.then_some(now);
            }
        }
        self.seen.retain(|path, seen| {
            let there = seen.look == this_look;
            if !there {
                changed.push(path.clone());
            }
            there
        });
        changed
    }
}

/// A hash of a file's contents; one that cannot be read hashes as if
/// empty, so becoming readable is a change.
fn hash_contents(path: &Path) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    if let Ok(mut file) = std::fs::File::open(path) {
        let mut buf = [0u8; 8192];
        while let Ok(n @ 1..) = file.read(&mut buf) {
            hasher.write(&buf[..n]);
        }
    }
    hasher.finish()
}

/// Keeps the poller running; dropping it stops it.
pub(crate) struct Poller {
    _stop: mpsc::Sender<()>,
}

/// Looks at the files under `root` once now (what is there is not a
/// change), then every `every` on a thread of its own, calling `on_change`
/// there with the paths (absolute, under `root`) that changed.
pub(crate) fn start(
    root: PathBuf,
    every: Duration,
    mut on_change: impl FnMut(Vec<PathBuf>) + Send + 'static,
) -> std::io::Result<Poller> {
    let mut files = Files::new(root);
    files.look();
    let (stop, stopped) = mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("waymark poll".into())
        .spawn(move || {
            while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                let changed = files.look();
                if !changed.is_empty() {
                    on_change(changed);
                }
            }
        })?;
    Ok(Poller { _stop: stop })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Files) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/pages")).unwrap();
        std::fs::write(dir.path().join("waymark.yaml"), "title: T\n").unwrap();
        let files = Files::new(dir.path().to_path_buf());
        (dir, files)
    }

    fn set_modified(path: &Path, to: SystemTime) {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(to)
            .unwrap();
    }

    #[test]
    fn a_second_save_with_the_first_ones_time_and_length_is_seen() {
        let (dir, mut files) = site();
        let page = dir.path().join("content/pages/about.md");
        std::fs::write(&page, "Version one").unwrap();
        files.look();
        let mtime = std::fs::metadata(&page).unwrap().modified().unwrap();
        std::fs::write(&page, "Version two").unwrap();
        set_modified(&page, mtime);
        assert_eq!(files.look(), vec![page.clone()]);
        assert!(files.look().is_empty(), "seen once");
    }

    #[test]
    fn a_second_save_that_keeps_the_whole_stamp_is_seen_by_its_contents() {
        let (dir, mut files) = site();
        let page = dir.path().join("content/pages/about.md");
        std::fs::write(&page, "Version one").unwrap();
        files.look();
        std::fs::write(&page, "Version two").unwrap();
        // As a coarse clock would: the stamp of the second save is the
        // one of the first (a program cannot set the status-change time).
        let kept = Stamp::of(&std::fs::metadata(&page).unwrap());
        files.seen.get_mut(&page).unwrap().stamp = kept;
        assert_eq!(files.look(), vec![page.clone()]);
        assert!(files.look().is_empty(), "seen once");
    }

    #[test]
    fn an_old_stamp_is_trusted_and_the_file_not_read() {
        let (dir, mut files) = site();
        let page = dir.path().join("content/pages/about.md");
        std::fs::write(&page, "Old").unwrap();
        set_modified(&page, SystemTime::now() - Duration::from_secs(60));
        files.look();
        assert!(files.seen[&page].contents.is_none());
        assert!(files.look().is_empty());
    }

    #[test]
    fn a_large_file_is_not_read_to_compare() {
        let (dir, mut files) = site();
        let video = dir.path().join("static/clip.mp4");
        std::fs::create_dir_all(video.parent().unwrap()).unwrap();
        std::fs::write(&video, vec![0u8; COMPARED_UP_TO as usize + 1]).unwrap();
        assert_eq!(files.look().len(), 2, "the config and the clip");
        assert!(files.seen[&video].contents.is_none());
    }

    #[test]
    fn a_time_put_back_and_a_removal_are_changes() {
        let (dir, mut files) = site();
        let page = dir.path().join("content/pages/about.md");
        std::fs::write(&page, "Text").unwrap();
        set_modified(&page, SystemTime::now() - Duration::from_secs(60));
        files.look();
        set_modified(&page, SystemTime::now() - Duration::from_secs(120));
        assert_eq!(files.look(), vec![page.clone()]);
        std::fs::remove_file(&page).unwrap();
        assert_eq!(files.look(), vec![page]);
        assert!(files.look().is_empty());
    }

    #[test]
    fn the_config_and_new_folders_are_watched_and_litter_is_not() {
        let (dir, mut files) = site();
        files.look();
        std::fs::write(dir.path().join("waymark.yaml"), "title: Other\n").unwrap();
        std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
        std::fs::write(dir.path().join("static/img/a.png"), "png").unwrap();
        std::fs::write(dir.path().join("content/pages/.a.md.swp"), "swap").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not the site").unwrap();
        let mut changed = files.look();
        changed.sort();
        assert_eq!(
            changed,
            vec![
                dir.path().join("static/img/a.png"),
                dir.path().join("waymark.yaml")
            ]
        );
    }
}
