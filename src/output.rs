//! Output: the rendered site as path → bytes, and writing it to disk only
//! once the whole build succeeded, so a failed build leaves the previous
//! output as it was; a new output is staged and renamed into place, an
//! existing one synced file by file so unchanged files are not touched. waymark records what it
//! wrote in a manifest beside the output folder (never inside it: the list
//! would publish the addresses of unlisted share pages) and never deletes a
//! file it did not write.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// The manifest of what waymark wrote into `dir`: `.public.waymark-manifest`
/// beside `public/`.
pub fn manifest_path(dir: &Path) -> PathBuf {
    sibling(dir, "waymark-manifest")
}

/// The rendered site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    /// Site-relative path (`goals/x/index.html`) → content.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn html_pages(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path} is not empty and was not written by waymark; refusing to replace it")]
    NotOurs { path: String, sample: Vec<String> },
    #[error("{path} holds files waymark did not write: {}", sample.join(", "))]
    Foreign { path: String, sample: Vec<String> },
    #[error("{path} is not a folder")]
    NotADir { path: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl WriteError {
    pub fn help(&self) -> Option<String> {
        match self {
            WriteError::NotOurs { .. } => Some(
                "choose another folder with `--output`, or empty this one yourself if you are sure".into(),
            ),
            WriteError::Foreign { .. } => Some(
                "move these files into static/ (waymark copies it into the output) or delete them yourself".into(),
            ),
            _ => None,
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    dir.with_file_name(format!(".{name}.{suffix}"))
}

/// Files in `dir` (relative, forward slashes).
fn files_in(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            e.path()
                .strip_prefix(dir)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    out.sort();
    out
}

/// Checks that waymark may replace `dir`: it does not exist, is empty, or
/// holds only files listed in waymark's manifest.
pub fn check_replaceable(dir: &Path) -> Result<(), WriteError> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(WriteError::NotADir {
            path: dir.display().to_string(),
        });
    }
    let present = files_in(dir);
    let manifest_path = manifest_path(dir);
    if !manifest_path.is_file() {
        if fs::read_dir(dir).map_err(io(dir))?.next().is_none() {
            return Ok(());
        }
        return Err(WriteError::NotOurs {
            path: dir.display().to_string(),
            sample: present.into_iter().take(5).collect(),
        });
    }
    let manifest = fs::read_to_string(&manifest_path).map_err(io(&manifest_path))?;
    let ours: std::collections::HashSet<&str> = manifest.lines().collect();
    let foreign: Vec<String> = present
        .into_iter()
        .filter(|p| !ours.contains(p.as_str()))
        .collect();
    if foreign.is_empty() {
        Ok(())
    } else {
        Err(WriteError::Foreign {
            path: dir.display().to_string(),
            sample: foreign.into_iter().take(10).collect(),
        })
    }
}

/// What one write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

fn read_manifest(path: &Path) -> BTreeSet<String> {
    fs::read_to_string(path)
        .map(|m| {
            m.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Writes `output` into `dir`. A new (or empty) folder is staged beside it
/// and renamed into place whole. An existing folder of waymark's is synced:
/// only files whose bytes changed are written, files waymark wrote before
/// and no longer produces are removed, and a rebuild that changes nothing
/// writes nothing — modification times stay, so rsync-style deploys and
/// browser caches see only what changed. Nothing is written unless the
/// build succeeded: this runs only with a complete `Output`.
pub fn write(output: &Output, dir: &Path) -> Result<WriteStats, WriteError> {
    check_replaceable(dir)?;
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let manifest = manifest_path(dir);
    let fresh = !dir.exists() || fs::read_dir(dir).map_err(io(dir))?.next().is_none();
    if fresh {
        write_staged(output, dir)?;
        write_manifest(&manifest, output.files.keys())?;
        return Ok(WriteStats {
            written: output.files.len(),
            ..WriteStats::default()
        });
    }
    let old = read_manifest(&manifest);
    // Until the sync is done the manifest lists old and new files, so an
    // interrupted run never leaves files waymark wrote looking foreign.
    let new: BTreeSet<String> = output.files.keys().cloned().collect();
    if !new.is_subset(&old) {
        write_manifest(&manifest, old.union(&new))?;
    }
    let changed: Vec<(&String, &Vec<u8>)> = {
        use rayon::prelude::*;
        output
            .files
            .par_iter()
            .filter(|(rel, bytes)| !same_bytes(&dir.join(rel), bytes))
            .collect()
    };
    let mut stats = WriteStats {
        written: changed.len(),
        unchanged: output.files.len() - changed.len(),
        removed: 0,
    };
    let mut made: HashSet<PathBuf> = HashSet::new();
    for (rel, bytes) in changed {
        let path = dir.join(rel);
        if let Some(parent) = path.parent()
            && made.insert(parent.to_path_buf())
        {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        fs::write(&path, bytes).map_err(io(&path))?;
    }
    for stale in old.difference(&new) {
        let path = dir.join(stale);
        match fs::remove_file(&path) {
            Ok(()) => stats.removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path)(e)),
        }
        // Folders that only held what waymark wrote go with it.
        let mut parent = path.parent();
        while let Some(p) = parent.filter(|p| *p != dir && p.starts_with(dir)) {
            if fs::remove_dir(p).is_err() {
                break;
            }
            parent = p.parent();
        }
    }
    if old != new {
        write_manifest(&manifest, new.iter())?;
    }
    Ok(stats)
}

/// Whether `path` holds exactly `bytes` (cheap size check first).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|b| b == bytes)
        }
        _ => false,
    }
}

/// Writes a whole new output beside `dir` and renames it into place.
fn write_staged(output: &Output, dir: &Path) -> Result<(), WriteError> {
    let staging = sibling(dir, "waymark-staging");
    if staging.exists() {
        // Left by an interrupted run of ours: the name is waymark's own.
        fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    fs::create_dir_all(&staging).map_err(io(&staging))?;
    let result = (|| {
        let mut made: HashSet<PathBuf> = HashSet::new();
        for (rel, bytes) in &output.files {
            let path = staging.join(rel);
            if let Some(parent) = path.parent()
                && made.insert(parent.to_path_buf())
            {
                fs::create_dir_all(parent).map_err(io(parent))?;
            }
            fs::write(&path, bytes).map_err(io(&path))?;
        }
        if dir.exists() {
            // An empty folder (checked by the caller): make room for the rename.
            fs::remove_dir(dir).map_err(io(dir))?;
        }
        fs::rename(&staging, dir).map_err(io(dir))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_manifest<'a>(
    path: &Path,
    files: impl Iterator<Item = &'a String>,
) -> Result<(), WriteError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp).map_err(io(&tmp))?;
    for rel in files {
        writeln!(f, "{rel}").map_err(io(&tmp))?;
    }
    drop(f);
    fs::rename(&tmp, path).map_err(io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_folder_it_did_not_write_and_keeps_it() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("mine.txt"), "precious").unwrap();
        let mut out = Output::default();
        out.insert("index.html", "<p>hi</p>");
        let err = write(&out, &dir).unwrap_err();
        assert!(matches!(err, WriteError::NotOurs { .. }));
        assert_eq!(
            fs::read_to_string(dir.join("mine.txt")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn a_rebuild_that_changes_nothing_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::default();
        out.insert("index.html", "one");
        out.insert("a/index.html", "a");
        out.insert("gone/deep/index.html", "gone");
        assert_eq!(write(&out, &dir).unwrap().written, 3);
        let mtime = |p: &str| fs::metadata(dir.join(p)).unwrap().modified().unwrap();
        let before = mtime("a/index.html");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let again = write(&out, &dir).unwrap();
        assert_eq!((again.written, again.unchanged, again.removed), (0, 3, 0));
        assert_eq!(mtime("a/index.html"), before);
        out.insert("index.html", "two");
        out.files.remove("gone/deep/index.html");
        let next = write(&out, &dir).unwrap();
        assert_eq!((next.written, next.unchanged, next.removed), (1, 1, 1));
        assert_eq!(mtime("a/index.html"), before);
        assert!(!dir.join("gone").exists(), "emptied folders go too");
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "two");
    }

    #[test]
    fn replaces_its_own_output_but_not_foreign_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::default();
        out.insert("index.html", "one");
        out.insert("a/b/index.html", "deep");
        write(&out, &dir).unwrap();
        let mut next = Output::default();
        next.insert("index.html", "two");
        write(&next, &dir).unwrap();
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "two");
        assert!(!dir.join("a/b/index.html").exists());
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        let err = write(&out, &dir).unwrap_err();
        assert!(matches!(err, WriteError::Foreign { .. }), "{err}");
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "two");
        assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
    }
}
