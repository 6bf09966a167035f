//! Integration tests of banli-server, in one binary (one link): the API
//! through `tower::ServiceExt::oneshot` on a fresh database per test, and
//! the binary itself killed with SIGKILL. Every database test runs on an
//! SQLite file and, when `BANLI_TEST_POSTGRES_URL` is set (`cargo xtask
//! test` sets it), on a fresh PostgreSQL database.

mod api;
mod bundles;
mod calendar;
mod durability;
mod followup;
mod hardening;
mod serving;
mod soak;
mod support;
