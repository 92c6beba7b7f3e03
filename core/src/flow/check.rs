//! The checks every answer goes through before a tool sees it, whatever the tool: the
//! answer is of the step's kind, within its bounds, and normalised. And the words a screen
//! reader says for a step, made from the same input kind.

use crate::error::{Error, Result};
use crate::rules::RuleCode;
use crate::validate;

use super::types::{Answer, InputKind, StepSpec};

pub(crate) fn validate_answer(step: &StepSpec, answer: &Answer) -> Result<Answer> {
    let field = step.id.as_str();
    let kind_err = || Error::invalid(field, RuleCode::WrongKind);
    match (&step.input, answer) {
        (_, Answer::Skip) if step.optional => Ok(Answer::Skip),
        (InputKind::Info, Answer::Continue) => Ok(Answer::Continue),
        (_, Answer::Skip) => Err(Error::invalid(field, RuleCode::Required)),
        (InputKind::Scale { min, max, .. }, Answer::Scale { value }) => {
            validate::in_range(field, *value as i64, *min as i64, *max as i64)?;
            Ok(answer.clone())
        }
        (
            InputKind::Choice {
                choices,
                multiple,
                min_selected,
                max_selected,
            },
            Answer::Choices { ids },
        ) => {
            for (n, id) in ids.iter().enumerate() {
                if !choices.iter().any(|c| &c.id == id) {
                    return Err(Error::invalid(field, RuleCode::NotOnList).at_item(n));
                }
                if ids[..n].contains(id) {
                    return Err(Error::invalid(field, RuleCode::Duplicate).at_item(n));
                }
            }
            let n = ids.len() as u32;
            if !*multiple && n != 1 {
                return Err(if n == 0 {
                    Error::invalid(field, RuleCode::Required)
                } else {
                    Error::invalid_limit(field, RuleCode::TooManyItems, 1)
                });
            }
            if *multiple && n < *min_selected {
                return Err(Error::invalid_limit(
                    field,
                    RuleCode::TooFewItems,
                    *min_selected as i64,
                ));
            }
            if *multiple && n > *max_selected {
                return Err(Error::invalid_limit(
                    field,
                    RuleCode::TooManyItems,
                    *max_selected as i64,
                ));
            }
            Ok(answer.clone())
        }
        (
            InputKind::Text {
                multiline,
                max_chars,
            },
            Answer::Text { text },
        ) => {
            if text.trim().is_empty() && step.optional {
                return Ok(Answer::Skip);
            }
            let t = validate::required_text(field, text, *max_chars as usize, *multiline)?;
            Ok(Answer::Text { text: t })
        }
        (
            InputKind::TextList {
                max_items,
                max_chars,
            },
            Answer::TextList { items },
        ) => {
            // Blank items are dropped, but a bad item is reported at its place in the list
            // as the person gave it, so the shell can point at it.
            if items.iter().filter(|i| !i.trim().is_empty()).count() > *max_items as usize {
                return Err(Error::invalid_limit(
                    field,
                    RuleCode::TooManyItems,
                    *max_items as i64,
                ));
            }
            let mut kept = vec![];
            for (n, item) in items.iter().enumerate() {
                if item.trim().is_empty() {
                    continue;
                }
                kept.push(
                    validate::required_text(field, item, *max_chars as usize, false)
                        .map_err(|e| e.at_item(n))?,
                );
            }
            if kept.is_empty() && !step.optional {
                return Err(Error::invalid_limit(field, RuleCode::TooFewItems, 1));
            }
            Ok(if kept.is_empty() {
                Answer::Skip
            } else {
                Answer::TextList { items: kept }
            })
        }
        (InputKind::Scale { .. }, _)
        | (InputKind::Choice { .. }, _)
        | (InputKind::Text { .. }, _)
        | (InputKind::TextList { .. }, _)
        | (InputKind::Info, _) => Err(kind_err()),
    }
}

/// The items of a refused list answer that pass the item rules: offered again so one bad
/// item does not cost the person the good ones.
pub(super) fn good_items(step: &StepSpec, answer: &Answer) -> Option<Answer> {
    match (&step.input, answer) {
        (
            InputKind::TextList {
                max_items,
                max_chars,
            },
            Answer::TextList { items },
        ) => {
            let items = validate::good_items(items, *max_items as usize, *max_chars as usize);
            (!items.is_empty()).then_some(Answer::TextList { items })
        }
        _ => None,
    }
}

/// The screen-reader label and hint of a step, from content templates per input kind.
pub(super) fn accessibility(spec: &StepSpec) -> Result<(String, String)> {
    let t = crate::rules::step_text()?;
    let prompt = spec.prompt.trim();
    let (label, hint) = match &spec.input {
        InputKind::Scale { min, max, anchors } => {
            let label_of = |v: i32| anchors.iter().find(|a| a.value == v).map(|a| &a.label);
            let label = match (label_of(*min), label_of(*max)) {
                (Some(lo), Some(hi)) => t
                    .scale_label
                    .replace("{min_label}", lo)
                    .replace("{max_label}", hi),
                _ => t.scale_label_plain.clone(),
            };
            (
                label
                    .replace("{min}", &min.to_string())
                    .replace("{max}", &max.to_string()),
                t.scale_hint.clone(),
            )
        }
        InputKind::Choice {
            choices,
            multiple,
            max_selected,
            ..
        } => (
            if *multiple {
                t.choice_many_label
                    .replace("{max}", &max_selected.to_string())
            } else {
                t.choice_one_label.clone()
            }
            .replace("{count}", &choices.len().to_string()),
            t.choice_hint.clone(),
        ),
        InputKind::Text { max_chars, .. } => (
            t.text_label.replace("{max}", &max_chars.to_string()),
            t.text_hint.clone(),
        ),
        InputKind::TextList { max_items, .. } => (
            t.list_label.replace("{max}", &max_items.to_string()),
            t.list_hint.clone(),
        ),
        InputKind::Info => (t.info_label.clone(), t.info_hint.clone()),
    };
    // The prompt is read first; it runs into the rest as a sentence.
    let prompt = if prompt.ends_with(['?', '.', '!', ':']) || prompt.is_empty() {
        prompt.to_string()
    } else {
        format!("{prompt}.")
    };
    let mut label = label.replace("{prompt}", &prompt).trim().to_string();
    if spec.optional {
        label.push_str(&t.optional_suffix);
    }
    Ok((label, hint))
}
