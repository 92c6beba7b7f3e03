//! Input rules as data: the closed set of rule codes every error names, the limits the checks
//! use, and their wording (`validation.json`), so a shell can translate a message, place it
//! next to the right field, and never hard-code a limit. It sits at the bottom of the core:
//! the error type names a [`RuleCode`] and takes its wording from here, so nothing here may
//! name an error of its own beyond the content's.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::content::{self, ContentError};

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

/// The wording for `rule` without any number, e.g. for a shell's own check before a call.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn validation_text(rule: RuleCode) -> String {
    reason(rule, None, None)
}

crate::content::words_record! {
    struct RuleText {
        plain: String,
        limited: Option<String>,
    }
}

crate::content::words_record! {
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
}

crate::content::words_record! {
    /// Wording a terminal or phone walk-through shows around the steps.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
}

#[derive(Deserialize)]
struct ValidationContent {
    rules: std::collections::HashMap<String, RuleText>,
    steps: StepText,
    walk: FlowText,
}

static CONTENT: OnceLock<std::result::Result<ValidationContent, String>> = OnceLock::new();

fn text() -> Result<&'static ValidationContent, ContentError> {
    content::parsed(&CONTENT, content::en_gb::VALIDATION, "validation")
}

pub(crate) fn step_text() -> Result<&'static StepText, ContentError> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
