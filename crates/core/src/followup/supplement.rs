//! 补交: a deferred material handed in after acceptance, and its review.
//!
//! The applicant uploads the material (through the same upload hook and
//! limits as the form); an official then accepts it, which fulfils the
//! commitment, or returns it with a reason the applicant sees, which keeps
//! the commitment open with the same due date (容缺受理 sets one deadline
//! for the material; a returned copy does not extend it). One upload waits
//! for review at a time; a late upload is still taken, and marked late, so
//! that nothing the applicant hands in is lost.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::ledger::{Due, Resolution};
use crate::messages::{Text, followup as text};

/// Where one handed-in material stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplementState {
    /// Handed in, waiting for an official.
    Submitted,
    /// Accepted: the commitment is fulfilled.
    Accepted,
    /// Returned with a reason: the applicant may hand in another.
    Returned,
}

impl SupplementState {
    /// The wire name (`submitted`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            SupplementState::Submitted => "submitted",
            SupplementState::Accepted => "accepted",
            SupplementState::Returned => "returned",
        }
    }

    /// The state with the wire name `s`, if any.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Submitted, Self::Accepted, Self::Returned]
            .into_iter()
            .find(|state| state.as_str() == s)
    }

    /// 待审核 / Waiting for review, …
    pub fn label(self) -> Text {
        text::supplement_state(self.as_str())
    }
}

/// An official's review of a handed-in material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review<'a> {
    Accept,
    /// Return it; the reason is shown to the applicant.
    Return {
        reason: &'a str,
    },
}

/// Whether a material handed in on a day came in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lateness {
    OnTime,
    /// After the due date: taken all the same, and shown as late.
    Late,
    /// The due date is not known yet (it ends in a year whose holidays are
    /// not loaded); never called late from a guess.
    Undetermined,
}

impl Lateness {
    /// The wire name (`on_time`, `late`, `undetermined`).
    pub fn as_str(self) -> &'static str {
        match self {
            Lateness::OnTime => "on_time",
            Lateness::Late => "late",
            Lateness::Undetermined => "undetermined",
        }
    }

    /// The lateness with the wire name `s`, if any.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::OnTime, Self::Late, Self::Undetermined]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
}

/// Why a material cannot be handed in, or a review cannot be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SupplementError {
    /// The commitment is fulfilled or terminated: nothing more is needed.
    #[error("the commitment is already {}", .0.as_str())]
    CommitmentClosed(Resolution),
    /// An earlier upload still waits for review.
    #[error("an earlier upload waits for review")]
    AwaitingReview,
    /// Only an upload that waits for review can be reviewed.
    #[error("the upload is already {}", .0.as_str())]
    AlreadyReviewed(SupplementState),
    /// A return without a reason: the applicant must learn what to fix.
    #[error("a returned material needs a reason")]
    ReasonRequired,
    /// This material was accepted already (the commitment may still wait
    /// for another of its materials).
    #[error("the material is already accepted")]
    MaterialAccepted,
}

impl SupplementError {
    /// The problem in words, zh-CN and en.
    pub fn message(&self) -> Text {
        match self {
            SupplementError::CommitmentClosed(r) => text::commitment_closed(r.as_str()),
            SupplementError::AwaitingReview => text::awaiting_review(),
            SupplementError::AlreadyReviewed(s) => text::already_reviewed(&s.label()),
            SupplementError::ReasonRequired => text::return_reason_required(),
            SupplementError::MaterialAccepted => text::material_already_accepted(),
        }
    }

    /// The stable code (`followup.*`, registered in [`crate::codes`]).
    pub fn code(&self) -> &'static str {
        match self {
            SupplementError::CommitmentClosed(_) => "followup.commitment_closed",
            SupplementError::AwaitingReview => "followup.awaiting_review",
            SupplementError::AlreadyReviewed(_) => "followup.already_reviewed",
            SupplementError::ReasonRequired => "followup.return_reason_required",
            SupplementError::MaterialAccepted => "followup.material_accepted",
        }
    }
}

/// Checks that a material may be handed in for a commitment with
/// `resolution` whose earlier uploads are in `earlier` states.
///
/// # Errors
///
/// [`SupplementError::CommitmentClosed`] when the commitment is fulfilled
/// or terminated; [`SupplementError::MaterialAccepted`] when an earlier
/// upload of this material was accepted (a commitment covering several
/// materials stays open until each is); [`SupplementError::AwaitingReview`]
/// when an earlier upload has not been reviewed.
pub fn may_hand_in(
    resolution: Resolution,
    earlier: &[SupplementState],
) -> Result<(), SupplementError> {
    if resolution != Resolution::Open {
        return Err(SupplementError::CommitmentClosed(resolution));
    }
    if earlier.contains(&SupplementState::Accepted) {
        return Err(SupplementError::MaterialAccepted);
    }
    if earlier.contains(&SupplementState::Submitted) {
        return Err(SupplementError::AwaitingReview);
    }
    Ok(())
}

/// The resolution of a deferral commitment covering several materials,
/// given the states of each material's uploads (one slice per material):
/// fulfilled once every material has an accepted upload, open until then
/// (one 容缺受理 commitment names every deferred material of the
/// application, and is kept only when all of them arrived).
pub fn commitment_resolution(per_material: &[Vec<SupplementState>]) -> Resolution {
    if !per_material.is_empty()
        && per_material
            .iter()
            .all(|states| states.contains(&SupplementState::Accepted))
    {
        Resolution::Fulfilled
    } else {
        Resolution::Open
    }
}

/// Whether a material handed in on `handed_in_on` (`YYYY-MM-DD` in China)
/// is late for `due`: late from the day after the due date (the due day
/// itself is in time). A commitment in lieu of proof has no due date and
/// is never late.
pub fn lateness(due: Due, handed_in_on: Date) -> Lateness {
    match due {
        Due::NotApplicable => Lateness::OnTime,
        Due::Pending => Lateness::Undetermined,
        Due::On(due) if handed_in_on > due => Lateness::Late,
        Due::On(_) => Lateness::OnTime,
    }
}

/// The state after `review` of an upload in `current` state, and the
/// commitment's resolution after it (accepting fulfils the commitment;
/// returning leaves it open, due on the same day).
///
/// # Errors
///
/// [`SupplementError::AlreadyReviewed`] unless the upload waits for
/// review; [`SupplementError::ReasonRequired`] for a return with a blank
/// reason.
pub fn review(
    current: SupplementState,
    review: &Review<'_>,
) -> Result<(SupplementState, Resolution), SupplementError> {
    if current != SupplementState::Submitted {
        return Err(SupplementError::AlreadyReviewed(current));
    }
    match review {
        Review::Accept => Ok((SupplementState::Accepted, Resolution::Fulfilled)),
        Review::Return { reason } if reason.trim().is_empty() => {
            Err(SupplementError::ReasonRequired)
        }
        Review::Return { .. } => Ok((SupplementState::Returned, Resolution::Open)),
    }
}
