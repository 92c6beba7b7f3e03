//! Encryption at rest from the terminal: `encrypt`, `passphrase` and `decrypt`. The store is
//! opened as every command opens it (asking for its passphrase when it is encrypted); the
//! new passphrase is asked twice on the terminal, or read from COMPANION_NEW_PASSPHRASE.

use companion_core::{terminal_text, WellbeingError};

use crate::ctx::Ctx;
use crate::fail::{Fail, Outcome};
use crate::out::{print, print_json};
use crate::words::fill_all;

fn done(ctx: &Ctx, template: &str, path: &str, encrypted: bool) -> Outcome {
    if ctx.json {
        return print_json(&serde_json::json!({ "database": path, "encrypted": encrypted }));
    }
    print(&fill_all(template, &[("path", path)]))
}

/// Turns encryption on for a plain store.
pub fn encrypt(ctx: &Ctx) -> Outcome {
    let c = ctx.open()?;
    let path = c.database_path().unwrap_or_default();
    if c.is_encrypted() {
        return Err(Fail::usage(fill_all(
            &terminal_text().already_encrypted,
            &[("path", &path)],
        )));
    }
    c.change_store_key(Some(ctx.new_passphrase()?))?;
    done(ctx, &terminal_text().store_encrypted, &path, true)
}

/// Changes the passphrase of an encrypted store.
pub fn passphrase(ctx: &Ctx) -> Outcome {
    let c = ctx.open()?;
    if !c.is_encrypted() {
        return Err(Fail::Core(WellbeingError::NotEncrypted));
    }
    let path = c.database_path().unwrap_or_default();
    c.change_store_key(Some(ctx.new_passphrase()?))?;
    done(ctx, &terminal_text().passphrase_changed, &path, true)
}

/// Turns encryption off.
pub fn decrypt(ctx: &Ctx) -> Outcome {
    let c = ctx.open()?;
    if !c.is_encrypted() {
        return Err(Fail::Core(WellbeingError::NotEncrypted));
    }
    let path = c.database_path().unwrap_or_default();
    c.change_store_key(None)?;
    done(ctx, &terminal_text().store_decrypted, &path, false)
}
