//! The decision on an application (办理决定), recorded by an official.
//!
//! The four outcomes are the ones a window records in practice: 准予
//! (approved: the licence or permit is issued), 不予 (refused, with the
//! reasons and the applicant's remedies), 退回 (returned: the office hands
//! the application back, e.g. the deferred material never came), 撤回
//! (withdrawn by the applicant). Any of them ends the application's time
//! limit: it counts as decided on its date.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::messages::{Text, followup as text};

/// The outcome of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 准予: approved.
    Approved,
    /// 不予: refused.
    Refused,
    /// 退回: returned to the applicant by the office.
    Returned,
    /// 撤回: withdrawn by the applicant.
    Withdrawn,
}

impl Decision {
    pub const ALL: [Decision; 4] = [
        Decision::Approved,
        Decision::Refused,
        Decision::Returned,
        Decision::Withdrawn,
    ];

    /// The wire name (`approved`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::Refused => "refused",
            Decision::Returned => "returned",
            Decision::Withdrawn => "withdrawn",
        }
    }

    /// The decision with the wire name `s`, if any.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// 准予 / Approved, …
    pub fn label(self) -> Text {
        text::decision(self.as_str())
    }

    /// Whether the decision needs a reason the applicant is told: every
    /// decision but approval (a refusal must state its reasons, 《行政许可法》
    /// 第三十八条第二款; a return or withdrawal is recorded with why).
    pub fn needs_reason(self) -> bool {
        self != Decision::Approved
    }
}

/// Why a decision cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    /// The application already has a decision; decisions are final.
    #[error("the application is already decided ({})", .0.as_str())]
    AlreadyDecided(Decision),
    /// The decision date lies before the acceptance date.
    #[error("decided on {decided_on} before it was accepted on {accepted_on}")]
    BeforeAcceptance { accepted_on: Date, decided_on: Date },
    /// The decision date lies after today: decisions are recorded when made.
    #[error("decided on {decided_on}, after today {today}")]
    InTheFuture { decided_on: Date, today: Date },
    /// A decision other than approval without a reason.
    #[error("a {} decision needs a reason", .0.as_str())]
    ReasonRequired(Decision),
}

impl DecisionError {
    /// The problem in words, zh-CN and en; dates as `YYYY-MM-DD`.
    pub fn message(&self) -> Text {
        use crate::calendar::format_date;
        match self {
            DecisionError::AlreadyDecided(d) => text::already_decided(&d.label()),
            DecisionError::BeforeAcceptance {
                accepted_on,
                decided_on,
            } => text::decided_before_acceptance(
                &format_date(*decided_on),
                &format_date(*accepted_on),
            ),
            DecisionError::InTheFuture { decided_on, .. } => {
                text::decided_in_the_future(&format_date(*decided_on))
            }
            DecisionError::ReasonRequired(d) => text::decision_reason_required(&d.label()),
        }
    }

    /// The stable code (`followup.*`, registered in [`crate::codes`]).
    pub fn code(&self) -> &'static str {
        match self {
            DecisionError::AlreadyDecided(_) => "followup.already_decided",
            DecisionError::BeforeAcceptance { .. } => "followup.decided_before_acceptance",
            DecisionError::InTheFuture { .. } => "followup.decided_in_the_future",
            DecisionError::ReasonRequired(_) => "followup.decision_reason_required",
        }
    }
}

/// Checks that `decision` may be recorded on an application accepted on
/// `accepted_on` that has `current` decision (if any), dated `decided_on`,
/// with `reason` (blank counts as none), on `today`.
///
/// # Errors
///
/// [`DecisionError`]: already decided, a date before acceptance or after
/// today, or no reason for a decision that needs one.
pub fn check(
    current: Option<Decision>,
    decision: Decision,
    reason: Option<&str>,
    accepted_on: Date,
    decided_on: Date,
    today: Date,
) -> Result<(), DecisionError> {
    if let Some(current) = current {
        return Err(DecisionError::AlreadyDecided(current));
    }
    if decided_on < accepted_on {
        return Err(DecisionError::BeforeAcceptance {
            accepted_on,
            decided_on,
        });
    }
    if decided_on > today {
        return Err(DecisionError::InTheFuture { decided_on, today });
    }
    if decision.needs_reason() && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(DecisionError::ReasonRequired(decision));
    }
    Ok(())
}
