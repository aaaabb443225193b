//! Reading a Monzo progression-framework file (`frameworks/*.md` in
//! monzo/progression-framework) into a [`Ladder`]: YAML front matter with
//! `topics`, each `{ name, title, content: [{ level, criteria,
//! exampleCriteria }] }`. Levels are every number the file uses (and
//! 1..`levels`), named "Level N" with ids `level-N`; themes are the topics
//! (id: the slug of `name`); each criterion is a competency with the id
//! `<topic>-<level>-<n>`, and each example criterion one more, carrying
//! its examples. A topic whose `title` is empty takes the generic
//! framework's title for the same name (`generic.md` beside the file or
//! one folder up), else its name in title case.

use std::collections::BTreeSet;

use super::{Competency, Ladder, Level, Theme, clean};
use crate::diag::{Code, Diagnostic};
use crate::model::markdown::slugify;

/// Whether `text` looks like a Monzo framework (front matter with `topics`).
pub(crate) fn is_monzo(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}');
    t.starts_with("---")
        && front_matter(t).is_some_and(|(fm, _)| fm.lines().any(|l| l.starts_with("topics:")))
}

/// The front matter's text and its first line (1-based) in the file.
fn front_matter(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest.strip_prefix("\r\n").or(rest.strip_prefix('\n'))?;
    let mut end = None;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            end = Some(at);
            break;
        }
        at += line.len();
    }
    Some((&rest[..end.unwrap_or(rest.len())], 2))
}

/// Titles by topic name from a generic framework's text, if it reads.
pub(crate) fn generic_titles(text: &str) -> Vec<(String, String)> {
    let Some((fm, _)) = front_matter(text) else {
        return Vec::new();
    };
    let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(&fm.replace("-\t", "- ")) else {
        return Vec::new();
    };
    let Some(topics) = v.get("topics").and_then(|t| t.as_sequence()) else {
        return Vec::new();
    };
    topics
        .iter()
        .filter_map(|t| {
            let name = t.get("name")?.as_str()?.to_string();
            let title = t.get("title")?.as_str()?.to_string();
            Some((name, clean(&title)))
        })
        .collect()
}

fn title_case(s: &str) -> String {
    s.split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Converts a Monzo framework; `generic` holds the generic framework's
/// titles by topic name. Returns the ladder and its warnings.
pub(crate) fn convert(
    path: &str,
    text: &str,
    generic: &[(String, String)],
) -> Result<(Ladder, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = text.trim_start_matches('\u{feff}');
    let err = |line: usize, msg: String, help: &str| {
        vec![
            Diagnostic::error(Code::LadderShape, msg)
                .at(path, text, line, 1)
                .with_help(help),
        ]
    };
    let Some((fm, first)) = front_matter(text) else {
        return Err(err(
            1,
            "no front matter: a Monzo framework starts with `---`".into(),
            "convert a file from the frameworks/ folder of a Monzo-style progression framework, or an FT-style ladder YAML",
        ));
    };
    let mut warnings = Vec::new();
    // js-yaml, which Monzo's site uses, takes a tab after a list's dash;
    // YAML does not. Read it as a space, and say so.
    let fm_text = if let Some(pos) = fm.find("-\t") {
        let line = first + fm[..pos].matches('\n').count();
        warnings.push(
            Diagnostic::warning(
                Code::TabInYaml,
                "a tab after a list's dash: read as a space".to_string(),
            )
            .at(path, text, line, 1)
            .with_help("YAML forbids a tab there (js-yaml tolerates it); use a space"),
        );
        fm.replace("-\t", "- ")
    } else {
        fm.to_string()
    };
    let value: serde_yaml::Value = serde_yaml::from_str(&fm_text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line() + first - 1);
        err(
            line,
            format!("the front matter is not valid YAML: {e}"),
            "fix the YAML between the `---` lines",
        )
    })?;
    if value.get("yaml").and_then(|y| y.as_bool()) == Some(false) {
        return Err(err(
            first,
            "a prose framework (`yaml: false`): its levels are paragraphs, not criteria".into(),
            "only frameworks whose front matter lists `topics` can be converted; write those competencies into ladder.yaml by hand",
        ));
    }
    let Some(topics) = value.get("topics").and_then(|t| t.as_sequence()) else {
        return Err(err(
            first,
            "the front matter has no `topics` list".into(),
            "a Monzo framework lists `topics:`, each with `name`, `title` and `content`",
        ));
    };
    let title = value
        .get("title")
        .and_then(|t| t.as_str())
        .map(|t| clean(t.trim_start_matches(|c: char| !c.is_alphanumeric())))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "Progression framework".to_string());
    let mut levels: BTreeSet<u64> = BTreeSet::new();
    if let Some(n) = value.get("levels").and_then(|l| l.as_u64()) {
        levels.extend(1..=n);
    }
    let topic_line = |name: &str| {
        text.lines()
            .position(|l| l.contains("name:") && l.contains(name))
            .map_or(first, |i| i + 1)
    };
    let mut out = Converted {
        levels,
        themes: Vec::new(),
        competencies: Vec::new(),
    };
    for (ti, topic) in topics.iter().enumerate() {
        read_topic(&mut out, ti, topic, generic, &err, &topic_line, first)?;
    }
    let Converted {
        levels,
        themes,
        competencies,
    } = out;
    let ladder = Ladder {
        path: path.to_string(),
        name: title,
        summary: None,
        levels: levels
            .into_iter()
            .map(|n| Level {
                id: format!("level-{n}"),
                name: format!("Level {n}"),
                summary: None,
            })
            .collect(),
        themes,
        competencies,
    };
    Ok((ladder, warnings))
}

/// What a conversion has made so far.
struct Converted {
    levels: BTreeSet<u64>,
    themes: Vec<Theme>,
    competencies: Vec<Competency>,
}

type Fail<'a> = dyn Fn(usize, String, &str) -> Vec<Diagnostic> + 'a;

/// One topic: a theme, and a competency per criterion and example
/// criterion of each of its levels.
fn read_topic(
    out: &mut Converted,
    ti: usize,
    topic: &serde_yaml::Value,
    generic: &[(String, String)],
    err: &Fail,
    topic_line: &dyn Fn(&str) -> usize,
    first: usize,
) -> Result<(), Vec<Diagnostic>> {
    let Converted {
        levels,
        themes,
        competencies,
    } = out;
    let Some(name) = topic.get("name").and_then(scalar_text) else {
        return Err(err(
            first,
            format!("topics[{ti}] has no `name`"),
            "each topic is `{ name, title, content }`",
        ));
    };
    let id = slugify(&name);
    let title = topic
        .get("title")
        .and_then(|t| t.as_str())
        .map(clean)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            generic
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.clone())
        })
        .unwrap_or_else(|| title_case(&name));
    themes.push(Theme {
        id: id.clone(),
        name: title,
        summary: None,
    });
    let content = topic
        .get("content")
        .and_then(|c| c.as_sequence())
        .cloned()
        .unwrap_or_default();
    // Criteria numbered per topic and level, across repeated entries.
    let mut counts: std::collections::BTreeMap<u64, usize> = Default::default();
    for block in &content {
        let Some(level) = block
            .get("level")
            .and_then(|l| l.as_u64())
            .filter(|&l| l > 0)
        else {
            return Err(err(
                topic_line(&name),
                format!("topic `{name}`: a `level` that is not a positive whole number"),
                "each entry of `content` is `{ level: 1, criteria: [\"…\"] }`",
            ));
        };
        levels.insert(level);
        let mut add = |summary: String, examples: Vec<String>| {
            let n = counts.entry(level).or_default();
            *n += 1;
            competencies.push(Competency {
                id: format!("{id}-{level}-{n}"),
                level: format!("level-{level}"),
                theme: id.clone(),
                summary,
                proficiency: None,
                examples,
            });
        };
        match block.get("criteria") {
            None | Some(serde_yaml::Value::Null) => {}
            Some(serde_yaml::Value::Sequence(list)) => {
                for c in list {
                    let Some(c) = scalar_text(c) else {
                        return Err(err(
                            topic_line(&name),
                            format!("topic `{name}`, level {level}: a criterion that is not text"),
                            "`criteria` is a list of sentences",
                        ));
                    };
                    add(c, Vec::new());
                }
            }
            Some(_) => {
                return Err(err(
                    topic_line(&name),
                    format!("topic `{name}`, level {level}: `criteria` is not a list"),
                    "`criteria` is a list of sentences",
                ));
            }
        }
        for ex in block
            .get("exampleCriteria")
            .and_then(|e| e.as_sequence())
            .into_iter()
            .flatten()
        {
            let Some(c) = ex.get("criteria").and_then(scalar_text) else {
                continue;
            };
            let examples = ex
                .get("examples")
                .and_then(|e| e.as_sequence())
                .map(|e| e.iter().filter_map(scalar_text).collect())
                .unwrap_or_default();
            add(c, examples);
        }
    }
    Ok(())
}

fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
