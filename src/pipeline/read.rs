//! Reading the site: finding its root, the config, and every entry resolved
//! from its file (in parallel), with the files that failed to resolve kept
//! aside so that references to them are not reported twice.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::config::{self, CONFIG_FILE, Config};
use crate::model::entry::{self, Entry};
use crate::model::kind::Kind;
pub use crate::model::resolve::{Resolved, resolve_file, resolve_sources};
pub(crate) use crate::model::resolve::{collect_resolved, resolve_files};
use crate::model::source;
use crate::pages::theme;

/// Finds the site root: `start` or the nearest parent holding waymark.yaml.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    start
        .ancestors()
        .find(|p| p.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        vec![
            Diagnostic::error(Code::NoConfig, format!("cannot read {CONFIG_FILE}: {e}"))
                .at_path(CONFIG_FILE)
                .with_help("run `waymark init` to start a site, or pass `--root DIR`"),
        ]
    })?;
    let text = source::decode(CONFIG_FILE, bytes).map_err(|d| vec![d])?;
    config::parse(&text, base_url)
}

/// Reads the career ladder into `config.ladder.loaded`: the file
/// `ladder.file` names, else `ladder.yaml` when there is one. Returns its
/// problems: errors in the file (the ladder is then `Broken`, and what names
/// it is not checked), a file the config names that is not there, and a
/// `level` or `target` the ladder does not have.
pub fn load_ladder(root: &Path, config: &mut Config) -> Vec<Diagnostic> {
    use crate::model::ladder::{self, LADDER_FILE, Loaded};
    let settings = &mut config.ladder;
    let config_text = || std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    let at_config = |d: Diagnostic, key: &[&str]| {
        let text = config_text();
        match crate::model::frontmatter::key_position(&text, key)
            .map(|p| (p.line, p.value_col))
            .or_else(|| {
                crate::model::frontmatter::in_flow_mapping(&text, &key[..1], key[key.len() - 1])
            }) {
            Some((line, col)) => d.at(CONFIG_FILE, &text, line, col),
            None => d.at_path(CONFIG_FILE),
        }
    };
    let rel = settings
        .file
        .clone()
        .unwrap_or_else(|| LADDER_FILE.to_string());
    let path = root.join(&rel);
    if !path.is_file() {
        settings.loaded = Loaded::None;
        if settings.file.is_some() {
            settings.loaded = Loaded::Broken;
            return vec![at_config(
                Diagnostic::error(
                    Code::NoLadder,
                    format!("`ladder.file` names {rel}, which is not there"),
                ),
                &["ladder", "file"],
            )
            .with_help("give the path of the ladder file, relative to the site folder; `waymark import ladder FILE` writes one")];
        }
        if settings.configured {
            settings.loaded = Loaded::Broken;
            return vec![at_config(
                Diagnostic::error(
                    Code::NoLadder,
                    format!("`ladder:` is set, but there is no {LADDER_FILE}"),
                ),
                &["ladder"],
            )
            .with_help(format!("write {LADDER_FILE} (`waymark import ladder FILE` converts your company's framework), or name it with `ladder: {{ file: … }}`"))];
        }
        return Vec::new();
    }
    let text = match std::fs::read(&path)
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot read {rel}: {e}")).at_path(&rel))
        .and_then(|b| source::decode(&rel, b))
    {
        Ok(t) => t,
        Err(d) => {
            settings.loaded = Loaded::Broken;
            return vec![d];
        }
    };
    let (ladder, mut diags) = match ladder::parse(&rel, &text) {
        Ok(ok) => ok,
        Err(errors) => {
            settings.loaded = Loaded::Broken;
            return errors;
        }
    };
    let known = ladder.level_ids();
    for (key, value) in [("level", &settings.level), ("target", &settings.target)] {
        let Some(v) = value else { continue };
        if ladder.level(v).is_some() {
            continue;
        }
        let (help, near) = ladder::unknown_help(v, &known, "level");
        diags.push(
            at_config(
                Diagnostic::error(
                    Code::UnknownLevel,
                    format!("`ladder.{key}` is `{v}`, which is not a level of {rel}"),
                ),
                &["ladder", key],
            )
            .with_help(help)
            .with_suggestion(near),
        );
    }
    settings.loaded = Loaded::Ready(Arc::new(ladder));
    diags
}

/// Reads and resolves every entry; returns entries, assets and problems.
/// An entry with errors is still returned (without its bad fields), so its
/// references can be checked: a caller must look at the diagnostics.
pub fn load_entries(
    root: &Path,
    config: &Config,
) -> (Vec<Arc<Entry>>, Vec<source::Asset>, Vec<Diagnostic>) {
    resolve_sources(source::read_all(root), config)
}

/// Entries that failed to resolve (their errors are already reported): a
/// reference to one of them is not also "unknown", which would send the
/// reader after the wrong problem.
#[derive(Debug, Default)]
pub(crate) struct Broken {
    goal_slugs: std::collections::HashSet<String>,
    link_paths: std::collections::HashSet<String>,
}

impl Broken {
    pub(crate) fn find(
        files: &[Arc<source::SourceFile>],
        entries: &[Arc<Entry>],
        diags: &[Diagnostic],
    ) -> Broken {
        let mut broken = Broken::default();
        let with_errors: HashSet<&str> = diags
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| d.path.as_deref())
            .collect();
        if with_errors.is_empty() {
            return broken;
        }
        let resolved: HashSet<&str> = entries.iter().map(|e| e.origin.path.as_str()).collect();
        for f in files {
            let (path, link_path, text) = (&f.path, &f.link_path, &f.text);
            let failed = with_errors.contains(path.as_str()) && !resolved.contains(path.as_str());
            if !failed {
                continue;
            }
            broken.link_paths.insert(link_path.clone());
            let is_goal = link_path.starts_with("goals/")
                || text.lines().any(|l| l.trim_end() == "kind: goal");
            if !is_goal {
                continue;
            }
            let name = link_path.rsplit('/').next().unwrap_or(link_path);
            let stem = name.trim_end_matches(".md");
            broken
                .goal_slugs
                .insert(entry::split_file_stem(stem).1.to_string());
            for line in text.lines() {
                if let Some(slug) = line.strip_prefix("slug:") {
                    broken
                        .goal_slugs
                        .insert(slug.trim().trim_matches(['"', '\'']).to_string());
                }
            }
        }
        broken
    }

    /// Drops a diagnostic that only says a broken entry is missing, and
    /// points a near miss at the broken entry it probably means.
    pub(crate) fn adjust(&self, mut d: Diagnostic) -> Option<Diagnostic> {
        let named = d.about.clone().unwrap_or_default();
        match d.code {
            Code::UnknownGoal | Code::UnknownParent => {
                if self.goal_slugs.contains(&named) {
                    return None;
                }
                if d.suggestion.is_none()
                    && let Some(n) =
                        crate::diag::nearest(&named, self.goal_slugs.iter().map(String::as_str))
                {
                    d.help = Some(format!("did you mean `{n}`? (it has errors of its own)"));
                }
                Some(d)
            }
            Code::BrokenLink => {
                let target = named.split('#').next().unwrap_or(&named);
                (!self.link_paths.contains(target)).then_some(d)
            }
            _ => Some(d),
        }
    }
}

/// A page whose address is taken by a static file (`favicon.svg`,
/// `style.css`, anything in static/) could not be written: say so at the page.
pub(crate) fn page_static_clashes(entries: &[Arc<Entry>], theme: &theme::Theme) -> Vec<Diagnostic> {
    entries
        .iter()
        .filter(|e| e.kind == Kind::Page)
        .filter(|e| {
            theme.statics.contains_key(&e.slug)
                || theme
                    .statics
                    .contains_key(&format!("{}/index.html", e.slug))
        })
        .map(|e| {
            Diagnostic::error(
                Code::ReservedSlug,
                format!(
                    "the page slug `{}` is taken by a static file of the same name",
                    e.slug
                ),
            )
            .at_path(&e.origin.path)
            .with_help("rename the file or set another `slug:` in its front matter")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::{self, TempSite};

    fn file(path: &str, text: &str) -> source::SourceFile {
        let (top, link_path) = path.split_once('/').unwrap();
        source::SourceFile {
            path: path.to_string(),
            link_path: link_path.to_string(),
            in_private_dir: top == "private",
            text: text.into(),
        }
    }

    fn config() -> Config {
        config::parse(testing::CONFIG, None).unwrap()
    }

    fn resolved(path: &str, text: &str) -> (Option<Arc<Entry>>, Vec<Diagnostic>) {
        resolve_file(&file(path, text), &config()).unwrap_or_else(|d| panic!("{path}: {d:?}"))
    }

    #[test]
    fn find_root_finds_the_nearest_folder_holding_a_config() {
        let site = TempSite::new();
        site.write("content/goals/staff.md", "---\ntitle: S\n---\n");
        let root = site.root().canonicalize().unwrap();
        assert_eq!(find_root(site.root()), Some(root.clone()));
        assert_eq!(
            find_root(&site.root().join("content/goals")),
            Some(root.clone())
        );
        // A site inside a site: the nearer one.
        site.write("inner/waymark.yaml", testing::CONFIG)
            .write("inner/content/x.md", "");
        assert_eq!(
            find_root(&site.root().join("inner/content")),
            Some(root.join("inner"))
        );
    }

    #[test]
    fn find_root_finds_nothing_without_a_config_file() {
        let empty = TempSite::empty();
        std::fs::create_dir_all(empty.root().join("a/b")).unwrap();
        assert_eq!(find_root(&empty.root().join("a/b")), None);
        // A folder called waymark.yaml is not a config.
        std::fs::create_dir(empty.root().join("waymark.yaml")).unwrap();
        assert_eq!(find_root(&empty.root().join("a")), None);
        assert_eq!(find_root(&empty.root().join("does-not-exist")), None);
    }

    #[test]
    fn load_config_explains_a_missing_config() {
        let empty = TempSite::empty();
        let d = load_config(empty.root(), None).unwrap_err();
        assert_eq!(codes(&d), ["no-config"]);
        assert_eq!(d[0].path.as_deref(), Some(CONFIG_FILE));
        assert!(d[0].help.as_deref().unwrap().contains("waymark init"));
    }

    #[test]
    fn load_config_decodes_the_file_and_takes_the_base_url_override() {
        let site = TempSite::empty();
        site.write(
            "waymark.yaml",
            "\u{feff}title: Crlf Journal\r\nbase_url: https://alex.github.io/career/\r\n",
        );
        let c = load_config(site.root(), None).unwrap();
        assert_eq!(c.title, "Crlf Journal");
        assert_eq!(c.base_url.absolute(""), "https://alex.github.io/career/");
        let c = load_config(site.root(), Some("https://example.com/x/")).unwrap();
        assert_eq!(c.base_url.absolute(""), "https://example.com/x/");
        std::fs::write(site.root().join(CONFIG_FILE), b"title: caf\xe9\n").unwrap();
        assert_eq!(
            codes(&load_config(site.root(), None).unwrap_err()),
            ["not-utf8"]
        );
    }

    fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn resolve_file_takes_the_kind_from_the_folder_and_the_slug_from_the_name() {
        let (e, errors) = resolved(
            "content/achievements/2026-03-06-shipped.md",
            "---\ntitle: Shipped\n---\n",
        );
        let e = e.unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(e.kind, Kind::Achievement);
        assert_eq!(e.slug, "shipped");
        assert_eq!(e.origin.link_path, "achievements/2026-03-06-shipped.md");
        // A page bundle's `index.md` is named after its folder.
        let (e, _) = resolved(
            "content/goals/staff/index.md",
            "---\ntitle: Staff\nhorizon: 3y\n---\n",
        );
        let e = e.unwrap();
        assert_eq!((e.kind, e.slug.as_str()), (Kind::Goal, "staff"));
        // A file at the top of content/ is a page.
        let (e, _) = resolved("content/about.md", "---\ntitle: About\n---\n");
        assert_eq!(e.unwrap().kind, Kind::Page);
        let (e, _) = resolved(
            "private/reflections/2026-03-06-hard-week.md",
            "---\ntitle: Hard week\n---\n",
        );
        let e = e.unwrap();
        assert!(e.origin.in_private_dir && e.private);
    }

    #[test]
    fn resolve_file_keeps_the_home_page_and_ignores_section_indexes() {
        let (home, _) = resolved("content/_index.md", "---\ntitle: Home\n---\n");
        assert_eq!(home.unwrap().kind, Kind::Home);
        for path in ["content/goals/_index.md", "private/_index.md"] {
            let d = resolve_file(&file(path, "---\ntitle: X\n---\n"), &config()).unwrap_err();
            assert_eq!(codes(&d), ["section-index-ignored"], "{path}");
            assert!(!d[0].is_error());
            assert_eq!(d[0].path.as_deref(), Some(path));
        }
    }

    #[test]
    fn resolve_file_keeps_an_entry_with_errors_but_not_one_that_cannot_be_read() {
        let (e, errors) = resolved(
            "content/goals/staff.md",
            "---\ntitle: Staff\nhorizon: 3y\nbogus: 1\n---\n",
        );
        assert_eq!(e.unwrap().slug, "staff");
        assert_eq!(codes(&errors), ["unknown-key"]);
        let d = resolve_file(
            &file("content/goals/staff.md", "---\ntitle: [unclosed\n---\n"),
            &config(),
        )
        .unwrap_err();
        assert!(d.iter().any(Diagnostic::is_error), "{d:?}");
        assert!(
            d.iter()
                .all(|d| d.path.as_deref() == Some("content/goals/staff.md"))
        );
    }

    #[test]
    fn resolve_file_applies_the_configs_defaults_for_the_kind() {
        let config = config::parse(
            &format!(
                "{}defaults:\n  goal: {{ visibility: private }}\n",
                testing::CONFIG
            ),
            None,
        )
        .unwrap();
        let goal = file(
            "content/goals/staff.md",
            "---\ntitle: Staff\nhorizon: 3y\n---\n",
        );
        let page = file("content/pages/about.md", "---\ntitle: About\n---\n");
        let entry = |f| resolve_file(f, &config).unwrap().0.unwrap();
        assert!(entry(&goal).private);
        assert!(!entry(&page).private);
    }

    #[test]
    fn resolve_sources_keeps_earlier_problems_the_order_of_files_and_the_assets() {
        let earlier = Diagnostic::error(Code::Io, "cannot read this file").at_path("content/x.md");
        let asset = source::Asset {
            path: "content/achievements/chart.svg".to_string(),
            link_path: "achievements/chart.svg".to_string(),
            abs: "/nowhere/chart.svg".into(),
            in_private_dir: false,
        };
        let sources = source::Sources {
            files: vec![
                file("content/goals/b.md", "---\ntitle: B\nhorizon: 1y\n---\n"),
                file("content/goals/_index.md", "---\ntitle: Goals\n---\n"),
                file(
                    "content/goals/a.md",
                    "---\ntitle: A\nhorizon: 1y\nbogus: 1\n---\n",
                ),
            ],
            assets: vec![asset.clone()],
            errors: vec![earlier.clone()],
        };
        let (entries, assets, diags) = resolve_sources(sources, &config());
        let slugs: Vec<&str> = entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["b", "a"]);
        assert_eq!(assets, [asset]);
        assert_eq!(diags[0], earlier);
        assert_eq!(codes(&diags[1..]), ["section-index-ignored", "unknown-key"]);
    }

    #[test]
    fn load_entries_reads_the_site_from_disk() {
        let site = TempSite::new();
        site.write(
            "content/goals/staff.md",
            "---\ntitle: Staff\nhorizon: 3y\n---\n",
        )
        .write("content/goals/chart.svg", "<svg/>")
        .write(
            "private/reflections/2026-01-01-r.md",
            "---\ntitle: R\n---\n",
        );
        let (entries, assets, diags) = load_entries(site.root(), &config());
        assert!(diags.is_empty(), "{diags:?}");
        let mut paths: Vec<&str> = entries.iter().map(|e| e.origin.path.as_str()).collect();
        paths.sort();
        assert_eq!(
            paths,
            [
                "content/goals/staff.md",
                "private/reflections/2026-01-01-r.md"
            ]
        );
        assert_eq!(assets.len(), 1);
        assert_eq!(assets[0].path, "content/goals/chart.svg");
    }

    /// Files, their entries and problems, resolved as the pipeline does.
    fn broken_of(files: &[(&str, &str)]) -> Broken {
        let files: Vec<Arc<source::SourceFile>> =
            files.iter().map(|(p, t)| Arc::new(file(p, t))).collect();
        let (entries, diags) = resolve_files(&files, &config(), Vec::new());
        Broken::find(&files, &entries, &diags)
    }

    fn unknown(code: Code, slug: &str) -> Diagnostic {
        Diagnostic::error(code, format!("`{slug}` names no goal"))
            .about(slug)
            .at_path("content/achievements/2026-01-01-a.md")
            .with_help("goals are: other")
    }

    const UNREADABLE: &str = "---\ntitle: [unclosed\n---\n";

    #[test]
    fn broken_drops_references_to_a_goal_that_failed_to_resolve() {
        let broken = broken_of(&[("content/goals/staff-engineer.md", UNREADABLE)]);
        for code in [Code::UnknownGoal, Code::UnknownParent] {
            assert_eq!(
                broken.adjust(unknown(code, "staff-engineer")),
                None,
                "{code}"
            );
        }
        // Anything else about it still counts.
        let hidden = Diagnostic::warning(Code::GoalHidden, "x").about("staff-engineer");
        assert_eq!(broken.adjust(hidden.clone()), Some(hidden));
        let stranger = unknown(Code::UnknownGoal, "write-a-book");
        assert_eq!(broken.adjust(stranger.clone()), Some(stranger));
    }

    #[test]
    fn broken_points_a_near_miss_at_the_goal_that_failed() {
        let broken = broken_of(&[("content/goals/staff-engineer.md", UNREADABLE)]);
        let d = broken
            .adjust(unknown(Code::UnknownGoal, "staff-enginer"))
            .unwrap();
        assert_eq!(
            d.help.as_deref(),
            Some("did you mean `staff-engineer`? (it has errors of its own)")
        );
        assert_eq!(d.message, "`staff-enginer` names no goal");
        // A help that already suggests a near miss is kept.
        let mut suggested = unknown(Code::UnknownGoal, "staff-enginer");
        suggested.help = Some("did you mean `staff-engine`?".to_string());
        suggested.suggestion = Some("staff-engine".to_string());
        assert_eq!(broken.adjust(suggested.clone()), Some(suggested));
    }

    #[test]
    fn broken_knows_a_goal_by_its_file_name_slug_line_or_kind_line() {
        let broken = broken_of(&[
            ("content/goals/2026-01-01-ship-it.md", UNREADABLE),
            (
                "content/goals/named.md",
                "---\nslug: \"big-bet\"\ntitle: [unclosed\n---\n",
            ),
            (
                "content/pages/a-goal-really.md",
                "---\nkind: goal\ntitle: [unclosed\n---\n",
            ),
        ]);
        for slug in ["ship-it", "big-bet", "named", "a-goal-really"] {
            assert_eq!(
                broken.adjust(unknown(Code::UnknownGoal, slug)),
                None,
                "{slug}"
            );
        }
    }

    #[test]
    fn broken_drops_links_to_any_entry_that_failed_but_keeps_other_broken_links() {
        let broken = broken_of(&[("content/pages/about.md", UNREADABLE)]);
        let link = |target: &str| {
            Diagnostic::error(Code::BrokenLink, format!("`@/{target}` names no entry"))
                .about(target)
        };
        assert_eq!(broken.adjust(link("pages/about.md")), None);
        assert_eq!(broken.adjust(link("pages/about.md#contact")), None);
        let other = link("pages/abut.md");
        assert_eq!(broken.adjust(other.clone()), Some(other));
        // A page is not a goal: a goal of that name is still unknown.
        let goal = unknown(Code::UnknownGoal, "about");
        assert_eq!(broken.adjust(goal.clone()), Some(goal));
    }

    #[test]
    fn broken_counts_only_files_that_gave_no_entry() {
        // Errors, but resolved: references to it are checked as usual.
        let broken = broken_of(&[(
            "content/goals/staff.md",
            "---\ntitle: Staff\nhorizon: 3y\nbogus: 1\n---\n",
        )]);
        let d = unknown(Code::UnknownGoal, "staff");
        assert_eq!(broken.adjust(d.clone()), Some(d));
        let link = Diagnostic::error(Code::BrokenLink, "x").about("goals/staff.md");
        assert_eq!(broken.adjust(link.clone()), Some(link));
        // Only warnings (an ignored section index): nothing is broken.
        let broken = broken_of(&[("content/goals/_index.md", "---\ntitle: G\n---\n")]);
        let link = Diagnostic::error(Code::BrokenLink, "x").about("goals/_index.md");
        assert_eq!(broken.adjust(link.clone()), Some(link));
    }

    #[test]
    fn page_static_clashes_names_a_page_whose_address_a_static_file_takes() {
        let site = TempSite::new();
        site.write("static/cv/index.html", "<p>my cv</p>");
        let theme = theme::load(site.root(), "default").unwrap();
        assert!(theme.statics.contains_key("style.css"));
        let entry = |path, text| resolved(path, text).0.unwrap();
        let entries = vec![
            entry("content/pages/style.css.md", "---\ntitle: Style\n---\n"),
            entry("content/pages/cv.md", "---\ntitle: CV\n---\n"),
            entry("content/pages/about.md", "---\ntitle: About\n---\n"),
            // Only pages live at the top of the site.
            entry(
                "content/goals/favicon.svg.md",
                "---\ntitle: Icon\nhorizon: 1y\n---\n",
            ),
        ];
        let clashes = page_static_clashes(&entries, &theme);
        let paths: Vec<&str> = clashes.iter().filter_map(|d| d.path.as_deref()).collect();
        assert_eq!(paths, ["content/pages/style.css.md", "content/pages/cv.md"]);
        assert!(
            clashes
                .iter()
                .all(|d| d.code.as_str() == "reserved-slug" && d.is_error())
        );
        assert!(clashes[0].message.contains("`style.css`"));
    }
}
