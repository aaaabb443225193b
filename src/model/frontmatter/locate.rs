//! Finding where a key is written in a YAML block, so that a problem found
//! after parsing (a bad date, an unknown status) still points at the line
//! and column of the file. serde_yaml keeps no positions in the values it
//! gives back; this reads the text itself, for the block style front matter
//! and `waymark.yaml` are written in, and the flow mappings (`{ a: b }`)
//! people put on one line.

/// Where a key is written in a YAML block: 1-based line within the block,
/// column of the key and column of its value (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyPos {
    pub(crate) line: usize,
    pub(crate) key_col: usize,
    pub(crate) value_col: usize,
}

/// Finds `path` (top-level key, then nested keys) in a block-style YAML
/// mapping. Good enough to point at the line a value came from; returns None
/// for flow style or anything unusual, and callers then point at the fence.
pub(crate) fn key_position(yaml: &str, path: &[&str]) -> Option<KeyPos> {
    // No key names no place (a caller asking for the parent of a top-level
    // key in a document that is one flow mapping).
    if path.is_empty() {
        return None;
    }
    let mut parent_indent: Option<usize> = None;
    let mut depth = 0;
    let mut found = None;
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if let Some(p) = parent_indent
            && indent <= p
        {
            return found;
        }
        let want = path[depth];
        let key_len = if let Some(rest) = trimmed.strip_prefix(want) {
            rest.trim_start().starts_with(':').then_some(want.len())
        } else {
            let quoted = format!("\"{want}\"");
            trimmed
                .starts_with(&quoted)
                .then_some(quoted.len())
                .filter(|&n| trimmed[n..].trim_start().starts_with(':'))
        };
        let Some(key_len) = key_len else { continue };
        if parent_indent.is_none() && indent != 0 {
            continue;
        }
        let after = &trimmed[key_len..];
        let colon = after.find(':').unwrap_or(0);
        let value = &after[colon + 1..];
        let value_pad = value.len() - value.trim_start().len();
        let pos = KeyPos {
            line: i + 1,
            key_col: indent + 1,
            value_col: indent + key_len + colon + 1 + value_pad + 1,
        };
        depth += 1;
        if depth == path.len() {
            return Some(pos);
        }
        found = None;
        parent_indent = Some(indent);
    }
    found
}

/// Where `key`'s value sits in a flow mapping (`goal: { status: done }`)
/// written on the line of `parent`.
pub(crate) fn in_flow_mapping(text: &str, parent: &[&str], key: &str) -> Option<(usize, usize)> {
    flow_key_position(text, parent, key).map(|p| (p.line, p.value_col))
}

/// Like [`key_position`] for a key inside a flow mapping written on the
/// line of `parent` (`goal: { status: done }`); lines and columns 1-based.
pub(crate) fn flow_key_position(text: &str, parent: &[&str], key: &str) -> Option<KeyPos> {
    // With no parent, the whole front matter is one flow mapping
    // (`{title: A, slug: b}`): it opens on its first line.
    let p = if parent.is_empty() {
        text.lines()
            .enumerate()
            .find(|(_, l)| l.trim_start().starts_with('{'))
            .map(|(i, l)| KeyPos {
                line: i + 1,
                key_col: 1,
                value_col: l.len() - l.trim_start().len() + 1,
            })?
    } else {
        key_position(text, parent)?
    };
    let line = text.lines().nth(p.line - 1)?;
    let start = line.char_indices().nth(p.value_col - 1).map(|(i, _)| i)?;
    let rest = &line[start..];
    let at = rest
        .match_indices(key)
        .find(|(i, _)| {
            rest[..*i].ends_with(['{', ',', ' '])
                && rest[i + key.len()..].trim_start().starts_with(':')
        })?
        .0;
    let after = &rest[at + key.len()..];
    let colon = after.find(':')?;
    let pad = after[colon + 1..].len() - after[colon + 1..].trim_start().len();
    let value_byte = start + at + key.len() + colon + 1 + pad;
    Some(KeyPos {
        line: p.line,
        key_col: line[..start + at].chars().count() + 1,
        value_col: line[..value_byte].chars().count() + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_position_finds_nested_keys() {
        let yaml = "title: A\nwellbeing:\n  career: 11\n  health: 5\ngoals: [a]\n";
        assert_eq!(key_position(yaml, &["title"]).unwrap().line, 1);
        let p = key_position(yaml, &["wellbeing", "career"]).unwrap();
        assert_eq!((p.line, p.key_col, p.value_col), (3, 3, 11));
        assert_eq!(key_position(yaml, &["goals"]).unwrap().value_col, 8);
        assert_eq!(key_position(yaml, &["career"]), None);
    }

    #[test]
    fn key_position_reads_quoted_keys_and_skips_comments() {
        let yaml = "# title: no\n\"title\":   A\n";
        let p = key_position(yaml, &["title"]).unwrap();
        assert_eq!((p.line, p.key_col, p.value_col), (2, 1, 12));
        // A nested key is not found outside its parent's block.
        let yaml = "a:\n  x: 1\nb:\n  y: 2\n";
        assert_eq!(key_position(yaml, &["a", "y"]), None);
        assert_eq!(key_position(yaml, &["b", "y"]).unwrap().line, 4);
    }

    #[test]
    fn flow_mapping_keys_are_found_on_their_parents_line() {
        let yaml = "defaults:\n  goal: { status: done, horizon: 1y }\n";
        let p = flow_key_position(yaml, &["defaults", "goal"], "horizon").unwrap();
        assert_eq!((p.line, p.key_col, p.value_col), (2, 25, 34));
        assert_eq!(
            in_flow_mapping(yaml, &["defaults", "goal"], "status"),
            Some((2, 19))
        );
        // `status` inside another word is not the key.
        let yaml = "goal: { xstatus: a, status: b }\n";
        assert_eq!(in_flow_mapping(yaml, &["goal"], "status"), Some((1, 29)));
        assert_eq!(in_flow_mapping(yaml, &["goal"], "due"), None);
    }
}
