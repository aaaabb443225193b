//! A ladder as `ladder.yaml` text, what `waymark import ladder` writes: the
//! keys in the order SPEC lists them, every string quoted (a UUID such as
//! `1e10…` must not read back as a number), and read back by [`super::parse`]
//! to the same ladder (a unit test holds it to that).

use super::Ladder;

/// A YAML double-quoted scalar: JSON's string escapes are YAML's.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The ladder as YAML, with `from` named in an opening comment.
pub(crate) fn to_yaml(l: &Ladder, from: &str) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "# The career ladder, converted by `waymark import ladder` from {from}."
    ));
    line("# Achievements name competencies by id: `evidence: [id, …]`.".into());
    line(format!("name: {}", q(&l.name)));
    if let Some(s) = &l.summary {
        line(format!("summary: {}", q(s)));
    }
    line("levels:                      # lowest first".into());
    for v in &l.levels {
        let summary = v
            .summary
            .as_ref()
            .map(|s| format!(", summary: {}", q(s)))
            .unwrap_or_default();
        line(format!(
            "  - {{ id: {}, name: {}{summary} }}",
            q(&v.id),
            q(&v.name)
        ));
    }
    line("themes:".into());
    for t in &l.themes {
        line(format!("  - id: {}", q(&t.id)));
        line(format!("    name: {}", q(&t.name)));
        if let Some(s) = &t.summary {
            line(format!("    summary: {}", q(s)));
        }
    }
    line("competencies:".into());
    for c in &l.competencies {
        line(format!("  - id: {}", q(&c.id)));
        line(format!("    level: {}", q(&c.level)));
        line(format!("    theme: {}", q(&c.theme)));
        line(format!("    summary: {}", q(&c.summary)));
        if let Some(p) = &c.proficiency {
            line(format!("    proficiency: {}", q(p)));
        }
        if !c.examples.is_empty() {
            line("    examples:".into());
            for e in &c.examples {
                line(format!("      - {}", q(e)));
            }
        }
    }
    out
}
