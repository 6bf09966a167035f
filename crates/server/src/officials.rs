//! Officials one by one: accounts with a role (`followup::roles::Role`),
//! Argon2id password hashes (the `argon2` crate, its default parameters),
//! and sessions. A session is a random token in an `HttpOnly`,
//! `SameSite=Strict` cookie plus a CSRF token the page sends back in the
//! `X-CSRF-Token` header on every state-changing request (and that is also
//! in a readable cookie, so a reloaded page finds it: double submit). Only
//! the SHA-256 of both tokens is stored, in the database, so a session is
//! valid on every instance that shares it.
//!
//! The shared bearer token (`--official-token`) still works: that is the
//! single-account mode, in which every action is permitted and the audit
//! log names the token instead of an account.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use banli_core::commitment::sha256_hex;
use banli_core::followup::roles::Role;
use sqlx::AnyPool;

use crate::db::{self, OfficialRow};
use crate::ids;

/// The session cookie (`HttpOnly`).
pub const SESSION_COOKIE: &str = "banli_session";
/// The CSRF cookie (readable by the page, which echoes it in [`CSRF_HEADER`]).
pub const CSRF_COOKIE: &str = "banli_csrf";
/// The header that must carry the session's CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts, in seconds (a working day).
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;
/// The shortest password `officials add` takes, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// What the audit log names for the shared bearer token.
pub const SHARED_TOKEN_LOGIN: &str = "shared-token";

/// Argon2id of `password` with a fresh salt, in PHC string format.
///
/// # Errors
///
/// Only if the hasher refuses its input (it does not for any UTF-8 text).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?
        .to_string())
}

/// Whether `password` matches the stored PHC `hash` (false for a hash that
/// does not parse).
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash that matches no password, verified for an unknown login so
/// that a wrong login takes as long as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(&ids::token()).unwrap_or_default())
}

/// Why an account could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("the login {0} is taken")]
    LoginTaken(String),
    #[error("the password is shorter than {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("login and name must not be blank")]
    Blank,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl AddError {
    /// The problem in words, zh-CN and en.
    pub fn message(&self) -> banli_core::Text {
        use banli_core::messages::server as text;
        match self {
            AddError::LoginTaken(login) => text::official_login_taken(login),
            AddError::PasswordTooShort => text::password_too_short(MIN_PASSWORD_CHARS),
            AddError::Blank => text::official_blank(),
            AddError::Other(e) => banli_core::Text::new(
                text::internal().zh,
                format!("{}: {e:#}", text::internal().en),
            ),
        }
    }
}

/// Adds an account (`banli-server officials add`); returns its id.
///
/// # Errors
///
/// [`AddError`]: a blank login or name, a short password, a taken login,
/// or a database error.
pub async fn add(
    pool: &AnyPool,
    login: &str,
    display_name: &str,
    role: Role,
    password: &str,
    created_at: &str,
) -> Result<String, AddError> {
    let (login, display_name) = (login.trim(), display_name.trim());
    if login.is_empty() || display_name.is_empty() {
        return Err(AddError::Blank);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AddError::PasswordTooShort);
    }
    let row = OfficialRow {
        id: format!("OF-{}", &ids::token()[..16]),
        login: login.to_owned(),
        display_name: display_name.to_owned(),
        role: role.as_str().to_owned(),
        password_hash: hash_password(password)?,
    };
    if !db::insert_official(pool, &row, created_at)
        .await
        .map_err(anyhow::Error::new)?
    {
        return Err(AddError::LoginTaken(login.to_owned()));
    }
    Ok(row.id)
}

/// A new session's tokens, given to the browser once.
pub struct NewSession {
    pub token: String,
    pub csrf: String,
    /// Seconds since the Unix epoch.
    pub expires_at: i64,
}

/// Starts a session for `official` at `now` (seconds since the epoch).
///
/// # Errors
///
/// A database error.
pub async fn start_session(
    pool: &AnyPool,
    official_id: &str,
    now: i64,
    created_at: &str,
) -> sqlx::Result<NewSession> {
    let (token, csrf) = (ids::token(), ids::token());
    let expires_at = now + SESSION_SECONDS;
    db::insert_session(
        pool,
        &db::NewSession {
            token_sha256: &sha256_hex(&token),
            official_id,
            csrf_sha256: &sha256_hex(&csrf),
            created_at,
            expires_at,
        },
    )
    .await?;
    Ok(NewSession {
        token,
        csrf,
        expires_at,
    })
}

/// The `Set-Cookie` values for a new session.
pub fn session_cookies(session: &NewSession) -> [String; 2] {
    [
        format!(
            "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}",
            session.token
        ),
        format!(
            "{CSRF_COOKIE}={}; Path=/; SameSite=Strict; Max-Age={SESSION_SECONDS}",
            session.csrf
        ),
    ]
}

/// The `Set-Cookie` values that remove both cookies (logout).
pub fn cleared_cookies() -> [String; 2] {
    [
        format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
        format!("{CSRF_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0"),
    ]
}

/// The value of cookie `name` in a `Cookie` header, if present.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// Seconds since the Unix epoch, now.
pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("richtig-und-lang").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password(&hash, "richtig-und-lang"));
        assert!(!verify_password(&hash, "richtig-und-lanG"));
        assert!(!verify_password("not a hash", "richtig-und-lang"));
        assert!(!verify_password(decoy_hash(), ""));
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let header = "a=1; banli_session_x=2; banli_session=tok; banli_csrf=c";
        assert_eq!(cookie(header, SESSION_COOKIE), Some("tok"));
        assert_eq!(cookie(header, CSRF_COOKIE), Some("c"));
        assert_eq!(cookie("banli_session=", SESSION_COOKIE), None);
    }
}
