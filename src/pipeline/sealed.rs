//! Sealed share pages, made and published. A sealed page whose source is
//! here (`private/share/`, or `content/share/` as before) is rendered with
//! its share template and its title and main part sealed into an artifact;
//! an artifact in `sealed/` whose source is not here (a fresh clone, GitHub
//! Actions) is published as it is. `build`, `share seal` and `share rotate`
//! write the artifacts made here back to `sealed/`, to be committed; `check`
//! and `serve` only look.

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use crate::diag::{Code, Diagnostic};
use crate::model::entry::{Entry, valid_slug};
use crate::model::site::Site;
use crate::model::source::{self, Place};
use crate::pages::plan::{self, PageRef};
use crate::pages::render::Renderer;
use crate::seal::{self, ARTIFACT_DIR, Artifact, PageKey, Secret};

/// An artifact made here from its source.
#[derive(Debug, Clone)]
pub(crate) struct Made {
    /// The source, relative to the site root: `private/share/promo.md`.
    pub(crate) source: String,
    /// Where it goes, relative to the site root: `sealed/<slug>.html`.
    pub(crate) file: String,
    pub(crate) bytes: Vec<u8>,
    /// Whether `sealed/` holds it already, byte for byte.
    pub(crate) unchanged: bool,
    /// A draft's: published only by a build with `--drafts`, never written.
    pub(crate) draft: bool,
}

/// What sealing made and found, for the commands that write `sealed/`.
#[derive(Debug, Default)]
pub(crate) struct Sealing {
    pub(crate) made: Vec<Made>,
    /// This site's own artifacts that no longer publish their page (it
    /// became a draft, was unsealed or took another slug): the file, and why.
    pub(crate) stale: Vec<(String, String)>,
    /// Artifacts published as they are although the secret is here: their
    /// source is not (deleted, renamed, or on another machine).
    pub(crate) warnings: Vec<Diagnostic>,
}

/// The artifact file of `slug`, relative to the site root.
pub(crate) fn artifact_file(slug: &str) -> String {
    format!("{ARTIFACT_DIR}/{slug}.html")
}

/// Gives each sealed share page that sets no `slug:` its opaque one,
/// derived from the site secret and its file's slug. Without a secret the
/// file's slug stays: such a page cannot be sealed, and sealing says so.
pub(crate) fn name_sealed(entries: &mut [Arc<Entry>], root: &Path) {
    let unnamed = |e: &Arc<Entry>| e.is_sealed_share() && !e.slug_given;
    if !entries.iter().any(unnamed) {
        return;
    }
    // A secret that cannot be read is reported when the pages are sealed.
    let Ok(Some(secret)) = seal::load_secret(root) else {
        return;
    };
    for e in entries.iter_mut().filter(|e| unnamed(e)) {
        let mut named = Entry::clone(e);
        named.slug = seal::opaque_slug(&secret, &e.slug);
        *e = Arc::new(named);
    }
}

/// One artifact found in `sealed/`.
struct Found {
    /// `sealed/<slug>.html`.
    file: String,
    artifact: Artifact,
    bytes: Vec<u8>,
}

/// Reads every `sealed/<slug>.html`; says what is wrong with any that
/// cannot be published. Other files there (a README) are not read.
fn read_artifacts(root: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    let dir = root.join(ARTIFACT_DIR);
    let (walked, mut errors) = source::walk(root, &dir, Place::Public, source::is_listed);
    let mut found = Vec::new();
    for e in walked {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(slug) = name.strip_suffix(".html") else {
            continue;
        };
        if e.depth() != 1 || !e.file_type().is_file() {
            continue;
        }
        let file = format!("{ARTIFACT_DIR}/{name}");
        let refuse = |why: String| {
            Diagnostic::error(
                Code::SealedArtifact,
                format!("`{file}` cannot be published: {why}"),
            )
            .at_path(&file)
            .with_help(format!(
                "{ARTIFACT_DIR}/ holds what `waymark build` writes there: restore the file from git \
                 (`git checkout -- {file}`), or delete it to take the page down"
            ))
        };
        let bytes = match std::fs::read(e.path()) {
            Ok(b) => b,
            Err(err) => {
                errors.push(
                    Diagnostic::error(Code::Io, format!("cannot read {file}: {err}"))
                        .at_path(&file),
                );
                continue;
            }
        };
        let artifact = match std::str::from_utf8(&bytes)
            .map_err(|_| "it is not UTF-8 text".to_string())
            .and_then(Artifact::find)
        {
            Ok(a) => a,
            Err(why) => {
                errors.push(refuse(why));
                continue;
            }
        };
        if artifact.slug != slug {
            errors.push(
                Diagnostic::error(
                    Code::SealedArtifact,
                    format!(
                        "`{file}` holds the sealed page `{}`, which opens only at its own address",
                        artifact.slug
                    ),
                )
                .at_path(&file)
                .with_help(format!(
                    "rename it back to {}",
                    artifact_file(&artifact.slug)
                )),
            );
            continue;
        }
        if !valid_slug(slug) || crate::model::urls::RESERVED_IN_SECTION.contains(&slug) {
            errors.push(refuse(format!("`{slug}` cannot be a share page's slug")));
            continue;
        }
        found.push(Found {
            file,
            artifact,
            bytes,
        });
    }
    (found, errors)
}

/// Renders share page `n` and seals its title and main part.
fn seal_one(
    site: &Site,
    renderer: &Renderer,
    site_value: &tera::Value,
    secret: &Secret,
    n: usize,
) -> Result<Artifact, Diagnostic> {
    let v = site.view(n);
    let spec = v.share.as_ref().expect("a share page's view has its spec");
    let page = plan::plan_page(site, PageRef::Share(n), String::new());
    let bytes = crate::pipeline::render_page(renderer, site_value, &page)?;
    let html = String::from_utf8_lossy(&bytes);
    let (title, main) =
        seal::sealed_parts(&html, page.template).map_err(|d| d.at_path(&spec.path))?;
    let key = PageKey::derive(secret, &v.slug, spec.key_salt.as_deref());
    let link_path = spec
        .path
        .split_once('/')
        .map_or(spec.path.as_str(), |(_, r)| r);
    Ok(Artifact::seal(
        &key,
        Some(seal::source_id(secret, link_path)),
        &title,
        main,
    ))
}

/// Seals every sealed share page whose source is here and reads the
/// artifacts in `sealed/`, and sets `site.sealed` to the pages to publish:
/// those just sealed, and the artifacts whose source is not here, as they
/// are. An artifact of this site's own source is never kept instead of
/// the page sealed afresh (nor when that page is no longer published). A
/// sealed page with no secret to seal it with is an error: never a page in
/// the clear, and never an old artifact published in its place.
pub(crate) fn seal_pages(
    site: &mut Site,
    renderer: &Renderer,
    root: &Path,
) -> Result<Sealing, Vec<Diagnostic>> {
    let sealed: Vec<usize> = site
        .shares
        .iter()
        .copied()
        .filter(|&n| site.view(n).sealed)
        .collect();
    let (found, mut errors) = read_artifacts(root);
    if sealed.is_empty() && found.is_empty() {
        return if errors.is_empty() {
            Ok(Sealing::default())
        } else {
            Err(errors)
        };
    }
    let secret = match seal::load_secret(root) {
        Ok(s) => s,
        Err(e) => {
            errors.push(Diagnostic::error(Code::BadSecret, e).with_help(seal::secret_help()));
            return Err(errors);
        }
    };
    let mut fresh: Vec<(usize, Artifact)> = Vec::new();
    match &secret {
        Some(secret) => {
            let site_value = tera::Value::from_serializable(&plan::site_ctx(site));
            for &n in &sealed {
                match seal_one(site, renderer, &site_value, secret, n) {
                    Ok(a) => fresh.push((n, a)),
                    Err(d) => errors.push(d),
                }
            }
        }
        None => errors.extend(
            sealed
                .iter()
                .filter_map(|&n| site.view(n).share.as_ref())
                .map(|s| {
                    Diagnostic::error(
                        Code::SealedWithoutSecret,
                        "this share page is sealed, but there is no secret to seal it with",
                    )
                    .at_path(&s.path)
                    .with_help(seal::secret_help())
                }),
        ),
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Which artifacts are this site's own: their source is a share file here.
    let own: HashMap<String, &str> = match &secret {
        Some(s) => site
            .share_files
            .iter()
            .map(|lp| (seal::source_id(s, lp), lp.as_str()))
            .collect(),
        None => HashMap::default(),
    };
    let mut sealing = Sealing::default();
    let mut published: Vec<Artifact> = Vec::new();
    for f in &found {
        let a = &f.artifact;
        if fresh.iter().any(|(_, m)| m.slug == a.slug) {
            continue;
        }
        if let Some(&link_path) = a.source.as_ref().and_then(|id| own.get(id)) {
            let of_file = |v: &&crate::model::site::EntryView| {
                v.share
                    .as_ref()
                    .is_some_and(|s| s.path.split_once('/').map(|(_, r)| r) == Some(link_path))
            };
            let why = match site.shares.iter().map(|&n| site.view(n)).find(of_file) {
                Some(v) if v.sealed => {
                    format!("its page ({link_path}) now has the slug `{}`", v.slug)
                }
                Some(_) => format!("its page ({link_path}) is no longer sealed"),
                None => format!(
                    "its page ({link_path}) is a draft or not sealed, so it is not published"
                ),
            };
            sealing.stale.push((f.file.clone(), why));
            continue;
        }
        if let Some(v) = site
            .shares
            .iter()
            .map(|&n| site.view(n))
            .find(|v| v.slug == a.slug)
        {
            let path = v.share.as_ref().map_or("", |s| s.path.as_str());
            return Err(vec![
                Diagnostic::error(
                    Code::SealedArtifact,
                    format!("`{}` and {path} would both be /share/{}/", f.file, a.slug),
                )
                .at_path(&f.file)
                .with_help(format!(
                    "delete {} to take the sealed page down, or give {path} another `slug:`",
                    f.file
                )),
            ]);
        }
        if secret.is_some() {
            sealing.warnings.push(
                Diagnostic::warning(
                    Code::SealedOrphan,
                    "this sealed page's source is not here: it is published as it is",
                )
                .at_path(&f.file)
                .with_help(format!(
                    "its source was deleted or renamed, or is on another machine; to take the page down, \
                     delete it (`git rm {}`)",
                    f.file
                )),
            );
        }
        published.push(a.clone());
    }
    let on_disk: HashMap<&str, &[u8]> = found
        .iter()
        .map(|f| (f.file.as_str(), f.bytes.as_slice()))
        .collect();
    for (n, a) in fresh {
        let v = site.view(n);
        let file = artifact_file(&a.slug);
        let bytes = a.to_file().into_bytes();
        sealing.made.push(Made {
            source: v.share.as_ref().map(|s| s.path.clone()).unwrap_or_default(),
            unchanged: on_disk.get(file.as_str()) == Some(&bytes.as_slice()),
            file,
            bytes,
            draft: v.draft,
        });
        published.push(a);
    }
    published.sort_by(|a, b| a.slug.cmp(&b.slug));
    site.sealed = published;
    Ok(sealing)
}

/// Writes what sealing made into `sealed/` (never a draft's: a build
/// elsewhere would publish it) and removes this site's own artifacts that
/// no longer publish their page. Returns a line for each file it changed.
pub(crate) fn write_sealed(root: &Path, sealing: &Sealing) -> Result<Vec<String>, Diagnostic> {
    let mut said = Vec::new();
    let failed = |file: &str, e: std::io::Error| {
        Diagnostic::error(Code::WriteFailed, format!("cannot write {file}: {e}")).at_path(file)
    };
    for m in sealing.made.iter().filter(|m| !m.draft && !m.unchanged) {
        let path = root.join(&m.file);
        let dir = path.parent().expect("sealed/ is its parent");
        std::fs::create_dir_all(dir).map_err(|e| failed(&m.file, e))?;
        // Written beside it, then moved over it: never half a file.
        let tmp = dir.join(format!(
            ".{}.tmp",
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
        std::fs::write(&tmp, &m.bytes)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                failed(&m.file, e)
            })?;
        said.push(format!(
            "Sealed {} into {}: commit it, so that the next publish serves it.",
            m.source, m.file
        ));
    }
    for (file, why) in &sealing.stale {
        match std::fs::remove_file(root.join(file)) {
            Ok(()) => said.push(format!("Removed {file}: {why}. Commit its removal.")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Diagnostic::error(
                    Code::WriteFailed,
                    format!("cannot remove {file}: {e}"),
                )
                .at_path(file));
            }
        }
    }
    Ok(said)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::{self, TempSite};

    const SEALED: &str = "---\ntitle: For my manager\nfrom: 2026-01-01\nto: 2026-12-31\nsealed: true\n---\nSECRET-BODY-CANARY\n";
    const OPEN: &str = "---\ntitle: Open\nfrom: 2026-01-01\nto: 2026-12-31\n---\nHi.\n";

    /// Whether the test can control where the secret comes from.
    fn secret_env_unset() -> bool {
        if std::env::var_os(seal::SECRET_ENV).is_some() {
            testing::skipped(&format!("{} is set", seal::SECRET_ENV));
            return false;
        }
        true
    }

    fn write_secret(site: &TempSite) {
        site.write(seal::SECRET_FILE, &format!("{}\n", "ab".repeat(32)));
    }

    /// The site sealed as a build seals it.
    fn sealed(site: &TempSite) -> (Site, Result<Sealing, Vec<Diagnostic>>) {
        let (mut model, theme, _) = crate::pipeline::assemble(&site.options()).unwrap();
        let renderer = Renderer::new(&theme).unwrap();
        let sealing = seal_pages(&mut model, &renderer, site.root());
        (model, sealing)
    }

    fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn nothing_is_read_without_a_sealed_page_or_an_artifact() {
        let site = TempSite::new();
        site.write("content/share/open.md", OPEN)
            // Unreadable as a secret: never read.
            .write(seal::SECRET_FILE, "not a secret");
        let (model, sealing) = sealed(&site);
        let sealing = sealing.unwrap();
        assert!(model.sealed.is_empty() && sealing.made.is_empty());
        // An artifact is a reason to read it: it may be this site's own.
        site.write(
            "sealed/x.html",
            &Artifact::seal(
                &PageKey::derive(&seal::test_secret(), "x", None),
                None,
                "",
                "",
            )
            .to_file(),
        );
        if secret_env_unset() {
            let (_, sealing) = sealed(&site);
            assert_eq!(codes(&sealing.unwrap_err()), ["bad-secret"]);
        }
    }

    #[test]
    fn a_sealed_page_without_a_secret_is_an_error_at_each_sealed_page() {
        if !secret_env_unset() {
            return;
        }
        let site = TempSite::new();
        site.write("private/share/manager.md", SEALED)
            .write("content/share/sponsor.md", SEALED)
            .write("content/share/open.md", OPEN);
        let (model, sealing) = sealed(&site);
        let errors = sealing.unwrap_err();
        let mut paths: Vec<&str> = errors.iter().filter_map(|d| d.path.as_deref()).collect();
        paths.sort();
        assert_eq!(
            paths,
            ["content/share/sponsor.md", "private/share/manager.md"]
        );
        assert!(errors.iter().all(|d| d.code == "sealed-without-secret"));
        assert!(
            errors[0]
                .help
                .as_deref()
                .unwrap()
                .contains(seal::SECRET_FILE)
        );
        assert!(model.sealed.is_empty());
        // Without a secret there is no opaque slug to give them either.
        assert!(
            model
                .shares
                .iter()
                .any(|&n| model.view(n).slug == "manager")
        );
    }

    #[test]
    fn sealed_pages_get_opaque_slugs_are_sealed_and_nothing_is_written_here() {
        if !secret_env_unset() {
            return;
        }
        let site = TempSite::new();
        write_secret(&site);
        site.write("private/share/manager.md", SEALED)
            .write(
                "private/share/named.md",
                &SEALED.replace("sealed: true", "sealed: true\nslug: for-dana"),
            )
            .write("content/share/open.md", OPEN);
        let (model, sealing) = sealed(&site);
        let sealing = sealing.unwrap();
        let secret = seal::load_secret(site.root()).unwrap().unwrap();
        let manager = seal::opaque_slug(&secret, "manager");
        let mut slugs: Vec<&str> = model.sealed.iter().map(|a| a.slug.as_str()).collect();
        slugs.sort();
        let mut want = vec![manager.as_str(), "for-dana"];
        want.sort();
        assert_eq!(slugs, want);
        let files: Vec<&str> = sealing.made.iter().map(|m| m.file.as_str()).collect();
        assert!(
            files.contains(&format!("sealed/{manager}.html").as_str()),
            "{files:?}"
        );
        assert!(sealing.made.iter().all(|m| !m.unchanged && !m.draft));
        assert!(
            !site.root().join("sealed").exists(),
            "sealing writes nothing"
        );
        // The unsealed page keeps its name and is not sealed.
        assert!(model.shares.iter().any(|&n| model.view(n).slug == "open"));
        let a = model.sealed.iter().find(|a| a.slug == manager).unwrap();
        let key = PageKey::derive(&secret, &manager, None);
        let opened = seal::open_page(&key.key, &a.to_file()).unwrap();
        assert!(opened.main.contains("SECRET-BODY-CANARY"));
        assert_eq!(
            opened.title.as_deref(),
            Some("For my manager · Test Journal")
        );
        assert_eq!(
            a.source.as_deref(),
            Some(seal::source_id(&secret, "share/manager.md").as_str())
        );
    }

    #[test]
    fn write_sealed_writes_what_changed_but_never_a_drafts_and_removes_the_stale() {
        let site = TempSite::new();
        site.write("sealed/old.html", "old");
        let made = |file: &str, draft: bool, unchanged: bool| Made {
            source: "private/share/x.md".into(),
            file: file.into(),
            bytes: file.as_bytes().to_vec(),
            unchanged,
            draft,
        };
        let sealing = Sealing {
            made: vec![
                made("sealed/new.html", false, false),
                made("sealed/draft.html", true, false),
                made("sealed/same.html", false, true),
            ],
            stale: vec![
                ("sealed/old.html".into(), "it moved".into()),
                ("sealed/gone.html".into(), "already gone".into()),
            ],
            warnings: Vec::new(),
        };
        let said = write_sealed(site.root(), &sealing).unwrap();
        assert_eq!(
            said,
            [
                "Sealed private/share/x.md into sealed/new.html: commit it, so that the next publish serves it.",
                "Removed sealed/old.html: it moved. Commit its removal.",
            ]
        );
        let mut names: Vec<String> = std::fs::read_dir(site.root().join("sealed"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["new.html"], "no draft, no leftover temporary file");
        assert_eq!(
            std::fs::read(site.root().join("sealed/new.html")).unwrap(),
            b"sealed/new.html"
        );
    }

    #[test]
    fn only_the_html_files_at_the_top_of_sealed_are_read() {
        let site = TempSite::new();
        let a = Artifact::seal(
            &PageKey::derive(&seal::test_secret(), "brief", None),
            None,
            "",
            "",
        );
        site.write("sealed/brief.html", &a.to_file())
            .write("sealed/README.md", "What this folder is.")
            .write("sealed/.brief.html.tmp", "half")
            .write("sealed/brief.html~", "editor")
            .write("sealed/deeper/other.html", "<p>not read</p>");
        let (found, errors) = read_artifacts(site.root());
        assert!(errors.is_empty(), "{errors:?}");
        let files: Vec<&str> = found.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(files, ["sealed/brief.html"]);
        assert_eq!(found[0].artifact, a);
    }
}
