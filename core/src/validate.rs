//! Input rules shared by every tool. Errors name the field and the rule, never the value.

use crate::error::{Error, Result};

/// Most one-line fields (an activity, a label, a contact's name).
pub(crate) const SHORT_TEXT: usize = 200;
/// Free-text fields (notes, thoughts, evidence, reflections).
pub(crate) const LONG_TEXT: usize = 4000;
/// Most items in any list answer (evidence, safety-plan sections…).
pub(crate) const MAX_LIST_ITEMS: usize = 30;

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
        return Err(Error::invalid(field, "must not be empty"));
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
        return Err(Error::invalid(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    for c in t.chars() {
        let allowed_break = multiline && (c == '\n' || c == '\r' || c == '\t');
        if c.is_control() && !allowed_break && c != '\t' {
            return Err(Error::invalid(
                field,
                if multiline {
                    "must not contain control characters"
                } else {
                    "must be a single line"
                },
            ));
        }
    }
    Ok(())
}

/// A list of short texts: each item required, at most `max_items` items.
pub(crate) fn text_list(
    field: &str,
    items: &[String],
    max_items: usize,
    max_chars: usize,
) -> Result<Vec<String>> {
    if items.len() > max_items {
        return Err(Error::invalid(
            field,
            format!("must have at most {max_items} items"),
        ));
    }
    items
        .iter()
        .map(|i| required_text(field, i, max_chars, false))
        .collect()
}

/// An integer within `min..=max`.
pub(crate) fn in_range(field: &str, value: i64, min: i64, max: i64) -> Result<i64> {
    if value < min || value > max {
        return Err(Error::invalid(
            field,
            format!("must be between {min} and {max}"),
        ));
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
