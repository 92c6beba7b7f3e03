//! What every command shares: where the store is, the clock, and whether to print JSON.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use companion_core::{
    encryption_info, store_encryption, terminal_text, StoreEncryption, StoreKey, WellbeingError,
    WellbeingStore,
};

use crate::fail::{Fail, Outcome};
use crate::words::fill_all;

/// The passphrase of an encrypted store, for scripts (a terminal is asked instead). Never a
/// command-line flag: arguments are visible to every user in `ps`.
pub const PASSPHRASE_ENV: &str = "COMPANION_PASSPHRASE";
/// The new passphrase for `encrypt` and `passphrase`, for scripts.
pub const NEW_PASSPHRASE_ENV: &str = "COMPANION_NEW_PASSPHRASE";
/// The passphrase of a sealed backup (`export --sealed`, `import`), for scripts.
pub const BACKUP_PASSPHRASE_ENV: &str = "COMPANION_BACKUP_PASSPHRASE";

/// The file name of the store inside the data directory.
const DB_FILE: &str = "companion.db";

/// Global settings of one run.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// `--db` or `COMPANION_DB`; `None` means the default place.
    pub db: Option<PathBuf>,
    pub json: bool,
    /// A fixed "now" (`--now` / `COMPANION_NOW`) as UTC milliseconds and offset minutes.
    pub now: Option<(i64, i32)>,
}

/// The store's default place: the platform's per-user data directory (XDG on Linux,
/// Application Support on macOS, AppData on Windows).
pub fn default_db_path() -> Outcome<PathBuf> {
    directories::ProjectDirs::from("org", "Wellbeing Companion", "companion")
        .map(|d| d.data_dir().join(DB_FILE))
        .ok_or_else(|| Fail::usage(terminal_text().no_home_dir))
}

impl Ctx {
    pub fn db_path(&self) -> Outcome<PathBuf> {
        match &self.db {
            Some(p) if p.as_os_str().is_empty() => Err(Fail::usage(terminal_text().db_empty)),
            Some(p) => Ok(p.clone()),
            None => default_db_path(),
        }
    }

    /// Opens the person's store (creating it and its folder on first run).
    pub fn open(&self) -> Outcome<Arc<WellbeingStore>> {
        let path = self.db_path()?;
        if self.db.is_some() {
            refuse_missing_folder(&path)?;
        }
        prepare_private(&path)?;
        let p = path.display().to_string();
        let c = match store_encryption(p.clone()) {
            StoreEncryption::Encrypted => {
                WellbeingStore::open_encrypted(p, self.passphrase(&path)?)?
            }
            // A new store is made encrypted when a script gives a passphrase for it.
            StoreEncryption::NoStore if env_passphrase(PASSPHRASE_ENV).is_some() => {
                WellbeingStore::open_encrypted(p, self.passphrase(&path)?)?
            }
            _ => WellbeingStore::open(p)?,
        };
        self.fix_time(&c)?;
        Ok(c)
    }

    /// The passphrase of the store at `path`: `COMPANION_PASSPHRASE`, or asked on the
    /// terminal without echo.
    pub fn passphrase(&self, path: &Path) -> Outcome<StoreKey> {
        if let Some(p) = env_passphrase(PASSPHRASE_ENV) {
            return Ok(StoreKey::Passphrase { passphrase: p });
        }
        let t = terminal_text();
        let shown = path.display().to_string();
        if !std::io::stdin().is_terminal() {
            return Err(Fail::NeedsKey(fill_all(
                &t.passphrase_needed,
                &[("path", &shown)],
            )));
        }
        let p = read_secret(&fill_all(&t.ask_passphrase, &[("path", &shown)]))?;
        Ok(StoreKey::Passphrase { passphrase: p })
    }

    /// A new passphrase: `COMPANION_NEW_PASSPHRASE`, or asked twice on the terminal.
    pub fn new_passphrase(&self) -> Outcome<StoreKey> {
        let t = terminal_text();
        let p = new_secret(
            NEW_PASSPHRASE_ENV,
            &t.ask_new_passphrase,
            &t.new_passphrase_needed,
        )?;
        Ok(StoreKey::Passphrase { passphrase: p })
    }

    /// A store that keeps nothing: conversation mode.
    pub fn memory(&self) -> Outcome<Arc<WellbeingStore>> {
        let c = WellbeingStore::open_in_memory()?;
        self.fix_time(&c)?;
        Ok(c)
    }

    fn fix_time(&self, c: &WellbeingStore) -> Result<(), WellbeingError> {
        if let Some((ms, off)) = self.now {
            c.set_fixed_time(ms, off)?;
        }
        Ok(())
    }
}

/// The passphrase of a sealed backup at `path`: `COMPANION_BACKUP_PASSPHRASE`, or asked.
pub fn backup_passphrase(path: &Path) -> Outcome<String> {
    if let Some(p) = env_passphrase(BACKUP_PASSPHRASE_ENV) {
        return Ok(p);
    }
    let t = terminal_text();
    let shown = path.display().to_string();
    if !std::io::stdin().is_terminal() {
        return Err(Fail::NeedsKey(fill_all(
            &t.backup_passphrase_needed,
            &[("path", &shown)],
        )));
    }
    read_secret(&fill_all(&t.ask_backup_passphrase, &[("path", &shown)]))
}

/// A passphrase to seal a backup: `COMPANION_BACKUP_PASSPHRASE`, or asked twice.
pub fn new_backup_passphrase() -> Outcome<String> {
    let t = terminal_text();
    new_secret(
        BACKUP_PASSPHRASE_ENV,
        &t.ask_new_backup_passphrase,
        &t.new_backup_passphrase_needed,
    )
}

/// A new secret from `env`, or typed twice on the terminal (`ask` with `{min}`); `needed`
/// when there is neither.
fn new_secret(env: &str, ask: &str, needed: &str) -> Outcome<String> {
    if let Some(p) = env_passphrase(env) {
        return Ok(p);
    }
    let t = terminal_text();
    if !std::io::stdin().is_terminal() {
        return Err(Fail::NeedsKey(needed.to_string()));
    }
    let min = encryption_info().min_passphrase_chars.to_string();
    let first = read_secret(&fill_all(ask, &[("min", &min)]))?;
    let again = read_secret(&t.ask_passphrase_again)?;
    if first != again {
        return Err(Fail::usage(t.passphrases_differ));
    }
    Ok(first)
}

/// One line typed on the terminal without echo.
fn read_secret(prompt: &str) -> Outcome<String> {
    rpassword::prompt_password(prompt).map_err(|e| Fail::ReadFile {
        what: String::new(),
        reason: e.kind().to_string(),
    })
}

/// A passphrase from the environment, when set and not empty.
fn env_passphrase(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|p| !p.is_empty())
}

/// A path named with `--db` whose folder is not there is most likely mistyped (or a drive
/// not plugged in): making a new empty store there would look as if the person's entries
/// were lost. Only the default place is created on first run.
fn refuse_missing_folder(path: &Path) -> Outcome {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(Fail::ReadFile {
            what: path.display().to_string(),
            reason: fill_all(
                &terminal_text().folder_missing,
                &[("folder", &dir.display().to_string())],
            ),
        }),
        _ => Ok(()),
    }
}

/// On first run, creates the store's folder and an empty file readable by the owner only:
/// on a shared computer no other account may read a person's entries. SQLite gives its
/// side files the same permissions. An existing file is left exactly as it is.
fn prepare_private(path: &Path) -> Outcome {
    if path.exists() {
        return Ok(());
    }
    let fail = |e: std::io::Error| Fail::File {
        what: path.display().to_string(),
        reason: e.kind().to_string(),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            let mut b = std::fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            b.create(dir).map_err(fail)?;
        }
    }
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Ok(_) => Ok(()),
        // Created by another run in between: fine, it is opened as it is.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(fail(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_keeps_the_offset() {
        assert_eq!(
            crate::args::parse_now("2026-11-23T09:30:00+01:00").unwrap(),
            (1_795_422_600_000, 60)
        );
        assert!(crate::args::parse_now("tomorrow").is_err());
    }

    #[test]
    fn default_path_ends_in_the_store_file() {
        if let Ok(p) = default_db_path() {
            assert!(p.ends_with(DB_FILE));
        }
    }
}
