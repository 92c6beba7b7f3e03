//! Input rules shared by every tool, as data. Errors name the field and a [`RuleCode`],
//! never the value; the wording for each rule is content (`validation.json`), so a shell can
//! translate it, place it next to the right field, and never hard-codes a limit
//! ([`edit_limits`]).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::content;
use crate::error::{Error, Result};

/// Most one-line fields (an activity, a label, a contact's name).
pub(crate) const SHORT_TEXT: usize = 200;
/// Free-text fields (notes, thoughts, evidence, reflections).
pub(crate) const LONG_TEXT: usize = 4000;
/// Most items in any list answer (evidence, safety-plan sections…).
pub(crate) const MAX_LIST_ITEMS: usize = 30;
/// How many flows may be open in memory only (conversation mode, or not yet answered).
pub(crate) const MAX_OPEN_FLOWS: usize = 64;

/// Which rule an input broke. In JSON it is written kebab-case (`too-long`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "kebab-case")]
pub enum RuleCode {
    /// Nothing was given where something is needed.
    Required,
    /// Longer than `limit` characters.
    TooLong,
    /// Shorter than `limit` characters.
    TooShort,
    /// More than `limit` items.
    TooManyItems,
    /// Fewer than `limit` items.
    TooFewItems,
    /// A number past the bound `limit`.
    OutOfRange,
    /// A choice that is not one of those offered.
    NotOnList,
    /// The same item twice.
    Duplicate,
    /// A line break in a one-line field.
    SingleLine,
    /// Characters that are not text.
    ControlCharacters,
    /// An answer of another kind than the step asks for.
    WrongKind,
    BadDate,
    BadTime,
    /// Not an id the app could have made.
    BadId,
    /// A date or time after now.
    InFuture,
    /// A range whose end comes before its start.
    WrongOrder,
    /// A range longer than `limit` days.
    SpanTooLong,
    /// Something given that this tool or record does not use.
    NotApplicable,
    /// Parts that do not belong together (two results of different measures).
    Mismatch,
    /// A file that is already there.
    AlreadyExists,
    /// A handoff or backup that cannot be read.
    NotReadable,
    /// Made by a newer version of the app.
    TooNew,
    /// `limit` flows are open in memory already.
    TooManyOpenFlows,
    /// A rule of one form that no other shares.
    Other,
}

impl RuleCode {
    pub const ALL: &'static [RuleCode] = &[
        RuleCode::Required,
        RuleCode::TooLong,
        RuleCode::TooShort,
        RuleCode::TooManyItems,
        RuleCode::TooFewItems,
        RuleCode::OutOfRange,
        RuleCode::NotOnList,
        RuleCode::Duplicate,
        RuleCode::SingleLine,
        RuleCode::ControlCharacters,
        RuleCode::WrongKind,
        RuleCode::BadDate,
        RuleCode::BadTime,
        RuleCode::BadId,
        RuleCode::InFuture,
        RuleCode::WrongOrder,
        RuleCode::SpanTooLong,
        RuleCode::NotApplicable,
        RuleCode::Mismatch,
        RuleCode::AlreadyExists,
        RuleCode::NotReadable,
        RuleCode::TooNew,
        RuleCode::TooManyOpenFlows,
        RuleCode::Other,
    ];

    /// The stable text id, as in JSON and the content file.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleCode::Required => "required",
            RuleCode::TooLong => "too-long",
            RuleCode::TooShort => "too-short",
            RuleCode::TooManyItems => "too-many-items",
            RuleCode::TooFewItems => "too-few-items",
            RuleCode::OutOfRange => "out-of-range",
            RuleCode::NotOnList => "not-on-list",
            RuleCode::Duplicate => "duplicate",
            RuleCode::SingleLine => "single-line",
            RuleCode::ControlCharacters => "control-characters",
            RuleCode::WrongKind => "wrong-kind",
            RuleCode::BadDate => "bad-date",
            RuleCode::BadTime => "bad-time",
            RuleCode::BadId => "bad-id",
            RuleCode::InFuture => "in-future",
            RuleCode::WrongOrder => "wrong-order",
            RuleCode::SpanTooLong => "span-too-long",
            RuleCode::NotApplicable => "not-applicable",
            RuleCode::Mismatch => "mismatch",
            RuleCode::AlreadyExists => "already-exists",
            RuleCode::NotReadable => "not-readable",
            RuleCode::TooNew => "too-new",
            RuleCode::TooManyOpenFlows => "too-many-open-flows",
            RuleCode::Other => "other",
        }
    }
}

impl std::fmt::Display for RuleCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The limits of every edit form and step, so no shell hard-codes a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EditLimits {
    /// One-line fields: an activity, a label, a contact's name, a list item.
    pub short_text_chars: u32,
    /// Free-text fields: notes, thoughts, evidence, reflections.
    pub long_text_chars: u32,
    /// Items in any list answer.
    pub list_items: u32,
    /// Flows open in memory only at once (conversation mode, or nothing answered yet).
    pub open_flows_in_memory: u32,
    /// Intentions in one Five Ways plan.
    pub five_ways_intentions: u32,
    /// Arrows on one Five Areas worksheet.
    pub five_areas_links: u32,
    /// Days one report or chart may cover.
    pub report_days: u32,
    /// Characters of a handoff payload.
    pub handoff_chars: u32,
    /// Rows `records(tool, limit)` returns at most.
    pub record_rows: u32,
}

/// The limits every form and step checks against.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn edit_limits() -> EditLimits {
    EditLimits {
        short_text_chars: SHORT_TEXT as u32,
        long_text_chars: LONG_TEXT as u32,
        list_items: MAX_LIST_ITEMS as u32,
        open_flows_in_memory: MAX_OPEN_FLOWS as u32,
        five_ways_intentions: crate::five_ways::MAX_INTENTIONS as u32,
        five_areas_links: crate::five_areas::MAX_LINKS as u32,
        report_days: crate::report::MAX_DAYS as u32,
        handoff_chars: crate::handoff::MAX_PAYLOAD_CHARS as u32,
        record_rows: crate::navigation::MAX_RECORD_ROWS,
    }
}

/// The wording for `rule` without any number, e.g. for a shell's own check before a call.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn validation_text(rule: RuleCode) -> String {
    reason(rule, None, None)
}

#[derive(Deserialize)]
struct RuleText {
    plain: String,
    limited: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct StepText {
    pub scale_label: String,
    pub scale_label_plain: String,
    pub scale_hint: String,
    pub choice_one_label: String,
    pub choice_many_label: String,
    pub choice_hint: String,
    pub text_label: String,
    pub text_hint: String,
    pub list_label: String,
    pub list_hint: String,
    pub info_label: String,
    pub info_hint: String,
    pub optional_suffix: String,
}

/// Wording a terminal or phone walk-through shows around the steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FlowText {
    /// "Item {n}: {reason}", `{n}` 1-based.
    pub invalid_item: String,
    /// Said after a bad list item: the good ones are kept.
    pub kept_items: String,
    /// How to skip an optional one-line step in a terminal.
    pub skip_hint: String,
    /// After "save for later" (never shows an id).
    pub saved_for_later: String,
    /// Asked before discarding a flow with answers.
    pub confirm_discard: String,
    /// After the person chose not to discard.
    pub kept_open: String,
    pub discarded: String,
    /// Banner for a flow in conversation mode.
    pub conversation_only: String,
}

#[derive(Deserialize)]
struct ValidationContent {
    rules: std::collections::HashMap<String, RuleText>,
    steps: StepText,
    walk: FlowText,
}

static CONTENT: OnceLock<std::result::Result<ValidationContent, String>> = OnceLock::new();

fn text() -> Result<&'static ValidationContent> {
    content::parsed(
        &CONTENT,
        include_str!("../content/en-GB/validation.json"),
        "validation",
    )
}

pub(crate) fn step_text() -> Result<&'static StepText> {
    Ok(&text()?.steps)
}

/// The walk-through wording.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn flow_text() -> FlowText {
    match text() {
        Ok(c) => c.walk.clone(),
        // The content test guarantees this never ships; keys are better than nothing.
        Err(_) => FlowText {
            invalid_item: "{n}: {reason}".into(),
            kept_items: String::new(),
            skip_hint: "-".into(),
            saved_for_later: String::new(),
            confirm_discard: "y?".into(),
            kept_open: String::new(),
            discarded: String::new(),
            conversation_only: String::new(),
        },
    }
}

/// The content wording for a broken rule, with its numbers filled in.
pub(crate) fn reason(rule: RuleCode, limit: Option<i64>, range: Option<(i64, i64)>) -> String {
    let Ok(c) = text() else {
        return rule.as_str().to_string();
    };
    let Some(t) = c.rules.get(rule.as_str()) else {
        return rule.as_str().to_string();
    };
    match (limit, &t.limited) {
        (Some(limit), Some(tpl)) => {
            let (lo, hi) = range.unwrap_or((0, limit));
            tpl.replace("{limit}", &limit.to_string())
                .replace("{low}", &lo.to_string())
                .replace("{high}", &hi.to_string())
        }
        _ => t.plain.clone(),
    }
}

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
    fn every_rule_has_wording_and_numbers_are_filled_in() {
        for rule in RuleCode::ALL {
            let plain = validation_text(*rule);
            assert!(!plain.is_empty() && plain != rule.as_str(), "{rule}");
            assert!(!plain.contains('{'), "{rule}: {plain}");
            let with = reason(*rule, Some(7), Some((2, 7)));
            assert!(!with.contains('{'), "{rule}: {with}");
        }
        assert_eq!(
            reason(RuleCode::OutOfRange, Some(0), Some((0, 10))),
            "Please choose a number from 0 to 10."
        );
        assert!(reason(RuleCode::TooLong, Some(200), None).contains("200"));
        assert!(step_text().is_ok());
        assert!(!flow_text().saved_for_later.is_empty());
    }

    #[test]
    fn limits_are_the_ones_checked() {
        let l = edit_limits();
        assert_eq!(
            (l.short_text_chars, l.long_text_chars, l.list_items),
            (200, 4000, 30)
        );
        assert!(l.five_ways_intentions > 0 && l.five_areas_links > 0 && l.report_days > 0);
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
