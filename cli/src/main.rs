//! `companion`: the terminal shell of Wellbeing Companion.
//!
//! A thin front end: every rule, word of tool content and record comes from
//! `companion_core`; this program draws what the core hands it and reads what the person
//! types. See `cli/README.md` for what a newcomer sees, and `companion --help`.

mod args;
mod cmd;
mod ctx;
mod fail;
mod help;
mod menu;
mod step;
mod term;
mod walk;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::ctx::Ctx;
use crate::fail::code;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout with 0; mistakes to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                code::USAGE
            } else {
                code::OK
            });
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
            eprintln!("companion: internal error: the program hit a bug; please report it");
            ExitCode::from(code::INTERNAL)
        }
    }
}
