//! Interactive mode driven through a real pseudo-terminal, as a person at a keyboard.

#![cfg(unix)]

mod common;

use std::process::Command;

use common::{Env, NOW};
use rexpect::session::{spawn_command, PtySession};

const TIMEOUT_MS: u64 = 20_000;

fn spawn(env: &Env, args: &[&str]) -> PtySession {
    let mut c = Command::new(env!("CARGO_BIN_EXE_companion"));
    c.args(args)
        .env_remove("RUST_BACKTRACE")
        .env("HOME", env.dir.path())
        .env("XDG_DATA_HOME", env.dir.path().join("xdg"))
        .env("COMPANION_DB", env.db())
        .env("COMPANION_NOW", NOW)
        .env("TERM", "dumb");
    spawn_command(c, Some(TIMEOUT_MS)).expect("spawns in a pty")
}

#[test]
fn the_menu_offers_help_now_and_quits() {
    let env = Env::new();
    let mut p = spawn(&env, &[]);
    p.exp_string("Wellbeing Companion").unwrap();
    p.exp_string("h. Help now").unwrap();
    p.exp_string("Choose: ").unwrap();
    p.send_line("h").unwrap();
    p.exp_string("116 123").unwrap();
    p.exp_string("Choose: ").unwrap();
    p.send_line("42").unwrap();
    p.exp_string("Please choose a number").unwrap();
    p.send_line("q").unwrap();
    p.exp_eof().unwrap();
}
