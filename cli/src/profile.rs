//! `companion profile`: who the app is set up for, shown or set. The words are the core's.

use companion_core::{terminal_text, AgeBand, Profile};

use crate::args::ProfileAction;
use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::out::{print, print_json};
use crate::words::fill;

pub fn run(ctx: &Ctx, action: Option<ProfileAction>) -> Outcome {
    let c = ctx.open()?;
    let profile = match action {
        None => c.profile()?,
        Some(ProfileAction::Adult) => c.set_profile(Profile::Adult)?,
        Some(ProfileAction::Young { age }) => c.set_profile(Profile::YoungPerson {
            age_band: age_band(&age)?,
        })?,
    };
    if ctx.json {
        return print_json(&profile);
    }
    print(&describe(profile))
}

/// An age band as typed after `--age`.
fn age_band(typed: &str) -> Outcome<AgeBand> {
    AgeBand::parse(typed.trim())
        .ok_or_else(|| Fail::invalid("age", terminal_text().not_an_age_band))
}

fn describe(profile: Profile) -> String {
    let t = terminal_text();
    match profile {
        Profile::Adult => t.profile_adult,
        Profile::YoungPerson { age_band } => {
            let band = match age_band {
                AgeBand::Under13 => &t.age_under_13,
                AgeBand::From13To15 => &t.age_13_15,
                AgeBand::From16To17 => &t.age_16_17,
            };
            format!(
                "{}\n{}",
                fill(&t.profile_young, "age", band),
                t.profile_young_note
            )
        }
    }
}
