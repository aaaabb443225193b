//! The default theme: what every built page may not contain (script,
//! requests to other hosts), the journey timeline read back from built
//! fixture sites of 1, 5 and 20 years (no two labels overlap, no leader
//! crosses a label), the text alternatives of the charts, and the ways a
//! site overrides the theme (one template, one block, one partial).

use std::path::Path;

use waymark::charts::svg::{Anchor, Rect, Segment, label_box};

use crate::support::*;

/// Every start tag in `html`, as (name, raw attribute text).
fn tags(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let inner = &rest[..end];
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        out.push((name.clone(), inner[name.len()..].to_string()));
        rest = &rest[end..];
    }
    out
}

/// The value of attribute `name` in a tag's attribute text.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let i = attrs.find(&needle)? + needle.len();
    let j = attrs[i..].find('"')?;
    Some(attrs[i..i + j].replace("&amp;", "&"))
}

/// The names of the attributes in a tag's attribute text.
fn attr_names(attrs: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = attrs.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/'))
                .collect();
        if name.is_empty() {
            break;
        }
        names.push(name.to_ascii_lowercase());
        if chars.next_if_eq(&'=').is_some() {
            match chars.next() {
                Some(q @ ('"' | '\'')) => while chars.next().is_some_and(|c| c != q) {},
                _ => while chars.next().is_some_and(|c| !c.is_whitespace()) {},
            }
        }
    }
    names
}

fn other_host(url: &str, origin: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("//") || lower.contains("://")) && !lower.starts_with(origin)
}

#[test]
fn built_pages_have_no_script_and_request_nothing_from_other_hosts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &[]);
    let origin = "https://alex.github.io/";
    let mut problems = Vec::new();
    let mut pages = 0;
    let mut sealed_pages = 0;
    let mut search_pages = 0;
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".css") {
            for (i, _) in text.match_indices("url(") {
                let arg = text[i + 4..].split(')').next().unwrap_or("");
                let arg = arg.trim_matches(|c| c == '"' || c == '\'' || c == ' ');
                if other_host(arg, origin) {
                    problems.push(format!("{path}: url({arg})"));
                }
            }
            if text.contains("@import") {
                problems.push(format!("{path}: @import"));
            }
            continue;
        }
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let lower = text.to_ascii_lowercase();
        if lower.contains("<script") {
            // The one exception: a sealed page's own opener, inline, which
            // reaches for nothing on the network.
            let script = lower.split("<script").nth(1).unwrap_or_default();
            let script = script.split("</script>").next().unwrap_or_default();
            let sealed_opener = text.contains("id=\"waymark-sealed\"")
                && lower.matches("<script").count() == 1
                && script.starts_with('>')
                && ![
                    "fetch(",
                    "xmlhttprequest",
                    "import(",
                    "sendbeacon",
                    "websocket",
                    "eventsource",
                    ".src",
                ]
                .iter()
                .any(|w| script.contains(w));
            // The other: the search page's one module script, which loads
            // the site's own Pagefind bundle and nothing else.
            let search_form = path == "search/index.html"
                && lower.matches("<script").count() == 1
                && script.starts_with(" type=\"module\">")
                && script.matches("import(").count() == 1
                && script.contains("import(form.dataset.bundle)")
                && text.contains("data-bundle=\"/career/pagefind/pagefind.js\"")
                && ![
                    "fetch(",
                    "xmlhttprequest",
                    "sendbeacon",
                    "websocket",
                    "eventsource",
                    "http",
                ]
                .iter()
                .any(|w| script.contains(w));
            if sealed_opener {
                sealed_pages += 1;
            } else if search_form {
                search_pages += 1;
            } else {
                problems.push(format!("{path}: <script>"));
            }
        }
        for (name, attrs) in tags(&text) {
            // Attributes that make the browser fetch something.
            for a in ["src", "srcset", "poster", "data", "background"] {
                if let Some(v) = attr(&attrs, a)
                    && other_host(&v, origin)
                {
                    problems.push(format!("{path}: <{name} {a}=\"{v}\">"));
                }
            }
            if name == "link" {
                let rel = attr(&attrs, "rel").unwrap_or_default();
                let fetches = rel.split_whitespace().any(|r| {
                    matches!(
                        r,
                        "stylesheet"
                            | "icon"
                            | "preload"
                            | "prefetch"
                            | "preconnect"
                            | "dns-prefetch"
                            | "modulepreload"
                            | "manifest"
                            | "apple-touch-icon"
                    )
                });
                if let Some(href) = attr(&attrs, "href")
                    && fetches
                    && other_host(&href, origin)
                {
                    problems.push(format!("{path}: <link rel=\"{rel}\" href=\"{href}\">"));
                }
            }
            if let Some(style) = attr(&attrs, "style")
                && style.contains("url(")
            {
                problems.push(format!("{path}: style with url(): {style}"));
            }
            if let Some(a) = attr_names(&attrs).iter().find(|a| a.starts_with("on")) {
                problems.push(format!("{path}: event handler {a} in <{name}>"));
            }
        }
    }
    assert!(pages > 50, "the example site has its pages ({pages})");
    assert_eq!(
        sealed_pages, 1,
        "the demo's sealed brief, and no other page, has a script"
    );
    assert_eq!(search_pages, 1, "and the search page");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A site with `years` years of career history ending on the test's today
/// (2026-11-23): a role every few years (one overlapping side role), a
/// milestone of another kind most years, and a year of weekly achievements.
fn career_site(years: i32) -> Fixture {
    let f = Fixture::new();
    let last = 2026;
    let first = last - years;
    let kinds = ["promotion", "certification", "award", "move", "education"];
    let mut y = first;
    let mut k = 0;
    while y <= last {
        let len = [3, 2, 4][k % 3];
        let end = y + len;
        let end_line = if end <= last {
            format!("end: {end}-03-31\n")
        } else {
            String::new()
        };
        f.write(
            &format!("content/journey/{y}-04-01-role-{k}.md"),
            &format!(
                "---\ntitle: Role {k}\ntype: role\nrole: {} Engineer\norg: Company {k} Holdings\n{end_line}---\n",
                ["Junior", "Senior", "Staff", "Principal"][k % 4]
            ),
        );
        y = end;
        k += 1;
    }
    if years >= 5 {
        f.write(
            &format!("content/journey/{}-09-01-side.md", first + 2),
            &format!(
                "---\ntitle: Mentor\ntype: role\nrole: Volunteer mentor\norg: Code Club\nend: {}-06-30\n---\n",
                first + 4
            ),
        );
    }
    for (i, yy) in (first..=last).enumerate() {
        let kind = kinds[i % kinds.len()];
        let month = 1 + (i * 5) % 11;
        f.write(
            &format!("content/journey/{yy}-{month:02}-15-{kind}-{i}.md"),
            &format!(
                "---\ntitle: \"{} {yy}: {}\"\ntype: {kind}\n---\n",
                [
                    "Promoted",
                    "Certified",
                    "Won an award",
                    "Moved",
                    "Graduated"
                ][i % 5],
                [
                    "Lead Engineer",
                    "Cloud Architect Professional",
                    "Reliability Champion",
                    "to Lisbon",
                    "MSc Distributed Systems"
                ][i % 5]
            ),
        );
    }
    // Two on one day near the end, and one last week.
    f.write(
        "content/journey/2026-03-02-a.md",
        "---\ntitle: Same day A\ntype: award\n---\n",
    );
    f.write(
        "content/journey/2026-03-02-b.md",
        "---\ntitle: Same day B, with a longer name\ntype: certification\n---\n",
    );
    f.write(
        "content/journey/2026-11-16-late.md",
        "---\ntitle: Just last week\ntype: certification\n---\n",
    );
    // The road ahead: two routes to the north star, goals due on one
    // day, one placed by its horizon, one reached, one overdue.
    f.write(
        "waymark.yaml",
        &format!("{CONFIG}north_star: \"Run the platform group of a company I admire\"\n"),
    );
    for (slug, front) in ROAD {
        f.write(
            &format!("content/goals/{slug}.md"),
            &format!("---\n{front}\n---\n"),
        );
    }
    for w in 0..52 {
        let d = jiff::civil::date(2026, 11, 20).saturating_sub(jiff::Span::new().weeks(w));
        f.write(
            &format!("content/achievements/{d}-a{w}.md"),
            &format!("---\ntitle: Week {w} work\nimpact: Something measurable {w}\n---\nDone.\n"),
        );
    }
    f
}

/// The goals of `career_site`'s road: (slug, front matter).
const ROAD: &[(&str, &str)] = &[
    (
        "staff",
        "title: Become a Staff Engineer\ndue: 2028-06-30\nstatus: active\nprogress: 60",
    ),
    (
        "slos",
        "title: Own the SLO program across every product team\ndue: 2026-12-31\nstatus: active\nparent: staff\nprogress: 85",
    ),
    (
        "oncall",
        "title: Revamp on-call\ndue: 2026-12-31\nstatus: active\nparent: slos",
    ),
    (
        "packet",
        "title: Write the promotion packet\ndue: 2026-12-18\nstatus: active\nparent: staff",
    ),
    (
        "manager",
        "title: Try engineering management for a year\nhorizon: 5y\nstatus: planned",
    ),
    (
        "cover",
        "title: Cover the team lead role\ndue: 2027-09-30\nstatus: planned\nparent: manager",
    ),
    (
        "design",
        "title: Finish the design doc\ndue: 2026-10-01\nstatus: active\nparent: staff",
    ),
    (
        "talk",
        "title: Speak at a conference\nhorizon: 1y\nstatus: achieved\nachieved_on: 2026-10-09\nparent: staff",
    ),
];

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The `<svg class="…{class}…">` element of a page.
fn svg<'a>(html: &'a str, class: &str) -> &'a str {
    let start = html
        .find(&format!("<svg class=\"{class}"))
        .unwrap_or_else(|| panic!("no svg {class}"));
    let end = html[start..].find("</svg>").unwrap() + start + 6;
    &html[start..end]
}

struct Drawn {
    text: String,
    rect: Rect,
}

/// Text boxes of an SVG, computed the way the layout computes them.
fn labels(svg: &str) -> Vec<Drawn> {
    let mut out = Vec::new();
    for (i, _) in svg.match_indices("<text ") {
        let open_end = svg[i..].find('>').unwrap() + i;
        let attrs = &svg[i + 5..open_end];
        let close = svg[open_end..].find("</text>").unwrap() + open_end;
        let text = unescape(&svg[open_end + 1..close]);
        let num = |a: &str| attr(attrs, a).map(|v| v.parse::<f64>().unwrap());
        let anchor = match attr(attrs, "text-anchor").as_deref() {
            Some("end") => Anchor::End,
            Some("middle") => Anchor::Middle,
            _ => Anchor::Start,
        };
        let size = num("font-size").unwrap_or(12.0);
        let bold = attr(attrs, "font-weight").as_deref() == Some("700");
        let rect = label_box(
            num("x").unwrap(),
            num("y").unwrap(),
            anchor,
            &text,
            size,
            bold,
        );
        out.push(Drawn { text, rect });
    }
    out
}

fn leaders(svg: &str) -> Vec<Segment> {
    tags(svg)
        .into_iter()
        .filter(|(name, attrs)| {
            name == "line" && attr(attrs, "class").as_deref() == Some("jr-leader")
        })
        .map(|(_, attrs)| {
            let n = |a: &str| attr(&attrs, a).unwrap().parse::<f64>().unwrap();
            Segment {
                x1: n("x1"),
                y1: n("y1"),
                x2: n("x2"),
                y2: n("y2"),
            }
        })
        .collect()
}

fn view_box(svg: &str) -> (f64, f64) {
    let (_, attrs) = tags(svg).into_iter().next().unwrap();
    let vb = attr(&attrs, "viewBox").unwrap();
    let v: Vec<f64> = vb.split(' ').map(|x| x.parse().unwrap()).collect();
    (v[2], v[3])
}

#[test]
fn journey_labels_never_overlap_with_1_5_or_20_years_of_history() {
    for years in [1, 5, 20] {
        let f = career_site(years);
        f.run(&["build"]).ok();
        let page = f.read("public/journey/index.html");
        for class in ["journey-chart journey-wide", "journey-chart journey-narrow"] {
            let s = svg(&page, class);
            assert!(s.contains("<title id=") && s.contains("<desc id="));
            let drawn = labels(s);
            assert!(drawn.iter().any(|d| d.text == "now"), "{class}: now");
            for (i, a) in drawn.iter().enumerate() {
                for b in &drawn[i + 1..] {
                    assert!(
                        !a.rect.intersects(&b.rect),
                        "{years} years, {class}: {:?} overlaps {:?}",
                        a.text,
                        b.text
                    );
                }
            }
            for seg in leaders(s) {
                for d in &drawn {
                    assert!(
                        !d.rect.hit_by(&seg),
                        "{years} years, {class}: a leader crosses {:?}",
                        d.text
                    );
                }
            }
            let (w, h) = view_box(s);
            for d in &drawn {
                assert!(
                    d.rect.x0 >= 0.0 && d.rect.x1 <= w && d.rect.y0 >= 0.0 && d.rect.y1 <= h,
                    "{years} years, {class}: {:?} sticks out",
                    d.text
                );
            }
            // Roles are named in full in the wide chart.
            if class.ends_with("wide") {
                let role = "Junior Engineer · Company 0 Holdings";
                assert!(
                    drawn.iter().any(|d| d.text == role),
                    "{years} years: {role} drawn in full"
                );
            }
        }
        // Every goal is on both maps, linked to its page, and in the list
        // below with where it leads.
        for (slug, front) in ROAD {
            let title = front.lines().next().unwrap().trim_start_matches("title: ");
            let link = if *slug == "talk" {
                format!("<a href=\"/career/goals/{slug}/\"><title>Goal reached: {title}, ")
            } else {
                format!("<a href=\"/career/goals/{slug}/\"><title>{title} (")
            };
            for class in ["journey-chart journey-wide", "journey-chart journey-narrow"] {
                assert!(
                    svg(&page, class).contains(&link),
                    "{years} years, {class}: {slug}"
                );
            }
            assert!(
                page.contains(&format!("<a href=\"/career/goals/{slug}/\">{title}</a>")),
                "{years} years: {slug} is listed"
            );
        }
        assert_eq!(
            page.matches("<p class=\"toward\">").count(),
            ROAD.len() - 1,
            "each goal ahead says where it leads"
        );
        // The same data as text: every milestone is listed below the chart.
        for e in std::fs::read_dir(f.path().join("content/journey")).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let title = text
                .lines()
                .find_map(|l| l.strip_prefix("title: "))
                .unwrap()
                .trim_matches('"');
            assert!(
                page.contains(&format!("<h3>{}", title.replace('\'', "&#39;"))),
                "{years} years: {title} is listed"
            );
        }
    }
}

#[test]
fn charts_carry_titles_and_text_alternatives() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_example(&out, &[]);
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let home = read("index.html");
    for class in ["heatmap heatmap-wide", "heatmap heatmap-narrow"] {
        let s = svg(&home, class);
        assert!(s.contains("role=\"img\"") && s.contains("<title id=") && s.contains("<desc id="));
    }
    assert!(home.contains("Current streak:"), "the streak in words");
    let journey = read("journey/index.html");
    assert!(
        journey.contains("class=\"timeline\""),
        "milestones as a list"
    );
    assert!(
        journey.contains("<table class=\"data\">"),
        "quarters as a table"
    );
    assert!(
        journey.contains("North star"),
        "the road ends at the north star"
    );
    let refl = read("reflections/index.html");
    let s = svg(&refl, "wellbeing-chart");
    assert!(s.contains("<title id=") && s.contains("<desc id="));
    assert!(refl.contains("<caption class=\"visually-hidden\">Wellbeing scores"));
    // Task lists are drawn as labelled marks, not unlabeled form controls.
    let goal = read("goals/become-staff-engineer/index.html");
    assert!(!goal.contains("<input"), "no unlabeled checkbox");
    assert!(goal.contains("aria-label=\"Done\""));
}

#[test]
fn the_goal_tree_nests_sub_goals_under_their_parents() {
    let f = Fixture::small();
    f.write(
        "content/goals/talk.md",
        "---\ntitle: Give a talk\nhorizon: 6m\nparent: slos\nprogress: 50\n---\n",
    );
    f.run(&["build"]).ok();
    let goals = f.read("public/goals/index.html");
    let forest = &goals[goals.find("class=\"goal-forest\"").unwrap()..];
    let forest = &forest[..forest.find("</section>").unwrap()];
    let staff = forest.find(">Become Staff<").unwrap();
    let slos = forest.find(">Own SLOs<").unwrap();
    let talk = forest.find(">Give a talk<").unwrap();
    assert!(staff < slos && slos < talk);
    // Each step opens a nested list, and every list is closed.
    assert_eq!(forest[staff..slos].matches("<ul>").count(), 1);
    assert_eq!(forest[slos..talk].matches("<ul>").count(), 1);
    // (The slice starts inside the outer list's own start tag.)
    assert_eq!(
        forest.matches("<ul").count() + 1,
        forest.matches("</ul>").count()
    );
    // Own SLOs has no checklist or progress: it takes its step's progress.
    assert!(forest[slos..talk].contains("50%"));
}

#[test]
fn a_site_overrides_one_block_everywhere_through_base_html() {
    let f = Fixture::small();
    f.write(
        "templates/base.html",
        "{% extends \"layout.html\" %}{% block footer %}<footer>MY FOOTER</footer>{% endblock footer %}",
    );
    f.run(&["build"]).ok();
    for page in [
        "public/index.html",
        "public/goals/index.html",
        "public/about/index.html",
    ] {
        let html = f.read(page);
        assert!(html.contains("<footer>MY FOOTER</footer>"), "{page}");
        assert!(!html.contains("Made with waymark"), "{page}");
        assert!(
            html.contains("<nav aria-label=\"Main\">"),
            "{page}: the rest stays"
        );
    }
}

#[test]
fn a_site_overrides_one_partial_on_every_page_that_uses_it() {
    let f = Fixture::small();
    f.write(
        "templates/partials/achievement_card.html",
        "<p class=\"mine\">CARD {{ a.title }}</p>",
    );
    f.run(&["build"]).ok();
    for page in [
        "public/index.html",
        "public/achievements/index.html",
        "public/skills/rust/index.html",
    ] {
        assert!(
            f.read(page).contains("CARD Shipped the importer"),
            "{page} uses the site's partial"
        );
    }
}

/// The custom properties of the first `:root { … }` block after `from`.
fn palette(css: &str, from: usize) -> std::collections::HashMap<String, String> {
    let start = css[from..].find(":root {").unwrap() + from;
    let end = css[start..].find('}').unwrap() + start;
    let mut block = css[start + 7..end].to_string();
    while let Some(i) = block.find("/*") {
        let j = block[i..].find("*/").map_or(block.len(), |j| i + j + 2);
        block.replace_range(i..j, "");
    }
    block
        .split(';')
        .filter_map(|decl| {
            let (k, v) = decl.split_once(':')?;
            let (k, v) = (k.trim(), v.trim());
            (k.starts_with("--") && v.starts_with('#') && v.len() == 7)
                .then(|| (k.to_string(), v.to_string()))
        })
        .collect()
}

fn luminance(hex: &str) -> f64 {
    let c = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn theme_colours_meet_wcag_aa_in_light_and_dark() {
    let css = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .unwrap();
    let light = palette(&css, 0);
    let dark_at = css.find("@media (prefers-color-scheme: dark)").unwrap();
    let dark = palette(&css, dark_at);
    // Text: 4.5:1 on the page and on cards. Chart lines, points and bars
    // (WCAG 1.4.11, non-text contrast): 3:1.
    let text = [
        "--text",
        "--muted",
        "--accent",
        "--good",
        "--warn",
        "--bad",
        "--private",
        "--chart-text",
        "--chart-muted",
        "--now",
    ];
    let marks = [
        "--chart-axis",
        "--role-line",
        "--bar",
        "--hm-3",
        "--hm-line",
        "--k-promotion",
        "--k-education",
        "--k-certification",
        "--k-award",
        "--k-move",
        "--k-event",
        "--wb-career",
        "--wb-health",
        "--wb-relationships",
        "--wb-growth",
        "--wb-purpose",
        "--featured-line",
    ];
    let mut failures = Vec::new();
    for (name, p) in [("light", &light), ("dark", &dark)] {
        for bg in ["--bg", "--surface"] {
            for (list, min) in [(&text[..], 4.5), (&marks[..], 3.0)] {
                for fg in list {
                    let (Some(f), Some(b)) = (p.get(*fg), p.get(bg)) else {
                        failures.push(format!("{name}: {fg} or {bg} missing"));
                        continue;
                    };
                    let c = contrast(f, b);
                    if c < min {
                        failures.push(format!("{name}: {fg} {f} on {bg} {b}: {c:.2} < {min}"));
                    }
                }
            }
        }
        // Text on its own tinted backgrounds.
        for (fg, bg) in [
            ("--accent", "--accent-soft"),
            ("--featured", "--featured-bg"),
            ("--private", "--private-bg"),
            ("--on-accent", "--accent"),
            ("--muted", "--surface-2"),
        ] {
            let c = contrast(&p[fg], &p[bg]);
            if c < 4.5 {
                failures.push(format!("{name}: {fg} on {bg}: {c:.2} < 4.5"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_share_page_is_a_brief_without_site_navigation() {
    let f = Fixture::small();
    f.run(&["build"]).ok();
    let share = f.read("public/share/promo/index.html");
    assert!(share.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(
        !share.contains("<nav aria-label=\"Main\">"),
        "no site navigation"
    );
    assert!(share.contains("The ask") && share.contains("Sponsor me"));
    assert!(share.contains("For My sponsor") || share.contains("for My sponsor"));
    // Impact first: the impact line comes before the achievement's title.
    let impact = share.find("3x faster").unwrap();
    let title = share.find("Shipped the importer").unwrap();
    assert!(impact < title);
    // It keeps the skip link and its one main.
    assert!(share.contains("href=\"#main\"") && share.matches("<main").count() == 1);
}
