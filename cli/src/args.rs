//! The command line: every command, flag and its `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  internal error (a bug: please report it)
  2  usage: unknown command or flag, missing or malformed argument
  3  invalid input: a value broke a rule (out of range, too long, wrong step)
  4  not found: no record, draft, tool or export with that id
  5  storage: the data file could not be opened or written, was written by a newer
     version, or was unreadable (it is then kept aside, never deleted); or a file
     could not be read or written";

const FILE_CODES: &str = "\
Exit codes:
  0  done
  2  usage: unknown flag, missing or conflicting argument
  3  invalid input: a bad date or range, an output file that already exists, or a file
     that is not what it should be (nothing is changed)
  4  not found: no record or export with that id
  5  storage: a file or the data file could not be read or written";

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
    /// Daily check-in: a number for how you are feeling today
    Checkin {
        /// How you feel, on the check-in scale (see `companion walk checkin`)
        #[arg(allow_negative_numbers = true)]
        score: String,
        /// A few words about today
        #[arg(long)]
        note: Option<String>,
        /// Words for how you feel, from the check-in's list (e.g. --feeling tired,hopeful;
        /// `companion walk checkin` shows them all); up to five
        #[arg(long = "feeling", value_name = "WORD", value_delimiter = ',')]
        feelings: Vec<String>,
    },

    /// Today at a glance: check-in, Five Ways, what is due
    Today,

    /// This week: Five Ways day by day and your check-ins
    Week {
        /// Any day in the week to show, YYYY-MM-DD (default this week)
        #[arg(long)]
        date: Option<String>,
    },

    /// Five Ways to Wellbeing: log what you did, see the ways and your week
    FiveWays {
        #[command(subcommand)]
        action: FiveWaysAction,
    },

    /// Outcome measures (PHQ-9, GAD-7, ONS4, SWEMWBS): take one, see how you are doing
    Measure {
        #[command(subcommand)]
        action: MeasureAction,
    },

    /// Scaling questions: record an answer on any scale, list your scales
    Scale {
        #[command(subcommand)]
        action: ScaleAction,
    },

    /// A tool's history, newest first, with a chart
    History {
        #[command(subcommand)]
        what: HistoryWhat,
    },

    /// My connections: your latest map drawn in text, what changed, your plan
    ///
    /// The map is the one you drew last (`companion walk connections-map`, or
    /// `connections-remap` to map again); --map ID shows an earlier one (ids with --json).
    /// --svg FILE writes the drawing as an SVG picture.
    Connections {
        /// An earlier map's id
        #[arg(long)]
        map: Option<String>,
        /// Write the map's drawing to this SVG file
        #[arg(long)]
        svg: Option<PathBuf>,
        /// Replace the --svg file if it already exists
        #[arg(long, requires = "svg")]
        force: bool,
    },

    /// Crisis contacts and your safety plan (works even if your data cannot be opened)
    HelpNow,

    /// List the tools you can walk through
    Tools,

    /// Walk through a tool step by step and save the result
    ///
    /// Interactive by default. With --answer (once per step, in order) it runs without
    /// questions: choices by number or id, lists as "a | b", "-" to skip an optional step;
    /// information steps need no answer, and optional steps at the end may be left out.
    Walk(WalkArgs),

    /// Conversation mode: walk through a tool with someone, storing nothing
    ///
    /// Ends with a summary the person can take away: printed, written to a file with
    /// --out, or with --handoff as a short text and a QR code that their own app reads.
    Talk(TalkArgs),

    /// Unfinished walk-throughs saved for later
    Drafts {
        #[command(subcommand)]
        action: Option<DraftAction>,
    },

    /// Where your data is kept
    Info,

    /// Encrypt your data file with a passphrase (asked twice, never on the command line)
    ///
    /// The whole store is rewritten encrypted (SQLCipher) and nothing is lost, even if the
    /// computer stops half-way. From then on every command asks for the passphrase on the
    /// terminal; scripts set COMPANION_PASSPHRASE instead. A script gives the new
    /// passphrase in COMPANION_NEW_PASSPHRASE.
    Encrypt,

    /// Change the passphrase of your encrypted data file
    ///
    /// The current passphrase is asked first (or COMPANION_PASSPHRASE), then the new one
    /// twice (or COMPANION_NEW_PASSPHRASE).
    Passphrase,

    /// Turn encryption off: your data file becomes plain SQLite again
    Decrypt,

    /// Who the app is set up for: an adult (the default) or a young person
    ///
    /// `companion profile` shows it; `companion profile adult` or
    /// `companion profile young --age 13-15` sets it. A young person's profile lists
    /// Childline, Shout and PAPYRUS first in Help now and words the tools more plainly.
    Profile {
        #[command(subcommand)]
        action: Option<ProfileAction>,
    },

    /// An exact copy of your data file (SQLite), to keep or to open with --db
    ///
    /// The copy is the whole store as it is, usable directly with `companion --db FILE`.
    /// To move your data into another store (merging with what is there), use
    /// `companion export` and `companion import` instead.
    #[command(after_help = FILE_CODES)]
    Backup {
        /// The new file (an existing file is never overwritten)
        file: PathBuf,
    },

    /// A summary of the period to take to your next appointment
    ///
    /// Covers, by default, the time since your last summary (or the last four weeks). Prints
    /// the plain text; --out writes the HTML version (to print or send), --text-out the
    /// text. Worksheets and thought records show their full text only with --full-text.
    /// Each summary made is remembered (`companion report history`).
    #[command(args_conflicts_with_subcommands = true, after_help = FILE_CODES)]
    Report {
        #[command(subcommand)]
        action: Option<ReportAction>,
        #[command(flatten)]
        args: ReportArgs,
    },

    /// Export your data: a backup file to import elsewhere, or one tool as CSV
    ///
    /// `companion export FILE` writes everything as one backup document (JSON, see
    /// docs/backup-format.md) that `companion import` merges into another store.
    /// `--csv TOOL` gives one tool's records for a spreadsheet (`--list-csv` lists them).
    #[command(after_help = FILE_CODES)]
    Export(ExportArgs),

    /// Import a backup made by `companion export`, merging it with your data
    ///
    /// Records already here are never overwritten: a record that differs from the
    /// backup's keeps your version (counted as "kept"). A damaged or unknown file is
    /// refused whole and nothing is changed.
    #[command(after_help = FILE_CODES)]
    Import {
        /// The backup file
        file: PathBuf,
    },

    /// School staff mode: talk a tool through with a pupil, and your school's contacts
    ///
    /// `companion school talk TOOL --age 13-15` walks a tool through with a pupil and keeps
    /// nothing about them; the summary ends with who can help at school, printed, written
    /// with --out, or handed over with --handoff. The school's contacts and referral routes
    /// are entered once (`school add contact ROLE …`, `school add route ROLE …`) and kept
    /// in your data file only. `school guide` is guidance for staff (the Link Programme).
    School {
        #[command(subcommand)]
        action: SchoolAction,
    },

    /// Summaries handed over from a conversation on another device
    Handoff {
        #[command(subcommand)]
        action: HandoffAction,
    },

    /// Unhelpful thinking styles: the catalogue, and styles a thought might show
    Thinking {
        #[command(subcommand)]
        action: ThinkingAction,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day covered, YYYY-MM-DD (default: the day of your last summary, or four weeks ago)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day covered, YYYY-MM-DD (default today)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Include the full text of worksheets and thought records
    #[arg(long)]
    pub full_text: bool,
    /// Write the HTML version to this file
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
    /// Write the plain-text version to this file
    #[arg(long, value_name = "FILE.txt")]
    pub text_out: Option<PathBuf>,
    /// Replace the output files if they exist
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReportAction {
    /// The summaries made so far, newest first
    History,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["file", "csv", "list_csv"]))]
pub struct ExportArgs {
    /// The new backup file (an existing file is never overwritten)
    pub file: Option<PathBuf>,
    /// Export one tool's records as CSV (ids from --list-csv); printed, or written with --out
    #[arg(long, value_name = "TOOL")]
    pub csv: Option<String>,
    /// Write the CSV to this file
    #[arg(long, value_name = "FILE", requires = "csv")]
    pub out: Option<PathBuf>,
    /// Replace the CSV file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    /// List what can be exported as CSV
    #[arg(long)]
    pub list_csv: bool,
    /// Seal the backup with a passphrase (asked twice on the terminal, or
    /// COMPANION_BACKUP_PASSPHRASE): encrypted whole, readable only with it
    #[arg(long, conflicts_with_all = ["csv", "list_csv"])]
    pub sealed: bool,
}

#[derive(Debug, Subcommand)]
pub enum HandoffAction {
    /// Store a summary handed over as text (or read off a QR code)
    #[command(after_help = FILE_CODES)]
    Import {
        /// The handoff text, starting "WBC"
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        text: Option<String>,
        /// Read the handoff text from this file
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// The summaries you have received, newest first
    List,
    /// Delete a received summary
    Delete {
        /// Its id (see `companion handoff list`)
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SchoolAction {
    /// Walk a tool through with a pupil, storing nothing about them
    Talk(SchoolTalkArgs),
    /// Who can help: your school's contacts, the referral routes, then the crisis contacts
    WhoCanHelp,
    /// The school's contacts and referral routes entered here, numbered
    Contacts,
    /// Add a contact at school or a referral route
    Add(SchoolEntryArgs),
    /// Change an entry (its number in `companion school contacts`, or its id)
    Edit {
        /// The entry's number or id
        id: String,
        #[command(flatten)]
        entry: SchoolEntryArgs,
    },
    /// Delete an entry (its number in `companion school contacts`, or its id)
    Delete {
        /// The entry's number or id
        id: String,
    },
    /// Guidance for school staff: working together, common difficulties, referral routes,
    /// measuring wellbeing (the Link Programme)
    Guide,
}

#[derive(Debug, Args)]
pub struct SchoolTalkArgs {
    /// The pupil's age band: under-13, 13-15 or 16-17
    #[arg(long, value_name = "BAND")]
    pub age: String,
    #[command(flatten)]
    pub talk: TalkArgs,
}

#[derive(Debug, Args)]
pub struct SchoolEntryArgs {
    /// `contact` (someone at school) or `route` (where school refers)
    pub kind: String,
    /// The role or service, e.g. "Designated safeguarding lead" or "CAMHS single point of access"
    pub role: String,
    /// A person's name
    #[arg(long)]
    pub name: Option<String>,
    /// A telephone number
    #[arg(long)]
    pub phone: Option<String>,
    /// Where and when, or how to refer
    #[arg(long)]
    pub details: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ThinkingAction {
    /// Every unhelpful thinking style, with an example and questions to ask yourself
    Styles,
    /// Styles a thought might show, and the words that suggest them (nothing is stored)
    Suggest {
        /// The thought, in your own words
        thought: String,
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
    /// Also write the summary to this file (a new file, readable by you only)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it already exists
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Answers given up front instead of asking (see `walk --help`)
    #[arg(
        short,
        long = "answer",
        value_name = "ANSWER",
        allow_hyphen_values = true
    )]
    pub answers: Vec<String>,
    /// After the summary, print it as handoff text and a QR code, for the person to take
    /// into their own app (`companion handoff import`, or the phone's camera)
    #[arg(long)]
    pub handoff: bool,
}

#[derive(Debug, Subcommand)]
pub enum FiveWaysAction {
    /// Log something you did and the way(s) it touched
    Log {
        /// What you did, in a few words
        what: String,
        /// A way it touched (repeat for more; ids from `companion five-ways ways`)
        #[arg(long = "way", value_name = "WAY", required = true)]
        ways: Vec<String>,
        /// A note
        #[arg(long)]
        note: Option<String>,
        /// The day, YYYY-MM-DD (default today)
        #[arg(long)]
        date: Option<String>,
        /// The time, HH:MM (default now)
        #[arg(long)]
        time: Option<String>,
    },
    /// The five ways, what they mean, and ideas to try
    Ways,
    /// A week day by day (default this week)
    Week {
        /// Any day in the week, YYYY-MM-DD
        #[arg(long)]
        date: Option<String>,
    },
    /// Delete a logged activity for good
    Delete {
        /// Entry id (see `companion --json five-ways week`)
        entry_id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MeasureAction {
    /// Each measure with its latest result and when it is next due
    List,
    /// What a measure asks, how it is scored, and its licence
    Info {
        /// Measure id: phq9, gad7, ons4 or swemwbs
        measure: String,
    },
    /// Take a measure: step by step, or all answers at once with --answers
    Take {
        /// Measure id: phq9, gad7, ons4 or swemwbs
        measure: String,
        /// Every answer in item order, separated by commas (e.g. 1,0,2,1,0,0,1,2,0)
        #[arg(
            long,
            value_delimiter = ',',
            allow_negative_numbers = true,
            num_args = 1
        )]
        answers: Option<Vec<i32>>,
        /// The day it was answered, YYYY-MM-DD (default today)
        #[arg(long, requires = "answers")]
        date: Option<String>,
        /// The time it was answered, HH:MM (default now)
        #[arg(long, requires = "answers")]
        time: Option<String>,
    },
    /// How your first and latest results compare (NHS Talking Therapies rules)
    Progress {
        /// Measure id: phq9 or gad7
        measure: String,
        /// Compare from this day on, YYYY-MM-DD
        #[arg(long)]
        since: Option<String>,
    },
    /// Delete a result for good
    Delete {
        /// Result id (see `companion --json history measure ID`)
        result_id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScaleAction {
    /// The kinds of scale you can use
    Templates,
    /// Record an answer on a scale without questions
    Record(RecordArgs),
    /// Your scales, each with its latest answer and trend
    List,
    /// Delete one answer for good
    Delete {
        /// Answer id (see `companion --json history scale ID`)
        entry_id: String,
    },
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Template id (see `companion scale templates`)
    pub template: String,
    /// Your answer on the scale
    #[arg(allow_negative_numbers = true)]
    pub value: i32,
    /// What the scale is about (the change, the topic or your own question)
    #[arg(long)]
    pub subject: Option<String>,
    /// Bottom of the scale, 0 or 1 where the template allows it
    #[arg(long, allow_negative_numbers = true)]
    pub min: Option<i32>,
    /// An answer to a follow-up question, written ID=ANSWER (repeat for more)
    #[arg(long = "follow-up", value_name = "ID=ANSWER")]
    pub follow_ups: Vec<String>,
    /// A note
    #[arg(long)]
    pub note: Option<String>,
    /// Label for the bottom of your own scale (custom only)
    #[arg(long)]
    pub min_label: Option<String>,
    /// Label for the top of your own scale (custom only)
    #[arg(long)]
    pub max_label: Option<String>,
    /// The day, YYYY-MM-DD (default today)
    #[arg(long)]
    pub date: Option<String>,
    /// The time, HH:MM (default now)
    #[arg(long)]
    pub time: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum HistoryWhat {
    /// Your daily check-ins, with the last 30 days as a chart
    Checkin {
        /// Page, from 0 (20 per page)
        #[arg(long, default_value_t = 0)]
        page: u32,
    },
    /// One of your scales (ids from `companion scale list`)
    Scale {
        scale_id: String,
        /// Page, from 0 (20 per page)
        #[arg(long, default_value_t = 0)]
        page: u32,
    },
    /// A measure's results, with a chart
    Measure {
        /// Measure id: phq9, gad7, ons4 or swemwbs
        measure: String,
        /// Page, from 0 (20 per page)
        #[arg(long, default_value_t = 0)]
        page: u32,
    },
    /// Five Ways: entries per way, week by week
    FiveWays {
        /// Show weeks before this day, YYYY-MM-DD (as printed for older weeks)
        #[arg(long)]
        before: Option<String>,
    },
    /// My connections: your maps, the latest drawn
    Connections,
    /// Your Five Areas worksheets
    FiveAreas {
        /// Page, from 0 (20 per page)
        #[arg(long, default_value_t = 0)]
        page: u32,
    },
    /// Your thought records, with how strong the feeling was before and after
    ThoughtRecords {
        /// Page, from 0 (20 per page)
        #[arg(long, default_value_t = 0)]
        page: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfileAction {
    /// Set up for an adult (the default)
    Adult,
    /// Set up for a young person
    Young {
        /// Age band: under-13, 13-15 or 16-17
        #[arg(long, value_name = "BAND")]
        age: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DraftAction {
    /// List saved drafts (the default)
    List,
    /// Carry on with a draft where you left it
    Resume {
        /// The draft's number in `companion drafts` (or its id)
        id: String,
    },
    /// Delete a draft
    Delete {
        /// The draft's number in `companion drafts` (or its id)
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

/// Reads an RFC 3339 instant ("2026-11-23T09:30:00+00:00") into the core's clock terms.
pub fn parse_now(s: &str) -> Result<(i64, i32), String> {
    let dt = chrono::DateTime::parse_from_rfc3339(s.trim())
        .map_err(|_| companion_core::terminal_text().expects_date_time)?;
    Ok((dt.timestamp_millis(), dt.offset().local_minus_utc() / 60))
}
