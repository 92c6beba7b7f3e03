//! The checks every tool's input goes through. Errors name the field and a [`RuleCode`],
//! never the value; the rules and their wording are in [`crate::rules`].

use crate::error::{Error, Result};
use crate::rules::RuleCode;

/// A required text: trimmed, not empty, at most `max` characters, no control characters
/// (line breaks allowed only when `multiline`).
pub(crate) fn required_text(
    field: &str,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<String> {
    let t = value.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, RuleCode::Required));
    }
    check_text(field, t, max, multiline)?;
    Ok(t.to_string())
}

/// An optional text: blank becomes `None`; otherwise the rules of [`required_text`].
pub(crate) fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
    multiline: bool,
) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => {
            check_text(field, t, max, multiline)?;
            Ok(Some(t.to_string()))
        }
    }
}

fn check_text(field: &str, t: &str, max: usize, multiline: bool) -> Result<()> {
    if t.chars().count() > max {
        return Err(Error::invalid_limit(field, RuleCode::TooLong, max as i64));
    }
    for c in t.chars() {
        let allowed_break = multiline && (c == '\n' || c == '\r' || c == '\t');
        if c.is_control() && !allowed_break && c != '\t' {
            let line_break = c == '\n' || c == '\r';
            return Err(Error::invalid(
                field,
                if line_break && !multiline {
                    RuleCode::SingleLine
                } else {
                    RuleCode::ControlCharacters
                },
            ));
        }
    }
    Ok(())
}

/// A list of short texts: each item required, at most `max_items` items. A bad item fails
/// with its `item_index`, so the shell can point at it and keep the others.
pub(crate) fn text_list(
    field: &str,
    items: &[String],
    max_items: usize,
    max_chars: usize,
) -> Result<Vec<String>> {
    if items.len() > max_items {
        return Err(Error::invalid_limit(
            field,
            RuleCode::TooManyItems,
            max_items as i64,
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(n, i)| required_text(field, i, max_chars, false).map_err(|e| e.at_item(n)))
        .collect()
}

/// The items of a list answer that pass the item rules, trimmed: what a shell offers again
/// after one item was refused, so the good ones are not lost.
pub(crate) fn good_items(items: &[String], max_items: usize, max_chars: usize) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| required_text("item", i, max_chars, false).ok())
        .take(max_items)
        .collect()
}

/// An integer within `min..=max`.
pub(crate) fn in_range(field: &str, value: i64, min: i64, max: i64) -> Result<i64> {
    if value < min || value > max {
        return Err(Error::out_of_range(field, value, min, max));
    }
    Ok(value)
}

/// A new stable record id.
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// An id given by a caller: refused early if it cannot be one of ours, so a typo reads as
/// "not found" rather than a storage error.
pub(crate) fn id_arg(what: &str, id: &str) -> Result<String> {
    let t = id.trim();
    if t.is_empty() || t.len() > 64 || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        // Only an id-shaped value is repeated back: anything else may be a person's words.
        return Err(Error::not_found(what, "(not an id)"));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert_eq!(required_text("f", "  hi  ", 10, false).unwrap(), "hi");
        assert!(required_text("f", "   ", 10, false).is_err());
        assert!(required_text("f", &"é".repeat(11), 10, false).is_err());
        assert!(required_text("f", &"é".repeat(10), 10, false).is_ok());
        assert!(required_text("f", "a\nb", 10, false).is_err());
        assert!(required_text("f", "a\nb", 10, true).is_ok());
        assert!(required_text("f", "a\u{0}b", 10, true).is_err());
        assert_eq!(optional_text("f", Some("  "), 10, false).unwrap(), None);
        assert_eq!(optional_text("f", None, 10, false).unwrap(), None);
    }

    #[test]
    fn errors_never_echo_the_value() {
        let secret = "my private words";
        let e = required_text("note", &secret.repeat(100), 20, false).unwrap_err();
        assert!(!e.to_string().contains("private"));
    }

    #[test]
    fn rules_are_codes_with_limits() {
        let code = |e: Error| match e {
            Error::Invalid {
                rule,
                limit,
                item_index,
                ..
            } => (rule, limit, item_index),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            code(required_text("f", " ", 5, false).unwrap_err()),
            (RuleCode::Required, None, None)
        );
        assert_eq!(
            code(required_text("f", "abcdef", 5, false).unwrap_err()),
            (RuleCode::TooLong, Some(5), None)
        );
        assert_eq!(
            code(required_text("f", "a\nb", 5, false).unwrap_err()),
            (RuleCode::SingleLine, None, None)
        );
        assert_eq!(
            code(required_text("f", "a\u{7}b", 5, true).unwrap_err()),
            (RuleCode::ControlCharacters, None, None)
        );
        assert_eq!(
            code(in_range("f", 11, 0, 10).unwrap_err()),
            (RuleCode::OutOfRange, Some(10), None)
        );
        assert_eq!(
            code(in_range("f", -1, 0, 10).unwrap_err()),
            (RuleCode::OutOfRange, Some(0), None)
        );
        let items = vec!["ok".to_string(), "far too long".into(), "fine".into()];
        assert_eq!(
            code(text_list("f", &items, 5, 5).unwrap_err()),
            (RuleCode::TooLong, Some(5), Some(1))
        );
        assert_eq!(good_items(&items, 5, 5), vec!["ok", "fine"]);
    }

    #[test]
    fn ids() {
        assert!(id_arg("entry", &new_id()).is_ok());
        assert!(matches!(
            id_arg("entry", "../etc"),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(id_arg("entry", ""), Err(Error::NotFound { .. })));
        let e = id_arg("tool", "my private words").unwrap_err();
        assert!(!e.to_string().contains("private"), "{e}");
    }
}
