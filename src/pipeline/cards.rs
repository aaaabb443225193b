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

/// Every card the site's pages show, as `(file, png)`, drawn in parallel
/// where the cache lacks them. With `cards: false`, none. The cache is
/// pruned to the cards of this build when `prune` is set (a build; not
/// `serve`, whose other audiences share it).
pub(crate) fn render_cards(
    site: &Site,
    renderer: &Renderer,
    cache: Option<&Path>,
    prune: bool,
) -> Result<(Vec<(String, Vec<u8>)>, CardCounts), Vec<Diagnostic>> {
    if !site.config.cards {
        return Ok((Vec::new(), CardCounts::default()));
    }
    let all = cards::all(site);
    let made: Vec<Result<(String, Vec<u8>, String, bool), Diagnostic>> = all
        .par_iter()
        .with_max_len(1)
        .map(|c| card_png(renderer, c, cache).map(|(png, key, drawn)| (c.file.clone(), png, key, drawn)))
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
