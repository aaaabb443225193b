//! Drawing a card: the theme's `card.svg` filled through Tera with the
//! card's texts, laid out against the embedded font (wrapped, shortened
//! with …), then parsed by usvg and rasterised by resvg into a 1200×630
//! PNG. No browser, no network, no file but the template: an `<image>`
//! in the template resolves to nothing, and the only fonts are the
//! embedded DejaVu Sans faces.

use std::sync::{Arc, LazyLock};

use resvg::tiny_skia;
use resvg::usvg;
use serde::Serialize;

use super::{Card, HEIGHT, WIDTH};
use crate::diag::{Code, Diagnostic};
use crate::pages::render::Renderer;

/// The theme's card template.
pub(crate) const TEMPLATE: &str = "card.svg";

/// DejaVu Sans (Bitstream Vera licence; fonts/LICENSE-DejaVu.txt).
const REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// What changes how the same SVG text is drawn: part of every cache key.
pub(crate) const DRAWER: &str = concat!(
    "resvg 0.45 DejaVu Sans 2.37 png rgb v1 ",
    env!("CARGO_PKG_VERSION")
);

static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(REGULAR.to_vec());
    db.load_font_data(BOLD.to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    Arc::new(db)
});

struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics {
    regular: ttf_parser::Face::parse(REGULAR, 0).expect("the embedded font parses"),
    bold: ttf_parser::Face::parse(BOLD, 0).expect("the embedded font parses"),
});

/// The width of `text` in px at `size`, from the font's advances (a
/// missing glyph counts as the font's fallback box).
pub(crate) fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let face = if bold {
        &METRICS.bold
    } else {
        &METRICS.regular
    };
    let per_unit = size / f32::from(face.units_per_em());
    text.chars()
        .map(|c| {
            let g = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            f32::from(face.glyph_hor_advance(g).unwrap_or(0)) * per_unit
        })
        .sum()
}

/// `text` without the characters the embedded font cannot draw (CJK,
/// most emoji): left out rather than drawn as empty boxes; the spaces and
/// dashes they leave are tidied. The page and the card's alt text keep
/// the whole text.
pub(crate) fn drawable(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| {
            c.is_whitespace()
                || (METRICS.regular.glyph_index(c).is_some()
                    && METRICS.bold.glyph_index(c).is_some())
        })
        .collect();
    let words: Vec<&str> = kept.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || "—–-·:;,|/".contains(c))
        .to_string()
}

/// `text` shortened to `width` px, ending in … when it was cut (at a word
/// end when one is near).
pub(crate) fn shorten(text: &str, size: f32, bold: bool, width: f32) -> String {
    let text = text.trim();
    if text_width(text, size, bold) <= width {
        return text.to_string();
    }
    let ell = text_width("…", size, bold);
    let mut end = 0;
    let mut used = 0.0;
    for (i, c) in text.char_indices() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), size, bold);
        if used + w + ell > width {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    let mut cut = &text[..end];
    // Back to the last space, unless that loses more than a third.
    if let Some(space) = cut.rfind(' ')
        && space * 3 > end * 2
    {
        cut = &cut[..space];
    }
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '—', '-']))
}

/// `text` wrapped into at most `max` lines of `width` px: whole words
/// where they fit, a word longer than a line broken inside, the last line
/// shortened with … when text remains.
pub(crate) fn wrap(text: &str, size: f32, bold: bool, width: f32, max: usize) -> Vec<String> {
    let fits = |t: &str| text_width(t, size, bold) <= width;
    let mut words: std::collections::VecDeque<String> =
        text.split_whitespace().map(str::to_string).collect();
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    while let Some(word) = words.pop_front() {
        let candidate = if current.is_empty() {
            word.clone()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if lines.len() + 1 == max {
            // The last line: what is left, shortened.
            let rest: Vec<String> = std::iter::once(candidate).chain(words).collect();
            lines.push(shorten(&rest.join(" "), size, bold, width));
            return lines;
        }
        if current.is_empty() {
            // One word wider than a line: break it where it overflows.
            let mut end = word.chars().next().map_or(0, char::len_utf8);
            for (j, c) in word.char_indices().skip(1) {
                if !fits(&word[..j + c.len_utf8()]) {
                    break;
                }
                end = j + c.len_utf8();
            }
            lines.push(word[..end].to_string());
            if end < word.len() {
                words.push_front(word[end..].to_string());
            }
            continue;
        }
        lines.push(std::mem::take(&mut current));
        words.push_front(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[derive(Serialize)]
struct TitleLine {
    text: String,
    y: u32,
}

/// What `card.svg` is given.
#[derive(Serialize)]
struct CardCtx<'a> {
    card: &'a Card,
    title_lines: Vec<TitleLine>,
    title_size: u32,
    /// `card.line` in one or two lines, each {text, y}.
    line_lines: Vec<TitleLine>,
    owner: String,
    site_title: String,
}

/// The room the default template gives text: from x = 100 to 1100.
const TEXT_WIDTH: f32 = 1000.0;

fn layout(card: &Card) -> CardCtx<'_> {
    let title = drawable(&card.title);
    let line = drawable(&card.line);
    let mut size = 76u32;
    let mut lines = wrap(&title, size as f32, true, TEXT_WIDTH, 2);
    if lines.last().is_some_and(|l| l.ends_with('…')) || lines.len() == 2 {
        // Two full lines or more: a smaller size fits three.
        let smaller = wrap(&title, 60.0, true, TEXT_WIDTH, 3);
        if lines.last().is_some_and(|l| l.ends_with('…')) || smaller.len() < 3 {
            size = 60;
            lines = smaller;
        }
    }
    let step = (size as f32 * 1.2).round() as u32;
    let first = 150 + (size as f32 * 0.95).round() as u32;
    let title_lines: Vec<TitleLine> = lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| TitleLine {
            text,
            y: first + step * i as u32,
        })
        .collect();
    let last = title_lines.last().map_or(first, |l| l.y);
    // Two lines beneath a title of one or two; one beneath three.
    let room = if title_lines.len() >= 3 { 1 } else { 2 };
    let line_lines = if line.is_empty() {
        Vec::new()
    } else {
        wrap(&line, 34.0, false, TEXT_WIDTH, room)
    }
    .into_iter()
    .enumerate()
    .map(|(i, text)| TitleLine {
        text,
        y: last + 64 + 44 * i as u32,
    })
    .collect();
    CardCtx {
        card,
        title_size: size,
        title_lines,
        line_lines,
        owner: shorten(&drawable(&card.owner), 30.0, true, 640.0),
        site_title: shorten(&drawable(&card.site_title), 28.0, false, TEXT_WIDTH),
    }
}

/// The card's SVG: `card.svg` filled. What it says is what the PNG shows,
/// so this text is what the cache key and the privacy tests look at.
pub(crate) fn svg(renderer: &Renderer, card: &Card) -> Result<String, Diagnostic> {
    let mut out = Vec::with_capacity(4096);
    renderer.render_to(TEMPLATE, &layout(card), &mut out)?;
    String::from_utf8(out).map_err(|e| {
        Diagnostic::error(
            Code::Card,
            format!("{TEMPLATE} rendered as invalid UTF-8: {e}"),
        )
    })
}

/// Time spent in each step of drawing, in microseconds, summed over
/// threads: parse (usvg, text shaping), render (resvg), encode (PNG).
pub(crate) static PHASES: [std::sync::atomic::AtomicU64; 3] = [
    std::sync::atomic::AtomicU64::new(0),
    std::sync::atomic::AtomicU64::new(0),
    std::sync::atomic::AtomicU64::new(0),
];

fn lap(phase: usize, since: &mut std::time::Instant) {
    let now = std::time::Instant::now();
    PHASES[phase].fetch_add(
        (now - *since).as_micros() as u64,
        std::sync::atomic::Ordering::Relaxed,
    );
    *since = now;
}

thread_local! {
    /// One canvas per thread, kept from card to card: a fresh 3 MB pixmap
    /// for every card is as many page faults.
    static CANVAS: std::cell::RefCell<Option<tiny_skia::Pixmap>> =
        const { std::cell::RefCell::new(None) };
}

/// The SVG as a 1200×630 PNG, opaque (drawn over white). A drawing of
/// another size is scaled to fit. A card of at most 256 colours (the
/// default template's, anti-aliasing included, nearly always) is written
/// with a palette, exactly: a third of the bytes of RGB to compress and a
/// smaller file; else as RGB.
pub(crate) fn png(svg: &str, shown: &str) -> Result<Vec<u8>, Diagnostic> {
    let mut t = std::time::Instant::now();
    let opts = usvg::Options {
        fontdb: FONTS.clone(),
        font_family: "DejaVu Sans".to_string(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opts).map_err(|e| {
        Diagnostic::error(
            Code::Card,
            format!("{shown} is not an SVG a card can be drawn from: {e}"),
        )
    })?;
    lap(0, &mut t);
    CANVAS.with_borrow_mut(|canvas| {
        let pixmap = canvas.get_or_insert_with(|| {
            tiny_skia::Pixmap::new(WIDTH, HEIGHT).expect("a card has a size")
        });
        pixmap.fill(tiny_skia::Color::WHITE);
        let size = tree.size();
        let scale = (WIDTH as f32 / size.width()).min(HEIGHT as f32 / size.height());
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        lap(1, &mut t);
        let bytes = encode(pixmap.data())
            .map_err(|e| Diagnostic::error(Code::Card, format!("cannot encode a card: {e}")));
        lap(2, &mut t);
        bytes
    })
}

/// The palette of opaque RGBA pixels and each pixel's index in it, when
/// 256 colours hold them all. Runs of one colour (most of a card) cost a
/// comparison; other pixels a look-up in a small direct-mapped table in
/// front of the palette.
fn palette_of(rgba: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    const SLOTS: usize = 1024;
    let mut palette: Vec<u32> = Vec::with_capacity(256);
    let mut slots: Vec<(u32, u8)> = vec![(u32::MAX, 0); SLOTS];
    let mut indices: Vec<u8> = Vec::with_capacity(rgba.len() / 4);
    let (mut last, mut last_i) = (u32::MAX, 0u8);
    for p in rgba.chunks_exact(4) {
        let c = u32::from_le_bytes([p[0], p[1], p[2], 0]);
        if c != last {
            let slot = (c.wrapping_mul(0x9E37_79B1) >> 22) as usize % SLOTS;
            last_i = if slots[slot].0 == c {
                slots[slot].1
            } else {
                let i = match palette.iter().position(|&x| x == c) {
                    Some(i) => i as u8,
                    None if palette.len() < 256 => {
                        palette.push(c);
                        (palette.len() - 1) as u8
                    }
                    None => return None,
                };
                slots[slot] = (c, i);
                i
            };
            last = c;
        }
        indices.push(last_i);
    }
    let rgb = palette
        .iter()
        .flat_map(|c| {
            let [r, g, b, _] = c.to_le_bytes();
            [r, g, b]
        })
        .collect();
    Some((rgb, indices))
}

/// Opaque RGBA pixels as a PNG: indexed when 256 colours hold them all
/// (the Sub filter turns a run of one colour into zeros, which the fast
/// compressor packs best), else RGB.
fn encode(rgba: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::with_capacity(48 * 1024);
    let mut enc = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    match palette_of(rgba) {
        Some((palette, indices)) => {
            enc.set_color(png::ColorType::Indexed);
            enc.set_palette(palette);
            enc.set_filter(png::FilterType::Sub);
            enc.write_header()?.write_image_data(&indices)?;
        }
        None => {
            let rgb: Vec<u8> = rgba
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            enc.set_color(png::ColorType::Rgb);
            enc.write_header()?.write_image_data(&rgb)?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size_and_weight() {
        let a = text_width("Cut p99 latency", 40.0, false);
        assert!(a > 200.0 && a < 400.0, "{a}");
        assert!(text_width("Cut p99 latency", 80.0, false) > a * 1.9);
        assert!(text_width("Cut p99 latency", 40.0, true) > a);
        assert_eq!(text_width("", 40.0, false), 0.0);
    }

    #[test]
    fn wrap_keeps_words_whole_and_shortens_the_last_line() {
        let lines = wrap(
            "Moved billing to the new platform without downtime",
            60.0,
            true,
            1000.0,
            3,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(text_width(l, 60.0, true) <= 1000.0, "{l}");
        }
        // Nothing was cut: the lines are the title's words.
        assert_eq!(
            lines.join(" "),
            "Moved billing to the new platform without downtime"
        );
        let long = "word ".repeat(80);
        let lines = wrap(&long, 60.0, true, 1000.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        assert!(!lines[0].contains('…'));
        // A word longer than a line is broken inside.
        let lines = wrap(&"x".repeat(200), 60.0, true, 1000.0, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].ends_with('…'));
        assert_eq!(wrap("Short", 60.0, true, 1000.0, 3), ["Short"]);
        assert_eq!(wrap("", 60.0, true, 1000.0, 3), [""]);
    }

    #[test]
    fn what_the_font_cannot_draw_is_left_out_not_boxed() {
        assert_eq!(drawable("Запуск в Москве — 東京の講演"), "Запуск в Москве");
        assert_eq!(drawable("Zoë Ångström 🚀 talk"), "Zoë Ångström talk");
        assert_eq!(drawable("Café → 1/month"), "Café → 1/month");
        assert_eq!(drawable("日本"), "");
    }

    #[test]
    fn shorten_ends_in_an_ellipsis_only_when_cut() {
        assert_eq!(shorten("Cut p99", 34.0, false, 1000.0), "Cut p99");
        let s = shorten(&"déjà vu ".repeat(50), 34.0, false, 1000.0);
        assert!(s.ends_with('…'), "{s}");
        assert!(text_width(&s, 34.0, false) <= 1000.0);
    }

    #[test]
    fn a_card_of_few_colours_is_indexed_exactly_and_one_of_many_is_rgb() {
        let decode = |png: &[u8]| {
            let mut r = png::Decoder::new(std::io::Cursor::new(png));
            r.set_transformations(png::Transformations::EXPAND);
            let mut r = r.read_info().unwrap();
            let mut buf = vec![0; r.output_buffer_size()];
            let info = r.next_frame(&mut buf).unwrap();
            (info.color_type, buf)
        };
        let mut rgba = Vec::new();
        for i in 0..(WIDTH * HEIGHT) {
            let c = (i % 7) as u8 * 30;
            rgba.extend_from_slice(&[c, 255 - c, c / 2, 255]);
        }
        let png = encode(&rgba).unwrap();
        assert_eq!(&png[25..26], &[3], "colour type 3: indexed");
        let (_, pixels) = decode(&png);
        let rgb: Vec<u8> = rgba.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        assert_eq!(pixels, rgb);
        // 300 colours: RGB, just as exact.
        for (i, p) in rgba.chunks_mut(4).enumerate() {
            p[0] = (i % 300 / 2) as u8;
            p[1] = (i % 2) as u8;
        }
        let png = encode(&rgba).unwrap();
        assert_eq!(&png[25..26], &[2], "colour type 2: RGB");
        let (_, pixels) = decode(&png);
        let rgb: Vec<u8> = rgba.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        assert_eq!(pixels, rgb);
    }

    #[test]
    fn a_bad_svg_is_a_card_error_and_an_image_reads_nothing() {
        let d = png("<svg", "templates/card.svg").unwrap_err();
        assert_eq!(d.code, Code::Card);
        assert!(d.message.contains("templates/card.svg"), "{}", d.message);
        // An <image> naming a local file is not read.
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1200" height="630"><image href="/etc/passwd" width="10" height="10"/></svg>"#;
        assert!(png(svg, "x").is_ok());
    }
}
