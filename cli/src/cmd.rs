//! The commands: each opens what it needs, asks the core, and draws the answer (as text,
//! or as JSON with `--json`).

use serde::Serialize;

use companion_core::{shell_text, terminal_text, WellbeingStore};

use crate::args::{Command, DraftAction, HistoryWhat, TalkArgs, WalkArgs};
use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::help;
use crate::menu;
use crate::out::{print, print_json};
use crate::term::Term;
use crate::walk::{self, walk_stored};
use crate::{
    connections, data, five_areas, five_ways, handoff, keys, measure, profile, report, scale,
    school, thinking, today, typed,
};

pub fn run(ctx: &Ctx, command: Option<Command>) -> Outcome {
    match command {
        None => menu::run(ctx, &mut Term::stdio()),
        Some(Command::HelpNow) => help_now(ctx),
        Some(Command::Connections { map, svg, force }) => {
            connections::run(ctx, map, svg.as_deref(), force)
        }
        Some(Command::Today) => today::today(ctx),
        Some(Command::Week { date }) => today::week(ctx, date),
        Some(Command::FiveWays { action }) => five_ways::run(ctx, action),
        Some(Command::Checkin {
            score,
            note,
            feelings,
        }) => scale::checkin(ctx, score, note, feelings),
        Some(Command::Measure { action }) => measure::run(ctx, action),
        Some(Command::Scale { action }) => scale::run(ctx, action),
        Some(Command::History { what }) => history(ctx, what),
        Some(Command::Tools) => tools(ctx),
        Some(Command::Walk(a)) => walk_cmd(ctx, a),
        Some(Command::Talk(a)) => talk(ctx, a),
        Some(Command::Drafts { action }) => drafts(ctx, action.unwrap_or(DraftAction::List)),
        Some(Command::Info) => info(ctx),
        Some(Command::Encrypt) => keys::encrypt(ctx),
        Some(Command::Passphrase) => keys::passphrase(ctx),
        Some(Command::Decrypt) => keys::decrypt(ctx),
        Some(Command::Profile { action }) => profile::run(ctx, action),
        Some(Command::Backup { file }) => backup(ctx, &file),
        Some(Command::Report { action, args }) => report::run(ctx, action, args),
        Some(Command::Export(a)) => data::export(ctx, a),
        Some(Command::Import { file }) => data::import(ctx, &file),
        Some(Command::Handoff { action }) => handoff::run(ctx, action),
        Some(Command::School { action }) => school::run(ctx, action),
        Some(Command::Thinking { action }) => thinking::run(ctx, action),
    }
}

fn help_now(ctx: &Ctx) -> Outcome {
    help::command(ctx)
}

/// The tools in the words of the store's profile (a young person's plainer names, only the
/// measures for their age). Listing them never makes a data file: with none yet, or one that
/// cannot be opened, the list is an adult's.
fn tools(ctx: &Ctx) -> Outcome {
    let exists = ctx.db_path().map(|p| p.exists()).unwrap_or(false);
    let c = match exists.then(|| ctx.open()) {
        Some(Ok(c)) => c,
        _ => ctx.memory()?,
    };
    let list = c.list_tools();
    if ctx.json {
        return print_json(&list);
    }
    print(&menu::tools_text(&list))
}

fn walk_cmd(ctx: &Ctx, a: WalkArgs) -> Outcome {
    let c = ctx.open()?;
    let first = c.start_flow(typed::tool(&a.tool)?, a.subject)?;
    if !a.answers.is_empty() {
        let summary = walk::scripted(&c, first, &a.answers)?;
        let saved = c.save_flow(summary.flow_id.clone())?;
        if ctx.json {
            return print_json(&saved);
        }
        return print(&format!(
            "{}\n{}",
            walk::draw_summary(&saved.summary),
            shell_text().saved
        ));
    }
    walk_stored(ctx, &c, first)
}

fn talk(ctx: &Ctx, a: TalkArgs) -> Outcome {
    let c = ctx.memory()?;
    crate::talk::talk_with(ctx, a, &c, &shell_text().conversation_banner)
}

fn drafts(ctx: &Ctx, action: DraftAction) -> Outcome {
    let c = ctx.open()?;
    match action {
        DraftAction::List => {
            let list = c.list_drafts()?;
            if ctx.json {
                return print_json(&list);
            }
            print(&menu::drafts_text(&list))
        }
        DraftAction::Resume { id } => {
            let first = c.resume_flow(draft_id(&c, id)?)?;
            walk_stored(ctx, &c, first)
        }
        DraftAction::Delete { id } => {
            let id = draft_id(&c, id)?;
            c.discard_flow(id.clone())?;
            if ctx.json {
                return print_json(&serde_json::json!({ "deleted": id }));
            }
            print(&terminal_text().draft_deleted)
        }
    }
}

/// A draft named by its number in `companion drafts` (1 is the first listed) or by its id.
fn draft_id(c: &WellbeingStore, given: String) -> Outcome<String> {
    let Ok(n) = given.trim().parse::<usize>() else {
        return Ok(given);
    };
    c.list_drafts()?
        .into_iter()
        .nth(n.wrapping_sub(1))
        .map(|d| d.flow_id)
        .ok_or_else(|| {
            Fail::Core(companion_core::WellbeingError::NotFound {
                what: "draft".into(),
                id: given.trim().to_string(),
            })
        })
}

#[derive(Serialize)]
struct InfoView {
    database: Option<String>,
    schema_version: i64,
    today: String,
    tools: usize,
}

fn info(ctx: &Ctx) -> Outcome {
    let c = ctx.open()?;
    let v = InfoView {
        database: c.database_path(),
        schema_version: c.schema_version(),
        today: c.today_date(),
        tools: c.list_tools().len(),
    };
    if ctx.json {
        return print_json(&v);
    }
    let t = terminal_text();
    print(&crate::words::fill_all(
        &t.info_lines,
        &[
            ("schema", &v.schema_version.to_string()),
            ("today", &v.today),
            ("tools", &v.tools.to_string()),
            ("database", v.database.as_deref().unwrap_or(&t.in_memory)),
        ],
    ))
}

fn backup(ctx: &Ctx, file: &std::path::Path) -> Outcome {
    let c = ctx.open()?;
    c.save_copy(file.display().to_string())?;
    if ctx.json {
        return print_json(&serde_json::json!({ "copy": file.display().to_string() }));
    }
    print(&crate::words::fill_all(
        &terminal_text().backup_written,
        &[("path", &file.display().to_string())],
    ))
}

fn history(ctx: &Ctx, what: HistoryWhat) -> Outcome {
    match what {
        HistoryWhat::Checkin { page } => scale::checkin_history(ctx, page),
        HistoryWhat::Scale { scale_id, page } => scale::history(ctx, scale_id, page),
        HistoryWhat::Measure { measure, page } => measure::history(ctx, measure, page),
        HistoryWhat::FiveWays { before } => five_ways::history(ctx, before),
        HistoryWhat::FiveAreas { page } => five_areas::history(ctx, page),
        HistoryWhat::ThoughtRecords { page } => thinking::history(ctx, page),
        HistoryWhat::Connections => connections::run(ctx, None, None, false),
    }
}
