//! Embedded content. Each tool's wording is written as JSON under `core/content/<locale>/`
//! and compiled into the core by `build.rs` as a node table ([`tree`]), so the app needs no
//! files or network at run time and parses no JSON: each file is read into its type once, on
//! first use, straight from the nodes. A file that does not fit its type is kept and reported
//! as an error on every use rather than a panic (each module's content test makes sure a
//! release never ships one).
//!
//! This is the ground floor: the rule wording the error type itself uses is content, so the
//! failure here is a plain [`ContentError`] that the error type takes in, not the other way
//! round.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

#[cfg(test)]
mod flatten;
pub(crate) mod node;
pub(crate) mod tree;
#[cfg(test)]
mod unique;

use tree::Tree;

// The node table, `DOC`, and one module per locale folder (`en_gb`) with a root per file.
include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// A content file that could not be read: a bug of the build, never of the person's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContentError(pub String);

impl std::fmt::Display for ContentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The content file `tree`, read into `cell` on first use. `what` names it in the error.
pub(crate) fn parsed<T: DeserializeOwned>(
    cell: &'static OnceLock<std::result::Result<T, String>>,
    tree: Tree,
    what: &str,
) -> Result<&'static T, ContentError> {
    cell.get_or_init(|| tree.deserialize().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ContentError(format!("the {what} content could not be read ({e})")))
}

/// A screen's words by key: a map, not a struct of its own, since each derived deserialiser
/// is code in the library (about 20 KiB for a struct of twenty fields) and maps of text are
/// read already. Each screen's test holds its keys to its file.
pub(crate) type Words = std::collections::BTreeMap<String, String>;

/// The words under `key` (the key itself if the file lacks it, which each screen's test
/// rules out).
pub(crate) fn word(w: &Words, key: &str) -> String {
    w.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// A record whose fields are all words, read by name from the file's map of words
/// ([`WordMap`]). A field is a `String`, an `Option<String>` (absent or `null` is `None`) or a
/// `Vec<String>`.
///
/// Why not `#[derive(Deserialize)]`: a derived deserialiser is code for every field (a match
/// arm, a slot, a duplicate check, an error path and its clean-up), about 250 bytes a field in
/// the release library; the shell's wording alone (170 fields) cost 45 KiB that way. Here the
/// map of words is read by one reader every such record shares, every field is checked by one
/// loop over the names and shapes ([`check_words`]), and each field is then one lookup that
/// cannot fail, so no field needs an error path of its own. The result is the same as the
/// derive's: a field missing is the error "missing field `name`", a value of the wrong shape
/// is an "invalid type" error, keys the record does not name (the `_comment`s) are passed
/// over, and serde_json reads the record as before (the content tests do).
macro_rules! words_record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$fmeta:meta])* $fvis:vis $field:ident : $fty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$fmeta])* $fvis $field: $fty, )*
        }

        impl $name {
            /// The record from the words of its file, each field by its name.
            fn from_words(
                mut w: $crate::content::WordMap,
            ) -> std::result::Result<Self, String> {
                $crate::content::check_words(
                    &w,
                    &[$((stringify!($field), <$fty as $crate::content::FromWord>::SHAPE)),*],
                )?;
                Ok(Self {
                    $( $field: <$fty as $crate::content::FromWord>::take(
                        w.remove(stringify!($field)),
                    ), )*
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let w = <$crate::content::WordMap as serde::Deserialize>::deserialize(d)?;
                Self::from_words(w).map_err(<D::Error as serde::de::Error>::custom)
            }
        }
    };
}
pub(crate) use words_record;

/// One value in a record of words: the shapes its fields can take.
#[derive(Debug, PartialEq)]
pub(crate) enum Word {
    Text(String),
    List(Vec<String>),
    Nothing,
    /// Any other value (a map of sources, say): passed over, and an error only where a field
    /// is read from it.
    Other,
}

/// A record of words as its file holds it, by field name.
pub(crate) type WordMap = std::collections::BTreeMap<String, Word>;

impl<'de> serde::Deserialize<'de> for Word {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Word, D::Error> {
        struct Shapes;
        impl<'de> serde::de::Visitor<'de> for Shapes {
            type Value = Word;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Word, E> {
                Ok(Word::Text(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> std::result::Result<Word, E> {
                Ok(Word::Text(s))
            }
            fn visit_unit<E>(self) -> std::result::Result<Word, E> {
                Ok(Word::Nothing)
            }
            fn visit_none<E>(self) -> std::result::Result<Word, E> {
                Ok(Word::Nothing)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut items: A,
            ) -> std::result::Result<Word, A::Error> {
                let mut list = Vec::new();
                while let Some(s) = items.next_element::<String>()? {
                    list.push(s);
                }
                Ok(Word::List(list))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut entries: A,
            ) -> std::result::Result<Word, A::Error> {
                while entries
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Word::Other)
            }
        }
        d.deserialize_any(Shapes)
    }
}

/// What a field of a words record must hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Shape {
    Text,
    MaybeText,
    List,
}

/// A field type of a words record: its shape, and the field from a value of that shape
/// ([`check_words`] has made sure of it, so taking cannot fail).
pub(crate) trait FromWord: Sized {
    const SHAPE: Shape;
    fn take(w: Option<Word>) -> Self;
}

impl FromWord for String {
    const SHAPE: Shape = Shape::Text;
    fn take(w: Option<Word>) -> String {
        match w {
            Some(Word::Text(s)) => s,
            _ => String::new(),
        }
    }
}

impl FromWord for Option<String> {
    const SHAPE: Shape = Shape::MaybeText;
    fn take(w: Option<Word>) -> Option<String> {
        match w {
            Some(Word::Text(s)) => Some(s),
            _ => None,
        }
    }
}

impl FromWord for Vec<String> {
    const SHAPE: Shape = Shape::List;
    fn take(w: Option<Word>) -> Vec<String> {
        match w {
            Some(Word::List(l)) => l,
            _ => Vec::new(),
        }
    }
}

/// The first field of `fields` that `w` lacks or holds in the wrong shape, as serde's own
/// errors say it.
pub(crate) fn check_words(
    w: &WordMap,
    fields: &[(&str, Shape)],
) -> std::result::Result<(), String> {
    for (name, shape) in fields {
        let found = match w.get(*name) {
            None if *shape == Shape::MaybeText => continue,
            None => return Err(format!("missing field `{name}`")),
            Some(found) => found,
        };
        let fits = matches!(
            (shape, found),
            (Shape::Text | Shape::MaybeText, Word::Text(_))
                | (Shape::MaybeText, Word::Nothing)
                | (Shape::List, Word::List(_))
        );
        if !fits {
            let got = match found {
                Word::Text(_) => "string",
                Word::List(_) => "sequence",
                Word::Nothing => "null",
                Word::Other => "map",
            };
            let want = if *shape == Shape::List {
                "a list of strings"
            } else {
                "a string"
            };
            return Err(format!(
                "invalid type: {got}, expected {want} for field `{name}`"
            ));
        }
    }
    Ok(())
}

crate::content::words_record! {
    /// A tool's name, one line about it, and its source: the head of every tool's content.
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) struct ToolText {
        pub(crate) title: String,
        pub(crate) summary: String,
        pub(crate) source: String,
    }
}

crate::content::words_record! {
    /// One step of a walk-through: what is asked, the help beside it, and its source.
    #[derive(Debug)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) struct StepText {
        pub(crate) prompt: String,
        pub(crate) help: String,
        pub(crate) source: String,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// Each content file, read from the compiled tree as any JSON value, is the value
    /// serde_json reads from the file itself: the build step loses and changes nothing.
    #[test]
    fn every_compiled_file_is_its_json() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/en-GB");
        for (name, tree) in en_gb::FILES {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let from_file: serde_json::Value = serde_json::from_str(&text).unwrap();
            let compiled: serde_json::Value = tree.deserialize().unwrap();
            assert_eq!(compiled, from_file, "{name}");
        }
    }

    #[test]
    fn every_content_file_is_compiled_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/en-GB");
        let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".json"))
            .collect();
        let compiled: BTreeSet<String> = en_gb::FILES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(compiled, on_disk);
        assert!(compiled.len() >= 19, "{compiled:?}");
    }

    crate::content::words_record! {
        /// Fields of each shape a words record reads, for the reader's own test.
        #[derive(Debug, PartialEq)]
        struct TwoWords {
            first: String,
            /// A field with a doc comment of its own.
            second: String,
            maybe: Option<String>,
            list: Vec<String>,
        }
    }

    /// A words record reads its fields by name, passes over keys it does not name, and a
    /// field missing or a value of the wrong shape is an error saying which, as the derived
    /// deserialiser's were; an optional field may be absent or null.
    #[test]
    fn a_words_record_reads_each_field_by_name_and_names_the_one_missing() {
        let read = |json: &str| serde_json::from_str::<TwoWords>(json).map_err(|e| e.to_string());
        assert_eq!(
            read(r#"{"_comment": "x", "second": "Two", "first": "One", "list": ["a", "b"]}"#),
            Ok(TwoWords {
                first: "One".into(),
                second: "Two".into(),
                maybe: None,
                list: vec!["a".into(), "b".into()],
            })
        );
        assert_eq!(
            read(r#"{"first": "1", "second": "2", "maybe": "3", "list": []}"#).map(|w| w.maybe),
            Ok(Some("3".into()))
        );
        assert_eq!(
            read(r#"{"first": "1", "second": "2", "maybe": null, "list": []}"#).map(|w| w.maybe),
            Ok(None)
        );
        let e = read(r#"{"first": "One", "list": []}"#).unwrap_err();
        assert!(e.starts_with("missing field `second`"), "{e}");
        let e = read(r#"{"first": "One", "second": "Two"}"#).unwrap_err();
        assert!(e.starts_with("missing field `list`"), "{e}");
        let e = read(r#"{"first": "One", "second": 2, "list": []}"#).unwrap_err();
        assert!(
            e.starts_with("invalid type: integer `2`, expected a string"),
            "{e}"
        );
        let e = read(r#"{"first": ["One"], "second": "Two", "list": []}"#).unwrap_err();
        assert!(
            e.starts_with("invalid type: sequence, expected a string for field `first`"),
            "{e}"
        );
        let e = read(r#"{"first": "One", "second": "Two", "list": "a"}"#).unwrap_err();
        assert!(
            e.starts_with("invalid type: string, expected a list of strings for field `list`"),
            "{e}"
        );
        let e = read(r#"{"first": null, "second": "Two", "list": []}"#).unwrap_err();
        assert!(
            e.starts_with("invalid type: null, expected a string"),
            "{e}"
        );
        let e = read(r#"{"first": {"a": 1}, "second": "Two", "list": []}"#).unwrap_err();
        assert!(e.starts_with("invalid type: map, expected a string"), "{e}");
        let sources = r#"{"sources": {"W1": "x"}, "first": "1", "second": "2", "list": []}"#;
        assert_eq!(read(sources).map(|w| w.first), Ok("1".into()));
        assert!(read(r#"["One", "Two"]"#).is_err());
    }

    /// Content that does not fit its type is the typed content error, on every use.
    #[test]
    fn content_that_does_not_fit_is_a_content_error() {
        static CELL: OnceLock<std::result::Result<Vec<u8>, String>> = OnceLock::new();
        for _ in 0..2 {
            let e = parsed(&CELL, en_gb::REMINDER_SETTINGS, "reminder settings").unwrap_err();
            assert!(
                e.0.starts_with(
                    "the reminder settings content could not be read (invalid type: map"
                ),
                "{e}"
            );
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct NeedsMore {
            no_such_field: String,
        }
        static MORE: OnceLock<std::result::Result<NeedsMore, String>> = OnceLock::new();
        let e = parsed(&MORE, en_gb::CHARTS, "charts").unwrap_err();
        assert_eq!(
            e.0,
            "the charts content could not be read (missing field `no_such_field`)"
        );
    }
}
