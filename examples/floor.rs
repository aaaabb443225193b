//! The floor for a build: read every Markdown file under DIR/content, render
//! it with pulldown-cmark, write one HTML file per entry — nothing else. A
//! generator cannot beat this; benches/compare.sh reports waymark against it.
//!
//! cargo run --release --example floor -- DIR OUT

use std::path::Path;

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let src = Path::new(args.first().expect("usage: floor DIR OUT")).join("content");
    let out = Path::new(args.get(1).expect("usage: floor DIR OUT"));
    let files: Vec<_> = walkdir::WalkDir::new(&src)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let rendered: Vec<(String, String)> = files
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
            let mut html = String::new();
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(body, waymark::model::markdown::options()),
            );
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, html)
        })
        .collect();
    for (stem, html) in rendered {
        let dir = out.join(stem);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), html).unwrap();
    }
}
