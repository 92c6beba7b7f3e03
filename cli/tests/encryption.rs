//! Encryption at rest from the terminal: turned on, used, its passphrase changed and turned
//! off, with the passphrase from the environment (scripts) or typed on a real terminal
//! without echo, and never taken from the command line.

mod common;

use common::Env;
use predicates::prelude::*;

const FIRST: &str = "first passphrase 1";
const SECOND: &str = "second passphrase 2";

fn json_err(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stderr).expect("a JSON error on stderr")
}

#[test]
fn encrypt_use_change_and_decrypt_from_a_script() {
    let env = Env::new();
    env.ok(&["checkin", "6", "--note", "quiet-heron-5521"]);
    let out = env
        .cmd()
        .args(["--json", "encrypt"])
        .env("COMPANION_NEW_PASSPHRASE", FIRST)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(env.db()).unwrap();
    assert!(!bytes.windows(15).any(|w| w == b"quiet-heron-552"));
    assert!(!bytes.starts_with(b"SQLite format 3"));

    // No passphrase and no terminal: exit 6 and the file as it was.
    let out = env.cmd().args(["--json", "today"]).output().unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert_eq!(json_err(&out)["error"], "key_required");
    assert_eq!(std::fs::read(env.db()).unwrap(), bytes);
    // A wrong one: exit 6, the core's WrongKey, and the file as it was.
    let out = env
        .cmd()
        .args(["--json", "today"])
        .env("COMPANION_PASSPHRASE", "not the passphrase")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert_eq!(json_err(&out)["error"], "wrong_key");
    assert_eq!(std::fs::read(env.db()).unwrap(), bytes);
    // The right one.
    env.cmd()
        .args(["history", "checkin"])
        .env("COMPANION_PASSPHRASE", FIRST)
        .assert()
        .success()
        .stdout(predicate::str::contains("quiet-heron-5521"));
    // Encrypting twice is refused.
    env.cmd()
        .arg("encrypt")
        .env("COMPANION_PASSPHRASE", FIRST)
        .env("COMPANION_NEW_PASSPHRASE", SECOND)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already encrypted"));

    // Changed: the old passphrase no longer opens it, the new one does, nothing lost.
    env.cmd()
        .arg("passphrase")
        .env("COMPANION_PASSPHRASE", FIRST)
        .env("COMPANION_NEW_PASSPHRASE", SECOND)
        .assert()
        .success();
    env.cmd()
        .arg("today")
        .env("COMPANION_PASSPHRASE", FIRST)
        .assert()
        .code(6);
    env.cmd()
        .args(["history", "checkin"])
        .env("COMPANION_PASSPHRASE", SECOND)
        .assert()
        .success()
        .stdout(predicate::str::contains("quiet-heron-5521"));
    // A short new passphrase is refused by the core's rule, nothing changed.
    env.cmd()
        .arg("passphrase")
        .env("COMPANION_PASSPHRASE", SECOND)
        .env("COMPANION_NEW_PASSPHRASE", "short")
        .assert()
        .code(3);

    // Off again: a plain store that opens with no passphrase.
    env.cmd()
        .arg("decrypt")
        .env("COMPANION_PASSPHRASE", SECOND)
        .assert()
        .success();
    assert!(std::fs::read(env.db())
        .unwrap()
        .starts_with(b"SQLite format 3"));
    let out = env.ok(&["history", "checkin"]);
    assert!(out.contains("quiet-heron-5521"), "{out}");
    // Nothing to change on a plain store.
    env.cmd().arg("decrypt").assert().code(3);
}

#[test]
fn a_new_store_is_made_encrypted_when_a_script_gives_a_passphrase() {
    let env = Env::new();
    env.cmd()
        .args(["checkin", "4"])
        .env("COMPANION_PASSPHRASE", FIRST)
        .assert()
        .success();
    assert!(!std::fs::read(env.db())
        .unwrap()
        .starts_with(b"SQLite format 3"));
    env.cmd().arg("today").assert().code(6);
}

#[test]
fn the_passphrase_is_never_a_command_line_argument() {
    let env = Env::new();
    for flag in ["--passphrase", "--key", "--password"] {
        env.cmd().args([flag, FIRST, "today"]).assert().code(2);
    }
}

#[cfg(unix)]
#[test]
fn on_a_terminal_the_passphrase_is_asked_without_echo() {
    use rexpect::session::spawn_command;
    let env = Env::new();
    env.ok(&["checkin", "7", "--note", "amber-kite-3307"]);
    env.cmd()
        .arg("encrypt")
        .env("COMPANION_NEW_PASSPHRASE", FIRST)
        .assert()
        .success();
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_companion"));
    c.args(["history", "checkin"])
        .env_remove("COMPANION_PASSPHRASE")
        .env_remove("RUST_BACKTRACE")
        .env("HOME", env.dir.path())
        .env("COMPANION_DB", env.db())
        .env("COMPANION_NOW", common::NOW)
        .env("TERM", "dumb");
    let mut p = spawn_command(c, Some(20_000)).unwrap();
    p.exp_string("Passphrase for").unwrap();
    p.send_line(FIRST).unwrap();
    let rest = p.exp_eof().unwrap();
    assert!(rest.contains("amber-kite-3307"), "{rest}");
    assert!(!rest.contains(FIRST), "the passphrase was echoed: {rest}");
}

#[test]
fn a_sealed_backup_is_unreadable_without_its_passphrase_and_imports_with_it() {
    let from = Env::new();
    from.ok(&["checkin", "5", "--note", "sealed-otter-4410"]);
    let file = from.dir.path().join("backup.sealed");
    from.cmd()
        .args(["export", file.to_str().unwrap(), "--sealed"])
        .env("COMPANION_BACKUP_PASSPHRASE", FIRST)
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("wellbeing-companion-sealed-backup"));
    assert!(!text.contains("sealed-otter-4410"));
    // No terminal and no passphrase: exit 6, nothing imported.
    let to = Env::new();
    let out = to
        .cmd()
        .args(["--json", "import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert_eq!(json_err(&out)["error"], "key_required");
    to.cmd()
        .args(["import", file.to_str().unwrap()])
        .env("COMPANION_BACKUP_PASSPHRASE", "not the passphrase")
        .assert()
        .code(6);
    assert!(!to.ok(&["history", "checkin"]).contains("sealed-otter-4410"));
    to.cmd()
        .args(["import", file.to_str().unwrap()])
        .env("COMPANION_BACKUP_PASSPHRASE", FIRST)
        .assert()
        .success();
    assert!(to.ok(&["history", "checkin"]).contains("sealed-otter-4410"));
}
