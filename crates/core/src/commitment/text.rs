//! The full text of a commitment document: what the item and the request
//! say, gathered in one language ([`document`]) for the catalogue's
//! renderer (`messages::commitment::render`), which holds the wording.
//! Deterministic: the text depends only on the request.

use super::{CommitmentKind, CommitmentRequest};
use crate::definition::localized;
use crate::messages::commitment::{self as text, Document, Kind, MemberDeferral, Notice};
use crate::messages::{Lang, Text};

impl From<CommitmentKind> for Kind {
    fn from(kind: CommitmentKind) -> Kind {
        match kind {
            CommitmentKind::Deferral => Kind::Deferral,
            CommitmentKind::InLieu => Kind::InLieu,
        }
    }
}

/// The document's title in both languages.
pub fn title(kind: CommitmentKind) -> Text {
    text::title(kind.into())
}

/// The full text of the request's document in `lang`.
pub fn render(request: &CommitmentRequest<'_>, lang: Lang) -> String {
    text::render(&document(request, lang), lang)
}

/// What the document states, read from the item in `lang`.
pub fn document<'a>(request: &'a CommitmentRequest<'a>, lang: Lang) -> Document<'a> {
    let d = request.definition;
    let deferral = d.allowed_deferral();
    let conditions = request.conditions.iter().map(|&i| &d.conditions[i]);
    // An entry of a per-item material is told and named as that entry.
    let notices = request
        .materials
        .iter()
        .map(|c| (c.name(d, lang), d.materials[c.material].in_lieu.as_ref()))
        .chain(conditions.map(|c| (c.localized_text(lang), c.in_lieu.as_ref())))
        .filter_map(|(subject, in_lieu)| {
            let in_lieu = in_lieu?;
            let say = |default: &'a str, key: &str| localized(default, &in_lieu.i18n, key, lang);
            Some(Notice {
                subject,
                notice: say(&in_lieu.notice, "notice"),
                proves: in_lieu.proves.as_deref().map(|p| say(p, "proves")),
                verification: in_lieu
                    .verification
                    .as_deref()
                    .map(|v| say(v, "verification")),
                liability: say(&in_lieu.liability, "liability"),
            })
        })
        .collect();
    Document {
        kind: request.kind.into(),
        signer: request.signature.signer.as_deref(),
        signed_at: request.signature.signed_at.as_deref(),
        item_name: d.localized_name(lang),
        code: &d.code,
        version: &d.version,
        authority: localized(&d.authority.name, &d.authority.i18n, "name", lang),
        data_sha256: &request.data_sha256,
        materials: request.materials.iter().map(|c| c.name(d, lang)).collect(),
        days: deferral.and_then(|d| d.deadline_working_days).unwrap_or(0),
        withhold: deferral.is_some_and(|d| d.withhold_result),
        due: request.due.as_deref(),
        due_pending_year: request.due_pending_year,
        members: request
            .member_dues
            .iter()
            .map(|own| {
                let member = &d.members[own.member];
                MemberDeferral {
                    name: member.localized_name(lang),
                    materials: own.materials.iter().map(|c| c.name(d, lang)).collect(),
                    days: member.deferral_working_days.unwrap_or(0),
                    due: own.due.as_deref(),
                    due_pending_year: own.due_pending_year,
                }
            })
            .collect(),
        notices,
    }
}
