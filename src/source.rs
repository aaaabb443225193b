//! Reading the site's files: walk `content/` and `private/`, read bytes,
//! refuse what is not UTF-8 with a clear error, strip a BOM and turn CRLF
//! into LF so that everything after this sees one kind of text.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

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
    pub path: String,
    /// Relative to `content/` or `private/`.
    pub link_path: String,
    pub abs: PathBuf,
    pub in_private_dir: bool,
}

/// The top-level folders a site is made from: what `serve` watches, and
/// where `build` refuses to write.
pub const INPUT_DIRS: &[&str] = &[
    "content",
    "private",
    "static",
    "templates",
    "themes",
    "archetypes",
];

/// Whether a file or folder under `content/` or `private/` is part of the
/// site: hidden ones and editor litter are not.
pub fn is_listed(name: &str) -> bool {
    !name.starts_with('.') && !is_editor_litter(name)
}

/// Files an editor or OS leaves behind while saving: never part of a site.
pub fn is_editor_litter(name: &str) -> bool {
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
                "not-utf8",
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
    pub assets: Vec<Asset>,
    pub errors: Vec<Diagnostic>,
}

/// A file found under `content/` or `private/`, not read yet.
#[derive(Debug, Clone)]
pub struct Found {
    pub abs: PathBuf,
    pub path: String,
    pub link_path: String,
    pub in_private_dir: bool,
    /// Modification time and length, when asked for (serve's cache).
    pub stamp: Option<(std::time::SystemTime, u64)>,
    /// Reached through a symbolic link: its real place may be outside the
    /// folders serve watches.
    pub linked: bool,
}

/// Lists the files under `content/` and `private/`, in a stable order.
pub fn scan(root: &Path, with_stamps: bool) -> Vec<Found> {
    let mut found = Vec::new();
    // Folders reached through a symbolic link.
    let mut link_dirs: Vec<PathBuf> = Vec::new();
    for (dir, private) in [("content", false), ("private", true)] {
        let base = root.join(dir);
        if !base.is_dir() {
            continue;
        }
        let walker = WalkDir::new(&base)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                // Hidden files and folders under content/ are not entries.
                let name = e.file_name().to_string_lossy();
                e.depth() == 0 || is_listed(&name)
            });
        for entry in walker.flatten() {
            if !entry.file_type().is_file() {
                if entry.path_is_symlink() {
                    link_dirs.push(entry.path().to_path_buf());
                }
                continue;
            }
            let linked =
                entry.path_is_symlink() || link_dirs.iter().any(|d| entry.path().starts_with(d));
            let Ok(rel) = entry.path().strip_prefix(&base) else {
                continue;
            };
            let link_path = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
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
                in_private_dir: private,
                stamp,
                linked,
            });
        }
    }
    found
}

/// Reads one Markdown file found by [`scan`].
pub fn read_found(f: &Found) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(&f.abs).map_err(|e| {
        Diagnostic::error("io", format!("cannot read this file: {e}")).at_path(&f.path)
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
    pub fn is_markdown(&self) -> bool {
        self.path.ends_with(".md")
    }

    pub fn asset(&self) -> Asset {
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
pub fn read_all(root: &Path) -> Sources {
    use rayon::prelude::*;
    let found = scan(root, false);
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
    let mut sources = Sources::default();
    for r in read {
        match r {
            Ok(Ok(f)) => sources.files.push(f),
            Ok(Err(a)) => sources.assets.push(a),
            Err(d) => sources.errors.push(d),
        }
    }
    sources
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
        assert_eq!(d.code, "not-utf8");
        assert_eq!((d.line, d.col), (2, 11));
        assert!(d.message.contains("0xe9"));
    }
}
