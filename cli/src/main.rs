//! `companion`: the terminal shell of Wellbeing Companion.
//!
//! A thin front end: every rule, word of tool content and record comes from
//! `companion_core`; this program draws what the core hands it and reads what the person
//! types. See `cli/README.md` for what a newcomer sees, and `companion --help`.

mod args;
mod chart;
mod cmd;
mod connections;
mod ctx;
mod data;
mod fail;
mod files;
mod five_areas;
mod five_ways;
mod handoff;
mod help;
mod keys;
mod measure;
mod menu;
mod out;
mod profile;
mod report;
mod scale;
mod school;
mod step;
mod talk;
mod term;
mod thinking;
mod today;
mod typed;
mod walk;
mod words;
mod wrap;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::ctx::Ctx;
use crate::fail::{code, Fail};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout with 0; a mistake is one line on stderr with 2.
            if !e.use_stderr() {
                let _ = e.print();
                return ExitCode::from(code::OK);
            }
            let json = std::env::args().any(|a| a == "--json");
            return Fail::usage(usage_line(&e)).report(json);
        }
    };
    let ctx = Ctx {
        db: cli.db.clone(),
        json: cli.json,
        now: cli.now,
    };
    // A bug must end as one line and exit 1, not a backtrace: the default panic message is
    // kept only when a developer asks for a backtrace.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let json = ctx.json;
    match std::panic::catch_unwind(move || cmd::run(&ctx, cli.command)) {
        Ok(Ok(())) => ExitCode::from(code::OK),
        Ok(Err(fail)) => fail.report(json),
        Err(_) => {
            eprintln!(
                "companion: {}",
                companion_core::terminal_text().internal_error
            );
            ExitCode::from(code::INTERNAL)
        }
    }
}

/// clap's message for a usage mistake, as one line: the first paragraph of its report without
/// the "error: " prefix, with a pointer to `--help`.
fn usage_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    let first = words.join(" ");
    words::fill_all(
        &companion_core::terminal_text().see_help,
        &[("reason", first.trim_start_matches("error: "))],
    )
}
