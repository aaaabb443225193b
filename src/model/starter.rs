//! The starter site `waymark init` writes (embedded from `scaffold/`), and
//! how to recognise what is still as `init` wrote it: the placeholder base
//! URL, "Your Name", the sample entries. The site model warns about those,
//! so this sits in the model, below both it and `init`.

use jiff::civil::Date;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/scaffold/", $name)))),*]
    };
}

/// Every file of `scaffold/`, embedded. A unit test keeps this table and the
/// folder in step. `gitignore` and `github/` are stored without their dot so
/// they do not act on this repository; [`target_name`] restores it.
pub(crate) const SCAFFOLD: &[(&str, &str)] = embedded![
    "waymark.yaml",
    "ladder.yaml",
    "gitignore",
    "github/workflows/pages.yml",
    "content/_index.md",
    "content/achievements/@@DATE-11@@-cut-checkout-latency.md",
    "content/achievements/@@DATE-4@@-onboarded-a-new-teammate.md",
    "content/goals/become-staff-engineer.md",
    "content/goals/own-platform-reliability.md",
    "content/journey/senior-engineer-at-acme.md",
    "content/share/promotion-case.md",
    "content/pages/about.md",
    "private/reflections/@@DATE-3@@-how-this-quarter-feels.md",
];

/// Replaces `@@TOKEN@@` placeholders: `VERSION`, `BASE_URL`, `QUARTER`
/// (`2026-Q1`), `TODAY`, and `DATE-N` / `DATE+N` (today minus or plus N
/// days), so the samples are always recent and their goals never overdue.
pub(crate) fn fill(text: &str, today: Date, base_url: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("@@") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(j) = after.find("@@") else {
            out.push_str(&rest[i..]);
            return out;
        };
        let token = &after[..j];
        let value = match token {
            "VERSION" => Some(env!("CARGO_PKG_VERSION").to_string()),
            "BASE_URL" => Some(base_url.to_string()),
            "TODAY" => Some(today.to_string()),
            "QUARTER" => Some(format!("{}-Q{}", today.year(), (today.month() - 1) / 3 + 1)),
            _ => token
                .strip_prefix("DATE")
                .and_then(|n| n.parse::<i32>().ok())
                .map(|n| today.saturating_add(jiff::Span::new().days(n)).to_string()),
        };
        match value {
            Some(v) => {
                out.push_str(&v);
                rest = &after[j + 2..];
            }
            None => {
                out.push_str("@@");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The host of the base URL `init` writes: no one's site, so a link that
/// carries it was never set up.
pub(crate) const PLACEHOLDER_HOST: &str = "example.github.io";
/// The author name `init` writes.
pub(crate) const PLACEHOLDER_AUTHOR: &str = "Your Name";

/// Replaces what differs between two sites made by `init` on different
/// days (a `YYYY-MM-DD` date, a `YYYY-Qn` quarter, a `@@…@@` token) with
/// `@`, so a sample is recognised whatever day it was made.
fn undated(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let digits = |from: usize, n: usize| {
        b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    while i < b.len() {
        if b[i..].starts_with(b"@@")
            && let Some(j) = text[i + 2..].find("@@")
        {
            out.push('@');
            i += j + 4;
        } else if digits(i, 4)
            && b.get(i + 4) == Some(&b'-')
            && digits(i + 5, 2)
            && b.get(i + 7) == Some(&b'-')
            && digits(i + 8, 2)
        {
            out.push('@');
            i += 10;
        } else if digits(i, 4)
            && b.get(i + 4) == Some(&b'-')
            && b.get(i + 5) == Some(&b'Q')
            && digits(i + 6, 1)
        {
            out.push('@');
            i += 7;
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    out
}

/// Whether the file at `path` (site-relative) is one of `init`'s sample
/// entries, unchanged: its numbers and names are made up, and they must
/// not reach a sponsor as a real win.
pub(crate) fn is_unchanged_sample(path: &str, text: &str) -> bool {
    // Every entry of every build is asked, so the samples are undated once
    // and an entry is looked at further only when its file name (without
    // the date) is a sample's.
    static SAMPLES: std::sync::LazyLock<Vec<(String, String, String)>> =
        std::sync::LazyLock::new(|| {
            SCAFFOLD
                .iter()
                .filter(|(n, _)| n.ends_with(".md"))
                .map(|(n, text)| (name_tail(n), undated(n), undated(text)))
                .collect()
        });
    let tail = name_tail(path);
    SAMPLES
        .iter()
        .filter(|(t, _, _)| *t == tail)
        .any(|(_, p, t)| *p == undated(path) && *t == undated(text))
}

/// A file name without its folder and its leading date: what a sample is
/// known by whatever day `init` made it.
fn name_tail(path: &str) -> String {
    let name = undated(path.rsplit('/').next().unwrap_or(path));
    name.rsplit_once("@-")
        .map_or(name.clone(), |(_, t)| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_matches_the_folder() {
        let on_disk = crate::model::source::files_under("scaffold");
        let mut embedded: Vec<String> = SCAFFOLD.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk, "update SCAFFOLD in src/scaffold.rs");
    }

    #[test]
    fn samples_are_recognised_on_any_day_until_edited() {
        for (name, text) in SCAFFOLD.iter().filter(|(n, _)| n.ends_with(".md")) {
            for day in ["2026-03-06", "2031-12-31"] {
                let today: Date = day.parse().unwrap();
                let path = fill(name, today, "x");
                let made = fill(text, today, "x");
                assert!(is_unchanged_sample(&path, &made), "{path}");
                let edited = made.replacen("\n---\n", "\n---\nMy own words.\n", 1);
                assert!(!is_unchanged_sample(&path, &edited), "{path} edited");
                let moved = path.replace(".md", "-2.md");
                assert!(!is_unchanged_sample(&moved, &made), "{moved}");
            }
        }
        assert_eq!(
            undated("a 2026-03-06 b 2026-Q1 c @@DATE-4@@ d"),
            "a @ b @ c @ d"
        );
        assert_eq!(undated("Inês 12-3"), "Inês 12-3");
    }

    #[test]
    fn placeholders_are_filled() {
        let today: Date = "2026-03-06".parse().unwrap();
        assert_eq!(
            fill(
                "a @@DATE-4@@ b @@DATE+30@@ @@QUARTER@@ @@TODAY@@",
                today,
                "x"
            ),
            "a 2026-03-02 b 2026-04-05 2026-Q1 2026-03-06"
        );
        assert_eq!(
            fill("${{ env.X }} @@ @@NOPE@@", today, "x"),
            "${{ env.X }} @@ @@NOPE@@"
        );
        assert_eq!(fill("@@BASE_URL@@", today, "https://h/p/"), "https://h/p/");
    }

    #[test]
    fn the_workflow_pins_this_package_and_uses_current_pages_actions() {
        let (_, text) = SCAFFOLD
            .iter()
            .find(|(n, _)| *n == "github/workflows/pages.yml")
            .unwrap();
        let text = fill(text, "2026-03-06".parse().unwrap(), "x");
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
        assert_eq!(
            yaml["env"]["WAYMARK_VERSION"].as_str(),
            Some(env!("CARGO_PKG_VERSION"))
        );
        // Empty: the released package, not a git checkout.
        assert_eq!(yaml["env"]["WAYMARK_GIT"].as_str(), Some(""));
        // The node24 majors; the node20 ones are past their removal date.
        for action in [
            "actions/checkout@v6",
            "actions/configure-pages@v6",
            "actions/cache@v6",
            "actions/upload-pages-artifact@v5",
            "actions/deploy-pages@v5",
        ] {
            assert!(text.contains(action), "{action}");
        }
        // The package, never the unrelated crate named `waymark`.
        let package = env!("CARGO_PKG_NAME");
        assert_eq!(package, "waymark-ssg");
        assert!(text.contains(&format!(
            "cargo install {package} --version \"$WAYMARK_VERSION\" --locked"
        )));
        assert!(!text.contains("cargo install waymark "));
        assert!(text.contains("--git \"$WAYMARK_GIT\""));
        // Whatever the default branch is called, it is the one that deploys.
        assert!(yaml["on"]["push"]["branches"].is_null());
        assert_eq!(
            yaml["jobs"]["build"]["if"].as_str(),
            Some("github.ref_name == github.event.repository.default_branch")
        );
        assert!(text.contains("waymark build --base-url \"${{ steps.pages.outputs.base_url }}/\""));
        assert!(text.contains("path: public/"));
        assert!(text.contains("include-hidden-files: true"));
        // Sealed pages are published from the committed sealed/: no secret.
        assert!(!text.contains("secrets."), "{text}");
        assert!(!text.contains("WAYMARK_SHARE_SECRET"), "{text}");
    }

    #[test]
    fn gitignore_keeps_private_things_out_of_git() {
        let (_, text) = SCAFFOLD.iter().find(|(n, _)| *n == "gitignore").unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for want in ["public/", "private/", ".public.waymark-*", ".waymark/"] {
            assert!(lines.contains(&want), "{want}");
        }
    }
}
