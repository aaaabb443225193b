//! `waymark share list`, `share seal` and `share rotate`: ready-to-paste
//! links, the sealed pages' published form, new keys.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::Code;
use crate::diag::{self, Diagnostic};
use crate::model::site::{Audience, Site};
use crate::pipeline::{self, Options};

use super::Printer;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum ShareWhat {
    /// Print each share page's full URL with what it holds, ready to paste
    List {
        /// Use this base URL instead of base_url from waymark.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include draft share pages
        #[arg(long)]
        drafts: bool,
    },
    /// Seal every sealed page into sealed/<slug>.html (as build does), to commit
    Seal,
    /// Give a sealed share page a new key: links sent before stop working
    Rotate {
        /// The share page's slug (or its file's name)
        slug: String,
        /// Use this base URL instead of base_url from waymark.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
}

fn options(root: &Path, base_url: Option<String>, drafts: bool) -> Options {
    Options {
        root: root.to_path_buf(),
        base_url,
        audience: Audience {
            drafts,
            private: false,
            local: false,
        },
        today: None,
        cache: None,
        card_cache: None,
    }
}

/// Whether the site has a sealed share page, published or a draft.
fn has_sealed(site: &Site) -> bool {
    site.shares
        .iter()
        .any(|&n| site.view(n).share.as_ref().is_some_and(|s| s.sealed))
}

/// The site assembled with its secret, which is created when a sealed page
/// needs one and there is none yet (and the site assembled again, for the
/// sealed pages' slugs come from it). `None` after printing the problems.
fn assemble_with_secret(
    printer: &Printer,
    opts: &Options,
) -> Option<(
    Site,
    crate::pages::theme::Theme,
    Option<crate::seal::Secret>,
)> {
    let assembled = |printer: &Printer| match pipeline::assemble(opts) {
        Ok(a) => Some(a),
        Err(mut diags) => {
            printer.diagnostics(&mut diags);
            None
        }
    };
    let (mut site, mut theme, mut diags) = assembled(printer)?;
    if !has_sealed(&site) {
        printer.diagnostics(&mut diags);
        return Some((site, theme, None));
    }
    let secret = match crate::seal::ensure_secret(&opts.root) {
        Ok((secret, created)) => {
            if created.is_some() {
                printer.status(&crate::seal::created_note());
                (site, theme, diags) = assembled(printer)?;
            }
            secret
        }
        Err(e) => {
            printer.diagnostics(&mut [Diagnostic::error(Code::BadSecret, e)]);
            return None;
        }
    };
    printer.diagnostics(&mut diags);
    Some((site, theme, Some(secret)))
}

pub(super) fn list(
    printer: &Printer,
    root: PathBuf,
    base_url: Option<String>,
    drafts: bool,
    only: Option<&str>,
) -> u8 {
    let Some((site, _, secret)) = assemble_with_secret(printer, &options(&root, base_url, drafts))
    else {
        return 1;
    };
    let mut out = std::io::stdout().lock();
    if site.shares.is_empty() {
        printer.status(
            "No share pages: create one with `waymark new share` (or `new share --sealed`).",
        );
    }
    for &n in &site.shares {
        let v = site.view(n);
        if only.is_some_and(|s| s != v.slug) {
            continue;
        }
        let selection = site.share_selection_view(n);
        let goals = site.share_goals(n, &selection);
        let (from, to) = site.share_period(n);
        let spec = v.share.as_ref();
        match (spec.filter(|s| s.sealed), &secret) {
            (Some(s), Some(secret)) => {
                let key = crate::seal::PageKey::derive(secret, &v.slug, s.key_salt.as_deref());
                let _ = writeln!(out, "{}#{}", v.permalink, key.fragment());
            }
            _ => {
                let _ = writeln!(out, "{}", v.permalink);
            }
        }
        let mut about = format!("  {}", v.title);
        if spec.is_some_and(|s| s.sealed) {
            about.push_str(" (sealed)");
        }
        if let Some(who) = &v.for_whom {
            about.push_str(&format!(" — for {who}"));
        }
        let _ = writeln!(
            out,
            "{about}
  {from} to {to} · {} · {}",
            diag::plural(selection.len(), "achievement"),
            diag::plural(goals.len(), "goal")
        );
    }
    0
}

/// `share seal`: what a build does to `sealed/`, without building.
pub(super) fn seal(printer: &Printer, root: PathBuf) -> u8 {
    let Some((mut site, theme, _)) = assemble_with_secret(printer, &options(&root, None, false))
    else {
        return 1;
    };
    let renderer = match crate::pages::render::Renderer::new(&theme) {
        Ok(r) => r,
        Err(mut d) => {
            printer.diagnostics(&mut d);
            return 1;
        }
    };
    let mut sealing = match pipeline::seal_pages(&mut site, &renderer, &root) {
        Ok(s) => s,
        Err(mut d) => {
            printer.diagnostics(&mut d);
            return 1;
        }
    };
    printer.diagnostics(&mut sealing.warnings);
    match pipeline::write_sealed(&root, &sealing) {
        Ok(said) if said.is_empty() => {
            printer.status(&if sealing.made.is_empty() {
                "No sealed pages to seal here: create one with `waymark new share --sealed`."
                    .to_string()
            } else {
                format!(
                    "{} up to date in {}/.",
                    diag::plural(sealing.made.len(), "sealed page"),
                    crate::seal::ARTIFACT_DIR
                )
            });
            0
        }
        Ok(said) => {
            said.iter().for_each(|line| printer.status(line));
            0
        }
        Err(d) => {
            printer.diagnostics(&mut [d]);
            1
        }
    }
}

pub(super) fn rotate(printer: &Printer, root: PathBuf, slug: &str, base_url: Option<String>) -> u8 {
    let site = match pipeline::assemble(&options(&root, base_url.clone(), true)) {
        Ok((site, _, _)) => site,
        Err(mut diags) => {
            printer.diagnostics(&mut diags);
            return 1;
        }
    };
    // By its slug, or by its file (`promo-2026`, `private/share/promo-2026.md`):
    // a sealed page's own slug is opaque.
    let named = |v: &&crate::model::site::EntryView| {
        let path = v.share.as_ref().map_or("", |s| s.path.as_str());
        let file = path.rsplit('/').next().unwrap_or(path);
        v.slug == slug || path == slug || file == slug || file.strip_suffix(".md") == Some(slug)
    };
    let found = site.shares.iter().map(|&n| site.view(n)).find(named);
    let Some(view) = found else {
        // A page by the name of its file (what a person remembers), and its
        // slug when that is another.
        let names: Vec<(String, &str)> = site
            .shares
            .iter()
            .map(|&n| {
                let v = site.view(n);
                let path = v.share.as_ref().map_or("", |s| s.path.as_str());
                let stem = path.strip_suffix("/index.md").unwrap_or(path);
                let stem = stem.rsplit('/').next().unwrap_or(stem);
                (stem.trim_end_matches(".md").to_string(), v.slug.as_str())
            })
            .collect();
        let mut d = Diagnostic::error(
            Code::UnknownShare,
            format!("no share page has the slug or file name `{slug}`"),
        );
        let candidates = names.iter().flat_map(|(f, s)| [f.as_str(), *s]);
        d.help = Some(match diag::nearest(slug, candidates) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!(
                "share pages: {}",
                names
                    .iter()
                    .map(|(f, s)| if f == s {
                        f.clone()
                    } else {
                        format!("{f} ({s})")
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
        printer.diagnostics(&mut [d]);
        return 1;
    };
    let Some(spec) = view.share.as_ref().filter(|s| s.sealed) else {
        printer.diagnostics(&mut [Diagnostic::error(
            Code::NotSealed,
            format!("`{slug}` is not sealed, so it has no key to rotate"),
        )
        .with_help("add `sealed: true` to its front matter first")]);
        return 1;
    };
    let page_slug = view.slug.clone();
    let path = root.join(&spec.path);
    // Read as a build reads it (BOM, CRLF), so what builds also rotates.
    let rotated = std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| crate::model::source::decode(&spec.path, b).map_err(|d| d.message))
        .and_then(|t| crate::seal::rotate_salt(&t));
    match rotated.and_then(|t| std::fs::write(&path, t).map_err(|e| e.to_string())) {
        Ok(()) => {
            printer.status(&format!(
                "Rotated the key of {}: links sent before no longer open it once the new sealed page is published.",
                spec.path
            ));
            // The published form under the new key, for the next publish.
            if seal(printer, root.clone()) != 0 {
                return 1;
            }
            printer.status("The new link:");
            list(printer, root, base_url, true, Some(&page_slug))
        }
        Err(e) => {
            printer.diagnostics(&mut [Diagnostic::error(
                Code::WriteFailed,
                format!("cannot rotate {}: {e}", spec.path),
            )]);
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, parse, try_parse};
    use crate::pipeline::testing::TempSite;
    use clap::error::ErrorKind;

    fn share(args: &[&str]) -> ShareWhat {
        match parse(args).command {
            Command::Share { what } => what,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn share_rotate_takes_a_slug_and_a_base_url() {
        let ShareWhat::Rotate { slug, base_url } = share(&["share", "rotate", "slug"]) else {
            panic!("not rotate")
        };
        assert_eq!((slug.as_str(), base_url), ("slug", None));
        let ShareWhat::Rotate { slug, base_url } = share(&[
            "share",
            "rotate",
            "promo-2026",
            "--base-url",
            "https://x.dev/",
        ]) else {
            panic!("not rotate")
        };
        assert_eq!(slug, "promo-2026");
        assert_eq!(base_url.as_deref(), Some("https://x.dev/"));
        assert_eq!(
            try_parse(&["share", "rotate"]).unwrap_err().kind(),
            ErrorKind::MissingRequiredArgument
        );
    }

    #[test]
    fn share_list_takes_a_base_url_and_drafts() {
        let ShareWhat::List { base_url, drafts } = share(&["share", "list"]) else {
            panic!("not list")
        };
        assert_eq!((base_url, drafts), (None, false));
        let ShareWhat::List { base_url, drafts } =
            share(&["share", "list", "--base-url", "https://x.dev/", "--drafts"])
        else {
            panic!("not list")
        };
        assert_eq!(
            (base_url.as_deref(), drafts),
            (Some("https://x.dev/"), true)
        );
        assert!(try_parse(&["share"]).is_err());
        assert_eq!(
            try_parse(&["share", "send"]).unwrap_err().kind(),
            ErrorKind::InvalidSubcommand
        );
    }

    #[test]
    fn share_list_of_a_site_without_share_pages_makes_no_secret() {
        let site = TempSite::new();
        let quiet = Printer {
            color: false,
            quiet: true,
        };
        assert_eq!(
            list(&quiet, site.root().to_path_buf(), None, false, None),
            0
        );
        assert!(!site.root().join(crate::seal::SECRET_FILE).exists());
    }
}
