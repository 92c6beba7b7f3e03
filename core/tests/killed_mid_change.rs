//! kill -9 in the middle of the operations that rewrite a lot at once: turning encryption on,
//! changing the key, turning it off, and importing a backup. After every kill the store must
//! open (with the key it had before the interrupted change, or the one after: never neither),
//! pass `PRAGMA integrity_check`, and hold every write the killed process acknowledged; an
//! import is all there or not there at all.
//!
//! As in `durability.rs`, the child is this test binary re-run as an ignored test, printing a
//! line only after the call it reports has returned; the parent SIGKILLs it after a random
//! delay (the seed is printed, to replay a failure).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use companion_core::{StoreKey, WellbeingError, WellbeingStore};

const ENV_DB: &str = "KILLED_CHANGE_DB";
const ENV_BACKUP: &str = "KILLED_CHANGE_BACKUP";

/// The key states a store cycles through: plain, a keystore key, a passphrase, another
/// keystore key, and plain again. Each change is one `change_store_key`.
fn state(i: usize) -> Option<StoreKey> {
    match i % 4 {
        0 => None,
        1 => Some(StoreKey::Raw {
            bytes: vec![0x11; 32],
        }),
        2 => Some(StoreKey::Passphrase {
            passphrase: "interrupted passphrase".into(),
        }),
        _ => Some(StoreKey::Raw {
            bytes: (0..32).collect(),
        }),
    }
}

fn open_as(path: &str, i: usize) -> Result<std::sync::Arc<WellbeingStore>, WellbeingError> {
    match state(i) {
        None => WellbeingStore::open(path.to_string()),
        Some(k) => WellbeingStore::open_encrypted(path.to_string(), k),
    }
}

/// The state (0..4) the store at `path` opens in, trying `first` before the others, with
/// the store opened in it.
fn which_state(path: &str, first: usize) -> (usize, std::sync::Arc<WellbeingStore>) {
    for d in 0..4 {
        let i = (first + d) % 4;
        match open_as(path, i) {
            Ok(c) => return (i, c),
            Err(
                WellbeingError::WrongKey
                | WellbeingError::KeyRequired
                | WellbeingError::NotEncrypted,
            ) => {}
            Err(e) => panic!("state {i}: {e:?}"),
        }
    }
    panic!("the store opens with none of its keys");
}

/// A raw SQLite connection with the state's key, for the integrity check.
fn raw_conn(path: &Path, i: usize) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    match state(i) {
        None => {}
        Some(StoreKey::Raw { bytes }) => {
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            c.pragma_update(None, "key", format!("x'{hex}'")).unwrap();
        }
        Some(StoreKey::Passphrase { passphrase }) => {
            c.pragma_update(None, "key", passphrase).unwrap();
        }
    }
    c
}

fn integrity_ok(conn: &rusqlite::Connection) {
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok");
}

fn has_entry(conn: &rusqlite::Connection, id: &str) -> bool {
    conn.query_row(
        "SELECT count(*) FROM scaling_entries WHERE id = ?1",
        [id],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        > 0
}

struct Rng(u64);
impl Rng {
    fn seeded() -> Self {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1;
        println!("seed {seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Runs the ignored test `name` as a child with `envs`, kills it after `after`, and returns
/// the lines it printed.
fn run_and_kill(name: &str, envs: &[(&str, &Path)], after: Duration) -> Vec<String> {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        name,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads",
        "1",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child: Child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            // libtest may write "test name ... " before the child's first line.
            for tag in ["ACK ", "KEY ", "IMPORTED"] {
                if let Some(i) = line.find(tag) {
                    let _ = tx.send(line[i..].to_string());
                }
            }
        }
    });
    let deadline = Instant::now() + after;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    rx.try_iter().collect()
}

#[test]
#[ignore = "helper process for killed_key_changes_lose_nothing"]
fn child_key_changer() {
    let Ok(path) = std::env::var(ENV_DB) else {
        return;
    };
    let (mut at, mut c) = which_state(&path, 0);
    let mut n = 0u64;
    loop {
        let e = c
            .scaling_check_in(
                (n % 11) as i32,
                Some(format!("entry {n} {}", "x".repeat(300))),
            )
            .expect("write");
        println!("ACK {}", e.id);
        c.change_store_key(state(at + 1)).expect("change key");
        at = (at + 1) % 4;
        println!("KEY {at}");
        n += 1;
        if n % 4 == 0 {
            // Now and then from a fresh open, as the app starting again.
            drop(c);
            c = open_as(&path, at).expect("reopen");
        }
    }
}

#[test]
fn killed_key_changes_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("changing.db");
    let path = db.display().to_string();
    {
        // Some history first, so each rewrite has pages to copy.
        let c = WellbeingStore::open(path.clone()).unwrap();
        for i in 0..150 {
            c.scaling_check_in(i % 11, Some(format!("seed {i} {}", "y".repeat(400))))
                .unwrap();
        }
    }
    let mut rng = Rng::seeded();
    let mut acked: Vec<String> = vec![];
    let mut at = 0usize;
    // Rounds go on until 16 key changes were seen (at most 80 rounds): on a loaded machine a
    // child may be killed before its first change, so a round that saw none gives the next
    // one more time, rather than the test counting on this machine's speed.
    let (rounds, max_rounds, mut changes, mut found_after) = (16, 80, 0, 0);
    let mut slack = 0u64;
    let mut round = 0;
    while changes < rounds && round < max_rounds {
        round += 1;
        let changes_before = changes;
        // A passphrase costs the child a key derivation (PBKDF2, 256,000 rounds) to open
        // before it can do anything: it is given that time too.
        let startup = if state(at).is_some_and(|k| matches!(k, StoreKey::Passphrase { .. })) {
            1500
        } else {
            0
        };
        let lines = run_and_kill(
            "child_key_changer",
            &[(ENV_DB, db.as_path())],
            Duration::from_millis(startup + slack + 50 + rng.below(900)),
        );
        for l in &lines {
            if let Some(id) = l.strip_prefix("ACK ") {
                acked.push(id.to_string());
            } else if let Some(k) = l.strip_prefix("KEY ") {
                at = k.trim().parse().unwrap();
                changes += 1;
            }
        }
        // The file is in the last acknowledged state, or the one after it if the kill
        // came after the rename but before the child could say so: nothing else.
        let (found, opened) = which_state(&path, at);
        drop(opened);
        assert!(
            found == at || found == (at + 1) % 4,
            "round {round}: acknowledged state {at}, file opens in state {found}"
        );
        if found != at {
            found_after += 1;
            at = found;
        }
        let conn = raw_conn(&db, at);
        integrity_ok(&conn);
        let lost: Vec<&String> = acked.iter().filter(|id| !has_entry(&conn, id)).collect();
        assert!(
            lost.is_empty(),
            "round {round}: {} acknowledged writes lost",
            lost.len()
        );
        drop(conn);
        // No half-written new file is left beside it once the store has been opened.
        assert!(!Path::new(&format!("{path}.rekey-new")).exists());
        if changes == changes_before {
            slack = (slack + 500).min(8000);
        }
    }
    assert!(
        changes >= rounds,
        "key changes were made ({changes}, {} writes)",
        acked.len()
    );
    println!(
        "{rounds} kills, {changes} acknowledged key changes, {} acknowledged writes, none lost; \
         {found_after} kills landed between the rename and its acknowledgement",
        acked.len()
    );
}

#[test]
#[ignore = "helper process for a_killed_import_is_all_or_nothing"]
fn child_importer() {
    let (Ok(path), Ok(backup)) = (std::env::var(ENV_DB), std::env::var(ENV_BACKUP)) else {
        return;
    };
    let c =
        WellbeingStore::open_encrypted(path, StoreKey::Raw { bytes: vec![7; 32] }).expect("open");
    let e = c.scaling_check_in(3, Some("before".into())).expect("write");
    println!("ACK {}", e.id);
    c.import_backup_from_file(backup).expect("import");
    println!("IMPORTED");
    let mut n = 0;
    loop {
        let e = c.scaling_check_in(n % 11, None).expect("write");
        println!("ACK {}", e.id);
        n += 1;
    }
}

#[test]
fn a_killed_import_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // The backup: many entries from another store.
    let source = WellbeingStore::open_in_memory().unwrap();
    let mut backup_ids = vec![];
    for i in 0..400 {
        let e = source
            .scaling_check_in(i % 11, Some(format!("imported {i} {}", "z".repeat(200))))
            .unwrap();
        backup_ids.push(e.id);
    }
    let backup = dir.path().join("backup.json");
    source
        .export_backup_to_file(backup.display().to_string())
        .unwrap();
    let key = StoreKey::Raw { bytes: vec![7; 32] };
    let mut rng = Rng::seeded();
    let (rounds, mut whole, mut none) = (20, 0, 0);
    for round in 0..rounds {
        let db = dir.path().join(format!("target-{round}.db"));
        drop(WellbeingStore::open_encrypted(db.display().to_string(), key.clone()).unwrap());
        let lines = run_and_kill(
            "child_importer",
            &[(ENV_DB, db.as_path()), (ENV_BACKUP, backup.as_path())],
            Duration::from_millis(30 + rng.below(600)),
        );
        let c = WellbeingStore::open_encrypted(db.display().to_string(), key.clone()).unwrap();
        drop(c);
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "key", format!("x'{}'", "07".repeat(32)))
            .unwrap();
        integrity_ok(&conn);
        for l in &lines {
            if let Some(id) = l.strip_prefix("ACK ") {
                assert!(
                    has_entry(&conn, id),
                    "round {round}: an acknowledged write lost"
                );
            }
        }
        let present = backup_ids.iter().filter(|id| has_entry(&conn, id)).count();
        let imported = lines.iter().any(|l| l == "IMPORTED");
        assert!(
            present == 0 || present == backup_ids.len(),
            "round {round}: {present} of {} imported rows: half an import",
            backup_ids.len()
        );
        if imported {
            assert_eq!(
                present,
                backup_ids.len(),
                "round {round}: acknowledged import lost"
            );
        }
        if present == 0 {
            none += 1;
        } else {
            whole += 1;
        }
    }
    println!("{rounds} kills: {whole} imports whole, {none} not begun or rolled back, none half");
}
