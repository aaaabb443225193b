//! The front-matter keys, declared once. One table names each key, its raw
//! type, its YAML spelling, the kind it belongs to and whether `defaults:`
//! in `waymark.yaml` may give it; `front_matter_fields!` turns it into
//! everything that used to be kept in step by hand:
//!
//! - [`RawFrontMatter`], the strict serde struct an entry is read into
//!   (every field optional, unknown keys refused);
//! - [`COMMON_KEYS`] and [`kind_keys`], the key lists behind "unknown key",
//!   "did you mean" and "`horizon` belongs to goal entries", and behind the
//!   check of `defaults:` blocks;
//! - [`takes_default`], the keys `defaults:` may not give (`title`, `slug`,
//!   `kind`);
//! - [`RawFrontMatter::merge_defaults`], which fills what an entry left out
//!   from its kind's defaults;
//! - [`RawFrontMatter::into_parts`], which hands `entry::resolve` the common
//!   fields and one typed struct per kind ([`RawGoal`], …), so each kind's
//!   resolve step destructures exactly its own fields.
//!
//! # Adding a field
//!
//! Three places, each found by the compiler after the first:
//!
//! 1. A row in the table at the bottom of this file, in its kind's group:
//!    `name: RawType,`, with `as "key"` when the YAML key is not a Rust
//!    name (`type`, `for`), and `#[no_default]` before it when `defaults:`
//!    must not set it. Nothing else in this module is edited.
//! 2. The kind's step in `entry/kinds.rs` (`resolve_goal`, …) stops
//!    compiling: it destructures its raw struct whole, and the new field is
//!    missing. Turn the raw value into the typed one there; a value's own
//!    default (`status` is `active` unless given) belongs there too.
//! 3. The typed field in its `KindMeta` variant, which step 2's struct
//!    literal asks for. The compiler then points at every exhaustive use of
//!    the variant outside the model (the page view in `site.rs`).
//!
//! A common field goes the same way, with `resolve_common` in `entry.rs`
//! for step 2, and for step 3 the field in `Entry` and in `Common`, the
//! struct that carries the resolved common fields to it.
//!
//! A key belongs to one group: two kinds declaring the same key would give
//! `RawFrontMatter` the same field twice, which the compiler refuses. A key
//! two kinds mean alike (`period`, a reflection's and a share page's) is a
//! row of the `shared:` group that names its kinds: `kind_keys` gives it to
//! those kinds only, and `into_parts` hands it to their resolve steps in
//! [`RawShared`].
//! `kind:` is not a row: it is read before the rest, to choose the keys.

use serde::Deserialize;

use crate::model::kind::Kind;

/// A YAML scalar read as text, so `title: 2026` or `period: 2026` work.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a piece of text")
            }
            fn visit_str<E>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl Text {
    pub(crate) fn into_inner(self) -> String {
        self.0
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMetric {
    pub(crate) label: Text,
    pub(crate) value: Text,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLink {
    pub(crate) label: Text,
    pub(crate) url: Text,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWellbeing {
    pub(crate) career: Option<f64>,
    pub(crate) health: Option<f64>,
    pub(crate) relationships: Option<f64>,
    pub(crate) growth: Option<f64>,
    pub(crate) purpose: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawInclude {
    pub(crate) tags: Option<Vec<Text>>,
    pub(crate) skills: Option<Vec<Text>>,
    pub(crate) goals: Option<Vec<Text>>,
    pub(crate) featured: Option<bool>,
    pub(crate) competencies: Option<Vec<Text>>,
}

/// A row's YAML key: its `as "…"` spelling, else the field's own name.
macro_rules! yaml_key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $key:literal) => {
        $key
    };
}

/// A row's `defaults:` rule: `#[no_default]` rows may not be given there.
macro_rules! takes_default {
    () => {
        true
    };
    (no_default) => {
        false
    };
}

/// Generates the front-matter structs and key lists from the table below;
/// see the module comment for what it makes and why.
macro_rules! front_matter_fields {
    (
        common: $Common:ident {
            $( $(#[$cflag:ident])? $cfield:ident $(as $ckey:literal)? : $cty:ty, )*
        }
        shared: $Shared:ident {
            $( $sfield:ident : $sty:ty => [ $($sKind:ident),+ ], )*
        }
        $(
            $Kind:ident => $Group:ident {
                $( $(#[$flag:ident])? $field:ident $(as $key:literal)? : $ty:ty, )*
            }
        )*
    ) => {
        /// Front matter exactly as written: every field optional, unknown
        /// keys refused. Which fields a kind may use is checked before this
        /// is parsed. The field order is the table's, so serde's "expected
        /// one of" lists keep it.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct RawFrontMatter {
            pub(crate) kind: Option<Text>,
            $( $(#[serde(rename = $ckey)])? pub $cfield: Option<$cty>, )*
            $( pub $sfield: Option<$sty>, )*
            $( $( $(#[serde(rename = $key)])? pub $field: Option<$ty>, )* )*
        }

        /// The keys a few kinds share (each kind that lists one reads it
        /// from here; `kind_keys` gives it only to them).
        #[derive(Debug, Clone, Default)]
        pub(crate) struct $Shared {
            $( pub $sfield: Option<$sty>, )*
        }

        /// Each shared key and the kinds that take it.
        const SHARED_KEYS: &[(&str, &[Kind])] = &[ $( (stringify!($sfield), &[ $(Kind::$sKind),+ ]), )* ];

        /// The keys every kind has (all but `kind`, which is read apart).
        #[derive(Debug, Clone, Default)]
        pub(crate) struct $Common {
            $( pub $cfield: Option<$cty>, )*
        }

        $(
            #[doc = concat!("The keys only ", stringify!($Kind), " entries have.")]
            #[derive(Debug, Clone, Default)]
            pub(crate) struct $Group {
                $( pub $field: Option<$ty>, )*
            }
        )*

        /// The keys of one entry's own kind, as [`RawFrontMatter::into_parts`]
        /// hands them over.
        #[derive(Debug, Clone)]
        pub(crate) enum RawKindFields {
            $( $Kind($Group), )*
            /// Pages and the home page: only the common keys.
            CommonOnly,
        }

        /// Keys every kind accepts.
        pub(crate) const COMMON_KEYS: &[&str] = &[ $( yaml_key!($cfield $(, $ckey)?), )* "kind" ];

        /// Keys only `kind` accepts.
        fn own_keys(kind: Kind) -> &'static [&'static str] {
            match kind {
                $( Kind::$Kind => &[ $( yaml_key!($field $(, $key)?), )* ], )*
                _ => &[],
            }
        }

        /// Every key with whether `defaults:` may give it.
        const DEFAULTABLE: &[(&str, bool)] = &[
            ("kind", false),
            $( (yaml_key!($cfield $(, $ckey)?), takes_default!($($cflag)?)), )*
            $( (stringify!($sfield), true), )*
            $( $( (yaml_key!($field $(, $key)?), takes_default!($($flag)?)), )* )*
        ];

        impl RawFrontMatter {
            /// Fills every field the entry left out from the config's
            /// per-kind defaults.
            pub(crate) fn merge_defaults(&mut self, defaults: &RawFrontMatter) {
                fill(&mut self.kind, &defaults.kind);
                $( fill(&mut self.$cfield, &defaults.$cfield); )*
                $( fill(&mut self.$sfield, &defaults.$sfield); )*
                $( $( fill(&mut self.$field, &defaults.$field); )* )*
            }

            /// The common fields, the shared ones, and the fields of `kind`.
            /// Other kinds' fields are dropped: `parse` refuses them for
            /// this kind, and defaults are per kind, so they are always
            /// empty (a shared key is empty too unless `kind` takes it).
            pub(crate) fn into_parts(self, kind: Kind) -> ($Common, $Shared, RawKindFields) {
                let common = $Common { $( $cfield: self.$cfield, )* };
                let shared = $Shared { $( $sfield: self.$sfield, )* };
                let own = match kind {
                    $( Kind::$Kind => RawKindFields::$Kind($Group {
                        $( $field: self.$field, )*
                    }), )*
                    _ => RawKindFields::CommonOnly,
                };
                (common, shared, own)
            }
        }
    };
}

/// Keys a kind accepts beyond the common ones: its own, then those it
/// shares with another kind.
pub(crate) fn kind_keys(kind: Kind) -> impl Iterator<Item = &'static str> + Clone {
    own_keys(kind).iter().copied().chain(
        SHARED_KEYS
            .iter()
            .filter(move |(_, kinds)| kinds.contains(&kind))
            .map(|&(key, _)| key),
    )
}

/// Every key `kind` takes: the common ones, then its own.
pub(crate) fn allowed_keys(kind: Kind) -> impl Iterator<Item = &'static str> + Clone {
    COMMON_KEYS.iter().copied().chain(kind_keys(kind))
}

/// Whether `defaults:` in `waymark.yaml` may give `key` (one a kind takes).
/// `title`, `slug` and `kind` are an entry's own: a default would make
/// every entry of the kind the same page.
pub(crate) fn takes_default(key: &str) -> bool {
    DEFAULTABLE.iter().any(|&(k, ok)| k == key && ok)
}

fn fill<T: Clone>(slot: &mut Option<T>, default: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(default);
    }
}

// The table. Rows keep the order the keys were always listed in: serde
// lists them so in its messages, and `check` in its help.
front_matter_fields! {
    common: RawCommon {
        #[no_default] title: Text,
        date: Text,
        summary: Text,
        tags: Vec<Text>,
        draft: bool,
        visibility: Text,
        #[no_default] slug: Text,
        featured: bool,
        extra: serde_yaml::Value,
    }
    shared: RawShared {
        period: Text => [Reflection, Share],
    }
    Achievement => RawAchievement {
        impact: Text,
        metrics: Vec<RawMetric>,
        skills: Vec<Text>,
        goals: Vec<Text>,
        with: Vec<Text>,
        links: Vec<RawLink>,
        evidence: Vec<Text>,
        context: Text,
    }
    Goal => RawGoal {
        horizon: Text,
        due: Text,
        status: Text,
        measure: Text,
        why: Text,
        parent: Text,
        progress: f64,
        achieved_on: Text,
    }
    Reflection => RawReflection {
        wellbeing: RawWellbeing,
        mood: Text,
    }
    Milestone => RawMilestone {
        end: Text,
        role: Text,
        org: Text,
        milestone_type as "type": Text,
    }
    Share => RawShare {
        for_whom as "for": Text,
        from: Text,
        to: Text,
        include: RawInclude,
        ask: Text,
        sealed: bool,
        key_salt: Text,
        layout: Text,
        target: Text,
        highlights: f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lists_come_from_the_table() {
        assert_eq!(
            COMMON_KEYS,
            [
                "title",
                "date",
                "summary",
                "tags",
                "draft",
                "visibility",
                "slug",
                "featured",
                "extra",
                "kind"
            ]
        );
        let keys = |k: Kind| kind_keys(k).collect::<Vec<_>>();
        assert_eq!(
            keys(Kind::Goal),
            [
                "horizon",
                "due",
                "status",
                "measure",
                "why",
                "parent",
                "progress",
                "achieved_on"
            ]
        );
        assert_eq!(keys(Kind::Milestone), ["end", "role", "org", "type"]);
        assert_eq!(keys(Kind::Share)[0], "for");
        // A shared key comes after a kind's own, for each kind that takes it.
        assert_eq!(keys(Kind::Reflection), ["wellbeing", "mood", "period"]);
        assert_eq!(keys(Kind::Share).last(), Some(&"period"));
        assert!(!keys(Kind::Goal).contains(&"period"));
        assert!(keys(Kind::Page).is_empty());
        assert!(keys(Kind::Home).is_empty());
    }

    #[test]
    fn a_key_belongs_to_one_kind_at_most() {
        for (i, a) in Kind::WRITTEN.into_iter().enumerate() {
            for key in own_keys(a) {
                assert!(!COMMON_KEYS.contains(key), "{key}");
                for b in &Kind::WRITTEN[i + 1..] {
                    assert!(!own_keys(*b).contains(key), "{key}");
                }
            }
        }
    }

    #[test]
    fn only_an_entrys_own_keys_have_no_default() {
        for key in ["title", "slug", "kind"] {
            assert!(!takes_default(key), "{key}");
        }
        for key in ["date", "tags", "visibility", "status", "type", "for"] {
            assert!(takes_default(key), "{key}");
        }
        // A key no kind has is not one a default can give either.
        assert!(!takes_default("titel"));
        assert!(!takes_default("milestone_type"));
    }

    #[test]
    fn renamed_keys_are_read_under_their_yaml_name() {
        let raw: RawFrontMatter = serde_yaml::from_str("type: role\nfor: Ada\n").expect("parses");
        assert_eq!(raw.milestone_type, Some(Text("role".into())));
        assert_eq!(raw.for_whom, Some(Text("Ada".into())));
        let err = serde_yaml::from_str::<RawFrontMatter>("milestone_type: role\n")
            .expect_err("the field name is not a key");
        assert!(err.to_string().contains("unknown field `milestone_type`"));
    }

    #[test]
    fn defaults_fill_only_what_is_left_out() {
        let mut raw = RawFrontMatter {
            status: Some(Text("paused".into())),
            ..Default::default()
        };
        let defaults = RawFrontMatter {
            status: Some(Text("active".into())),
            horizon: Some(Text("1y".into())),
            tags: Some(vec![Text("x".into())]),
            ..Default::default()
        };
        raw.merge_defaults(&defaults);
        assert_eq!(raw.status, Some(Text("paused".into())));
        assert_eq!(raw.horizon, Some(Text("1y".into())));
        assert_eq!(raw.tags, Some(vec![Text("x".into())]));
        assert_eq!(raw.due, None);
    }

    #[test]
    fn parts_are_the_common_fields_and_the_kinds_own() {
        let raw = RawFrontMatter {
            title: Some(Text("A".into())),
            measure: Some(Text("m".into())),
            impact: Some(Text("i".into())),
            ..Default::default()
        };
        let (common, _, own) = raw.clone().into_parts(Kind::Goal);
        assert_eq!(common.title, Some(Text("A".into())));
        match own {
            RawKindFields::Goal(g) => assert_eq!(g.measure, Some(Text("m".into()))),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            raw.clone().into_parts(Kind::Page).2,
            RawKindFields::CommonOnly
        ));
        assert!(matches!(
            raw.into_parts(Kind::Home).2,
            RawKindFields::CommonOnly
        ));
    }
}
