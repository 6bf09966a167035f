//! The follow-up loop's rules (办结跟踪): what an office must do after
//! acceptance, decided from stored facts and the working-day calendar,
//! never from a clock of its own (the shell passes `today`).
//!
//! The audits behind banli found two failures of the office side: deferred
//! materials not followed up ("部分容缺材料未能落实到位"), and promised time
//! limits overrun without anyone counting. The rules here are what a server
//! needs to close that loop:
//!
//! - [`supplement`]: 补交, the applicant hands a deferred material in
//!   later; an official accepts it or returns it with a reason; whether it
//!   came late.
//! - [`decision`]: the decision on an application (准予 / 不予 / 退回 /
//!   撤回) and when it may be recorded.
//! - [`timeliness`]: 限时办结, each application against its promised and
//!   statutory deadlines, and the report per item and period that the
//!   audit had to count by hand.
//! - [`reminders`]: which notifications are due on a day (due in N working
//!   days, overdue), each with a stable key so that a shell queues it once.
//! - [`roles`]: who may do what (窗口受理 / 审核 / 督办).
//!
//! The commitment statuses themselves are in [`crate::ledger`].

pub mod decision;
pub mod reminders;
pub mod roles;
pub mod supplement;
pub mod timeliness;

#[cfg(test)]
mod tests;
