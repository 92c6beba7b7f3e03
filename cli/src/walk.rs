//! Walking through a tool: the interactive loop over the core's flow, and the scripted
//! variant that takes every answer from the command line.
//!
//! The loop is the same for every tool. It draws a step, reads a line, and either hands the
//! answer to the core or acts on a key: `b` back, `s` save for later (a draft), `d` discard,
//! `h` help now. The core says whether an answer fits; an answer that does not is shown
//! with the core's reason and asked again.

use companion_core::{
    flow_text, shell_text, terminal_text, Answer, FlowProgress, FlowSummary, InputKind,
    Persistence, SavedFlow, Step, WellbeingError, WellbeingStore,
};

use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::help;
use crate::out::{print, print_json};
use crate::step;
use crate::term::Term;
use crate::words::fill_all;

/// Stored walks keep their result when the person saves; conversation walks keep nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Stored,
    Talk,
}

/// How a walk ended.
#[derive(Debug)]
pub enum End {
    Saved(SavedFlow),
    Drafted,
    Discarded,
    /// Conversation mode reached its summary (nothing stored).
    Finished(FlowSummary),
    /// Input ended (Ctrl-D) before the walk was finished; nothing was saved.
    Left,
}

/// What the person typed on a step.
enum Typed {
    Key(char),
    Answer(Answer),
    /// Enter on an empty line: keep the earlier answer, continue, or skip.
    Empty,
    /// A line that could not be read as an answer (already explained): ask again.
    Retry,
    Eof,
}

fn keys_line(mode: Mode) -> String {
    let t = terminal_text();
    match mode {
        Mode::Stored => t.keys_step_stored,
        Mode::Talk => t.keys_step_talk,
    }
}

fn is_key(line: &str, mode: Mode) -> Option<char> {
    match line.trim() {
        "b" => Some('b'),
        "d" => Some('d'),
        "h" => Some('h'),
        "s" if mode == Mode::Stored => Some('s'),
        _ => None,
    }
}

/// Reads the answer to `s`, taking several lines for multi-line text and lists.
fn read(term: &mut Term, s: &Step, mode: Mode) -> Outcome<Typed> {
    let first = match term.ask(&step::ask_line(s))? {
        Some(l) => l,
        None => return Ok(Typed::Eof),
    };
    if let Some(k) = is_key(&first, mode) {
        return Ok(Typed::Key(k));
    }
    if first.trim().is_empty() {
        return Ok(Typed::Empty);
    }
    if first.trim() == "-" {
        return Ok(match step::parse(&s.input, s.optional, &first) {
            Ok(a) => Typed::Answer(a),
            Err(reason) => {
                term.say(&format!("  ! {reason}"))?;
                Typed::Retry
            }
        });
    }
    match &s.input {
        InputKind::Text {
            multiline: true, ..
        } => {
            let mut lines = vec![first];
            while let Some(l) = term.ask("  ")? {
                if l.trim().is_empty() {
                    break;
                }
                lines.push(l);
            }
            Ok(Typed::Answer(Answer::Text {
                text: lines.join("\n"),
            }))
        }
        InputKind::TextList { max_items, .. } => {
            let mut items = vec![first];
            while (items.len() as u32) < *max_items {
                let n = (items.len() + 1).to_string();
                let ask = fill_all(&terminal_text().list_next_item, &[("n", &n)]);
                match term.ask(&ask)? {
                    Some(l) if !l.trim().is_empty() => items.push(l),
                    _ => break,
                }
            }
            Ok(Typed::Answer(Answer::TextList { items }))
        }
        kind => match step::parse(kind, s.optional, &first) {
            Ok(a) => Ok(Typed::Answer(a)),
            Err(reason) => {
                term.say(&format!("  ! {reason}"))?;
                Ok(Typed::Retry)
            }
        },
    }
}

/// Draws a summary: the core's safety notice first, in full, then the result.
pub fn draw_summary(s: &FlowSummary) -> String {
    let mut out = s.safety.as_ref().map(help::notice).unwrap_or_default();
    out.push_str(&summary_body(s));
    out
}

/// A summary without its notice: title, headline, items and advice.
fn summary_body(s: &FlowSummary) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "\n{}\n{}\n",
        s.title,
        "═".repeat(s.title.chars().count())
    ));
    if let Some(h) = &s.headline {
        out.push_str(&format!("{h}\n"));
    }
    if !s.items.is_empty() {
        out.push('\n');
    }
    for i in &s.items {
        out.push_str(&format!("{}: {}\n", i.label, i.value));
    }
    if !s.advice.is_empty() {
        out.push('\n');
        for a in &s.advice {
            out.push_str(&format!("- {a}\n"));
        }
    }
    out
}

/// Walks `first` to its end with the person at `term`.
pub fn interactive(
    term: &mut Term,
    c: &WellbeingStore,
    first: FlowProgress,
    mode: Mode,
) -> Outcome<End> {
    let mut progress = first;
    loop {
        match progress.clone() {
            FlowProgress::Next { step: s } => {
                term.say(&step::draw(&s))?;
                term.say(&format!("  {}", keys_line(mode)))?;
                loop {
                    let typed = read(term, &s, mode)?;
                    let answer = match typed {
                        Typed::Eof => {
                            // A stored flow is already on file as answered: leaving keeps
                            // it. In conversation mode there is nothing to keep.
                            if s.persistence == Persistence::ConversationOnly {
                                let _ = c.discard_flow(s.flow_id.clone());
                            }
                            return Ok(End::Left);
                        }
                        Typed::Retry => continue,
                        Typed::Key('h') => {
                            term.say(&help::text(Some(c)))?;
                            term.say(&step::draw(&s))?;
                            continue;
                        }
                        Typed::Key('b') => {
                            if !s.can_go_back {
                                term.say(&format!("  ! {}", terminal_text().first_step))?;
                                continue;
                            }
                            progress = c.flow_back(s.flow_id.clone())?;
                            break;
                        }
                        Typed::Key('s') => {
                            // The open flow is left as it is: `discard_flow` would delete
                            // the draft just written, and the core bounds open flows.
                            c.save_flow_draft(s.flow_id.clone())?;
                            return Ok(End::Drafted);
                        }
                        Typed::Key(_) => {
                            if s.can_go_back {
                                let t = flow_text();
                                let sure = term.ask(&format!("  {} ", t.confirm_discard))?;
                                if !matches!(sure.as_deref().map(str::trim), Some("y" | "Y")) {
                                    term.say(&format!("  {}", t.kept_open))?;
                                    continue;
                                }
                            }
                            c.discard_flow(s.flow_id.clone())?;
                            return Ok(End::Discarded);
                        }
                        Typed::Empty => match (&s.previous_answer, &s.input) {
                            (Some(prev), _) => prev.clone(),
                            (None, InputKind::Info) => Answer::Continue,
                            // A second Enter after a one-line answer must not skip the next
                            // optional step unseen: skipping it takes a "-".
                            (
                                None,
                                InputKind::Text {
                                    multiline: false, ..
                                },
                            ) if s.optional => {
                                term.say(&format!("  {}", flow_text().skip_hint))?;
                                continue;
                            }
                            (None, _) if s.optional => Answer::Skip,
                            _ => {
                                term.say(&format!("  ! {}", terminal_text().needs_answer))?;
                                continue;
                            }
                        },
                        Typed::Answer(a) => a,
                    };
                    match c.answer_flow(s.flow_id.clone(), answer) {
                        Ok(p) => {
                            progress = p;
                            break;
                        }
                        Err(WellbeingError::InvalidInput {
                            reason, item_index, ..
                        }) => {
                            let t = flow_text();
                            match item_index {
                                Some(n) => {
                                    let line = t
                                        .invalid_item
                                        .replace("{n}", &(n + 1).to_string())
                                        .replace("{reason}", &reason);
                                    term.say(&format!("  ! {line} {}", t.kept_items))?;
                                    // Offered again with the good items kept.
                                    progress = c.flow_progress(s.flow_id.clone())?;
                                    break;
                                }
                                None => term.say(&format!("  ! {reason}"))?,
                            }
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            FlowProgress::Complete { summary } => {
                // Support first, read before the result: the notice in full until the person
                // says they have read it, then the result with the flag still on top of it.
                match &summary.safety {
                    Some(n) => {
                        if !help::notice_and_wait(term, n)? {
                            let _ = c.discard_flow(summary.flow_id.clone());
                            return Ok(End::Left);
                        }
                        term.say(&format!(
                            "\n{}{}",
                            help::notice_lines(n, &terminal_text().key_help_now),
                            summary_body(&summary).trim_start_matches('\n')
                        ))?;
                    }
                    None => term.say(&draw_summary(&summary))?,
                }
                let words = terminal_text();
                let keys = match mode {
                    Mode::Stored => &words.keys_summary_stored,
                    Mode::Talk => &words.keys_summary_talk,
                };
                loop {
                    let line = match term.ask(keys)? {
                        Some(l) => l,
                        None => {
                            if mode == Mode::Talk {
                                let _ = c.discard_flow(summary.flow_id.clone());
                                return Ok(End::Finished(summary));
                            }
                            let _ = c.discard_flow(summary.flow_id.clone());
                            return Ok(End::Left);
                        }
                    };
                    match (line.trim(), mode) {
                        ("s", Mode::Stored) => {
                            return Ok(End::Saved(c.save_flow(summary.flow_id.clone())?));
                        }
                        ("", Mode::Talk) => {
                            c.discard_flow(summary.flow_id.clone())?;
                            return Ok(End::Finished(summary));
                        }
                        ("d", Mode::Stored) => {
                            c.discard_flow(summary.flow_id.clone())?;
                            return Ok(End::Discarded);
                        }
                        ("b", _) => {
                            progress = c.flow_back(summary.flow_id.clone())?;
                            break;
                        }
                        ("h", _) => {
                            term.say(&help::text(Some(c)))?;
                        }
                        _ => term.say(&format!("  ! {}", words.choose_key))?,
                    }
                }
            }
        }
    }
}

/// Walks a flow with every answer given up front (`--answer`, in step order). Information
/// steps are passed without using an answer. Fails if an answer does not fit (naming the
/// step) or if the answers run out before the end.
pub fn scripted(
    c: &WellbeingStore,
    first: FlowProgress,
    answers: &[String],
) -> Outcome<FlowSummary> {
    let mut progress = first;
    let mut given = answers.iter();
    loop {
        let s = match progress {
            FlowProgress::Complete { summary } => {
                if given.next().is_some() {
                    let _ = c.discard_flow(summary.flow_id.clone());
                    return Err(Fail::invalid(
                        "answers",
                        fill_all(&terminal_text().more_answers, &[("title", &summary.title)]),
                    ));
                }
                return Ok(summary);
            }
            FlowProgress::Next { step } => step,
        };
        let answer = if s.input == InputKind::Info {
            Answer::Continue
        } else {
            let next = given.next();
            // Optional steps at the end may be left out: `walk checkin -a 6` is a check-in.
            let skip = String::from("-");
            let next = next.or(s.optional.then_some(&skip));
            let Some(raw) = next else {
                let _ = c.discard_flow(s.flow_id.clone());
                return Err(Fail::invalid(
                    "answers",
                    fill_all(
                        &terminal_text().ran_out,
                        &[
                            ("position", &s.position.to_string()),
                            ("step", &s.step_id),
                            ("title", &s.title),
                        ],
                    ),
                ));
            };
            match step::parse(&s.input, s.optional, raw) {
                Ok(a) => a,
                Err(reason) => {
                    let _ = c.discard_flow(s.flow_id.clone());
                    return Err(Fail::invalid(s.step_id.clone(), reason));
                }
            }
        };
        progress = match c.answer_flow(s.flow_id.clone(), answer) {
            Ok(p) => p,
            Err(e) => {
                let _ = c.discard_flow(s.flow_id.clone());
                return Err(e.into());
            }
        };
    }
}

/// One line saying how a walk ended.
pub fn end_line(end: &End) -> String {
    let st = shell_text();
    match end {
        End::Saved(_) => st.saved,
        End::Drafted => st.saved_for_later,
        End::Discarded => st.discarded,
        End::Finished(_) => st.nothing_stored,
        End::Left => st.left_without_saving,
    }
}

/// Walks `first` interactively on stdin/stdout and reports how it ended.
pub fn walk_stored(ctx: &Ctx, c: &WellbeingStore, first: FlowProgress) -> Outcome {
    let end = interactive(&mut Term::stdio(), c, first, Mode::Stored)?;
    if ctx.json {
        if let End::Saved(s) = &end {
            return print_json(s);
        }
    }
    print(&end_line(&end))
}
