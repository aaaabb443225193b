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
pub(crate) fn manifest_path(dir: &Path) -> PathBuf {
    sibling(dir, "waymark-manifest")
}

/// The rendered site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    /// Site-relative path (`goals/x/index.html`) → content.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub(crate) fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
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
    pub(crate) fn help(&self) -> Option<String> {
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
pub(crate) fn check_replaceable(dir: &Path) -> Result<(), WriteError> {
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
    let ours: HashSet<&str> = manifest.lines().collect();
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
    pub(crate) written: usize,
    pub(crate) unchanged: usize,
    pub(crate) removed: usize,
}

/// Where rendered files go, one at a time, from any thread.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>);

    /// [`put`](Sink::put) from a borrowed buffer, so a caller can render
    /// page after page into one buffer; a sink that keeps the bytes copies
    /// them.
    fn put_slice(&self, path: String, bytes: &[u8]) {
        self.put(path, bytes.to_vec());
    }
}

/// Keeps the rendered site in memory (serve, check, tests).
#[derive(Debug, Default)]
pub(crate) struct MemorySink(std::sync::Mutex<Output>);

impl MemorySink {
    pub(crate) fn into_output(self) -> Output {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, bytes);
    }
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

/// Creates the folder `path` goes in, once per folder.
fn make_parent(path: &Path, made: &mut HashSet<PathBuf>) -> Result<(), WriteError> {
    match path.parent() {
        Some(parent) if made.insert(parent.to_path_buf()) => {
            fs::create_dir_all(parent).map_err(io(parent))
        }
        _ => Ok(()),
    }
}

/// Writes a whole `Output` into `dir` (see [`DiskWriter`]).
pub fn write(output: &Output, dir: &Path) -> Result<WriteStats, WriteError> {
    let writer = DiskWriter::start(dir)?;
    for (path, bytes) in &output.files {
        writer.put_slice(path.clone(), bytes);
    }
    writer.finish(true)
}

/// Writes a site to disk while it is being rendered, without touching the
/// output folder until the whole build has succeeded.
///
/// Files go into a staging folder beside the output (`.public.waymark-staging`).
/// When the output folder is new or empty, the staging folder is renamed into
/// place at the end. When it holds an earlier build, a file whose bytes did
/// not change is not written at all; changed files are staged and moved in
/// at the end, and files waymark wrote before and no longer produces are
/// removed — so a rebuild that changes nothing writes nothing, and rsync-style
/// deploys and browser caches see only what changed. A failed build removes
/// the staging folder and leaves the output exactly as it was.
///
/// Files are written by the threads that render them (the file system's
/// work is most of a build's, and it spreads over the cores that way); a
/// file put twice keeps the later bytes, which callers rely on only for
/// puts that follow one another, never for puts that race.
pub(crate) struct DiskWriter {
    dir: PathBuf,
    fresh: bool,
    staging: PathBuf,
    state: std::sync::Mutex<WriterState>,
}

#[derive(Default)]
struct WriterState {
    /// Every path of the new build.
    all: BTreeSet<String>,
    /// Paths whose bytes differ from the output's (all of them when fresh).
    changed: Vec<String>,
    /// Folders known to exist in the staging folder.
    made: HashSet<PathBuf>,
    /// The first write that failed; later puts are ignored.
    error: Option<WriteError>,
}

/// What was staged, for the commit.
struct Staged {
    fresh: bool,
    staging: PathBuf,
    all: BTreeSet<String>,
    changed: Vec<String>,
}

impl Sink for DiskWriter {
    fn put(&self, rel: String, bytes: Vec<u8>) {
        self.put_slice(rel, &bytes);
    }

    fn put_slice(&self, rel: String, bytes: &[u8]) {
        let lock = || self.state.lock().unwrap_or_else(|e| e.into_inner());
        let first = {
            let mut st = lock();
            if st.error.is_some() {
                return;
            }
            st.all.insert(rel.clone())
        };
        let path = self.staging.join(&rel);
        if !self.fresh && same_bytes(&self.dir.join(&rel), bytes) {
            if !first {
                // Put twice, and the later bytes match the output: unstage.
                lock().changed.retain(|c| c != &rel);
                let _ = fs::remove_file(&path);
            }
            return;
        }
        let written = (|| {
            // Not `make_parent`: the folder is made outside the lock, so
            // the other threads keep writing meanwhile.
            if let Some(parent) = path.parent()
                && !lock().made.contains(parent)
            {
                fs::create_dir_all(parent).map_err(io(parent))?;
                lock().made.insert(parent.to_path_buf());
            }
            fs::write(&path, bytes).map_err(io(&path))
        })();
        let mut st = lock();
        match written {
            Ok(()) => {
                if first || !st.changed.contains(&rel) {
                    st.changed.push(rel);
                }
            }
            Err(e) => {
                st.error.get_or_insert(e);
            }
        }
    }
}

impl DiskWriter {
    /// Checks that waymark may write into `dir` and prepares the staging folder.
    pub(crate) fn start(dir: &Path) -> Result<DiskWriter, WriteError> {
        check_replaceable(dir)?;
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let fresh = !dir.exists() || fs::read_dir(dir).map_err(io(dir))?.next().is_none();
        let staging = sibling(dir, "waymark-staging");
        if staging.exists() {
            // Left by an interrupted run of ours: the name is waymark's own.
            fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        fs::create_dir_all(&staging).map_err(io(&staging))?;
        Ok(DiskWriter {
            dir: dir.to_path_buf(),
            fresh,
            staging,
            state: std::sync::Mutex::new(WriterState::default()),
        })
    }

    /// Ends the write: with `commit`, moves what was staged into the output;
    /// without, throws it away and leaves the output untouched.
    pub(crate) fn finish(self, commit: bool) -> Result<WriteStats, WriteError> {
        let DiskWriter {
            dir,
            fresh,
            staging,
            state,
        } = self;
        let st = state.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = st.error {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
        if !commit {
            let _ = fs::remove_dir_all(&staging);
            return Ok(WriteStats::default());
        }
        let staged = Staged {
            fresh,
            staging: staging.clone(),
            all: st.all,
            changed: st.changed,
        };
        let result = commit_staged(&staged, &dir);
        if result.is_err() || !staged.fresh {
            let _ = fs::remove_dir_all(&staging);
        }
        result
    }
}

fn commit_staged(staged: &Staged, dir: &Path) -> Result<WriteStats, WriteError> {
    let manifest = manifest_path(dir);
    let mut stats = WriteStats {
        written: staged.changed.len(),
        unchanged: staged.all.len() - staged.changed.len(),
        removed: 0,
    };
    if staged.fresh {
        if dir.exists() {
            // An empty folder (checked at start): make room for the rename.
            fs::remove_dir(dir).map_err(io(dir))?;
        }
        fs::rename(&staged.staging, dir).map_err(io(dir))?;
        write_manifest(&manifest, staged.all.iter())?;
        return Ok(stats);
    }
    let old = read_manifest(&manifest);
    // Until the move is done the manifest lists old and new files, so an
    // interrupted run never leaves files waymark wrote looking foreign.
    if !staged.all.is_subset(&old) {
        write_manifest(&manifest, old.union(&staged.all))?;
    }
    // Stale files go first, so a file can take the place of a folder
    // that is going away, and the other way round.
    for stale in old.difference(&staged.all) {
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
    let mut made: HashSet<PathBuf> = HashSet::new();
    for rel in &staged.changed {
        let to = dir.join(rel);
        make_parent(&to, &mut made)?;
        fs::rename(staged.staging.join(rel), &to).map_err(io(&to))?;
    }
    if old != staged.all {
        write_manifest(&manifest, staged.all.iter())?;
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

fn write_manifest<'a>(
    path: &Path,
    files: impl Iterator<Item = &'a String>,
) -> Result<(), WriteError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let tmp = path.with_extension("tmp");
    let mut f = std::io::BufWriter::new(fs::File::create(&tmp).map_err(io(&tmp))?);
    for rel in files {
        writeln!(f, "{rel}").map_err(io(&tmp))?;
    }
    f.flush().map_err(io(&tmp))?;
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
    fn a_file_can_take_the_place_of_a_folder_and_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut out = Output::default();
        out.insert("index.html", "home");
        out.insert("notes/index.html", "a page");
        write(&out, &dir).unwrap();
        let mut next = Output::default();
        next.insert("index.html", "home");
        next.insert("notes", "a file now");
        write(&next, &dir).unwrap();
        assert_eq!(fs::read_to_string(dir.join("notes")).unwrap(), "a file now");
        write(&out, &dir).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("notes/index.html")).unwrap(),
            "a page"
        );
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
