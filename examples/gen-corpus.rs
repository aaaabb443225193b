//! Writes a deterministic synthetic career journal of N entries for
//! benchmarks: achievements, goals (with parent trees and task lists),
//! reflections and milestones, with YAML front matter, goal links, tags,
//! skills, tables and 150–600 words of Markdown each. The same folder builds
//! with waymark and with Hugo (it also gets a minimal Hugo config and
//! layouts: entry pages, a list page per section, tag pages).
//!
//! cargo run --release --example gen-corpus -- N DIR

use std::fmt::Write as _;
use std::path::Path;

/// splitmix64: small, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const LADDER_THEMES: &[&str] = &["delivery", "technical", "people", "influence", "craft"];

const WORDS: &[&str] = &[
    "platform",
    "migration",
    "latency",
    "service",
    "team",
    "review",
    "design",
    "incident",
    "on-call",
    "cluster",
    "database",
    "query",
    "index",
    "cache",
    "budget",
    "error",
    "release",
    "pipeline",
    "deploy",
    "rollback",
    "alert",
    "dashboard",
    "metric",
    "trace",
    "log",
    "customer",
    "checkout",
    "payment",
    "search",
    "feature",
    "experiment",
    "mentor",
    "pairing",
    "roadmap",
    "proposal",
    "document",
    "decision",
    "tradeoff",
    "capacity",
    "cost",
    "reliability",
    "throughput",
    "queue",
    "worker",
    "schema",
    "api",
    "contract",
    "test",
    "coverage",
    "refactor",
    "module",
    "boundary",
    "ownership",
    "handover",
    "runbook",
    "postmortem",
    "the",
    "we",
    "shipped",
    "measured",
    "reduced",
    "improved",
    "learned",
    "with",
    "and",
    "because",
    "after",
    "before",
    "while",
    "across",
    "every",
    "week",
    "quarter",
    "steady",
    "faster",
    "simpler",
    "safer",
    "cheaper",
    "clearer",
    "together",
    "first",
    "finally",
    "again",
    "carefully",
];
const TAGS: &[&str] = &[
    "platform",
    "reliability",
    "performance",
    "leadership",
    "mentoring",
    "writing",
    "speaking",
    "hiring",
    "security",
    "cost",
    "data",
    "frontend",
    "backend",
    "infra",
    "observability",
    "process",
    "community",
    "open-source",
    "incident",
    "design",
    "migration",
    "testing",
    "tooling",
    "product",
    "strategy",
    "learning",
    "career",
    "team",
    "quality",
    "api",
    "mobile",
    "devex",
    "ci",
    "docs",
    "research",
    "growth",
    "ops",
    "support",
    "planning",
    "culture",
];
const SKILLS: &[&str] = &[
    "rust",
    "go",
    "python",
    "typescript",
    "kubernetes",
    "terraform",
    "postgres",
    "kafka",
    "redis",
    "observability",
    "system-design",
    "incident-response",
    "mentoring",
    "technical-writing",
    "public-speaking",
    "hiring",
    "cost-optimization",
    "security",
    "performance",
    "testing",
    "aws",
    "gcp",
    "linux",
    "networking",
    "sql",
    "react",
    "graphql",
    "grpc",
    "ci-cd",
    "leadership",
];
const PEOPLE: &[&str] = &[
    "Marta Sousa",
    "Daniel Okafor",
    "Inês Carvalho",
    "Tiago Ferreira",
    "Leonor Costa",
    "Mathieu Tremblay",
    "Priya Natarajan",
    "Sam Lee",
    "Ana Ruiz",
    "Kofi Mensah",
    "Yuki Tanaka",
    "Omar Haddad",
];
const HORIZONS: &[&str] = &["10y", "5y", "3y", "1y", "6m", "3m", "30d"];

fn sentence(r: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = r.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn body(r: &mut Rng, goal_slugs: &[String], tasks: bool) -> String {
    let target = 150 + r.below(451);
    let mut out = String::new();
    let mut words = 0;
    let mut para = 0;
    while words < target {
        match para % 5 {
            2 if r.below(3) == 0 => {
                out.push_str("| Metric | Before | After |\n|---|---|---|\n");
                for _ in 0..3 {
                    let _ = writeln!(
                        out,
                        "| {} | {} ms | {} ms |",
                        r.pick(WORDS),
                        100 + r.below(900),
                        20 + r.below(300)
                    );
                }
                out.push('\n');
                words += 12;
            }
            3 => {
                for _ in 0..3 + r.below(3) {
                    let n = 4 + r.below(8);
                    let _ = writeln!(out, "- {}", sentence(r, n));
                    words += n;
                }
                out.push('\n');
            }
            _ => {
                let mut p = String::new();
                for _ in 0..3 + r.below(4) {
                    let n = 8 + r.below(12);
                    p.push_str(&sentence(r, n));
                    p.push(' ');
                    words += n;
                }
                if !goal_slugs.is_empty() && r.below(4) == 0 {
                    let g = &goal_slugs[r.below(goal_slugs.len())];
                    let _ = write!(p, "This moves [the goal](@/goals/{g}.md) forward.");
                }
                out.push_str(p.trim_end());
                out.push_str("\n\n");
            }
        }
        para += 1;
    }
    if tasks {
        out.push_str("## Checklist\n\n");
        for _ in 0..3 + r.below(5) {
            let _ = writeln!(
                out,
                "- [{}] {}",
                if r.below(2) == 0 { "x" } else { " " },
                sentence(r, 5)
            );
        }
    }
    out
}

fn list(r: &mut Rng, pool: &[&str], max: usize) -> String {
    let n = 1 + r.below(max);
    let mut picked: Vec<&str> = Vec::new();
    while picked.len() < n {
        let p = r.pick(pool);
        if !picked.contains(&p) {
            picked.push(p);
        }
    }
    format!("[{}]", picked.join(", "))
}

fn date_for(i: usize, total: usize) -> (i32, u32, u32) {
    // Spread over 2007-01-01 .. 2026-11-20.
    let days_total = 7263usize;
    let day = i * days_total / total.max(1);
    let mut y = 2007;
    let mut d = day as i64;
    loop {
        let len = if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
            366
        } else {
            365
        };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let months = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    (y, m as u32 + 1, d as u32 + 1)
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args
        .first()
        .and_then(|a| a.parse().ok())
        .expect("usage: gen-corpus N DIR");
    let root = Path::new(args.get(1).expect("usage: gen-corpus N DIR"));
    let mut r = Rng(0x5EED_0000 ^ n as u64);
    let goals = (n / 20).max(3);
    let reflections = (n * 8 / 100).max(2);
    let milestones = (n / 50).max(4);
    let achievements = n.saturating_sub(goals + reflections + milestones).max(1);

    write(
        root,
        "waymark.yaml",
        "title: \"Synthetic Journal\"\nbase_url: \"https://bench.example.com/\"\nauthor:\n  name: Bench Person\n  headline: Engineer\nnorth_star: \"Lead a platform team\"\nladder: { level: level-2, target: level-3 }\n",
    );
    // A career ladder of 60 competencies (4 levels, 5 themes, 3 a cell),
    // named by most achievements. Its own random stream, so the rest of
    // the corpus is the same as without it.
    let mut ladder = String::from("name: \"Synthetic Ladder\"\nlevels:\n");
    for l in 1..=4 {
        let _ = writeln!(ladder, "  - {{ id: level-{l}, name: \"Level {l}\" }}");
    }
    ladder.push_str("themes:\n");
    for t in LADDER_THEMES {
        let _ = writeln!(
            ladder,
            "  - {{ id: {t}, name: \"{t}\", summary: \"The {t} theme\" }}"
        );
    }
    ladder.push_str("competencies:\n");
    let mut competency_ids = Vec::new();
    let mut lr = Rng(0x1ADD_E500 ^ n as u64);
    for l in 1..=4 {
        for t in LADDER_THEMES {
            for k in 1..=3 {
                let id = format!("{t}-{l}-{k}");
                let _ = writeln!(
                    ladder,
                    "  - id: {id}\n    level: level-{l}\n    theme: {t}\n    summary: \"{}\"\n    proficiency: Practitioner",
                    sentence(&mut lr, 9).trim_end_matches('.')
                );
                competency_ids.push(id);
            }
        }
    }
    write(root, "ladder.yaml", &ladder);
    write(
        root,
        "hugo.yaml",
        "baseURL: \"https://bench.example.com/\"\ntitle: \"Synthetic Journal\"\ndisableKinds: []\ntaxonomies:\n  tag: tags\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: true\n",
    );
    write(
        root,
        "layouts/_default/baseof.html",
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }} · {{ .Site.Title }}</title><meta name=\"description\" content=\"{{ .Summary | plainify | truncate 160 }}\"><link rel=\"canonical\" href=\"{{ .Permalink }}\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/achievements/\">Achievements</a> <a href=\"/goals/\">Goals</a> <a href=\"/tags/\">Tags</a></nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    );
    write(
        root,
        "layouts/_default/single.html",
        "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format \"2006-01-02\" }}</time>{{ with .Params.impact }}<p>{{ . }}</p>{{ end }}{{ .Content }}<ul>{{ range .Params.tags }}<li><a href=\"/tags/{{ . | urlize }}/\">{{ . }}</a></li>{{ end }}</ul></article>{{ end }}\n",
    );
    write(
        root,
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Date.Format \"2006-01-02\" }}</li>{{ end }}</ul>{{ end }}\n",
    );
    write(
        root,
        "layouts/index.html",
        "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 10 (where .Site.RegularPages \"Section\" \"achievements\") }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    );

    // Goals first, so everything else can name them; parents are earlier,
    // longer-horizon goals.
    let mut goal_slugs: Vec<String> = Vec::new();
    for i in 0..goals {
        let slug = format!("goal-{i:05}");
        let h = HORIZONS[(i * HORIZONS.len() / goals).min(HORIZONS.len() - 1)];
        let parent = if i >= 3 {
            Some(format!("goal-{:05}", r.below(i / 2 + 1)))
        } else {
            None
        };
        let status = ["active", "active", "planned", "achieved", "paused"][r.below(5)];
        let (y, m, d) = date_for(goals + i, goals * 2);
        let mut fm = format!(
            "---\ntitle: \"{}\"\nhorizon: {h}\nstatus: {status}\ndue: {:04}-{m:02}-{d:02}\nmeasure: \"{}\"\nwhy: \"{}\"\ntags: {}\n",
            sentence(&mut r, 4).trim_end_matches('.'),
            y + 1,
            sentence(&mut r, 8),
            sentence(&mut r, 10),
            list(&mut r, TAGS, 2)
        );
        if let Some(p) = &parent {
            let _ = writeln!(fm, "parent: {p}");
        }
        fm.push_str("---\n");
        let text = format!("{fm}{}", body(&mut r, &goal_slugs, true));
        write(root, &format!("content/goals/{slug}.md"), &text);
        goal_slugs.push(slug);
    }
    for i in 0..achievements {
        let (y, m, d) = date_for(i, achievements);
        let slug = format!("note-{i:05}");
        let mut fm = format!(
            "---\ntitle: \"{}\"\nimpact: \"{} {}% → {}%\"\nskills: {}\ntags: {}\nwith: [\"{}\"]\n",
            sentence(&mut r, 5).trim_end_matches('.'),
            r.pick(WORDS),
            20 + r.below(70),
            r.below(20),
            list(&mut r, SKILLS, 3),
            list(&mut r, TAGS, 3),
            r.pick(PEOPLE)
        );
        if r.below(2) == 0 {
            let g = &goal_slugs[r.below(goal_slugs.len())];
            let _ = writeln!(fm, "goals: [{g}]");
        }
        if lr.below(5) != 0 {
            let ids: Vec<&str> = (0..1 + lr.below(3))
                .map(|_| competency_ids[lr.below(competency_ids.len())].as_str())
                .collect();
            let _ = writeln!(fm, "evidence: [{}]", ids.join(", "));
        }
        if r.below(10) == 0 {
            fm.push_str("featured: true\n");
        }
        if r.below(4) == 0 {
            let _ = writeln!(
                fm,
                "metrics:\n  - {{ label: \"p99\", value: \"{} ms\" }}",
                50 + r.below(500)
            );
        }
        fm.push_str("---\n");
        let text = format!("{fm}{}", body(&mut r, &goal_slugs, false));
        write(
            root,
            &format!("content/achievements/{y}/{y:04}-{m:02}-{d:02}-{slug}.md"),
            &text,
        );
    }
    for i in 0..reflections {
        let (y, m, d) = date_for(i, reflections);
        let text = format!(
            "---\ntitle: \"Reflection {i}\"\ndate: {y:04}-{m:02}-{d:02}\nvisibility: {}\nperiod: \"{y}-Q{}\"\nwellbeing: {{ career: {}, health: {}, relationships: {}, growth: {}, purpose: {} }}\nmood: \"{}\"\ntags: {}\n---\n{}",
            if r.below(5) == 0 { "private" } else { "public" },
            (m - 1) / 3 + 1,
            1 + r.below(10),
            1 + r.below(10),
            1 + r.below(10),
            1 + r.below(10),
            1 + r.below(10),
            r.pick(WORDS),
            list(&mut r, TAGS, 2),
            body(&mut r, &goal_slugs, false)
        );
        write(
            root,
            &format!("content/reflections/{y:04}-{m:02}-{d:02}-reflection-{i:04}.md"),
            &text,
        );
    }
    for i in 0..milestones {
        let (y, m, d) = date_for(i, milestones);
        let kind = if i % 3 == 0 {
            "role"
        } else {
            ["promotion", "certification", "award", "move", "education"][r.below(5)]
        };
        let end = if kind == "role" && i + 3 < milestones {
            let (ey, em, ed) = date_for(i + 3, milestones);
            format!("end: {ey:04}-{em:02}-{ed:02}\n")
        } else {
            String::new()
        };
        let text = format!(
            "---\ntitle: \"Milestone {i}\"\ntype: {kind}\nrole: \"Engineer {i}\"\norg: \"Org {}\"\n{end}---\n{}",
            i / 3,
            sentence(&mut r, 20)
        );
        write(
            root,
            &format!("content/journey/{y:04}-{m:02}-{d:02}-milestone-{i:04}.md"),
            &text,
        );
    }
    eprintln!(
        "wrote {n} entries to {}: {achievements} achievements, {goals} goals, {reflections} reflections, {milestones} milestones",
        root.display()
    );
}
