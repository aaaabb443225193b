//! `waymark import resume FILE.json`: a JSON Resume document (any 1.x)
//! becomes milestones — `work` roles, `education`, `certificates` and
//! `awards` — and its `basics` an `author` block to paste into
//! `waymark.yaml`. Unknown keys are ignored, as the schema allows; a value
//! of the wrong type or a date that is no date is an error at its line.

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::dates::{Period, iso_partial};
use super::{FrontMatter, Journal, Label, Plan, one_line, quoted};
use crate::diag::{Code, Diagnostic};

/// A date as JSON Resume writes it, or one of the ways tools in the wild
/// say "ongoing" (`""`, `"Present"`), which the schema does not allow.
#[derive(Debug, Clone, PartialEq)]
enum RDate {
    On(Period, String),
    Ongoing(String),
}

impl<'de> Deserialize<'de> for RDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let t = s.trim();
        if t.is_empty()
            || ["present", "current", "now", "ongoing"].contains(&t.to_lowercase().as_str())
        {
            return Ok(RDate::Ongoing(s));
        }
        match iso_partial(t) {
            Some(p) => Ok(RDate::On(p, t.to_string())),
            None => Err(serde::de::Error::custom(format!(
                "{} is not a date (JSON Resume dates are YYYY, YYYY-MM or YYYY-MM-DD, e.g. \"2021-03\")",
                quoted(&s)
            ))),
        }
    }
}

/// A JSON object read into `T`. serde's derive would also take a list,
/// field by field in order; a résumé whose `work` items are lists is the
/// wrong shape, and says so at its line.
#[derive(Debug)]
struct Obj<T>(T);

impl<T> std::ops::Deref for Obj<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData)).map(Obj)
    }
}

#[derive(Debug, Deserialize)]
struct RawResume {
    basics: Option<Obj<Basics>>,
    work: Option<Vec<Obj<Work>>>,
    education: Option<Vec<Obj<Education>>>,
    certificates: Option<Vec<Obj<Certificate>>>,
    awards: Option<Vec<Obj<Award>>>,
    volunteer: Option<serde_json::Value>,
    projects: Option<serde_json::Value>,
    skills: Option<serde_json::Value>,
    publications: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct Basics {
    name: Option<String>,
    label: Option<String>,
    email: Option<String>,
    url: Option<String>,
    /// Before 0.0.17 the site was `website`.
    website: Option<String>,
    location: Option<Location>,
    profiles: Option<Vec<Obj<Profile>>>,
}

/// `location` is an object in `basics`, a string in `work` until the
/// unreleased schema makes it an object there too: either is taken.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Location {
    Text(String),
    Place {
        city: Option<String>,
        region: Option<String>,
        #[serde(rename = "countryCode")]
        country_code: Option<String>,
    },
}

#[derive(Debug, Deserialize)]
struct Profile {
    network: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Work {
    name: Option<String>,
    /// Before 0.0.17 the organisation was `company`.
    company: Option<String>,
    position: Option<String>,
    #[serde(rename = "startDate")]
    start: Option<RDate>,
    #[serde(rename = "endDate")]
    end: Option<RDate>,
    summary: Option<String>,
    highlights: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct Education {
    institution: Option<String>,
    area: Option<String>,
    #[serde(rename = "studyType")]
    study_type: Option<String>,
    #[serde(rename = "startDate")]
    start: Option<RDate>,
    #[serde(rename = "endDate")]
    end: Option<RDate>,
    score: Option<String>,
    courses: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct Certificate {
    name: Option<String>,
    date: Option<RDate>,
    issuer: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Award {
    title: Option<String>,
    date: Option<RDate>,
    /// Before 0.0.17 the date was `awardDate`.
    #[serde(rename = "awardDate")]
    award_date: Option<RDate>,
    awarder: Option<String>,
    summary: Option<String>,
}

fn text(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// serde's words for JSON's types, in JSON's: "map" is an object,
/// "sequence" a list.
fn json_words(message: &str) -> String {
    message
        .replace("invalid type: map", "invalid type: an object")
        .replace("invalid type: sequence", "invalid type: a list")
        .replace("expected a sequence", "expected a list")
        .replace("expected a map", "expected an object")
        .replace("a string", "text (a string)")
}

/// Reads the document, every problem an error at its line.
fn parse(shown: &str, text: &str) -> Result<RawResume, Diagnostic> {
    // Not JSON at all (YAML, Markdown, a CSV): say so, not what serde_json
    // made of its first letter.
    let start = text.len() - text.trim_start().len();
    if let Some(c) = text[start..].chars().next()
        && !matches!(c, '{' | '[')
    {
        let (line, col) = crate::diag::line_col(text, start);
        return Err(Diagnostic::error(
            Code::ImportSyntax,
            format!("this is not a JSON Resume document: one starts with `{{`, not `{c}`"),
        )
        .at(shown, text, line, col)
        .with_help("`import resume` reads a JSON Resume document (resume.json)"));
    }
    serde_json::from_str::<Obj<RawResume>>(text).map(|o| o.0).map_err(|e| {
        // serde_json counts bytes; the caret counts characters.
        let line = e.line();
        let col = text.lines().nth(line.saturating_sub(1)).map_or(e.column(), |l| {
            l.char_indices().take_while(|(i, _)| *i < e.column()).count()
        });
        let message = e.to_string();
        // serde_json ends its message with the place, which the diagnostic shows.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .replace("expected ident", "expected a value");
        let d = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                Diagnostic::error(Code::ImportSyntax, format!("this is not JSON: {message}"))
                .with_help(
                    "`import resume` reads a JSON Resume document (resume.json); check the file is complete and is JSON",
                )
            }
            _ => Diagnostic::error(Code::ImportSchema, json_words(&message)).with_help(
                "this does not follow the JSON Resume schema (jsonresume.org/schema): fix the value, or remove it",
            ),
        };
        d.at(shown, text, line, col)
    })
}

/// The milestone's path, as `new milestone` names it.
/// The start, end and comments of a dated item; `None` (with a warning)
/// when there is no start.
struct Span {
    start: Period,
    start_said: String,
    end: Option<(Period, String)>,
}

fn span(
    plan: &mut Plan,
    place: &str,
    what: &str,
    start: &Option<RDate>,
    start_key: &str,
    end: &Option<RDate>,
) -> Option<Span> {
    let shown = plan.source.clone();
    let (start, start_said) = match start {
        Some(RDate::On(p, s)) => (*p, s.clone()),
        _ => {
            plan.notes.push(
                Diagnostic::warning(
                    Code::NotImported,
                    format!("{place} ({what}) has no {start_key}: not imported"),
                )
                .at_path(&shown)
                .with_help(format!(
                    "a milestone needs the date it began: add `\"{start_key}\": \"YYYY-MM\"` and import again"
                )),
            );
            return None;
        }
    };
    let end = match end {
        Some(RDate::On(p, s)) => Some((*p, s.clone())),
        Some(RDate::Ongoing(s)) => {
            plan.notes.push(
                Diagnostic::warning(
                    Code::LenientInput,
                    format!("{place}: endDate {} read as ongoing", quoted(s)),
                )
                .at_path(&shown)
                .with_help("JSON Resume leaves `endDate` out for what is ongoing"),
            );
            None
        }
        None => None,
    };
    Some(Span {
        start,
        start_said,
        end,
    })
}

/// The date lines of a milestone.
fn dates(f: &mut FrontMatter, s: &Span, source: &str) {
    super::milestone_dates(f, &s.start, &s.start_said, s.end.as_ref(), source);
}

/// The `author` block for `waymark.yaml`, from `basics`.
fn author_block(b: &Basics) -> Option<String> {
    let mut out = String::new();
    let mut field = |key: &str, v: Option<&str>| {
        if let Some(v) = v {
            let _ = writeln!(out, "  {key}: {}", quoted(&one_line(v)));
        }
    };
    field("name", text(&b.name));
    field("headline", text(&b.label));
    let location = match &b.location {
        Some(Location::Text(t)) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        Some(Location::Place {
            city,
            region,
            country_code,
        }) => text(city)
            .or(text(region))
            .or(text(country_code))
            .map(str::to_string),
        None => None,
    };
    field("location", location.as_deref());
    field("email", text(&b.email));
    let mut links: Vec<(String, String)> = Vec::new();
    if let Some(url) = text(&b.url)
        .or(text(&b.website))
        .filter(|u| super::is_web_url(u))
    {
        links.push(("Website".into(), url.to_string()));
    }
    for p in b.profiles.iter().flatten() {
        if let Some(url) = text(&p.url).filter(|u| super::is_web_url(u)) {
            let label = text(&p.network).unwrap_or("Profile");
            links.push((label.to_string(), url.to_string()));
        }
    }
    if !links.is_empty() {
        out.push_str("  links:\n");
        for (label, url) in links {
            let _ = writeln!(
                out,
                "    - {{ label: {}, url: {} }}",
                quoted(&label),
                quoted(&url)
            );
        }
    }
    (!out.is_empty()).then(|| format!("author:\n{out}"))
}

/// What the sections of a résumé are read into: the plan, the journal
/// that knows what the site holds, and the errors found so far.
struct Ctx<'a> {
    plan: Plan,
    journal: Journal<'a>,
    errors: Vec<Diagnostic>,
    /// The file as messages name it, and its name for date comments.
    shown: String,
    name: String,
}

impl Ctx<'_> {
    /// An item left out, with a warning saying why.
    fn skip(&mut self, message: String) {
        self.plan
            .notes
            .push(Diagnostic::warning(Code::NotImported, message).at_path(&self.shown));
    }

    /// A key under its pre-0.0.17 name, read as the new one.
    fn legacy(&mut self, old: &str, new: &str, place: &str) {
        self.plan.notes.push(
            Diagnostic::warning(
                Code::LenientInput,
                format!("{place}: `{old}` is the old name of `{new}`; read as `{new}`"),
            )
            .at_path(&self.shown)
            .with_help(format!(
                "rename `{old}` to `{new}` (JSON Resume 0.0.17 did)"
            )),
        );
    }

    /// The front matter of a milestone of `kind` (`role`, `education`, …),
    /// its dates written.
    fn front_matter(&self, title: &str, s: &Span, kind: &str) -> FrontMatter {
        let mut f = FrontMatter::new(title);
        dates(&mut f, s, &self.name);
        f.plain("type", kind, None);
        f
    }

    /// Adds the milestone where the journal places it (nowhere when the
    /// site holds it already).
    fn add(
        &mut self,
        title: &str,
        s: &Span,
        who: Option<(String, String)>,
        text: String,
        label: Label,
    ) {
        if let Err(e) = self
            .plan
            .add_milestone(&mut self.journal, title, s.start, who, text, label)
        {
            self.errors.extend(e);
        }
    }

    /// The item's span, checked: `None` when it has no start (a warning)
    /// or ends before it starts (an error).
    fn span(
        &mut self,
        place: &str,
        title: &str,
        start: &Option<RDate>,
        start_key: &str,
        end: &Option<RDate>,
    ) -> Option<Span> {
        let s = span(&mut self.plan, place, title, start, start_key, end)?;
        if let Some(e) = end_before_start(&self.shown, place, &s) {
            self.errors.push(e);
            return None;
        }
        Some(s)
    }
}

/// `work[i]`: a role.
fn work(ctx: &mut Ctx, i: usize, w: &Work) {
    let place = format!("work[{i}]");
    let org = match (text(&w.name), text(&w.company)) {
        (Some(n), _) => Some(n),
        (None, Some(c)) => {
            ctx.legacy("company", "name", &place);
            Some(c)
        }
        (None, None) => None,
    };
    let role = text(&w.position);
    let title = match (role, org) {
        (Some(r), Some(o)) => format!("{} at {}", one_line(r), one_line(o)),
        (Some(x), None) | (None, Some(x)) => one_line(x),
        (None, None) => {
            return ctx.skip(format!(
                "{place} has neither `name` nor `position`: not imported"
            ));
        }
    };
    let Some(s) = ctx.span(&place, &title, &w.start, "startDate", &w.end) else {
        return;
    };
    let mut f = ctx.front_matter(&title, &s, "role");
    f.opt("role", role.map(one_line).as_deref())
        .opt("org", org.map(one_line).as_deref())
        .opt("summary", text(&w.summary).map(one_line).as_deref());
    let body: Vec<String> = w
        .highlights
        .iter()
        .flatten()
        .map(|h| one_line(h))
        .filter(|h| !h.is_empty())
        .map(|h| format!("- {h}"))
        .collect();
    let text = f.finish(&body.join("\n"));
    ctx.add(&title, &s, super::who(role, org), text, Label::ROLE);
}

/// `education[i]`: an education milestone.
fn education(ctx: &mut Ctx, i: usize, e: &Education) {
    let place = format!("education[{i}]");
    let study: Vec<&str> = [text(&e.study_type), text(&e.area)]
        .into_iter()
        .flatten()
        .collect();
    let study = one_line(&study.join(" "));
    let school = text(&e.institution).map(one_line);
    let title = match (study.is_empty(), &school) {
        (false, Some(s)) => format!("{study}, {s}"),
        (false, None) => study.clone(),
        (true, Some(s)) => s.clone(),
        (true, None) => {
            return ctx.skip(format!(
                "{place} has neither `institution` nor `area`: not imported"
            ));
        }
    };
    let Some(s) = ctx.span(&place, &title, &e.start, "startDate", &e.end) else {
        return;
    };
    let mut f = ctx.front_matter(&title, &s, "education");
    f.opt("role", text(&e.study_type).map(one_line).as_deref())
        .opt("org", school.as_deref());
    let mut body = Vec::new();
    if let Some(score) = text(&e.score) {
        body.push(format!("Score: {}", one_line(score)));
    }
    let courses: Vec<String> = e
        .courses
        .iter()
        .flatten()
        .map(|c| one_line(c))
        .filter(|c| !c.is_empty())
        .collect();
    if !courses.is_empty() {
        body.push(format!("Courses: {}", courses.join(", ")));
    }
    let who = super::who(text(&e.study_type), school.as_deref());
    let text = f.finish(&body.join("\n\n"));
    ctx.add(&title, &s, who, text, Label::EDUCATION);
}

/// `certificates[i]`: a certification.
fn certificate(ctx: &mut Ctx, i: usize, c: &Certificate) {
    let place = format!("certificates[{i}]");
    let Some(title) = text(&c.name).map(one_line) else {
        return ctx.skip(format!("{place} has no `name`: not imported"));
    };
    let Some(s) = ctx.span(&place, &title, &c.date, "date", &None) else {
        return;
    };
    let mut f = ctx.front_matter(&title, &s, "certification");
    f.opt("org", text(&c.issuer).map(one_line).as_deref());
    let body = text(&c.url)
        .filter(|u| super::is_web_url(u))
        .map(|u| format!("[The certificate]({u})"))
        .unwrap_or_default();
    let text = f.finish(&body);
    ctx.add(&title, &s, None, text, Label::CERTIFICATION);
}

/// `awards[i]`: an award.
fn award(ctx: &mut Ctx, i: usize, a: &Award) {
    let place = format!("awards[{i}]");
    let Some(title) = text(&a.title).map(one_line) else {
        return ctx.skip(format!("{place} has no `title`: not imported"));
    };
    let date = match (&a.date, &a.award_date) {
        (Some(d), _) => Some(d.clone()),
        (None, Some(d)) => {
            ctx.legacy("awardDate", "date", &place);
            Some(d.clone())
        }
        (None, None) => None,
    };
    let Some(s) = ctx.span(&place, &title, &date, "date", &None) else {
        return;
    };
    let mut f = ctx.front_matter(&title, &s, "award");
    f.opt("org", text(&a.awarder).map(one_line).as_deref())
        .opt("summary", text(&a.summary).map(one_line).as_deref());
    let text = f.finish("");
    ctx.add(&title, &s, None, text, Label::AWARD);
}

/// The plan for importing `path` into the site at `root`.
pub(crate) fn plan(root: &Path, path: &Path) -> Result<Plan, Vec<Diagnostic>> {
    let input = super::read_input(path).map_err(|d| vec![d])?;
    let raw = parse(&input.shown, &input.text).map_err(|d| vec![d])?;
    let name = path
        .file_name()
        .map_or(input.shown.clone(), |n| n.to_string_lossy().into_owned());
    let mut ctx = Ctx {
        plan: Plan::new(&input.shown),
        journal: Journal::read(root),
        errors: Vec::new(),
        shown: input.shown.clone(),
        name: name.clone(),
    };
    for (i, w) in raw.work.iter().flatten().enumerate() {
        work(&mut ctx, i, w);
    }
    for (i, e) in raw.education.iter().flatten().enumerate() {
        education(&mut ctx, i, e);
    }
    for (i, c) in raw.certificates.iter().flatten().enumerate() {
        certificate(&mut ctx, i, c);
    }
    for (i, a) in raw.awards.iter().flatten().enumerate() {
        award(&mut ctx, i, a);
    }
    let Ctx {
        mut plan, errors, ..
    } = ctx;
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(block) = raw.basics.as_deref().and_then(author_block) {
        let _ = write!(
            plan.printout,
            "# For waymark.yaml, from {name}: replace its `author` block with this.\n{block}"
        );
    }
    let unread: Vec<&str> = [
        ("volunteer", raw.volunteer.is_some()),
        ("projects", raw.projects.is_some()),
        ("skills", raw.skills.is_some()),
        ("publications", raw.publications.is_some()),
    ]
    .into_iter()
    .filter(|(_, has)| *has)
    .map(|(k, _)| k)
    .collect();
    if !unread.is_empty() {
        plan.after = Some(format!(
            "Not read: {} (waymark keeps skills with the achievements that show them).",
            unread.join(", ")
        ));
    }
    Ok(plan)
}

fn end_before_start(shown: &str, place: &str, s: &Span) -> Option<Diagnostic> {
    let (end, said) = s.end.as_ref()?;
    (end.last < s.start.first).then(|| {
        Diagnostic::error(
            Code::ImportSchema,
            format!(
                "{place}: it ends ({}) before it starts ({})",
                quoted(said),
                quoted(&s.start_said)
            ),
        )
        .at_path(shown)
        .with_help("swap `startDate` and `endDate`, or fix the one that is wrong")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Diagnostic {
        parse("cv.json", text).unwrap_err()
    }

    #[test]
    fn not_json_is_a_syntax_error_at_its_line() {
        let d = err("\n---\ntitle: my cv\n");
        assert_eq!(d.code, Code::ImportSyntax);
        assert_eq!((d.line, d.col), (2, 1));
        assert_eq!(
            d.message,
            "this is not a JSON Resume document: one starts with `{`, not `-`"
        );
        let d = err("name: Robin\n");
        assert_eq!(
            d.message,
            "this is not a JSON Resume document: one starts with `{`, not `n`"
        );
        let d = err("{\"work\": [], }");
        assert_eq!(d.code, Code::ImportSyntax);
        assert_eq!(d.message, "this is not JSON: trailing comma");
        let d = err("{\n  \"work\": [\n    {\"name\": \"Acme\"\n");
        assert_eq!(d.code, Code::ImportSyntax);
        assert!(d.message.contains("EOF"), "{}", d.message);
    }

    #[test]
    fn the_wrong_shape_is_a_schema_error_at_its_line() {
        let d = err("{\n  \"work\": {\"name\": \"Acme\"}\n}\n");
        assert_eq!(d.code, Code::ImportSchema);
        assert_eq!(d.line, 2);
        assert_eq!(d.message, "invalid type: an object, expected a list");
        let d = err("[1, 2]");
        assert_eq!(d.message, "invalid type: a list, expected an object");
        assert_eq!(d.line, 1);
        let d = err("{\"work\": [[\"Acme\", \"Lead\"]]}");
        assert_eq!(d.message, "invalid type: a list, expected an object");
        let d = err("{\"work\": [{\"name\": 7}]}");
        assert!(d.message.contains("expected text"), "{}", d.message);
    }

    #[test]
    fn a_date_that_is_no_date_is_an_error_at_its_line() {
        let d = err("{\"work\": [\n {\"name\": \"Acme\",\n  \"startDate\": \"2021-13\"}]}");
        assert_eq!(d.code, Code::ImportSchema);
        assert_eq!(d.line, 3);
        assert!(
            d.message.starts_with("\"2021-13\" is not a date"),
            "{}",
            d.message
        );
    }

    #[test]
    fn ongoing_has_many_spellings() {
        let raw = parse(
            "cv.json",
            r#"{"work": [{"endDate": ""}, {"endDate": "Present"}, {"endDate": "2021"}, {}]}"#,
        )
        .unwrap();
        let ends: Vec<Option<RDate>> = raw.work.unwrap().into_iter().map(|w| w.0.end).collect();
        assert_eq!(ends[0], Some(RDate::Ongoing(String::new())));
        assert_eq!(ends[1], Some(RDate::Ongoing("Present".into())));
        assert!(matches!(ends[2], Some(RDate::On(..))));
        assert_eq!(ends[3], None);
    }

    #[test]
    fn the_author_block_takes_basics() {
        let raw = parse(
            "cv.json",
            r#"{"basics": {"name": "Sam Example", "label": "Staff \"Engineer\"", "email": "sam@example.com",
               "url": "https://sam.example", "location": {"city": "Leeds", "countryCode": "GB"},
               "profiles": [{"network": "GitHub", "url": "https://github.com/sam-example"}, {"network": "X"}]}}"#,
        )
        .unwrap();
        let block = author_block(raw.basics.as_deref().unwrap()).unwrap();
        assert_eq!(
            block,
            "author:\n  name: \"Sam Example\"\n  headline: \"Staff \\\"Engineer\\\"\"\n  location: \"Leeds\"\n  email: \"sam@example.com\"\n  links:\n    - { label: \"Website\", url: \"https://sam.example\" }\n    - { label: \"GitHub\", url: \"https://github.com/sam-example\" }\n"
        );
        // It is a config's author, as waymark.yaml reads it.
        let config = format!("title: T\nbase_url: https://x.example/\n{block}");
        let c = crate::model::config::parse(&config, None).unwrap();
        assert_eq!(c.author.name.as_deref(), Some("Sam Example"));
        assert_eq!(c.author.links.len(), 2);
    }
}
