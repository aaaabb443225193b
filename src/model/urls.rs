//! The site's URL layout, in one place: where each kind of entry's page
//! is, each section's list page and the term pages, the generated files,
//! the slugs pages may not take, and which file a page is written to. The
//! model (an entry's link), the plan (a page's link and file) and the
//! generated files all take their paths from here, so they cannot disagree.
//! It sits below `model` and `pages` because both need it. Paths are
//! site-relative, without a leading slash; `BaseUrl` turns them into links
//! and absolute URLs.

use crate::model::kind::Kind;

/// The home page.
pub(crate) const HOME: &str = "";
/// The file a page whose path is a folder (`goals/x/`) is written to.
pub(crate) const INDEX: &str = "index.html";
/// The Atom feed.
pub(crate) const FEED: &str = "atom.xml";
pub(crate) const SITEMAP: &str = "sitemap.xml";
pub(crate) const ROBOTS: &str = "robots.txt";
/// The page a static host shows for a missing one.
pub(crate) const NOT_FOUND: &str = "404.html";
/// The JSON Resume document.
pub(crate) const RESUME: &str = "resume.json";
/// Tells GitHub Pages not to run Jekyll, which would hide `_`-folders.
pub(crate) const NOJEKYLL: &str = ".nojekyll";
/// GitHub Pages' custom domain file.
pub(crate) const CNAME: &str = "CNAME";
/// The theme's stylesheet and icon, as its `static/` folder puts them.
pub(crate) const STYLESHEET: &str = "style.css";
pub(crate) const FAVICON: &str = "favicon.svg";
/// The search page, and the folder its index and scripts are written to
/// (`search: true`).
pub(crate) const SEARCH: &str = "search/";
pub(crate) const SEARCH_INDEX: &str = "pagefind";
/// The folder `waymark serve` answers itself (live reload, the overlay).
pub(crate) const SERVE_DIR: &str = "__waymark";
/// The folder of the link-preview cards (`cards/home.png`).
pub(crate) const CARDS: &str = "cards";

/// A link-preview card's file: `cards/<name>.png`, where `name` is `home`,
/// a section (`goals`), or a section and a slug (`goals/<slug>`).
pub(crate) fn card_path(name: &str) -> String {
    format!("{CARDS}/{name}.png")
}

/// A site-relative path as it goes into a URI (RFC 3986): every byte
/// outside the unreserved and sub-delimiter characters, `:`, `@`, `/` and
/// the one `#` of a fragment is percent-encoded, so a slug `日本` becomes
/// `%E6%97%A5%E6%9C%AC`. Files on disk keep the decoded name; servers map
/// the encoded URL back to it.
pub(crate) fn encode_path(rel: &str) -> std::borrow::Cow<'_, str> {
    let keep = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b);
    let mut fragment = false;
    let ok = |b: u8, fragment: &mut bool| {
        if b == b'#' && !*fragment {
            *fragment = true;
            true
        } else {
            keep(b)
        }
    };
    let mut probe = false;
    if rel.bytes().all(|b| ok(b, &mut probe)) {
        return std::borrow::Cow::Borrowed(rel);
    }
    let mut out = String::with_capacity(rel.len() * 3);
    for b in rel.bytes() {
        if ok(b, &mut fragment) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A section of the site: a folder with a list page (`goals/`), and for
/// most of them the pages of their entries or terms below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Section {
    Achievements,
    Goals,
    Reflections,
    /// The journey page: milestones have no pages of their own, only
    /// anchors on it.
    Journey,
    Skills,
    Tags,
    /// Share pages: no list page, each one is reached only by its link.
    Share,
    /// The career ladder: the matrix, and a page per competency below it.
    Ladder,
}

impl Section {
    /// The section's folder: `goals`.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Section::Achievements => "achievements",
            Section::Goals => "goals",
            Section::Reflections => "reflections",
            Section::Journey => "journey",
            Section::Skills => "skills",
            Section::Tags => "tags",
            Section::Share => "share",
            Section::Ladder => "ladder",
        }
    }

    /// The section's list page: `goals/`.
    pub(crate) fn path(self) -> String {
        format!("{}/", self.name())
    }
}

/// A taxonomy: the terms entries are filed under, each with a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Taxonomy {
    Skills,
    Tags,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 2] = [Taxonomy::Skills, Taxonomy::Tags];

    pub(crate) const fn section(self) -> Section {
        match self {
            Taxonomy::Skills => Section::Skills,
            Taxonomy::Tags => Section::Tags,
        }
    }

    /// `skills` or `tags`: the folder, and the name templates see.
    pub(crate) const fn name(self) -> &'static str {
        self.section().name()
    }
}

/// A term's page: `skills/<slug>/`.
pub(crate) fn term_path(taxonomy: Taxonomy, slug: &str) -> String {
    format!("{}/{slug}/", taxonomy.name())
}

/// A competency's page: `ladder/<id>/` (ids are URL-safe, `ladder::valid_id`).
pub(crate) fn competency_path(id: &str) -> String {
    format!("{}/{id}/", Section::Ladder.name())
}

/// Output paths (site-relative, no leading slash) that pages may not take:
/// a page lives at `<slug>/`, beside the sections and the generated files.
pub(crate) const RESERVED: &[&str] = &[
    Section::Achievements.name(),
    Section::Goals.name(),
    Section::Reflections.name(),
    Section::Journey.name(),
    Section::Skills.name(),
    Section::Tags.name(),
    Section::Share.name(),
    Section::Ladder.name(),
    FEED,
    SITEMAP,
    ROBOTS,
    NOT_FOUND,
    RESUME,
    "static",
    INDEX,
    SERVE_DIR,
    "search",
    SEARCH_INDEX,
    CARDS,
];

/// Slugs an entry with a page in a section (`achievements/<slug>/`, …) may
/// not take: the section's own file, and the folder serve answers itself.
pub(crate) const RESERVED_IN_SECTION: &[&str] = &[INDEX, SERVE_DIR];

/// The site-relative directory of an entry's page. A milestone has no page:
/// its path is its anchor on the journey page.
pub(crate) fn entry_path(kind: Kind, slug: &str) -> String {
    let section = match kind {
        Kind::Achievement => Section::Achievements,
        Kind::Goal => Section::Goals,
        Kind::Reflection => Section::Reflections,
        Kind::Share => Section::Share,
        Kind::Milestone => return format!("{}/#{slug}", Section::Journey.name()),
        Kind::Page => return format!("{slug}/"),
        Kind::Home => return HOME.to_string(),
    };
    format!("{}/{slug}/", section.name())
}

/// The file a page is written to: a folder's `index.html` (`goals/x/` →
/// `goals/x/index.html`, the home page → `index.html`), or the path itself
/// when it names a file (`404.html`).
pub(crate) fn page_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}{INDEX}")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_path() {
        assert_eq!(entry_path(Kind::Achievement, "x"), "achievements/x/");
        assert_eq!(entry_path(Kind::Goal, "x"), "goals/x/");
        assert_eq!(entry_path(Kind::Reflection, "x"), "reflections/x/");
        assert_eq!(entry_path(Kind::Milestone, "x"), "journey/#x");
        assert_eq!(entry_path(Kind::Share, "x"), "share/x/");
        assert_eq!(entry_path(Kind::Page, "about"), "about/");
        assert_eq!(entry_path(Kind::Home, "ignored"), "");
        // The section's own page, as the reserved-slug message names it.
        assert_eq!(entry_path(Kind::Goal, "").replace("//", "/"), "goals/");
    }

    #[test]
    fn sections_and_terms() {
        let all = [
            (Section::Achievements, "achievements/"),
            (Section::Goals, "goals/"),
            (Section::Reflections, "reflections/"),
            (Section::Journey, "journey/"),
            (Section::Skills, "skills/"),
            (Section::Tags, "tags/"),
            (Section::Share, "share/"),
        ];
        for (section, path) in all {
            assert_eq!(section.path(), path);
            assert_eq!(format!("{}/", section.name()), path);
        }
        assert_eq!(Taxonomy::Skills.name(), "skills");
        assert_eq!(Taxonomy::Tags.name(), "tags");
        assert_eq!(term_path(Taxonomy::Skills, "rust"), "skills/rust/");
        assert_eq!(term_path(Taxonomy::Tags, "on-call"), "tags/on-call/");
    }

    #[test]
    fn generated_files_keep_their_names() {
        let names = [
            FEED, SITEMAP, ROBOTS, NOT_FOUND, RESUME, NOJEKYLL, CNAME, STYLESHEET, FAVICON,
        ];
        assert_eq!(
            names,
            [
                "atom.xml",
                "sitemap.xml",
                "robots.txt",
                "404.html",
                "resume.json",
                ".nojekyll",
                "CNAME",
                "style.css",
                "favicon.svg"
            ]
        );
    }

    #[test]
    fn reserved_slugs() {
        assert_eq!(
            RESERVED,
            [
                "achievements",
                "goals",
                "reflections",
                "journey",
                "skills",
                "tags",
                "share",
                "ladder",
                "atom.xml",
                "sitemap.xml",
                "robots.txt",
                "404.html",
                "resume.json",
                "static",
                "index.html",
                "__waymark",
                "search",
                "pagefind",
                "cards",
            ]
        );
        assert_eq!(RESERVED_IN_SECTION, ["index.html", "__waymark"]);
    }

    #[test]
    fn paths_are_percent_encoded_for_uris_only_where_needed() {
        assert_eq!(encode_path("goals/x/"), "goals/x/");
        assert!(matches!(
            encode_path("journey/#x"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(encode_path("tags/日本/"), "tags/%E6%97%A5%E6%9C%AC/");
        assert_eq!(encode_path("tags/système/"), "tags/syst%C3%A8me/");
        assert_eq!(encode_path("a b/100%/<x>"), "a%20b/100%25/%3Cx%3E");
        // One fragment; a second `#` is encoded.
        assert_eq!(encode_path("journey/#été#2"), "journey/#%C3%A9t%C3%A9%232");
        assert_eq!(card_path("goals/staff"), "cards/goals/staff.png");
    }

    #[test]
    fn a_page_is_written_to_its_index() {
        assert_eq!(page_file(HOME), "index.html");
        assert_eq!(page_file("goals/"), "goals/index.html");
        assert_eq!(page_file("goals/x/"), "goals/x/index.html");
        assert_eq!(
            page_file(&term_path(Taxonomy::Tags, "t")),
            "tags/t/index.html"
        );
        assert_eq!(page_file(NOT_FOUND), "404.html");
    }
}
