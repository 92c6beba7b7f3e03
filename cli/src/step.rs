//! The one step screen: draws any tool's step from the core's [`Step`] and reads the answer
//! the person types back into an [`Answer`]. Nothing here knows any tool: scales, choices,
//! texts, lists and information steps are drawn from their `InputKind` alone, so a new tool
//! in the core needs no code here.

use companion_core::{terminal_text, Answer, ChoiceOption, InputKind, Step};

use crate::words::fill_all;

/// Scales wider than this are shown as "min … max" rather than every number.
const MAX_SCALE_ROW: i32 = 10;

/// The step as text: heading with position, prompt, help, and the control.
pub fn draw(s: &Step) -> String {
    let t = terminal_text();
    let mut out = String::new();
    let heading = fill_all(
        &t.step_heading,
        &[
            ("title", &s.title),
            ("position", &s.position.to_string()),
            ("total", &s.total.to_string()),
        ],
    );
    out.push_str(&format!(
        "\n{heading}\n{}\n",
        "─".repeat(heading.chars().count())
    ));
    out.push_str(&s.prompt);
    out.push('\n');
    if let Some(h) = &s.help {
        for line in h.lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push('\n');
    match &s.input {
        InputKind::Scale { min, max, anchors } => {
            if max - min <= MAX_SCALE_ROW {
                let row: Vec<String> = (*min..=*max).map(|v| v.to_string()).collect();
                out.push_str(&format!("  {}\n", row.join(" · ")));
            } else {
                out.push_str(&format!("  {min} … {max}\n"));
            }
            for a in anchors {
                out.push_str(&format!("  {:>3} = {}\n", a.value, a.label));
            }
        }
        InputKind::Choice {
            choices,
            multiple,
            min_selected,
            max_selected,
        } => {
            for (i, c) in choices.iter().enumerate() {
                out.push_str(&format!("  {:>2}. {}\n", i + 1, c.label));
                if let Some(h) = &c.help {
                    out.push_str(&format!("      {h}\n"));
                }
            }
            if *multiple {
                let range = range_words(*min_selected, *max_selected);
                out.push_str(&format!(
                    "  {}\n",
                    fill_all(&t.pick_many, &[("range", &range)])
                ));
            }
        }
        InputKind::Text {
            multiline,
            max_chars,
        } => {
            let how = if *multiline {
                &t.text_multiline
            } else {
                &t.text_single
            };
            let max = max_chars.to_string();
            out.push_str(&format!("  {}\n", fill_all(how, &[("max", &max)])));
        }
        InputKind::TextList {
            max_items,
            max_chars,
        } => {
            let (items, max) = (max_items.to_string(), max_chars.to_string());
            out.push_str(&format!(
                "  {}\n",
                fill_all(&t.text_list, &[("items", &items), ("max", &max)])
            ));
        }
        InputKind::Info => {}
    }
    if let Some(prev) = &s.previous_answer {
        let answer = describe(&s.input, prev);
        out.push_str(&format!(
            "  {}\n",
            fill_all(&t.earlier_answer, &[("answer", &answer)])
        ));
    }
    out
}

fn range_words(min: u32, max: u32) -> String {
    if min == max {
        min.to_string()
    } else {
        let (min, max) = (min.to_string(), max.to_string());
        fill_all(&terminal_text().range_span, &[("min", &min), ("max", &max)])
    }
}

/// The text of the input line's prompt.
pub fn ask_line(s: &Step) -> String {
    let t = terminal_text();
    let what = match &s.input {
        InputKind::Scale { min, max, .. } => {
            let (min, max) = (min.to_string(), max.to_string());
            fill_all(&t.ask_scale, &[("min", &min), ("max", &max)])
        }
        InputKind::Choice {
            multiple: false, ..
        } => t.ask_choice,
        InputKind::Choice { .. } => t.ask_choices,
        InputKind::Text { .. } => t.ask_text,
        InputKind::TextList { .. } => t.ask_list_first,
        InputKind::Info => t.ask_info,
    };
    let template = if s.optional {
        &t.ask_optional
    } else {
        &t.ask_required
    };
    fill_all(template, &[("what", &what)])
}

/// An answer shown back in words: the chosen labels, the number, the text.
pub fn describe(kind: &InputKind, a: &Answer) -> String {
    match a {
        Answer::Scale { value } => value.to_string(),
        Answer::Choices { ids } => {
            let labels: Vec<&str> = ids
                .iter()
                .map(|id| match kind {
                    InputKind::Choice { choices, .. } => choices
                        .iter()
                        .find(|c| &c.id == id)
                        .map(|c| c.label.as_str())
                        .unwrap_or(id.as_str()),
                    _ => id.as_str(),
                })
                .collect();
            labels.join(", ")
        }
        Answer::Text { text } => text.clone(),
        Answer::TextList { items } => items.join("; "),
        Answer::Skip => terminal_text().skipped,
        Answer::Continue => terminal_text().read,
    }
}

/// Reads one typed token as an answer to a step of `kind`. The reason in the error says
/// what was expected; the core still validates the answer fully.
pub fn parse(kind: &InputKind, optional: bool, raw: &str) -> Result<Answer, String> {
    let words = terminal_text();
    let t = raw.trim();
    if t == "-" {
        return if optional {
            Ok(Answer::Skip)
        } else {
            Err(words.needs_answer)
        };
    }
    match kind {
        InputKind::Scale { min, max, .. } => t
            .parse::<i32>()
            .map(|value| Answer::Scale { value })
            .map_err(|_| {
                let (min, max) = (min.to_string(), max.to_string());
                fill_all(&words.expects_number, &[("min", &min), ("max", &max)])
            }),
        InputKind::Choice { choices, .. } => {
            let mut ids = vec![];
            for tok in t.split([',', ' ']).filter(|s| !s.trim().is_empty()) {
                ids.push(choice_id(choices, tok.trim())?);
            }
            if ids.is_empty() {
                return Err(words.expects_choice);
            }
            Ok(Answer::Choices { ids })
        }
        InputKind::Text { .. } => Ok(Answer::Text { text: raw.into() }),
        InputKind::TextList { .. } => Ok(Answer::TextList {
            items: raw.split('|').map(|s| s.trim().to_string()).collect(),
        }),
        InputKind::Info => Ok(Answer::Continue),
    }
}

/// A choice named by its id or by its 1-based number on the list (an id wins, so measures
/// whose choice ids are the item values take those values).
fn choice_id(choices: &[ChoiceOption], tok: &str) -> Result<String, String> {
    if let Some(c) = choices.iter().find(|c| c.id.eq_ignore_ascii_case(tok)) {
        return Ok(c.id.clone());
    }
    match tok.parse::<usize>() {
        Ok(n) if n >= 1 && n <= choices.len() => Ok(choices[n - 1].id.clone()),
        _ => Err(fill_all(
            &terminal_text().expects_choice_range,
            &[("count", &choices.len().to_string())],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::ScaleAnchor;

    fn choices() -> InputKind {
        InputKind::Choice {
            choices: vec![
                ChoiceOption {
                    id: "connect".into(),
                    label: "Connect".into(),
                    help: Some("With people".into()),
                },
                ChoiceOption {
                    id: "give".into(),
                    label: "Give".into(),
                    help: None,
                },
            ],
            multiple: true,
            min_selected: 1,
            max_selected: 2,
        }
    }

    fn step(input: InputKind) -> Step {
        Step {
            flow_id: "f".into(),
            tool: companion_core::ToolId::Checkin,
            title: "Tool".into(),
            step_id: "s".into(),
            position: 2,
            total: 5,
            prompt: "How is it?".into(),
            help: Some("Think of today.".into()),
            input,
            optional: false,
            can_go_back: true,
            previous_answer: None,
            persistence: companion_core::Persistence::Stored,
            accessibility_label: "How is it?".into(),
            accessibility_hint: String::new(),
        }
    }

    #[test]
    fn a_scale_shows_its_range_and_anchor_labels() {
        let mut s = step(InputKind::Scale {
            min: 0,
            max: 10,
            anchors: vec![
                ScaleAnchor {
                    value: 0,
                    label: "Worst".into(),
                },
                ScaleAnchor {
                    value: 10,
                    label: "Best".into(),
                },
            ],
        });
        s.previous_answer = Some(Answer::Scale { value: 6 });
        let d = draw(&s);
        assert!(d.contains("Tool · step 2 of 5"), "{d}");
        assert!(d.contains("0 · 1 · 2"), "{d}");
        assert!(d.contains("0 = Worst") && d.contains("10 = Best"), "{d}");
        assert!(d.contains("Earlier answer: 6"), "{d}");
        assert_eq!(ask_line(&s), "Your answer (0–10): ");
    }

    #[test]
    fn choices_are_numbered_and_read_by_number_or_id() {
        let k = choices();
        let d = draw(&step(k.clone()));
        assert!(
            d.contains(" 1. Connect") && d.contains("With people"),
            "{d}"
        );
        assert!(d.contains("pick 1 to 2"), "{d}");
        assert_eq!(
            parse(&k, false, "2, connect").unwrap(),
            Answer::Choices {
                ids: vec!["give".into(), "connect".into()]
            }
        );
        assert!(parse(&k, false, "3").is_err());
        assert!(parse(&k, false, "").is_err());
        assert_eq!(
            describe(
                &k,
                &Answer::Choices {
                    ids: vec!["give".into()]
                }
            ),
            "Give"
        );
    }

    #[test]
    fn skip_only_when_optional() {
        let k = InputKind::Text {
            multiline: false,
            max_chars: 10,
        };
        assert_eq!(parse(&k, true, "-").unwrap(), Answer::Skip);
        assert!(parse(&k, false, "-").is_err());
        let scale = InputKind::Scale {
            min: 0,
            max: 3,
            anchors: vec![],
        };
        assert!(parse(&scale, false, "x").is_err());
        assert_eq!(
            parse(&scale, false, " 2 ").unwrap(),
            Answer::Scale { value: 2 }
        );
        let list = InputKind::TextList {
            max_items: 3,
            max_chars: 10,
        };
        assert_eq!(
            parse(&list, false, "a | b").unwrap(),
            Answer::TextList {
                items: vec!["a".into(), "b".into()]
            }
        );
    }
}
