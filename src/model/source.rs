//! Reading the site's files: walk `content/` and `private/`, read bytes,
//! refuse what is not UTF-8 with a clear error, strip a BOM and turn CRLF
//! into LF so that everything after this sees one kind of text.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::Code;
use crate::diag::Diagnostic;

/// One Markdown file, read and normalised.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root: `content/goals/x.md`.
    pub path: String,
    /// Relative to `content/` or `private/`: `goals/x.md`.
    pub link_path: String,
    pub in_private_dir: bool,
    /// Shared with the entry made from it, never copied.
    pub text: std::sync::Arc<str>,
}

/// A non-Markdown file that sits among the entries (an image beside a note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Relative to the site root.
    pub(crate) path: String,
    /// Relative to `content/` or `private/`.
    pub(crate) link_path: String,
    pub(crate) abs: PathBuf,
    pub(crate) in_private_dir: bool,
}

/// The top-level folders a site is made from: what `serve` watches, and
/// where `build` refuses to write (`sealed/` holds the sealed pages'
/// published form, which builds without their sources publish).
pub(crate) const INPUT_DIRS: &[&str] = &[
    "content",
    "private",
    "static",
    "templates",
    "themes",
    "archetypes",
    crate::seal::ARTIFACT_DIR,
];

/// Whether a file or folder under `content/` or `private/` is part of the
/// site: hidden ones and editor litter are not.
pub(crate) fn is_listed(name: &str) -> bool {
    !name.starts_with('.') && !is_editor_litter(name)
}

/// Files an editor or OS leaves behind while saving: never part of a site.
pub(crate) fn is_editor_litter(name: &str) -> bool {
    name.starts_with(".#")
        || name.starts_with('#')
        || name == ".DS_Store"
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// Turns raw bytes into the text the parsers expect.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            let (line, col) = crate::diag::line_col(prefix, good);
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let mut d = Diagnostic::error(
                Code::NotUtf8,
                format!(
                    "this file is not UTF-8 text (byte 0x{:02x} at line {line}, column {col})",
                    bytes[good]
                ),
            )
            .at_path(path)
            .with_help(
                "save the file as UTF-8 in your editor (in iconv: `iconv -f latin1 -t utf-8`)",
            );
            d.line = line;
            d.col = col;
            d.source_line = Some(prefix[line_start..].to_string());
            return Err(d);
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// Everything found under `content/` and `private/`.
#[derive(Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
    pub(crate) assets: Vec<Asset>,
    pub errors: Vec<Diagnostic>,
}

/// A file found under `content/` or `private/`, not read yet.
#[derive(Debug, Clone)]
pub struct Found {
    pub(crate) abs: PathBuf,
    pub(crate) path: String,
    pub(crate) link_path: String,
    pub(crate) in_private_dir: bool,
    /// Modification time and length, when asked for (serve's cache).
    pub(crate) stamp: Option<(std::time::SystemTime, u64)>,
    /// Reached through a symbolic link: its real place may be outside the
    /// folders serve watches.
    pub(crate) linked: bool,
}

/// Where a walk starts: everything but `private/` is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// `content/`, `static/`, `templates/`, a theme.
    Public,
    /// `private/`.
    Private,
}

/// Whether a symbolic link (or a walk's own folder, when it is reached
/// through one) may be followed: `None` if so, else why not. A link into
/// `.waymark/` (the site's secrets) or, from a public place, into
/// `private/` would publish what must never be published: an error. A link
/// that merely leaves the site folder (a system folder, someone's home) is
/// a warning. Either way it is not followed. Git stores symbolic links, so
/// a cloned starter or theme can carry one.
///
/// This is the one rule for links; every walk of the site's folders (the
/// entries, static files, templates and themes, in `build` and `serve`
/// alike) goes through it.
pub(crate) fn link_verdict(
    root_real: &Path,
    link: &Path,
    shown: &str,
    place: Place,
) -> Option<Diagnostic> {
    // A dangling link leads nowhere: nothing to follow, nothing to say.
    let target = std::fs::canonicalize(link).ok()?;
    let help_copy = "copy what it points to into the site folder instead, or remove the link";
    if !target.starts_with(root_real) {
        return Some(
            Diagnostic::warning(
                Code::LinkOutside,
                format!(
                    "`{shown}` is a symbolic link to {}, outside the site folder: it is not followed",
                    target.display()
                ),
            )
            .at_path(shown)
            .with_help(help_copy),
        );
    }
    let inside = target.strip_prefix(root_real).unwrap_or(&target);
    let top = inside
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let why = match (top.as_str(), place) {
        (".waymark", _) => {
            "into .waymark/, which holds the site's secrets (the key that opens every sealed page)"
        }
        ("private", Place::Public) => "into private/, whose entries are never published",
        _ => return None,
    };
    Some(
        Diagnostic::error(
            Code::LinkPrivate,
            format!(
                "`{shown}` is a symbolic link {why}: following it would publish them, so it is not followed"
            ),
        )
        .at_path(shown)
        .with_help("remove the link; to publish a file, move a copy of it into content/ or static/"),
    )
}

/// The first symbolic link on the way from `root` down to `dir`, relative
/// to the root: the one to name when a whole walk is refused.
fn link_on_the_way(root: &Path, dir: &Path) -> String {
    let rel = dir.strip_prefix(root).unwrap_or(dir);
    let mut at = root.to_path_buf();
    for c in rel.components() {
        at.push(c);
        if at
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            break;
        }
    }
    shown_path(root, &at)
}

/// `path` relative to `root`, with forward slashes.
pub(crate) fn shown_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Walks `dir`, a folder of the site at `root`, in a stable order,
/// following symbolic links only where [`link_verdict`] allows. `listed`
/// decides from a name whether a file or folder below `dir` is walked at
/// all. Returns every file and folder reached (not `dir` itself), and what
/// was said about the links that were not followed.
pub(crate) fn walk(
    root: &Path,
    dir: &Path,
    place: Place,
    listed: impl Fn(&str) -> bool,
) -> (Vec<walkdir::DirEntry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if !dir.is_dir() {
        return (Vec::new(), diags);
    }
    let root_real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // The folder itself may be reached through a link (`themes/x` → a theme
    // kept elsewhere, `static` → `private`).
    let dir_real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if dir_real != root_real.join(dir.strip_prefix(root).unwrap_or(dir)) {
        let shown = link_on_the_way(root, dir);
        if let Some(d) = link_verdict(&root_real, dir, &shown, place) {
            diags.push(d);
            return (Vec::new(), diags);
        }
    }
    let mut entries = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if !listed(&e.file_name().to_string_lossy()) {
                return false;
            }
            if e.path_is_symlink() {
                let shown = shown_path(root, e.path());
                if let Some(d) = link_verdict(&root_real, e.path(), &shown, place) {
                    diags.push(d);
                    return false;
                }
            }
            true
        });
    for e in walker.flatten() {
        if e.depth() > 0 {
            entries.push(e);
        }
    }
    (entries, diags)
}

/// What [`scan`] found under `content/` and `private/`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    pub(crate) found: Vec<Found>,
    /// Symbolic links that were not followed, and why.
    pub(crate) links: Vec<Diagnostic>,
}

/// Lists the files under `content/` and `private/`, in a stable order.
pub(crate) fn scan(root: &Path, with_stamps: bool) -> Scan {
    let mut found = Vec::new();
    let mut links = Vec::new();
    // Folders reached through a symbolic link.
    let mut link_dirs: Vec<PathBuf> = Vec::new();
    for (dir, place) in [("content", Place::Public), ("private", Place::Private)] {
        let base = root.join(dir);
        // Hidden files and folders under content/ are not entries.
        let (walked, mut said) = walk(root, &base, place, is_listed);
        links.append(&mut said);
        for entry in walked {
            if !entry.file_type().is_file() {
                if entry.path_is_symlink() {
                    link_dirs.push(entry.path().to_path_buf());
                }
                continue;
            }
            let linked =
                entry.path_is_symlink() || link_dirs.iter().any(|d| entry.path().starts_with(d));
            if !entry.path().starts_with(&base) {
                continue;
            }
            let link_path = shown_path(&base, entry.path());
            let stamp = if with_stamps {
                entry
                    .metadata()
                    .ok()
                    .and_then(|m| Some((m.modified().ok()?, m.len())))
            } else {
                None
            };
            found.push(Found {
                abs: entry.path().to_path_buf(),
                path: format!("{dir}/{link_path}"),
                link_path,
                in_private_dir: place == Place::Private,
                stamp,
                linked,
            });
        }
    }
    Scan { found, links }
}

/// Reads one Markdown file found by [`scan`].
pub(crate) fn read_found(f: &Found) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(&f.abs).map_err(|e| {
        Diagnostic::error(Code::Io, format!("cannot read this file: {e}")).at_path(&f.path)
    })?;
    let text = decode(&f.path, bytes)?;
    Ok(SourceFile {
        path: f.path.clone(),
        link_path: f.link_path.clone(),
        in_private_dir: f.in_private_dir,
        text: text.into(),
    })
}

impl Found {
    pub(crate) fn is_markdown(&self) -> bool {
        self.path.ends_with(".md")
    }

    pub(crate) fn asset(&self) -> Asset {
        Asset {
            path: self.path.clone(),
            link_path: self.link_path.clone(),
            abs: self.abs.clone(),
            in_private_dir: self.in_private_dir,
        }
    }
}

/// Walks `content/` and `private/` under `root` and reads every entry, in a
/// stable order.
pub(crate) fn read_all(root: &Path) -> Sources {
    use rayon::prelude::*;
    let Scan { found, links } = scan(root, false);
    let read: Vec<Result<Result<SourceFile, Asset>, Diagnostic>> = found
        .par_iter()
        .with_max_len(crate::PAR_CHUNK)
        .map(|f| {
            if f.is_markdown() {
                read_found(f).map(Ok)
            } else {
                Ok(Err(f.asset()))
            }
        })
        .collect();
    let mut sources = Sources {
        errors: links,
        ..Sources::default()
    };
    for r in read {
        match r {
            Ok(Ok(f)) => sources.files.push(f),
            Ok(Err(a)) => sources.assets.push(a),
            Err(d) => sources.errors.push(d),
        }
    }
    sources
}

/// Resolves `p` even when its last parts do not exist yet.
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut existing = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    out
}

/// Every file under `dir` of the crate, relative, sorted: for the tests
/// that keep embedded tables in step with their folders.
#[cfg(test)]
pub(crate) fn files_under(dir: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<String> = WalkDir::new(&dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            e.path()
                .strip_prefix(&dir)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let t = decode("a.md", b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n".to_vec()).unwrap();
        assert_eq!(t, "---\ntitle: A\n---\n");
    }

    #[test]
    fn non_utf8_points_at_the_byte() {
        let d = decode("a.md", b"---\ntitle: caf\xe9\n---\n".to_vec()).unwrap_err();
        assert_eq!(d.code.as_str(), "not-utf8");
        assert_eq!((d.line, d.col), (2, 11));
        assert!(d.message.contains("0xe9"));
    }
}
