//! Shared set-up for the binary tests: a private home and data directory per test, a fixed
//! clock, and no stray environment from the developer's shell.

#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;

/// Monday 23 November 2026, 09:30 in London (GMT).
pub const NOW: &str = "2026-11-23T09:30:00+00:00";

pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The store used by `cmd` (via COMPANION_DB).
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("store.db")
    }

    /// Where the default store lands when nothing names one.
    pub fn default_db(&self) -> PathBuf {
        self.dir.path().join("xdg/companion/companion.db")
    }

    /// `companion` with no store named: only the (private) default place.
    pub fn bare(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_companion"));
        c.env_remove("COMPANION_DB")
            .env_remove("COMPANION_PASSPHRASE")
            .env_remove("COMPANION_NEW_PASSPHRASE")
            .env_remove("COMPANION_BACKUP_PASSPHRASE")
            .env_remove("RUST_BACKTRACE")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .env("COMPANION_NOW", NOW);
        c
    }

    /// `companion` on this test's store, at the fixed time.
    pub fn cmd(&self) -> Command {
        let mut c = self.bare();
        c.env("COMPANION_DB", self.db());
        c
    }

    /// Runs `args` and returns stdout, asserting success.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Runs `args` with `--json` and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }
}
