//! The command line: every command, flag and its `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::ctx::parse_now;

const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  internal error (a bug: please report it)
  2  usage: unknown command or flag, missing or malformed argument
  3  invalid input: a value broke a rule (out of range, too long, wrong step)
  4  not found: no record, draft or tool with that id
  5  storage: the data file could not be opened or written, was written by a newer
     version, or was unreadable (it is then kept aside, never deleted)";

/// Wellbeing Companion: self-help tools for your wellbeing, on your own computer.
///
/// Run `companion` alone for today's view and a menu. Everything is stored in one file in
/// your data directory, on this computer only; nothing is ever sent anywhere.
#[derive(Debug, Parser)]
#[command(name = "companion", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// The data file to use [default: companion.db in your data directory]
    #[arg(long, global = true, env = "COMPANION_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Print data as JSON (for scripts); errors become one JSON line on stderr
    #[arg(long, global = true)]
    pub json: bool,

    /// Fix "now" at an RFC 3339 date-time (tests and demonstrations)
    #[arg(long, global = true, env = "COMPANION_NOW", hide = true, value_parser = parse_now, value_name = "RFC3339")]
    pub now: Option<(i64, i32)>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Crisis contacts and your safety plan (works even if your data cannot be opened)
    HelpNow,

    /// List the tools you can walk through
    Tools,

    /// Walk through a tool step by step and save the result
    ///
    /// Interactive by default. With --answer (once per step, in order) it runs without
    /// questions: choices by number or id, lists as "a | b", "-" to skip an optional step;
    /// information steps need no answer.
    Walk(WalkArgs),

    /// Conversation mode: walk through a tool with someone, storing nothing
    ///
    /// Ends with a summary the person can take away: printed, or written to a file with
    /// --out.
    Talk(TalkArgs),

    /// Unfinished walk-throughs saved for later
    Drafts {
        #[command(subcommand)]
        action: Option<DraftAction>,
    },

    /// Where your data is kept
    Info,

    /// Write a copy of all your data to a new file (a backup, or to move computer)
    Backup {
        /// The new file (an existing file is never overwritten)
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct WalkArgs {
    /// Tool id (see `companion tools`)
    pub tool: String,
    /// The record a reviewing tool looks back at
    #[arg(long, value_name = "ID")]
    pub subject: Option<String>,
    /// An answer for the next step (repeat for each step, in order)
    #[arg(
        short,
        long = "answer",
        value_name = "ANSWER",
        allow_hyphen_values = true
    )]
    pub answers: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TalkArgs {
    /// Tool id (see `companion tools`)
    pub tool: String,
    /// Also write the summary to this file
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Answers given up front instead of asking (see `walk --help`)
    #[arg(
        short,
        long = "answer",
        value_name = "ANSWER",
        allow_hyphen_values = true
    )]
    pub answers: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum DraftAction {
    /// List saved drafts (the default)
    List,
    /// Carry on with a draft where you left it
    Resume {
        /// Draft id (see `companion drafts`)
        id: String,
    },
    /// Delete a draft
    Delete {
        /// Draft id (see `companion drafts`)
        id: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
