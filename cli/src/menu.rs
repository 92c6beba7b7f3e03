//! Interactive mode: the core's home screen, drawn as text, and the way from each entry to
//! its screen. The menu, its keys and every word come from the core (`home()`,
//! `shell_text()`); this module only draws them and follows `NavAction`s.

use companion_core::{
    shell_text, DraftInfo, FlowSummary, HomeView, MenuEntry, NavAction, ShellText, ToolId,
    ToolInfo, WellbeingError, WellbeingStore,
};

use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::help;
use crate::report;
use crate::term::Term;
use crate::today;
use crate::walk::{self, end_line, End, Mode};
use crate::words::{fill, fill_all};

/// The tools as a list (`companion tools`), a blank line between the core's groups.
pub fn tools_text(list: &[ToolInfo]) -> String {
    if list.is_empty() {
        return shell_text().no_tools;
    }
    let width = list.iter().map(|t| t.id.as_str().len()).max().unwrap_or(0);
    let mut out = String::new();
    let mut group = None;
    for t in list {
        if group.is_some() && group != Some(&t.group) {
            out.push('\n');
        }
        group = Some(&t.group);
        out.push_str(&format!(
            "  {:width$}  {} — {}\n",
            t.id.as_str(),
            t.title,
            t.summary
        ));
    }
    out.trim_end().to_string()
}

/// `companion drafts`: each draft with the id to resume it by.
pub fn drafts_text(list: &[DraftInfo]) -> String {
    let st = shell_text();
    if list.is_empty() {
        return st.no_drafts;
    }
    let mut out = String::new();
    // Numbered as listed: the flow id is for the core, never for the person to copy.
    for (i, d) in list.iter().enumerate() {
        let item = fill(&st.drafts_item, "title", &d.title);
        let item = fill(&item, "answered", &d.answered.to_string());
        out.push_str(&format!(
            "  {:>2}. {}\n",
            i + 1,
            fill(&item, "updated", &d.updated)
        ));
    }
    out.push_str("  → companion drafts resume NUMBER");
    out
}

/// The end of a conversation-mode walk: the person can take the summary with them — a code to
/// scan or paste into their own app (packed by the core), or the text to copy or print —
/// before it is gone. Nothing is stored either way.
pub fn handover(term: &mut Term, c: &WellbeingStore, st: &ShellText, s: &FlowSummary) -> Outcome {
    let hint = |key: &str, label: &str| fill(&fill(&st.key_hint, "key", key), "label", label);
    loop {
        term.say(&format!(
            "\n{}\n  {}\n  {}\n  {}",
            st.handover_title,
            hint("c", &st.handover_code),
            hint("p", &st.handover_print),
            hint(&companion_core::terminal_text().key_enter, &st.finish)
        ))?;
        let Some(line) = term.ask(&st.choose)? else {
            return Ok(());
        };
        match line.trim() {
            "" => return Ok(()),
            "c" => match c.handoff_payload(s.clone()) {
                Ok(p) => term.say(&crate::handoff::payload_text(&p))?,
                // Too long for a code: the printed text still goes with them.
                Err(e) => term.say(&format!("  ! {e}\n\n{}", s.text))?,
            },
            "p" => term.say(&format!("\n{}", s.text))?,
            _ => term.say(&format!("  ! {}", st.choose_from_list_back))?,
        }
    }
}

/// The home screen: title, safety flags, the day's data, then the menu in its sections.
fn draw_home(term: &mut Term, st: &ShellText, h: &HomeView, first: bool) -> Outcome {
    term.say(&format!(
        "\n{}",
        fill(&st.home_title, "date", &h.date_label)
    ))?;
    // Safety first: the core's notice at the top, with the contacts in full the first time
    // (kept on screen until the person goes on), its flags and the Help now key after that.
    if let Some(n) = &h.safety {
        if first && !help::notice_and_wait(term, n)? {
            return Err(Fail::Closed);
        }
        term.say(help::notice_lines(n, &key_hint(st, &h.help_now)).trim_end())?;
    }
    term.say(today::today_head(st, &h.today).trim_end())?;
    for s in &h.sections {
        term.say(&format!("\n{}", s.heading))?;
        for e in &s.entries {
            term.say(&today::entry_text(e))?;
        }
    }
    term.say(&format!(
        "\n  {:>2}. {}\n  {:>2}. {}",
        h.help_now.key, h.help_now.label, "q", st.quit
    ))?;
    Ok(())
}

fn key_hint(st: &ShellText, e: &MenuEntry) -> String {
    fill(&fill(&st.key_hint, "key", &e.key), "label", &e.label)
}

/// Interactive mode on `term`, until `q` or end of input.
pub fn run(ctx: &Ctx, term: &mut Term) -> Outcome {
    let c = ctx.open()?;
    let st = shell_text();
    let mut first = true;
    loop {
        let h = c.home()?;
        match draw_home(term, &st, &h, first) {
            Err(Fail::Closed) => return Ok(()),
            other => other?,
        }
        first = false;
        let Some(line) = term.ask(&st.choose)? else {
            return Ok(());
        };
        let key = line.trim();
        if key.is_empty() {
            continue;
        }
        if key == "q" {
            return Ok(());
        }
        let chosen = std::iter::once(&h.help_now)
            .chain(h.sections.iter().flat_map(|s| &s.entries))
            .find(|e| e.key == key);
        let Some(e) = chosen else {
            term.say(&format!("  ! {}", st.choose_from_list))?;
            continue;
        };
        if !go(ctx, &c, term, &st, &e.action)? {
            return Ok(());
        }
    }
}

/// Opens the screen `action` leads to. `false` when the input ended there.
fn go(
    ctx: &Ctx,
    c: &WellbeingStore,
    term: &mut Term,
    st: &ShellText,
    action: &NavAction,
) -> Outcome<bool> {
    let result = match action {
        NavAction::HelpNow | NavAction::OpenSafetyPlan => {
            term.say(&help::text(Some(c)))?;
            // The contacts stay on screen until the person says so.
            return Ok(term.ask(&st.press_enter)?.is_some());
        }
        NavAction::StartTool { tool, subject_id } => c
            .start_flow(*tool, subject_id.clone())
            .map_err(Fail::from)
            .and_then(|first| walk_stored(term, c, first)),
        NavAction::ResumeFlow { flow_id } => c
            .resume_flow(flow_id.clone())
            .map_err(Fail::from)
            .and_then(|first| walk_stored(term, c, first)),
        NavAction::Week => c
            .week(None)
            .map_err(Fail::from)
            .and_then(|w| Ok(term.say(&today::week_text(st, &w))?)),
        NavAction::History { tool } => history(ctx, *tool).and_then(|()| records(term, c, *tool)),
        NavAction::AppointmentSummary => match report::to_folder(ctx, c) {
            Ok((path, r)) => {
                let text = fill(&st.summary_written, "from", &r.from);
                let text = fill(&text, "to", &r.to);
                Ok(term.say(&format!(
                    "\n{}",
                    fill(&text, "path", &path.display().to_string())
                ))?)
            }
            Err(f) => Ok(term.say(&format!("  ! {}", f.line()))?),
        },
        NavAction::Conversation => talk(ctx, term, st),
        NavAction::Settings => Ok(term.say(&today::reminders_text(st, c))?),
    };
    match result {
        Ok(()) => Ok(true),
        Err(Fail::Closed) => Ok(false),
        // The person's own mistake is shown as the core words it; anything else is not
        // theirs to fix: "something went wrong", and the menu (with Help now) again.
        Err(Fail::Core(e @ WellbeingError::InvalidInput { .. })) => {
            term.say(&format!("  ! {e}"))?;
            Ok(true)
        }
        Err(Fail::Core(_)) => {
            term.say(&format!("  ! {}", st.something_went_wrong))?;
            Ok(true)
        }
        Err(other) => Err(other),
    }
}

/// A tool's history screen, as its `companion history` command draws it.
fn history(ctx: &Ctx, tool: ToolId) -> Outcome {
    match tool {
        ToolId::FiveWaysLog | ToolId::FiveWaysPlan | ToolId::FiveWaysReview => {
            crate::five_ways::history(ctx, None)
        }
        ToolId::FiveAreas | ToolId::FiveAreasReview => crate::five_areas::history(ctx, 0),
        ToolId::ThoughtRecord => crate::thinking::history(ctx, 0),
        ToolId::Phq9 | ToolId::Gad7 | ToolId::Ons4 | ToolId::Swemwbs => {
            crate::measure::history(ctx, tool.as_str().to_string(), 0)
        }
        ToolId::SafetyPlan => Ok(()),
        ToolId::ConnectionsMap
        | ToolId::ConnectionsRemap
        | ToolId::ConnectionsPlan
        | ToolId::ConnectionsReview => crate::connections::run(ctx, None, None, false),
        _ => crate::scale::checkin_history(ctx, 0),
    }
}

/// After a history: its entries numbered, to delete one (asked first). Tools the core does
/// not list entries for go straight back.
fn records(term: &mut Term, c: &WellbeingStore, tool: ToolId) -> Outcome {
    let t = companion_core::terminal_text();
    loop {
        let Ok(list) = c.records(tool, companion_core::MAX_RECORD_ROWS) else {
            return Ok(());
        };
        if list.rows.is_empty() {
            return Ok(term.say(&format!("\n  {}", list.empty_text))?);
        }
        term.say(&format!("\n{}", list.title))?;
        for (i, r) in list.rows.iter().enumerate() {
            term.say(&format!("  {:>2}. {}\n      {}", i + 1, r.label, r.detail))?;
        }
        let hint = match list.edit_label {
            Some(_) => &t.records_hint_edit,
            None => &t.records_hint,
        };
        let Some(line) = term.ask(hint)? else {
            return Err(Fail::Closed);
        };
        let Some(row) = line
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| list.rows.get(n.wrapping_sub(1)))
        else {
            return Ok(());
        };
        if let Some(edit) = &list.edit_label {
            let choice = fill_all(
                &t.record_action,
                &[("edit", edit), ("delete", &list.delete_label)],
            );
            let Some(picked) = term.ask(&format!("  {}\n  {choice}", row.label))? else {
                return Err(Fail::Closed);
            };
            match picked.trim() {
                "c" | "C" => {
                    // The same walk-through, each step offering what was saved; saving
                    // replaces the entry, discarding leaves it as it was.
                    let first = c.edit_record(tool, row.id.clone())?;
                    walk_stored(term, c, first)?;
                    continue;
                }
                "d" | "D" => {}
                _ => continue,
            }
        }
        let ask = fill(&t.confirm_yes, "question", &list.confirm_delete);
        let sure = term.ask(&format!("  {}: {}\n  {ask}", list.delete_label, row.label))?;
        if matches!(sure.as_deref().map(str::trim), Some("y" | "Y")) {
            c.delete_record(tool, row.id.clone())?;
            term.say(&format!("  {}", list.deleted_text))?;
        } else {
            term.say(&format!("  {}", t.kept))?;
        }
    }
}

fn walk_stored(
    term: &mut Term,
    c: &WellbeingStore,
    first: companion_core::flow::FlowProgress,
) -> Outcome {
    let end = walk::interactive(term, c, first, Mode::Stored)?;
    Ok(term.say(&end_line(&end))?)
}

/// Picks a tool from the core's conversation menu and walks it in a store that keeps nothing.
fn talk(ctx: &Ctx, term: &mut Term, st: &ShellText) -> Outcome {
    let mem = ctx.memory()?;
    let entries = mem.conversation_menu()?;
    let help_now = mem.home()?.help_now;
    loop {
        term.say(&format!(
            "\n{}\n{}",
            st.conversation_title, st.conversation_banner
        ))?;
        for e in &entries {
            term.say(&format!("  {:>2}. {}", e.key, e.label))?;
        }
        term.say(&format!(
            "  {:>2}. {}\n  {:>2}. {}",
            help_now.key, help_now.label, "b", st.back
        ))?;
        let Some(line) = term.ask(&st.choose)? else {
            return Ok(());
        };
        let key = line.trim();
        if key == "b" || key == "q" {
            return Ok(());
        }
        if key == help_now.key {
            term.say(&help::text(Some(&mem)))?;
            if term.ask(&st.press_enter)?.is_none() {
                return Ok(());
            }
            continue;
        }
        match entries.iter().find(|e| e.key == key).map(|e| &e.action) {
            Some(NavAction::StartTool { tool, subject_id }) => {
                let first = mem.start_flow(*tool, subject_id.clone())?;
                let end = walk::interactive(term, &mem, first, Mode::Talk)?;
                if let End::Finished(s) = &end {
                    handover(term, &mem, st, s)?;
                }
                return Ok(term.say(&end_line(&end))?);
            }
            _ => term.say(&format!("  ! {}", st.choose_from_list_back))?,
        }
    }
}
