//! Interactive mode: today's view and a numbered menu. Every screen offers `h` for help now.

use companion_core::{Companion, DraftInfo, ToolInfo};

use crate::ctx::Ctx;
use crate::fail::Outcome;
use crate::help;
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
            d.id, d.title, d.answered, d.updated
        ));
    }
    out.push_str("Carry on with: companion drafts resume ID");
    out
}

/// One line saying how a walk ended.
pub fn end_line(end: &End) -> String {
    match end {
        End::Saved(_) => "Saved.".into(),
        End::Drafted(d) => format!(
            "Saved for later. Carry on with: companion drafts resume {}",
            d.id
        ),
        End::Discarded => "Discarded: nothing was stored.".into(),
        End::Finished(_) => "Nothing was stored.".into(),
        End::Left => "Left without saving.".into(),
    }
}

/// A numbered menu entry and what it does.
enum Entry {
    Today,
    Week,
    Walk(ToolInfo),
    Talk,
    Drafts,
}

fn entries(c: &Companion) -> Vec<(String, Entry)> {
    let mut v: Vec<(String, Entry)> = vec![
        ("Today".into(), Entry::Today),
        ("This week".into(), Entry::Week),
    ];
    v.extend(
        c.list_tools()
            .into_iter()
            .filter(|t| !t.needs_subject)
            .map(|t| (t.title.clone(), Entry::Walk(t))),
    );
    v.push((
        "Talk someone through a tool (nothing stored)".into(),
        Entry::Talk,
    ));
    let n = c.list_drafts().map(|d| d.len()).unwrap_or(0);
    if n > 0 {
        v.push((format!("Drafts ({n})"), Entry::Drafts));
    }
    v
}

/// Interactive mode on `term`, until `q` or end of input.
pub fn run(ctx: &Ctx, term: &mut Term) -> Outcome {
    let c = ctx.open()?;
    term.say(&format!("Wellbeing Companion · {}", c.today_date()))?;
    term.say(&today::today_text(&today::today_screen(&c)?))?;
    loop {
        let list = entries(&c);
        term.say("")?;
        let mut group = "";
        for (i, (label, entry)) in list.iter().enumerate() {
            // A blank line between the core's tool groups keeps a long menu readable.
            let g = match entry {
                Entry::Walk(t) => t.group.as_str(),
                _ => "",
            };
            if g != group {
                term.say("")?;
                group = g;
            }
            term.say(&format!("  {:>2}. {label}", i + 1))?;
        }
        term.say("   h. Help now\n   q. Quit")?;
        let Some(line) = term.ask("Choose: ")? else {
            return Ok(());
        };
        match line.trim() {
            "q" => return Ok(()),
            "h" => term.say(&help::text(Some(&c)))?,
            "" => {}
            t => match t
                .parse::<usize>()
                .ok()
                .and_then(|n| list.get(n.wrapping_sub(1)))
            {
                Some((_, Entry::Walk(tool))) => {
                    let first = c.start_flow(tool.id.clone(), None)?;
                    let end = walk::interactive(term, &c, first, Mode::Stored)?;
                    term.say(&end_line(&end))?;
                }
                Some((_, Entry::Today)) => {
                    term.say(&today::today_text(&today::today_screen(&c)?))?
                }
                Some((_, Entry::Week)) => {
                    term.say(&today::week_text(&today::week_screen(&c, None)?))?
                }
                Some((_, Entry::Talk)) => talk(ctx, term)?,
                Some((_, Entry::Drafts)) => drafts(&c, term)?,
                None => term.say("  ! Please choose a number from the list, h or q.")?,
            },
        }
    }
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

fn drafts(c: &Companion, term: &mut Term) -> Outcome {
    let list = c.list_drafts()?;
    let Some(d) = pick(term, c, &list, |d| {
        format!("{} ({} answered, saved {})", d.title, d.answered, d.updated)
    })?
    else {
        return Ok(());
    };
    let first = c.resume_draft(d.id.clone())?;
    let end = walk::interactive(term, c, first, Mode::Stored)?;
    Ok(term.say(&end_line(&end))?)
}

/// A numbered pick from `items`; `None` when the person goes back.
fn pick<'t, T>(
    term: &mut Term,
    c: &Companion,
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
