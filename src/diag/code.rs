//! Every diagnostic code waymark emits, as a type: one table gives each its
//! stable text (what editors and CI match on, and `check --format json`
//! prints) and a line on what it means. docs/reference.md's table of codes
//! is tested against it, so the docs can neither miss a code nor name one
//! that does not exist.

macro_rules! codes {
    ($($variant:ident = $text:literal : $what:literal,)*) => {
        /// A diagnostic's code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable text: `unknown-key`.
            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }

            /// What it means, in a line.
            pub fn what(self) -> &'static str {
                match self {
                    $(Code::$variant => $what,)*
                }
            }
        }
    };
}

codes! {
    // Front matter and YAML.
    UnknownKey = "unknown-key": "a key the kind, the config or a nested mapping does not have",
    InvalidType = "invalid-type": "a value of the wrong type",
    MissingField = "missing-field": "a metric or link without its label or value",
    DuplicateKey = "duplicate-key": "a key given twice",
    YamlSyntax = "yaml-syntax": "YAML that does not parse",
    TabInYaml = "tab-in-yaml": "a tab used for indentation",
    NoFrontMatter = "no-front-matter": "a file without a `---` block",
    UnterminatedFrontMatter = "unterminated-front-matter": "a `---` block never closed",
    EmptyFrontMatter = "empty-front-matter": "an empty `---` block",
    FrontMatterNotAMapping = "front-matter-not-a-mapping": "front matter that is not `key: value` lines",
    NotUtf8 = "not-utf8": "a file that is not UTF-8",
    UnknownKind = "unknown-kind": "a kind that does not exist",
    MissingTitle = "missing-title": "an entry without a title",
    MissingDate = "missing-date": "an entry that needs a date and has none",
    InvalidDate = "invalid-date": "a date in a form not accepted",
    InvalidValue = "invalid-value": "a value outside the allowed ones",
    OutOfRange = "out-of-range": "a number outside its range",
    InvalidSlug = "invalid-slug": "a slug that is not lowercase letters, digits and dashes",
    DuplicateSlug = "duplicate-slug": "two entries of a kind with one slug",
    ReservedSlug = "reserved-slug": "a slug a section, a static file or serve takes",
    InvalidExtra = "invalid-extra": "`extra` with keys that are not text",
    // References between entries.
    UnknownGoal = "unknown-goal": "a goal slug that names no goal",
    UnknownParent = "unknown-parent": "a parent slug that names no goal",
    GoalCycle = "goal-cycle": "a goal tree with a cycle",
    BrokenLink = "broken-link": "an `@/` link to no entry",
    MissingFile = "missing-file": "a link to a file beside an entry that is not there",
    MatchesNothing = "matches-nothing": "a share page's filter, period or target that selects nothing (a misspelled tag, `from` after `to`)",
    UnknownCompetency = "unknown-competency": "an `evidence` or `include.competencies` id that names no competency of the ladder",
    // The career ladder.
    NoLadder = "no-ladder": "a ladder file the config names that is not there",
    LadderShape = "ladder-shape": "a ladder file that is not one mapping of levels, themes and competencies",
    UnknownLevel = "unknown-level": "a level id the ladder does not have",
    UnknownLadderTheme = "unknown-ladder-theme": "a competency's theme the ladder does not have",
    DuplicateId = "duplicate-id": "a level, theme or competency id given twice",
    LadderKeyIgnored = "ladder-key-ignored": "a top-level key of a ladder file that waymark does not read (FT's `googleSheetId`)",
    // The config and the site folder.
    MissingBaseUrl = "missing-base-url": "no base URL",
    InvalidBaseUrl = "invalid-base-url": "a base URL that is not a URL",
    ConfigNotAMapping = "config-not-a-mapping": "a config that is not `key: value` lines",
    InvalidDefault = "invalid-default": "a bad value under `defaults`",
    UnknownTheme = "unknown-theme": "a theme that does not exist",
    NoConfig = "no-config": "no waymark.yaml",
    NoSite = "no-site": "no site folder",
    // Templates.
    TemplateSyntax = "template-syntax": "a template that does not parse",
    TemplateUnknownFilter = "template-unknown-filter": "a template that uses a filter that does not exist",
    TemplateMissing = "template-missing": "a template that includes or extends one that does not exist",
    TemplateRender = "template-render": "a template that fails while rendering",
    Template = "template": "another template problem",
    Card = "card": "a card template (card.svg) that does not make an SVG that can be drawn",
    // new and init.
    Archetype = "archetype": "an archetype that fails to render",
    BadArchetype = "bad-archetype": "an archetype that renders front matter that does not parse",
    AlreadyExists = "already-exists": "`new` would overwrite a file",
    InitNotEmpty = "init-not-empty": "`init` in a folder that is not empty",
    InitNotAFolder = "init-not-a-folder": "`init` given a file",
    // import.
    ImportSyntax = "import-syntax": "an import source that is not what it should be: not JSON, not a zip, cut short",
    ImportSchema = "import-schema": "an import source of the right format but the wrong shape: a list where an object was expected, a missing CSV column",
    TooLarge = "too-large": "an import source larger than any résumé, export file or brag document",
    // Files.
    BadOutput = "bad-output": "an output folder that would overwrite the site",
    WriteFailed = "write-failed": "a file that cannot be written",
    Io = "io": "a file that cannot be read",
    SearchIndex = "search-index": "the search index cannot be built",
    LinkPrivate = "link-private": "a symbolic link into private/ or .waymark/: not followed",
    LinkOutside = "link-outside": "a symbolic link out of the site folder: not followed",
    // Sharing and sealing.
    BadSecret = "bad-secret": "a site secret that cannot be read or is malformed",
    SealedWithoutSecret = "sealed-without-secret": "a sealed page with no secret to seal it with",
    SealedTemplate = "sealed-template": "a share template without the part a sealed page encrypts",
    SealedAttachment = "sealed-attachment": "a file beside a sealed page, which would be published unencrypted",
    SealedArtifact = "sealed-artifact": "a file in sealed/ that cannot be published as a sealed page",
    NotSealable = "not-sealable": "`new --sealed` for a kind other than share",
    UnknownShare = "unknown-share": "`share rotate` given a slug no share page has",
    NotSealed = "not-sealed": "`share rotate` given a page that is not sealed",
    // serve.
    BindFailed = "bind-failed": "serve cannot listen on the address",
    WatchFailed = "watch-failed": "serve cannot watch the site's files",
    // Warnings.
    MissingImpact = "missing-impact": "an achievement without an impact line",
    GoalOverdue = "goal-overdue": "an active goal past its due date",
    GoalWithoutHorizon = "goal-without-horizon": "a goal with neither horizon nor due date",
    GoalHidden = "goal-hidden": "a public entry naming a private or draft goal",
    LinkToHidden = "link-to-hidden": "an `@/` link to a private entry or a draft",
    PrivateTracked = "private-tracked": "a private entry tracked by git",
    SealedTracked = "sealed-tracked": "a sealed page's source under content/ tracked by git",
    SealedOrphan = "sealed-orphan": "a sealed page published from sealed/ whose source is not here",
    SectionIndexIgnored = "section-index-ignored": "an `_index.md` inside a section, which is not used",
    BlankMilestone = "blank-milestone": "a milestone's role or org left empty",
    PlaceholderBaseUrl = "placeholder-base-url": "the base URL `init` wrote",
    PlaceholderAuthor = "placeholder-author": "the author name `init` wrote",
    SampleUnchanged = "sample-unchanged": "`init`'s sample entries left as they were",
    NotImported = "not-imported": "an item of an import source left out: no date, or nothing to name it by",
    LenientInput = "lenient-input": "an import source read leniently: an old key name, `Present` for an end date",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Tests and callers that know a code by its text compare with it directly.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes named in docs/reference.md's table of codes.
    fn documented() -> Vec<String> {
        let doc = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reference.md"));
        let start = doc.find("| code | what |").expect("the table of codes");
        doc[start..]
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .flat_map(|l| {
                let first = l.split('|').nth(1).unwrap_or_default();
                first
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn the_docs_table_names_every_code_and_only_codes() {
        let docs = documented();
        let missing: Vec<&str> = Code::ALL
            .iter()
            .map(|c| c.as_str())
            .filter(|c| !docs.iter().any(|d| d == c))
            .collect();
        assert!(missing.is_empty(), "docs/reference.md lacks: {missing:?}");
        let unknown: Vec<&String> = docs
            .iter()
            .filter(|d| !Code::ALL.iter().any(|c| c.as_str() == d.as_str()))
            .collect();
        assert!(
            unknown.is_empty(),
            "docs/reference.md names no such code: {unknown:?}"
        );
    }

    #[test]
    fn texts_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            let t = c.as_str();
            assert!(seen.insert(t), "{t} twice");
            assert!(
                t.split('-').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit())),
                "{t}"
            );
            assert!(!c.what().is_empty());
        }
    }
}
