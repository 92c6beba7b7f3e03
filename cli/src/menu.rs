//! Interactive mode: today's view and a numbered menu. Every screen offers `h` for help now.

use companion_core::{DraftInfo, TodayAction, TodayView, ToolInfo, WellbeingStore};

use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::help;
use crate::report;
use crate::term::Term;
use crate::today;
use crate::walk::{self, End, Mode};

/// The tools as a list, a blank line between the core's groups.
pub fn tools_text(list: &[ToolInfo]) -> String {
    if list.is_empty() {
        return "No tools are available in this build.".into();
    }
    let width = list.iter().map(|t| t.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    let mut group = None;
    for t in list {
        if group.is_some() && group != Some(&t.group) {
            out.push('\n');
        }
        group = Some(&t.group);
        out.push_str(&format!("  {:width$}  {} — {}\n", t.id, t.title, t.summary));
    }
    out.trim_end().to_string()
}

pub fn drafts_text(list: &[DraftInfo]) -> String {
    if list.is_empty() {
        return "No drafts.".into();
    }
    let mut out = String::new();
    for d in list {
        out.push_str(&format!(
            "  {}  {} ({} answered, saved {})\n",
            d.flow_id, d.title, d.answered, d.updated
        ));
    }
    out.push_str("Carry on with: companion drafts resume ID");
    out
}

/// One line saying how a walk ended.
pub fn end_line(end: &End) -> String {
    match end {
        End::Saved(_) => "Saved.".into(),
        // The id is never shown: the draft is on the home screen.
        End::Drafted => companion_core::flow_text().saved_for_later,
        End::Discarded => "Discarded: nothing was stored.".into(),
        End::Finished(_) => "Nothing was stored.".into(),
        End::Left => "Left without saving.".into(),
    }
}

/// A numbered menu entry and what it does.
enum Entry {
    /// Something the core's today view suggests (next thing, drafts, reviews, measures due).
    Action(TodayAction),
    Walk(ToolInfo),
    Week,
    Report,
    Talk,
}

/// A heading line before an entry, when it starts a new section.
fn section(prev: Option<&Entry>, e: &Entry, first_action: bool) -> Option<&'static str> {
    match (prev, e) {
        (None, Entry::Action(_)) => Some("Next:"),
        (Some(Entry::Action(_)), Entry::Action(_)) if !first_action => None,
        (Some(Entry::Action(_)), Entry::Action(_)) => Some("Also waiting:"),
        (Some(Entry::Walk(a)), Entry::Walk(b)) if a.group == b.group => None,
        (Some(Entry::Action(_)), Entry::Walk(_)) => Some("Tools:"),
        (Some(Entry::Walk(_)), Entry::Walk(_)) => Some(""),
        (Some(Entry::Walk(_)), _) => Some(""),
        _ => None,
    }
}

fn entries(c: &WellbeingStore, t: &TodayView) -> Vec<Entry> {
    let mut v = vec![Entry::Action(t.next_thing.clone())];
    v.extend(t.open_items.iter().cloned().map(Entry::Action));
    v.extend(
        c.list_tools()
            .into_iter()
            .filter(|t| !t.needs_subject)
            .map(Entry::Walk),
    );
    v.push(Entry::Week);
    v.push(Entry::Report);
    v.push(Entry::Talk);
    v
}

fn label(e: &Entry) -> String {
    match e {
        Entry::Action(a) => today::action_text(a),
        Entry::Walk(t) => t.title.clone(),
        Entry::Week => "This week".into(),
        Entry::Report => "Make a summary for my appointment".into(),
        Entry::Talk => "Talk someone through a tool (nothing stored)".into(),
    }
}

/// Interactive mode on `term`, until `q` or end of input.
pub fn run(ctx: &Ctx, term: &mut Term) -> Outcome {
    let c = ctx.open()?;
    let mut first = true;
    loop {
        let t = c.today()?;
        term.say(&format!("\nWellbeing Companion · {}", t.date_label))?;
        // Safety first: flags at the top, with the contacts in full the first time and a
        // pointer to them after that.
        if first && !t.safety_flags.is_empty() {
            term.say(help::flags_first(Some(&c), &t.safety_flags).trim_end())?;
        } else {
            for f in &t.safety_flags {
                term.say(&format!("!! {} (h: help now)", f.title))?;
            }
        }
        first = false;
        term.say(today::today_head(&t).trim_end())?;
        let list = entries(&c, &t);
        let mut prev = None;
        for (i, e) in list.iter().enumerate() {
            if let Some(h) = section(prev, e, i == 1) {
                term.say(format!("\n{h}").trim_end())?;
            }
            term.say(&format!("  {:>2}. {}", i + 1, label(e)))?;
            prev = Some(e);
        }
        term.say("\n   h. Help now\n   q. Quit")?;
        let Some(line) = term.ask("Choose: ")? else {
            return Ok(());
        };
        match line.trim() {
            "q" => return Ok(()),
            "h" => term.say(&help::text(Some(&c)))?,
            "" => {}
            n => match n
                .parse::<usize>()
                .ok()
                .and_then(|n| list.get(n.wrapping_sub(1)))
            {
                Some(Entry::Action(a)) => act(&c, term, a)?,
                Some(Entry::Walk(tool)) => {
                    let first = c.start_flow(tool.id.clone(), None)?;
                    let end = walk::interactive(term, &c, first, Mode::Stored)?;
                    term.say(&end_line(&end))?;
                }
                Some(Entry::Week) => term.say(&today::week_text(&c.week(None)?))?,
                Some(Entry::Report) => match report::to_data_dir(ctx, &c) {
                    Ok((path, r)) => term.say(&format!(
                        "\nYour summary of {} to {} is in\n  {}\nOpen it in a web browser to read or print it.",
                        r.from,
                        r.to,
                        path.display()
                    ))?,
                    Err(f) => term.say(&format!("  ! {}", f.line()))?,
                },
                Some(Entry::Talk) => talk(ctx, term)?,
                None => term.say("  ! Please choose a number from the list, h or q.")?,
            },
        }
    }
}

/// Does what a today action offers: help now, a draft resumed, or its flow started.
fn act(c: &WellbeingStore, term: &mut Term, a: &TodayAction) -> Outcome {
    let first = if a.kind == "help-now" {
        return Ok(term.say(&help::text(Some(c)))?);
    } else if let Some(d) = &a.draft_id {
        c.resume_flow(d.clone())?
    } else if let Some(tool) = &a.tool {
        c.start_flow(tool.clone(), a.subject_id.clone())?
    } else {
        return Ok(());
    };
    let end = walk::interactive(term, c, first, Mode::Stored)?;
    Ok(term.say(&end_line(&end))?)
}

/// Picks a tool and walks it in a store that keeps nothing.
fn talk(ctx: &Ctx, term: &mut Term) -> Outcome {
    let mem = ctx.memory()?;
    let tools: Vec<ToolInfo> = mem
        .list_tools()
        .into_iter()
        .filter(|t| !t.needs_subject)
        .collect();
    let Some(tool) = pick(term, &mem, &tools, |t| t.title.clone())? else {
        return Ok(());
    };
    let first = mem.start_flow(tool.id.clone(), None)?;
    let end = walk::interactive(term, &mem, first, Mode::Talk)?;
    Ok(term.say(&end_line(&end))?)
}

/// A numbered pick from `items`; `None` when the person goes back.
fn pick<'t, T>(
    term: &mut Term,
    c: &WellbeingStore,
    items: &'t [T],
    label: impl Fn(&T) -> String,
) -> Outcome<Option<&'t T>> {
    loop {
        term.say("")?;
        for (i, it) in items.iter().enumerate() {
            term.say(&format!("  {:>2}. {}", i + 1, label(it)))?;
        }
        term.say("   h. Help now\n   b. Back")?;
        let Some(line) = term.ask("Choose: ")? else {
            return Ok(None);
        };
        match line.trim() {
            "b" | "q" => return Ok(None),
            "h" => term.say(&help::text(Some(c)))?,
            t => match t
                .parse::<usize>()
                .ok()
                .and_then(|n| items.get(n.wrapping_sub(1)))
            {
                Some(it) => return Ok(Some(it)),
                None => term.say("  ! Please choose a number from the list, h or b.")?,
            },
        }
    }
}
