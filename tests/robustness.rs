//! Robustness: arbitrary bytes and arbitrary front matter go through the
//! whole pipeline in memory — source → front matter → entry → Markdown →
//! site → pages — and the answer is always a page or a diagnostic, never a
//! panic. Every diagnostic with a line shows that line (the caret needs it).
//!
//! `cargo test` runs a bounded number of cases (128 per property, under a
//! second); `.ci/run` runs 5,000 with `PROPTEST_CASES`.

use std::sync::OnceLock;

use proptest::prelude::*;
use waymark::diag::Diagnostic;
use waymark::model::config::{self, Config};
use waymark::model::site::{self, Audience};
use waymark::model::source::{self, SourceFile, Sources};
use waymark::pages::render::Renderer;
use waymark::pages::theme::{self, Theme};
use waymark::pipeline;

/// Cards off: drawing them is most of a case's time. The cards get a run of
/// their own below, with fewer cases.
const CONFIG: &str = "title: Fuzz\nbase_url: https://alex.github.io/career/\ncards: false\n";
const WITH_CARDS: &str = "title: Fuzz\nbase_url: https://alex.github.io/career/\n";

fn config(text: &str) -> Config {
    config::parse(text, None).expect("the test config is valid")
}

/// The default theme and its compiled templates, shared by every case.
fn theme() -> &'static (Theme, Renderer) {
    static THEME: OnceLock<(Theme, Renderer)> = OnceLock::new();
    THEME.get_or_init(|| {
        let theme = theme::load(std::path::Path::new("/nonexistent-site"), "default")
            .expect("embedded theme");
        let renderer = Renderer::new(&theme).expect("embedded templates compile");
        (theme, renderer)
    })
}

fn proptest_config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(128);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What a run ended with.
enum Outcome {
    Pages(usize),
    Diagnostics,
}

/// Checks what every diagnostic promises: a file when it is about content,
/// and the source line whenever it has a line, so the caret can be shown.
fn check_diagnostics(diags: &[Diagnostic], files: &[(String, Vec<u8>)]) {
    for d in diags {
        let rendered = d.render(false);
        assert!(rendered.contains(&format!("[{}]", d.code)), "{rendered}");
        let Some(path) = &d.path else {
            panic!("a content diagnostic without a file: {rendered}");
        };
        assert!(
            files.iter().any(|(p, _)| p == path),
            "diagnostic names an unknown file: {rendered}"
        );
        if d.line > 0 {
            assert!(d.col > 0, "line without column: {rendered}");
            assert!(d.source_line.is_some(), "line without its text: {rendered}");
        }
    }
}

/// Runs the pipeline on in-memory files (paths relative to the site root).
fn run(files: &[(String, Vec<u8>)]) -> Outcome {
    run_with(CONFIG, files)
}

fn run_with(config_text: &str, files: &[(String, Vec<u8>)]) -> Outcome {
    let config = config(config_text);
    let mut sources = Sources::default();
    for (path, bytes) in files {
        match source::decode(path, bytes.clone()) {
            Ok(text) => {
                let (top, link_path) = path.split_once('/').expect("under a folder");
                sources.files.push(SourceFile {
                    path: path.clone(),
                    link_path: link_path.to_string(),
                    in_private_dir: top == "private",
                    text: text.into(),
                });
            }
            Err(d) => sources.errors.push(d),
        }
    }
    let (entries, assets, mut diags) = pipeline::resolve_sources(sources, &config);
    let today = "2026-03-06".parse().unwrap();
    diags.extend(waymark::model::lint::warnings(
        entries.iter().map(|e| &**e),
        today,
        Audience::default(),
    ));
    let (site, mut site_diags) =
        site::assemble(config, entries, &assets, Audience::default(), today);
    diags.append(&mut site_diags);
    check_diagnostics(&diags, files);
    if diags.iter().any(Diagnostic::is_error) {
        return Outcome::Diagnostics;
    }
    let (theme, renderer) = theme();
    // No site folder and no sealing: a sealed page is not published at all.
    match pipeline::render_site(&site, theme, renderer) {
        Ok(output) => {
            assert!(output.files.contains_key("index.html"));
            Outcome::Pages(output.html_pages())
        }
        Err(d) => panic!(
            "valid content failed to render:\n{}",
            d.iter().map(|d| d.render(false)).collect::<String>()
        ),
    }
}

fn folder() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "content/achievements",
        "content/goals",
        "content/reflections",
        "content/journey",
        "content/share",
        "content/pages",
        "content",
        "content/elsewhere",
        "private/reflections",
        "private/goals",
    ])
}

fn file_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}\\.md",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]-[a-z]{1,6}\\.md",
        Just("_index.md".to_string()),
        Just("index.md".to_string()),
    ]
}

/// A scalar as YAML might hold it: text, numbers, dates good and bad,
/// quotes, special characters.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9 ]{0,12}",
        "\\PC{0,16}",
        "20[0-9]{2}-[0-9]{2}-[0-9]{2}",
        "-?[0-9]{1,4}(\\.[0-9])?",
        Just("true".to_string()),
        Just("~".to_string()),
        Just("\"unclosed".to_string()),
        Just("[a, b".to_string()),
        Just("{x: 1}".to_string()),
        Just("a: b".to_string()),
        Just("@/goals/x.md".to_string()),
        prop::sample::select(vec![
            "1y", "3m", "30d", "10y", "active", "achieved", "dropped", "role", "award", "public",
            "private", "goal", "page", "2026-Q1",
        ])
        .prop_map(str::to_string),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "title", "date", "summary", "tags", "draft", "visibility", "slug", "featured",
            "extra", "kind", "impact", "metrics", "skills", "goals", "with", "links",
            "horizon", "due", "status", "measure", "why", "parent", "progress",
            "achieved_on", "period", "wellbeing", "mood", "end", "role", "org", "type",
            "for", "from", "to", "include", "ask", "sealed", "key_salt",
        ])
        .prop_map(str::to_string),
        1 => "[a-z_]{1,8}",
    ]
}

/// One `key: value` line, or a nested block or list under a key.
fn yaml_item() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (key(), scalar()).prop_map(|(k, v)| format!("{k}: {v}")),
        2 => (key(), prop::collection::vec(scalar(), 0..4))
            .prop_map(|(k, vs)| format!("{k}: [{}]", vs.join(", "))),
        2 => (key(), prop::collection::vec(scalar(), 1..4)).prop_map(|(k, vs)| {
            let items: Vec<String> = vs.iter().map(|v| format!("  - {v}")).collect();
            format!("{k}:\n{}", items.join("\n"))
        }),
        2 => (key(), prop::collection::vec((key(), scalar()), 1..4)).prop_map(|(k, kvs)| {
            let items: Vec<String> = kvs.iter().map(|(k, v)| format!("  {k}: {v}")).collect();
            format!("{k}:\n{}", items.join("\n"))
        }),
        1 => "\\PC{0,20}",
        1 => Just("\tindented: with a tab".to_string()),
    ]
}

/// Markdown with what waymark rewrites: `@/` links, task lists, headings,
/// local images, raw HTML.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "\\PC{0,40}",
        Just("- [x] done\n- [ ] to do".to_string()),
        "# [A-Za-z ]{0,10}( \\{#[a-z]{1,5}\\})?",
        "\\[link\\]\\(@/(goals|achievements|pages)/[a-z]{1,6}\\.md(#[a-z]{1,4})?\\)",
        Just("![chart](chart.svg)".to_string()),
        Just("<div>raw</div>".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |".to_string()),
        Just("footnote[^1]\n\n[^1]: note".to_string()),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|ps| ps.join("\n\n"))
}

fn entry_text() -> impl Strategy<Value = Vec<u8>> {
    let well_formed = (
        prop::option::of("[A-Za-z ]{1,20}"),
        prop::collection::vec(yaml_item(), 0..8),
        body(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(title, items, body, crlf, bom)| {
            let mut text = String::from("---\n");
            if let Some(t) = title {
                text.push_str(&format!("title: {t}\n"));
            }
            for i in items {
                text.push_str(&i);
                text.push('\n');
            }
            text.push_str("---\n");
            text.push_str(&body);
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let mut bytes = if bom {
                vec![0xef, 0xbb, 0xbf]
            } else {
                Vec::new()
            };
            bytes.extend(text.into_bytes());
            bytes
        });
    prop_oneof![
        8 => well_formed,
        1 => prop::collection::vec(any::<u8>(), 0..200),
        1 => "\\PC{0,200}".prop_map(String::into_bytes),
    ]
}

fn site_files() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    prop::collection::vec((folder(), file_name(), entry_text()), 1..6).prop_map(|files| {
        let mut seen = std::collections::BTreeSet::new();
        files
            .into_iter()
            .map(|(dir, name, bytes)| (format!("{dir}/{name}"), bytes))
            .filter(|(p, _)| seen.insert(p.clone()))
            .collect()
    })
}

/// Any text, quoted so YAML takes it as a string whatever it holds.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z0-9 ,.!?'-]{1,30}", "\\PC{1,30}"]
        .prop_map(|t| serde_json::to_string(&t).unwrap())
}

fn date() -> impl Strategy<Value = String> {
    (2018i16..2030, 1i8..13, 1i8..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

fn slug_list() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!["staff", "slos", "talks"]), 0..3)
        .prop_map(|v| format!("[{}]", v.join(", ")))
}

/// Front matter that fits its folder's kind, so most sites get as far as
/// rendering: valid keys, values from the allowed sets, references into a
/// small pool of goal slugs (some missing, some forming trees).
fn kind_entry() -> impl Strategy<Value = (String, String)> {
    let common = || (text(), prop::option::of(slug_list()), any::<bool>());
    prop_oneof![
        (common(), date(), prop::option::of(text()), slug_list(), slug_list()).prop_map(
            |((t, tags, draft), d, impact, skills, goals)| {
                let mut fm = format!("title: {t}\ndate: {d}\nskills: {skills}\ngoals: {goals}\ndraft: {draft}\n");
                if let Some(i) = impact { fm.push_str(&format!("impact: {i}\n")); }
                if let Some(tags) = tags { fm.push_str(&format!("tags: {tags}\n")); }
                ("content/achievements".to_string(), fm)
            }
        ),
        (
            common(),
            prop::sample::select(vec!["30d", "3m", "6m", "1y", "3y", "5y", "10y"]),
            prop::sample::select(vec!["planned", "active", "achieved", "paused", "dropped"]),
            prop::option::of(date()),
            prop::option::of(prop::sample::select(vec!["staff", "slos", "talks"])),
            prop::option::of(0u8..=100),
        )
            .prop_map(|((t, _, _), h, st, due, parent, progress)| {
                let mut fm = format!("title: {t}\nhorizon: {h}\nstatus: {st}\n");
                if let Some(d) = due { fm.push_str(&format!("due: {d}\n")); }
                if let Some(p) = parent { fm.push_str(&format!("parent: {p}\n")); }
                if let Some(p) = progress { fm.push_str(&format!("progress: {p}\n")); }
                ("content/goals".to_string(), fm)
            }),
        (common(), date(), prop::collection::vec(1u8..=10, 5), any::<bool>()).prop_map(
            |((t, _, _), d, w, public)| {
                let fm = format!(
                    "title: {t}\ndate: {d}\nperiod: 2026-Q1\nvisibility: {}\nwellbeing: {{career: {}, health: {}, relationships: {}, growth: {}, purpose: {}}}\n",
                    if public { "public" } else { "private" }, w[0], w[1], w[2], w[3], w[4]
                );
                ("content/reflections".to_string(), fm)
            }
        ),
        (
            common(),
            date(),
            prop::sample::select(vec!["role", "promotion", "education", "certification", "award", "move"]),
            text(),
        )
            .prop_map(|((t, _, _), d, ty, org)| {
                ("content/journey".to_string(), format!("title: {t}\ndate: {d}\ntype: {ty}\norg: {org}\n"))
            }),
        (common(), text(), slug_list()).prop_map(|((t, _, _), ask, goals)| {
            (
                "content/share".to_string(),
                format!("title: {t}\nask: {ask}\ninclude:\n  goals: {goals}\n"),
            )
        }),
        common().prop_map(|(t, _, _)| ("content/pages".to_string(), format!("title: {t}\n"))),
    ]
}

fn valid_looking_site() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let name = prop::sample::select(vec!["alpha", "beta", "gamma", "delta", "epsilon"]);
    let body = prop_oneof![
        3 => "[A-Za-z ,.]{0,60}",
        1 => "See \\[it\\]\\(@/goals/(staff|slos|talks)\\.md\\)\\.",
        1 => body(),
    ];
    prop::collection::vec((kind_entry(), name, body), 1..8).prop_map(|entries| {
        let mut seen = std::collections::BTreeSet::new();
        entries
            .into_iter()
            .map(|((dir, fm), name, body)| {
                (
                    format!("{dir}/{name}.md"),
                    format!("---\n{fm}---\n{body}\n").into_bytes(),
                )
            })
            .filter(|(p, _)| seen.insert(p.clone()))
            .chain(
                [
                    (
                        "content/goals/staff.md",
                        "---\ntitle: Staff\nhorizon: 3y\n---\n",
                    ),
                    (
                        "content/goals/slos.md",
                        "---\ntitle: SLOs\nhorizon: 1y\nparent: staff\n---\n",
                    ),
                    (
                        "content/goals/talks.md",
                        "---\ntitle: Talks\nhorizon: 1y\nparent: staff\n---\n",
                    ),
                ]
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())),
            )
            .collect()
    })
}

proptest! {
    #![proptest_config(proptest_config())]

    #[test]
    fn arbitrary_bytes_give_a_page_or_a_diagnostic(
        dir in folder(),
        name in file_name(),
        bytes in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let _ = run(&[(format!("{dir}/{name}"), bytes)]);
    }

    #[test]
    fn arbitrary_front_matter_gives_a_page_or_a_diagnostic(files in site_files()) {
        let _ = run(&files);
    }

    #[test]
    fn valid_looking_sites_give_pages_or_diagnostics(files in valid_looking_site()) {
        let _ = run(&files);
    }
}

/// A fiftieth of the cases (at least 8): each draws every card of its site.
fn card_config() -> ProptestConfig {
    let base = proptest_config();
    ProptestConfig {
        cases: (base.cases / 50).max(8),
        ..base
    }
}

proptest! {
    #![proptest_config(card_config())]

    /// Any title, impact or name reaches a card and draws (or is a
    /// diagnostic), never a panic.
    #[test]
    fn valid_looking_sites_draw_their_cards(files in valid_looking_site()) {
        let _ = run_with(WITH_CARDS, &files);
    }
}

/// The generators do reach the renderer: a fixed valid site builds pages.
#[test]
fn a_valid_site_renders_pages() {
    let files = vec![
        (
            "content/goals/staff.md".to_string(),
            b"---\ntitle: Staff\nhorizon: 3y\n---\n- [x] a\n- [ ] b\n".to_vec(),
        ),
        (
            "content/achievements/2026-03-02-x.md".to_string(),
            b"---\ntitle: X\nimpact: y\ngoals: [staff]\n---\nSee [it](@/goals/staff.md).\n"
                .to_vec(),
        ),
    ];
    match run(&files) {
        Outcome::Pages(n) => assert!(n > 5),
        Outcome::Diagnostics => panic!("a valid site failed"),
    }
}
