//! The cards of a build, and the cache that keeps a rebuild from drawing
//! them again. A card is drawn from its SVG (the theme's `card.svg`
//! filled with what the card shows), so the SVG text, with what draws it,
//! is the cache key: `.waymark/cards/<sha-256>.png` in the site folder
//! (git-ignored, with the site's secret; never published). A build that
//! changes nothing finds every card there and draws none; a build prunes
//! the cached cards no page shows any more. `serve` draws a card when it
//! is first asked for, through the same cache.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::model::site::Site;
use crate::pages::cards::{self, Card, draw};
use crate::pages::render::Renderer;

/// Where a site's cards are cached.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".waymark").join("cards")
}

/// The cache key of a card's SVG.
pub(crate) fn key(svg: &str) -> String {
    let mut h = Sha256::new();
    h.update(draw::DRAWER.as_bytes());
    h.update([0]);
    h.update(svg.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// How many cards a run drew and found cached (`WAYMARK_TIMINGS` prints it;
/// the tests read it).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CardCounts {
    pub drawn: usize,
    pub cached: usize,
}

/// One card's PNG: from the cache when its SVG was drawn before, else
/// drawn (and kept in the cache, when there is one). Returns whether it
/// was drawn.
pub(crate) fn card_png(
    renderer: &Renderer,
    card: &Card,
    cache: Option<&Path>,
) -> Result<(Vec<u8>, String, bool), Diagnostic> {
    let svg = draw::svg(renderer, card)?;
    let key = key(&svg);
    let cached = cache.map(|d| d.join(format!("{key}.png")));
    if let Some(path) = &cached
        && let Ok(bytes) = std::fs::read(path)
        && bytes.starts_with(b"\x89PNG")
    {
        return Ok((bytes, key, false));
    }
    let shown = renderer.shown(draw::TEMPLATE);
    let png = draw::png(&svg, &format!("{shown} (for {})", card.file))?;
    if let Some(path) = &cached {
        // A cache that cannot be written costs a redraw next time, no more.
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::create_dir_all(path.parent().unwrap_or(path)).is_ok()
            && std::fs::write(&tmp, &png).is_ok()
        {
            let _ = std::fs::rename(&tmp, path);
        }
    }
    Ok((png, key, true))
}

/// A card's file (`cards/home.png`) and its PNG.
pub(crate) type CardFile = (String, Vec<u8>);

/// Every card the site's pages show, as `(file, png)`, drawn in parallel
/// where the cache lacks them. With `cards: false`, none. The cache is
/// pruned to the cards of this build when `prune` is set (a build; not
/// `serve`, whose other audiences share it).
pub(crate) fn render_cards(
    site: &Site,
    renderer: &Renderer,
    cache: Option<&Path>,
    prune: bool,
) -> Result<(Vec<CardFile>, CardCounts), Vec<Diagnostic>> {
    if !site.config.cards {
        return Ok((Vec::new(), CardCounts::default()));
    }
    let all = cards::all(site);
    // Each card's file, PNG, cache key and whether it was drawn.
    type Made = (String, Vec<u8>, String, bool);
    let made: Vec<Result<Made, Diagnostic>> = all
        .par_iter()
        .with_max_len(1)
        .map(|c| {
            card_png(renderer, c, cache).map(|(png, key, drawn)| (c.file.clone(), png, key, drawn))
        })
        .collect();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut files = Vec::with_capacity(made.len());
    let mut keys = rustc_hash::FxHashSet::default();
    let mut counts = CardCounts::default();
    for m in made {
        match m {
            Ok((file, png, key, drawn)) => {
                if drawn {
                    counts.drawn += 1;
                } else {
                    counts.cached += 1;
                }
                keys.insert(key);
                files.push((file, png));
            }
            Err(d) => {
                if !errors.contains(&d) {
                    errors.push(d);
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if prune && let Some(dir) = cache {
        prune_cache(dir, &keys);
    }
    Ok((files, counts))
}

/// Deletes the cached cards (`<sha-256>.png`, nothing else) that `keep`
/// does not name.
fn prune_cache(dir: &Path, keep: &rustc_hash::FxHashSet<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(stem) = name.strip_suffix(".png") else {
            continue;
        };
        if stem.len() == 64 && stem.bytes().all(|b| b.is_ascii_hexdigit()) && !keep.contains(stem) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::TempSite;

    /// A site with a canary in every private, draft and sealed text a
    /// card could show: a featured private achievement, a draft goal, a
    /// private current role, a private share page, a sealed share page.
    fn canary_site() -> TempSite {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n")
            .write(
                "content/achievements/2026-01-02-secret.md",
                "---\ntitle: CANARY-ACH-TITLE\nvisibility: private\nfeatured: true\nimpact: CANARY-ACH-IMPACT\n---\n",
            )
            .write(
                "content/achievements/2026-01-03-draft.md",
                "---\ntitle: CANARY-DRAFT-TITLE\ndraft: true\nfeatured: true\nimpact: CANARY-DRAFT-IMPACT\n---\n",
            )
            .write(
                "content/goals/hidden.md",
                "---\ntitle: CANARY-GOAL-TITLE\ndraft: true\nhorizon: 1y\nprogress: 10\n---\n",
            )
            .write(
                "content/goals/public.md",
                "---\ntitle: Public goal\nhorizon: 1y\nstatus: active\nprogress: 30\n---\n",
            )
            .write(
                "content/journey/2024-01-01-role.md",
                "---\ntitle: CANARY-ROLE-TITLE\ntype: role\nrole: CANARY-ROLE\norg: CANARY-ORG\nvisibility: private\n---\n",
            )
            .write(
                "content/share/open.md",
                "---\ntitle: CANARY-SHARE-TITLE\nvisibility: private\nfor: CANARY-SHARE-FOR\n---\n",
            )
            .write(
                "private/share/brief.md",
                "---\ntitle: CANARY-SEALED-TITLE\nfor: CANARY-SEALED-FOR\nfrom: 2026-01-01\nto: 2026-03-01\nsealed: true\n---\nCANARY-SEALED-BODY\n",
            )
            .write(
                crate::seal::SECRET_FILE,
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            );
        site
    }

    #[test]
    fn no_private_draft_or_sealed_text_reaches_a_card() {
        if std::env::var_os(crate::seal::SECRET_ENV).is_some() {
            crate::pipeline::testing::skipped("WAYMARK_SHARE_SECRET is set");
            return;
        }
        let site = canary_site();
        let (mut model, theme, _) = crate::pipeline::assemble(&site.options()).unwrap();
        let renderer = Renderer::new(&theme).unwrap();
        crate::pipeline::seal_pages(&mut model, &renderer, site.root()).unwrap();
        let all = cards::all(&model);
        let files: Vec<&str> = all.iter().map(|c| c.file.as_str()).collect();
        // The sealed page shows the one sealed card; the public goal its own.
        assert!(files.contains(&"cards/sealed.png"), "{files:?}");
        assert!(files.contains(&"cards/goals/public.png"), "{files:?}");
        for c in &all {
            let svg = draw::svg(&renderer, c).unwrap();
            assert!(!svg.contains("CANARY"), "{}:\n{svg}", c.file);
            assert!(!c.file.contains("secret") && !c.file.contains("hidden"));
            assert!(!c.file.contains("brief") && !c.file.contains("open"));
            if c.kind == "sealed" {
                assert_eq!((c.title.as_str(), c.line.as_str()), ("A sealed page", ""));
                assert_eq!(c.owner, "Test Person");
                assert!(svg.contains("A sealed page") && svg.contains("Test Person"));
            }
        }
        // Every card's page is one of the site's, and the sealed one's
        // head names the sealed card only.
        for (file, r) in crate::pages::plan::pages(&model) {
            let meta = cards::image_meta(&model, r).unwrap();
            assert!(!meta.alt.contains("CANARY"), "{file}: {}", meta.alt);
            assert!(!meta.url.contains("brief"), "{file}: {}", meta.url);
        }
    }

    #[test]
    fn a_cached_card_is_not_drawn_again_and_a_changed_one_is() {
        let site = canary_site();
        let (model, theme, _) = crate::pipeline::assemble(&site.options()).unwrap();
        let renderer = Renderer::new(&theme).unwrap();
        let dir = cache_dir(site.root());
        let (first, counts) = render_cards(&model, &renderer, Some(&dir), true).unwrap();
        assert_eq!(counts.cached, 0);
        assert_eq!(counts.drawn, first.len());
        let (again, counts) = render_cards(&model, &renderer, Some(&dir), true).unwrap();
        assert_eq!((counts.drawn, counts.cached), (0, first.len()));
        assert_eq!(first, again);
        // A stray file the cache does not own is left; an unused card goes.
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        std::fs::write(dir.join(format!("{}.png", "0".repeat(64))), b"\x89PNG").unwrap();
        site.write(
            "content/goals/public.md",
            "---\ntitle: Public goal, renamed\nhorizon: 1y\nstatus: active\nprogress: 30\n---\n",
        );
        let (model, _, _) = crate::pipeline::assemble(&site.options()).unwrap();
        let (_, counts) = render_cards(&model, &renderer, Some(&dir), true).unwrap();
        assert_eq!((counts.drawn, counts.cached), (1, first.len() - 1));
        let cached = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(
            cached,
            first.len() + 1,
            "the unused card and the stray zero key are gone, notes.txt kept"
        );
        assert!(dir.join("notes.txt").is_file());
        // Without a cache, every card is drawn.
        let (_, counts) = render_cards(&model, &renderer, None, false).unwrap();
        assert_eq!(counts.drawn, first.len());
    }

    #[test]
    fn a_card_template_that_is_not_svg_is_an_error_naming_it() {
        let site = TempSite::new();
        site.write("templates/card.svg", "<svg><text>{{ card.title }}</svg>");
        let (model, theme, _) = crate::pipeline::assemble(&site.options()).unwrap();
        let renderer = Renderer::new(&theme).unwrap();
        let errors = render_cards(&model, &renderer, None, false).unwrap_err();
        assert_eq!(errors[0].code, crate::diag::Code::Card);
        assert!(
            errors[0].message.contains("templates/card.svg"),
            "{}",
            errors[0].message
        );
    }
}
