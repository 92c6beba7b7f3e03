//! `companion school …`: school staff mode. The staff member's own contacts and referral
//! routes (stored in their store), the Link Programme guidance, "who can help", and a
//! conversation with a pupil that keeps nothing about them. The words are the core's.

use companion_core::{
    school_guide, terminal_text, AgeBand, SchoolContact, SchoolContactInput, SchoolContactKind,
    SchoolGuide, WellbeingStore,
};

use crate::args::{SchoolAction, SchoolEntryArgs};
use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::out::{print, print_json};

pub fn run(ctx: &Ctx, action: SchoolAction) -> Outcome {
    match action {
        SchoolAction::Guide => {
            let g = school_guide()?;
            if ctx.json {
                return print_json(&g);
            }
            print(&guide_text(&g))
        }
        SchoolAction::Contacts => {
            let c = ctx.open()?;
            let list = c.school_contacts()?;
            if ctx.json {
                return print_json(&list);
            }
            print(&contacts_text(&list))
        }
        SchoolAction::WhoCanHelp => {
            let c = ctx.open()?;
            let w = c.who_can_help()?;
            if ctx.json {
                return print_json(&w);
            }
            print(w.text.trim_end())
        }
        SchoolAction::Add(entry) => {
            let c = ctx.open()?;
            let e = c.add_school_contact(input(&entry)?)?;
            done(ctx, &e, &terminal_text().school_added)
        }
        SchoolAction::Edit { id, entry } => {
            let c = ctx.open()?;
            let id = entry_id(&c, &id)?;
            let e = c.update_school_contact(id, input(&entry)?)?;
            done(ctx, &e, &terminal_text().school_changed)
        }
        SchoolAction::Delete { id } => {
            let c = ctx.open()?;
            let id = entry_id(&c, &id)?;
            c.delete_school_contact(id.clone())?;
            if ctx.json {
                return print_json(&serde_json::json!({ "deleted": id }));
            }
            print(&terminal_text().school_deleted)
        }
        SchoolAction::Talk(a) => {
            let band = age_band(&a.age)?;
            let staff = ctx.open()?;
            let talk = staff.school_conversation(band)?;
            let banner = school_guide()?.conversation_banner;
            crate::talk::talk_with(ctx, a.talk, &talk, &banner)
        }
    }
}

fn done(ctx: &Ctx, e: &SchoolContact, said: &str) -> Outcome {
    if ctx.json {
        return print_json(e);
    }
    print(&format!("{said}\n  {}", e.line))
}

/// An age band as typed after `--age`.
fn age_band(typed: &str) -> Outcome<AgeBand> {
    AgeBand::parse(typed.trim())
        .ok_or_else(|| Fail::invalid("age", terminal_text().not_an_age_band))
}

fn input(a: &SchoolEntryArgs) -> Outcome<SchoolContactInput> {
    let kind = match a.kind.trim() {
        "contact" | "school-contact" => SchoolContactKind::SchoolContact,
        "route" | "referral-route" => SchoolContactKind::ReferralRoute,
        _ => return Err(Fail::invalid("kind", terminal_text().not_a_school_kind)),
    };
    Ok(SchoolContactInput {
        kind,
        role: a.role.clone(),
        name: a.name.clone(),
        phone: a.phone.clone(),
        details: a.details.clone(),
    })
}

/// An entry named by its number in `companion school contacts` (1 is the first) or its id.
fn entry_id(c: &WellbeingStore, given: &str) -> Outcome<String> {
    let Ok(n) = given.trim().parse::<usize>() else {
        return Ok(given.trim().to_string());
    };
    c.school_contacts()?
        .into_iter()
        .nth(n.wrapping_sub(1))
        .map(|e| e.id)
        .ok_or_else(|| {
            Fail::Core(companion_core::WellbeingError::NotFound {
                what: "school contact".into(),
                id: given.trim().to_string(),
            })
        })
}

fn contacts_text(list: &[SchoolContact]) -> String {
    let t = terminal_text();
    if list.is_empty() {
        return t.school_none;
    }
    let kinds = school_guide().map(|g| g.kinds).unwrap_or_default();
    let mut out = String::new();
    let mut n = 0;
    for k in &kinds {
        let of_kind: Vec<&SchoolContact> = list.iter().filter(|e| e.kind == k.kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.push_str(&format!("{}\n", k.heading));
        for e in of_kind {
            n += 1;
            out.push_str(&format!("  {n:>2}. {}\n", e.line));
        }
    }
    out.trim_end().to_string()
}

fn guide_text(g: &SchoolGuide) -> String {
    let mut out = format!("{}\n{}\n", g.title, "=".repeat(g.title.chars().count()));
    for s in &g.sections {
        out.push_str(&format!("\n{}\n", s.heading));
        for p in &s.points {
            out.push_str(&format!("- {p}\n"));
        }
    }
    out.push_str(&format!("\n{}\n\n({})", g.staff_note, g.source_text));
    out
}
