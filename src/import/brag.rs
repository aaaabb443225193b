//! `waymark import brag FILE.md`: a brag document — the running list of
//! wins many people keep in a notes app — becomes achievements. Each item
//! (a top-level list item, a paragraph, a table row) under a dated heading
//! (`## 2026-03-06`, `## Week 10 2026`, `## March 2026`, `# 2026` over
//! `[Mar 12]` items, …) is dated from it, or from a date it starts with; a
//! line of the item that reads like a result (an arrow, a percentage, a
//! number) is suggested as its `impact`. An item with no date is listed,
//! never guessed.
//!
//! A brag document is written for a manager, not for the public, so the
//! achievements go to `private/achievements/` unless `--public`.

use std::path::Path;

use super::dates::{self, Found, Period, Precision};
use super::{FrontMatter, Journal, Label, Plan, date_comment, one_line, quoted};
use crate::diag::{Code, Diagnostic};
use crate::model::kind::Kind;

/// The longest title an item keeps; the rest of a longer first line stays
/// in the body.
const TITLE_MAX: usize = 100;

/// A heading on the way down to an item.
#[derive(Debug, Clone)]
struct Heading {
    level: usize,
    text: String,
    found: Option<Found>,
}

/// Why an item is not made into an achievement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// Under a heading of goals: those are not achievements.
    Goals,
    /// Under the template's "General prompts".
    Prompts,
    /// `- [ ] …`: not done yet.
    Unchecked,
}

/// One item of the document.
#[derive(Debug, Clone)]
struct Item {
    /// 1-based line of its first line.
    line: usize,
    /// Its first line (or paragraph), as written, without its list marker.
    first: String,
    /// The lines after it, as Markdown, dedented.
    body: Vec<String>,
    /// The headings it is under, outermost first.
    under: Vec<Heading>,
    /// An impact given by a table's column.
    impact: Option<String>,
    skip: Option<Skip>,
}

/// A list marker: `- `, `* `, `+ `, `1. `, `1) `. The indent of the line
/// and the column its text starts at.
fn list_marker(line: &str) -> Option<(usize, usize)> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[indent..];
    let marker = if rest.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 || !rest[digits..].starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    };
    let after = &rest[marker..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    // `---` and `***` are thematic breaks, not items.
    if is_break(rest) {
        return None;
    }
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    Some((indent, indent + marker + spaces.clamp(1, 4)))
}

fn is_break(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3
        && (t.chars().all(|c| c == '-')
            || t.chars().all(|c| c == '*')
            || t.chars().all(|c| c == '_'))
}

/// An ATX heading: its level and text.
fn heading(line: &str) -> Option<(usize, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let text = &rest[level..];
    if !(text.is_empty() || text.starts_with([' ', '\t'])) {
        return None;
    }
    let text = text.trim().trim_end_matches('#').trim();
    Some((level, text.to_string()))
}

/// What kind of section a heading opens, by its words.
fn section_skip(text: &str) -> Option<Skip> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let first = words
        .iter()
        .position(|w| {
            !w.bytes().all(|b| b.is_ascii_digit()) && w != "my" && w != "this" && w != "next"
        })
        .map(|i| words[i].as_str());
    match first {
        Some("goal" | "goals") => Some(Skip::Goals),
        Some("general") if words.iter().any(|w| w == "prompts") => Some(Skip::Prompts),
        _ => None,
    }
}

/// A table row's cells.
fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_table_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Where a front matter block ends: the number of lines it takes.
fn front_matter_lines(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map_or(0, |i| i + 2)
}

/// The items of a brag document, each with the headings over it.
fn items(text: &str) -> Vec<Item> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Item> = Vec::new();
    let mut stack: Vec<Heading> = Vec::new();
    // The open item, and where its text starts when it is a list item
    // (`None` for a paragraph).
    let mut open: Option<(Item, Option<usize>)> = None;
    let mut blank = false;
    let mut fence: Option<String> = None;
    let mut comment = false;
    let skip_of = |stack: &[Heading]| stack.iter().rev().find_map(|h| section_skip(&h.text));
    let mut n = front_matter_lines(&lines);
    macro_rules! close {
        () => {
            if let Some((mut item, _)) = open.take() {
                // The body as its own Markdown: its common indent removed.
                let common = item
                    .body
                    .iter()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| l.len() - l.trim_start_matches(' ').len())
                    .min()
                    .unwrap_or(0);
                for l in &mut item.body {
                    *l = dedent(l, common);
                }
                out.push(item);
            }
        };
    }
    while n < lines.len() {
        let expanded = expand_tabs(lines[n]);
        let line = expanded.as_str();
        let lineno = n + 1;
        n += 1;
        if comment {
            if line.contains("-->") {
                comment = false;
            }
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
            if let Some((item, indent)) = open.as_mut() {
                item.body.push(dedent(line, indent.unwrap_or(0)));
            }
            continue;
        }
        if trimmed.starts_with("<!--") {
            if !trimmed.contains("-->") {
                comment = true;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            if let Some((item, indent)) = open.as_mut() {
                item.body.push(dedent(line, indent.unwrap_or(0)));
            }
            continue;
        }
        if let Some((level, text)) = heading(line) {
            close!();
            while stack.last().is_some_and(|h| h.level >= level) {
                stack.pop();
            }
            let found = dates::find(&text);
            stack.push(Heading { level, text, found });
            blank = false;
            continue;
        }
        if trimmed.is_empty() {
            if matches!(open, Some((_, None))) {
                close!();
            }
            blank = true;
            continue;
        }
        if is_break(trimmed) && list_marker(line).is_none() {
            close!();
            continue;
        }
        // A table: its header, its separator, then a row per item.
        if trimmed.starts_with('|') && lines.get(n).is_some_and(|l| is_table_separator(l)) {
            close!();
            let header: Vec<String> = cells(line).iter().map(|c| c.to_lowercase()).collect();
            n += 1;
            while n < lines.len() && lines[n].trim_start().starts_with('|') {
                let row = cells(lines[n]);
                out.push(table_item(&header, &row, n + 1, &stack, skip_of(&stack)));
                n += 1;
            }
            continue;
        }
        if let Some((indent, text_at)) = list_marker(line) {
            if let Some((item, Some(at))) = open.as_mut()
                && indent >= *at
            {
                item.body.push(dedent(line, *at));
                blank = false;
                continue;
            }
            close!();
            let (first, unchecked) = checkbox(line[text_at.min(line.len())..].trim());
            let skip = skip_of(&stack).or(unchecked.then_some(Skip::Unchecked));
            open = Some((
                Item {
                    line: lineno,
                    first,
                    body: Vec::new(),
                    under: stack.clone(),
                    impact: None,
                    skip,
                },
                Some(text_at),
            ));
            blank = false;
            continue;
        }
        // Other text: more of the open item, or a paragraph of its own.
        match open.as_mut() {
            Some((item, Some(at))) => {
                let indent = line.len() - trimmed.len();
                if !blank && item.body.is_empty() && !trimmed.starts_with(['>', '|']) {
                    // A list item's text wrapped onto the next line.
                    item.first.push(' ');
                    item.first.push_str(trimmed.trim_end());
                } else if indent >= *at || !blank {
                    item.body.push(dedent(line, *at));
                } else {
                    close!();
                    open = Some((paragraph(trimmed, lineno, &stack, skip_of(&stack)), None));
                }
            }
            Some((item, None)) => {
                item.first.push(' ');
                item.first.push_str(trimmed.trim_end());
            }
            None => {
                open = Some((paragraph(trimmed, lineno, &stack, skip_of(&stack)), None));
            }
        }
        blank = false;
    }
    close!();
    out
}

/// A line with the tabs of its indent made spaces, to the next multiple of
/// four, as CommonMark counts them.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.char_indices();
    for (i, c) in chars.by_ref() {
        match c {
            ' ' => out.push(' '),
            '\t' => {
                let to = (out.len() / 4 + 1) * 4;
                out.extend(std::iter::repeat_n(' ', to - out.len()));
            }
            _ => {
                out.push_str(&line[i..]);
                return out;
            }
        }
    }
    out
}

fn paragraph(text: &str, line: usize, stack: &[Heading], skip: Option<Skip>) -> Item {
    Item {
        line,
        first: text.trim_end().to_string(),
        body: Vec::new(),
        under: stack.to_vec(),
        impact: None,
        skip,
    }
}

/// A table row as an item: the title from the column that names the
/// achievement (else the first that is not a date), the date from a date
/// column, the impact from an impact column, the other cells in the body.
fn table_item(
    header: &[String],
    row: &[String],
    line: usize,
    stack: &[Heading],
    skip: Option<Skip>,
) -> Item {
    let col = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let date_col = col(&["date", "when", "day", "week", "month", "period"]);
    let impact_col = col(&["impact", "result", "results", "outcome"]);
    let title_col = col(&[
        "achievement",
        "accomplishment",
        "what",
        "win",
        "item",
        "title",
        "description",
        "task",
        "project",
    ])
    .or_else(|| (0..header.len()).find(|i| Some(*i) != date_col && Some(*i) != impact_col));
    let cell = |i: Option<usize>| {
        i.and_then(|i| row.get(i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let date = cell(date_col);
    let title = cell(title_col);
    let first = if date.is_empty() {
        title
    } else {
        format!("[{date}] {title}")
    };
    let body = header
        .iter()
        .enumerate()
        .filter(|(i, _)| ![date_col, title_col, impact_col].contains(&Some(*i)))
        .filter_map(|(i, h)| {
            let v = row.get(i)?.trim();
            (!v.is_empty()).then(|| format!("{}: {v}", capitalise(h)))
        })
        .collect();
    Item {
        line,
        first,
        body,
        under: stack.to_vec(),
        impact: Some(cell(impact_col)).filter(|s| !s.is_empty()),
        skip,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `[x] text` → (`text`, false); `[ ] text` → (`text`, true).
fn checkbox(text: &str) -> (String, bool) {
    for (mark, unchecked) in [("[ ] ", true), ("[x] ", false), ("[X] ", false)] {
        if let Some(rest) = text.strip_prefix(mark) {
            return (rest.trim().to_string(), unchecked);
        }
    }
    (text.to_string(), false)
}

fn dedent(line: &str, by: usize) -> String {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    line[spaces.min(by)..].trim_end().to_string()
}

/// A date an item's text starts with, and the text after it: `[Mar 12,
/// 2024] …`, `**2026-03-06** …`, `2026-03-06: …`, `Mar 12 – …`. A clock
/// time (`09:14:03⇥`, from a daily log) is dropped.
fn leading_date(text: &str) -> (Option<(Found, String)>, String) {
    let text = strip_clock(text);
    for (open, close) in [("[", "]"), ("**", "**"), ("(", ")")] {
        if let Some(rest) = text.strip_prefix(open)
            && let Some(end) = rest.find(close)
        {
            let (inner, after) = (&rest[..end], &rest[end + close.len()..]);
            // `[text](url)` is a link, not a date.
            if open == "[" && after.starts_with('(') {
                break;
            }
            if let Some(f) = dates::find(inner) {
                return (Some((f, inner.trim().to_string())), trim_separator(after));
            }
        }
    }
    // `2026-03-06 Shipped it`: an ISO date needs no separator.
    if let Some((word, rest)) = text.split_once(char::is_whitespace)
        && word.len() >= 10
        && let Some(f) = dates::find(word.trim_end_matches(':'))
        && word.as_bytes()[0].is_ascii_digit()
    {
        return (
            Some((f, word.trim_end_matches(':').to_string())),
            trim_separator(rest),
        );
    }
    // `Mar 12: …`, `Week 10 2026 – …`: a short date before a separator.
    for sep in [": ", " - ", " – ", " — "] {
        if let Some((head, rest)) = text.split_once(sep)
            && head.split_whitespace().count() <= 5
            && head.chars().count() <= 30
            && date_only(head)
            && let Some(f) = dates::find(head)
        {
            return (Some((f, head.trim().to_string())), rest.trim().to_string());
        }
    }
    (None, text.to_string())
}

/// Whether every word of `s` is a word dates are written with.
fn date_only(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.trim_matches(|c: char| c == '.' || c == '*' || c == '(' || c == ')');
            w.bytes().next().is_some_and(|b| b.is_ascii_digit())
                || dates::month_named(w).is_some()
                || matches!(
                    w.to_lowercase().as_str(),
                    "week" | "wk" | "of" | "-" | "–" | "—"
                )
                || (w.len() > 1
                    && matches!(w.as_bytes()[0].to_ascii_lowercase(), b'q' | b'h' | b'w')
                    && w.as_bytes()[1..].iter().all(u8::is_ascii_digit))
                || [
                    "mon",
                    "tue",
                    "tues",
                    "wed",
                    "thu",
                    "thur",
                    "thurs",
                    "fri",
                    "sat",
                    "sun",
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                ]
                .contains(&w.to_lowercase().as_str())
        })
}

fn strip_clock(text: &str) -> &str {
    let b = text.as_bytes();
    let digits = |s: usize| b.get(s).is_some_and(u8::is_ascii_digit);
    // HH:MM or HH:MM:SS, then white space.
    let mut i = if digits(0) && digits(1) && b.get(2) == Some(&b':') {
        3
    } else {
        return text;
    };
    if !(digits(i) && digits(i + 1)) {
        return text;
    }
    i += 2;
    if b.get(i) == Some(&b':') && digits(i + 1) && digits(i + 2) {
        i += 3;
    }
    if b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
        text[i..].trim_start()
    } else {
        text
    }
}

fn trim_separator(s: &str) -> String {
    s.trim_start()
        .trim_start_matches([':', '-', '–', '—', '|'])
        .trim()
        .to_string()
}

/// Text without kramdown's attribute lists (`{target=_blank}`, `{:.note}`),
/// which other Markdown shows as they are.
fn strip_attrs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        match tail.find('}') {
            Some(end) if tail[..end].contains('=') || tail[1..].starts_with(':') => {
                out.push_str(rest[..i].trim_end());
                rest = &tail[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out.trim_end().to_string()
}

/// Text as a plain title: links keep their text, emphasis and code marks
/// and kramdown's `{target=_blank}` go.
fn plain(s: &str) -> String {
    let s = strip_attrs(s);
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(end) = tail.find("](")
            && let Some(close) = tail[end..].find(')')
            && !tail[1..end].contains('[')
        {
            out.push_str(&tail[1..end]);
            rest = &tail[end + close + 1..];
            continue;
        }
        out.push('[');
        rest = &tail[1..];
    }
    out.push_str(rest);
    let out = out
        .replace("![", "")
        .replace("**", "")
        .replace("__", "")
        .replace('`', "")
        .replace("~~", "");
    one_line(&out)
}

/// The end of the first sentence of `text`, if another follows it.
fn sentence_end(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(['.', '!', '?']).map(|i| i + from) {
        let next = text[i + 1..].chars().next();
        let word = text[..i].rsplit(' ').next().unwrap_or("");
        let abbreviation =
            ["e.g", "i.e", "vs", "etc", "approx", "incl"].contains(&word.to_lowercase().as_str());
        if next == Some(' ')
            && !abbreviation
            && text[..i].chars().count() > 10
            && text[i + 1..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| !c.is_lowercase())
        {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// A title: the first sentence when more follow, cut at a word to at most
/// [`TITLE_MAX`] characters. `true` when something was left out of it.
fn title_of(text: &str) -> (String, bool) {
    let (title, rest) = title_and_rest(text);
    (title, rest.is_some())
}

/// [`title_of`], with where the text the title left out starts (a byte
/// offset into `text`), when it left some out. A shortened title ends in
/// `…`, which is not in `text`: the offset, not the title's length, says
/// where the rest begins.
fn title_and_rest(text: &str) -> (String, Option<usize>) {
    if let Some(i) = sentence_end(text)
        && text[..i].chars().count() <= TITLE_MAX
    {
        return (text[..i].to_string(), Some(i));
    }
    if text.chars().count() <= TITLE_MAX {
        return (text.to_string(), None);
    }
    let mut out = String::new();
    let mut end = 0;
    for (at, w) in text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
    {
        if out.chars().count() + w.chars().count() + 1 > TITLE_MAX - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        end = at + w.len();
    }
    if out.is_empty() {
        out = text.chars().take(TITLE_MAX - 1).collect();
        end = out.len();
    }
    out.push('…');
    (out, Some(end))
}

/// Whether a line reads like a result: an arrow (`840 ms → 310 ms`), a
/// percentage, or a number that is not a year, a date, a version or a
/// name like `p99`, `Q3` or `S3`.
pub(crate) fn looks_like_result(line: &str) -> bool {
    if ["→", "->", "⇒", "=>", "⟶", "%"]
        .iter()
        .any(|a| line.contains(a))
    {
        return true;
    }
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"'))
        .map(|w| w.trim_start_matches(['$', '€', '£', '~', '+', '-', '<', '>']))
        .filter(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        .any(|w| {
            let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
            let rest = &w[digits.len()..];
            let year = digits.len() == 4
                && rest.is_empty()
                && (1900..2200).contains(&digits.parse::<u32>().unwrap_or(0));
            let next_digit = rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
            let date_or_version = (rest.starts_with(['-', '/', ':']) && next_digit)
                || (rest.starts_with('.') && rest[1..].contains('.'));
            let ordinal = ["st", "nd", "rd", "th"].contains(&rest.trim_end_matches(['.', ':']));
            !year && !date_or_version && !ordinal
        })
}

/// The suggested impact: a table's impact column, else the first of the
/// item's other sentences and body lines that reads like a result, else the
/// title when it does.
fn impact_of(item: &Item, title: &str, more: &str) -> Option<String> {
    if let Some(i) = &item.impact {
        return Some(one_line(i));
    }
    let clean = |l: &str| {
        let l = l.trim();
        let l = list_marker(l).map_or(l, |(_, at)| l[at.min(l.len())..].trim());
        let l = plain(l);
        let mut l = l.as_str();
        for p in [
            "impact:", "result:", "results:", "outcome:", "→", "->", "=>",
        ] {
            if l.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) {
                l = l[p.len()..].trim();
            }
        }
        l.to_string()
    };
    let mut sentences = Vec::new();
    let mut rest = more.trim();
    while !rest.is_empty() {
        let end = sentence_end(rest).map_or(rest.len(), |i| i + 1);
        sentences.push(rest[..end].trim().trim_end_matches('.').to_string());
        rest = rest[end..].trim();
    }
    sentences
        .into_iter()
        .chain(item.body.iter().map(|l| clean(l)))
        .find(|l| !l.is_empty() && looks_like_result(l))
        .or_else(|| looks_like_result(title).then(|| title.to_string()))
        .map(|i| {
            if i.chars().count() > 200 {
                title_of(&i).0
            } else {
                i
            }
        })
}

/// When an item is: its own leading date, else the nearest dated heading
/// over it; a year the date lacks comes from a heading further out or from
/// the file's name. The text that said it, for the date's comment.
fn when(
    item: &Item,
    own: Option<(Found, String)>,
    file: Option<Period>,
) -> Option<(Period, String)> {
    let year_from = |skip: usize| {
        item.under
            .iter()
            .rev()
            .skip(skip)
            .find_map(|h| match h.found {
                Some(Found::Period(p)) => Some(p.first.year()),
                _ => None,
            })
            .or(file.map(|p| p.first.year()))
    };
    if let Some((f, said)) = own {
        return f.with_year(year_from(0)).map(|p| (p, said));
    }
    for (i, h) in item.under.iter().rev().enumerate() {
        if let Some(f) = h.found {
            return f.with_year(year_from(i + 1)).map(|p| (p, h.text.clone()));
        }
    }
    // A daily log's file name (`2024-05-08.md`) dates what it holds.
    file.filter(|p| matches!(p.precision, Precision::Day | Precision::Week))
        .map(|p| (p, String::new()))
}

/// The plan for importing the brag document at `path` into the site at
/// `root`; `public` writes to `content/` instead of `private/`.
pub(crate) fn plan(root: &Path, path: &Path, public: bool) -> Result<Plan, Vec<Diagnostic>> {
    let input = super::read_input(path).map_err(|d| vec![d])?;
    let name = path
        .file_name()
        .map_or(input.shown.clone(), |n| n.to_string_lossy().into_owned());
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let file_date = dates::find(stem).and_then(|f| f.with_year(None));
    let mut plan = Plan::new(&input.shown);
    let mut journal = Journal::read(root);
    let mut errors = Vec::new();
    let top = if public { "content" } else { "private" };
    let not = |plan: &mut Plan, item: &Item, why: String, help: &str| {
        plan.notes.push(
            Diagnostic::warning(Code::NotImported, why)
                .at(&input.shown, &input.text, item.line, 1)
                .with_help(help.to_string()),
        );
    };
    for item in items(&input.text) {
        match item.skip {
            Some(Skip::Goals) => {
                not(
                    &mut plan,
                    &item,
                    "under a heading of goals: goals are not achievements, so not imported".into(),
                    "write it as a goal: `waymark new goal \"…\"`",
                );
                continue;
            }
            Some(Skip::Prompts) => continue,
            Some(Skip::Unchecked) => {
                not(
                    &mut plan,
                    &item,
                    "an unchecked task: not done yet, so not imported".into(),
                    "tick it (`- [x]`) when it is done, and import again",
                );
                continue;
            }
            None => {}
        }
        let (own, text) = leading_date(&item.first);
        let full = plain(&text);
        if full.is_empty() {
            continue;
        }
        let Some((period, said)) = when(&item, own.clone(), file_date) else {
            let why = match own
                .map(|o| o.0)
                .or(item.under.iter().rev().find_map(|h| h.found))
            {
                Some(_) => format!("{} has a date without a year: not imported", quoted(&full)),
                None => format!("{} has no date: not imported", quoted(&full)),
            };
            not(
                &mut plan,
                &item,
                why,
                "put it under a dated heading (`## 2026-03-06`, `## Week 10 2026`, `## March 2026`) or start it with a date (`[2026-03-06] …`), and import again",
            );
            continue;
        };
        let (title, rest) = title_and_rest(&full);
        let cut = rest.is_some();
        let more = rest
            .and_then(|at| full.get(at..))
            .unwrap_or_default()
            .trim_start_matches(['.', '!', '?', '…']);
        let mut body: Vec<String> = Vec::new();
        // The first line stays in the body when the title left some of it
        // out: more sentences, or a link.
        if cut || text.contains("](") {
            body.push(strip_attrs(text.trim()));
            if !item.body.is_empty() {
                body.push(String::new());
            }
        }
        body.extend(item.body.iter().map(|l| strip_attrs(l)));
        while body.last().is_some_and(|l| l.trim().is_empty()) {
            body.pop();
        }
        let date = period.date();
        let mut f = FrontMatter::new(&title);
        let comment = date_comment(&period, &said, &name);
        f.plain("date", &date.to_string(), comment.as_deref());
        if let Some(impact) = impact_of(&item, &title, more) {
            f.plain(
                "impact",
                &quoted(&impact),
                Some("suggested from the brag document: check it"),
            );
        }
        let path_for = |slug: &str| format!("{top}/achievements/{}/{date}-{slug}.md", date.year());
        let placed = journal.place(Kind::Achievement, &title, period, false, None, path_for);
        if let Err(e) = plan.add_entry(
            placed,
            Kind::Achievement,
            f.finish(&body.join("\n")),
            Label::ACHIEVEMENT,
        ) {
            errors.extend(e);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if !public && !plan.files.is_empty() {
        plan.after = Some(
            "They are in private/achievements/: private, never published. Move the ones to publish into content/achievements/, or import with --public.".into(),
        );
    }
    Ok(plan)
}

#[cfg(test)]
mod tests;
