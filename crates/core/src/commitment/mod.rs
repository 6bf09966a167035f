//! Commitment documents: the 容缺受理承诺书 an applicant signs to be accepted
//! while secondary materials follow, and the 告知承诺书 that replaces a proof
//! with a written commitment. Each is a structured record plus its full text
//! in Chinese with an English translation, generated deterministically from
//! the item definition, so the same inputs give byte-identical documents.

mod canonical;
pub mod text;

pub use canonical::{canonical_json, data_sha256, sha256_hex, sha256_hex_bytes};

use serde::{Deserialize, Serialize};

use crate::definition::ItemDefinition;
use crate::messages::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentKind {
    /// 容缺受理: materials supplied after acceptance, by a due date.
    Deferral,
    /// 告知承诺: a signed commitment instead of the proof.
    InLieu,
}

impl CommitmentKind {
    /// The wire name (`deferral`, `in_lieu`).
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentKind::Deferral => "deferral",
            CommitmentKind::InLieu => "in_lieu",
        }
    }
}

impl std::fmt::Display for CommitmentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    pub kind: CommitmentKind,
    pub item: CommittedItem,
    pub materials: Vec<CommittedMaterial>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<CommittedCondition>,
    /// Deferral: the date by which the materials must arrive, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// Deferral: the working days allowed, as the item defines them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_working_days: Option<u32>,
    /// Deferral: `due` is pending because this year's public holidays are
    /// not loaded yet; the date follows once they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_pending_year: Option<i32>,
    /// Deferral: the result is issued only after the materials arrive.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub withhold_result: bool,
    pub signer: Option<String>,
    pub signed_at: Option<String>,
    /// SHA-256 of the canonical form data, so the office can prove what
    /// the applicant committed to.
    pub data_sha256: String,
    pub title: String,
    /// The full text: `zh-CN` is authoritative, `en` a translation.
    pub text: CommitmentText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommittedItem {
    pub code: String,
    pub version: String,
    pub name: String,
}

/// One material (or one entry of a per-item material) a commitment covers.
/// It is read back from storage too (the server keeps the list as JSON),
/// so it deserialises; an absent `place` is a material given once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommittedMaterial {
    pub id: String,
    /// The material's name; for one entry of a per-item material, the
    /// entry's: "拟聘用驾驶员 › 第2项（周敏） › 机动车驾驶证".
    pub name: String,
    /// For one entry of a per-item material: its place,
    /// `/materials/<id>/entries/<n>` (`n` from 0), which the follow-up
    /// addresses. Absent for a material given once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

impl CommittedMaterial {
    /// The key the follow-up (补交, its review, reminders) addresses it by:
    /// the material id, or for one entry of a per-item material
    /// `<id>/entries/<n>` ([`crate::envelope::entry_key`], the key the
    /// widget and its upload hook use), so what is handed in for driver 2's
    /// licence satisfies that entry only.
    pub fn key(&self) -> String {
        match self.entry() {
            Some(n) => crate::envelope::entry_key(&self.id, n),
            None => self.id.clone(),
        }
    }

    /// For one entry of a per-item material, its index in the array (from
    /// 0), read from `place`; `None` for a material given once.
    pub fn entry(&self) -> Option<usize> {
        let place = self.place.as_deref()?;
        let n = place.rsplit('/').next()?.parse().ok()?;
        // Only a place of this material's own entries is one.
        (crate::envelope::entry_path(&self.id, n) == place).then_some(n)
    }
}

/// What a commitment covers of one material: the material given once, or
/// one entry's copy of a per-item material (one 驾驶证 per driver), so an
/// official can tell whose copy is owed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covered {
    /// Index into the definition's materials.
    pub material: usize,
    /// For a per-item material: which entry.
    pub entry: Option<CoveredEntry>,
}

/// One entry of a per-item material covered by a commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoveredEntry {
    /// Its place, `/materials/<id>/entries/<n>` (`n` from 0).
    pub place: String,
    /// The entry's copy named in both languages:
    /// "拟聘用驾驶员 › 第2项（周敏） › 机动车驾驶证".
    pub name: crate::messages::Text,
}

impl Covered {
    /// The material given once.
    pub fn whole(material: usize) -> Self {
        Covered {
            material,
            entry: None,
        }
    }

    /// Its name in `lang`: the entry's for a per-item material.
    pub fn name<'a>(&'a self, definition: &'a ItemDefinition, lang: Lang) -> &'a str {
        match &self.entry {
            Some(entry) => entry.name.get(lang),
            None => definition.materials[self.material].localized_name(lang),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommittedCondition {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitmentText {
    #[serde(rename = "zh-CN")]
    pub zh: String,
    pub en: String,
}

impl CommitmentText {
    /// The text in `lang`.
    pub fn get(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::ZhCn => &self.zh,
            crate::Lang::En => &self.en,
        }
    }
}

/// Who signed and when: the envelope's `commitment`.
pub use crate::envelope::Signature;

/// What one commitment covers.
#[derive(Debug, Clone)]
pub struct CommitmentRequest<'a> {
    pub kind: CommitmentKind,
    pub definition: &'a ItemDefinition,
    /// The materials (or, of a per-item material, the entries) covered.
    pub materials: Vec<Covered>,
    /// Indexes into the definition's conditions (in lieu only).
    pub conditions: Vec<usize>,
    /// Deferral: the due date, `YYYY-MM-DD`, when the calendar covers it.
    pub due: Option<String>,
    /// Deferral: the year whose holidays are missing when `due` could not
    /// be computed yet (the text then states the period and that the date
    /// follows the official calendar).
    pub due_pending_year: Option<i32>,
    /// Deferral in a merged bundle: each deferring member's own materials
    /// and due date, which the text states instead of the one strictest
    /// date (each office holds the applicant to its own). Empty for an
    /// item.
    pub member_dues: Vec<MemberDue>,
    pub signature: &'a Signature,
    pub data_sha256: String,
}

/// One deferring member of a merged bundle in a deferral commitment.
#[derive(Debug, Clone)]
pub struct MemberDue {
    /// Index into the merged definition's `members`.
    pub member: usize,
    /// The merged definition's materials (or entries) it defers.
    pub materials: Vec<Covered>,
    /// The member's own due date, `YYYY-MM-DD`, when the calendar covers it.
    pub due: Option<String>,
    /// The year whose holidays are missing when `due` could not be computed.
    pub due_pending_year: Option<i32>,
}

/// Builds the document for a request, its record in `lang`.
pub fn build(request: &CommitmentRequest<'_>, lang: Lang) -> Commitment {
    let definition = request.definition;
    let materials = request
        .materials
        .iter()
        .map(|covered| CommittedMaterial {
            id: definition.materials[covered.material].id.clone(),
            name: covered.name(definition, lang).to_owned(),
            place: covered.entry.as_ref().map(|e| e.place.clone()),
        })
        .collect();
    let conditions = request
        .conditions
        .iter()
        .map(|&i| {
            let c = &definition.conditions[i];
            CommittedCondition {
                id: c.id.clone(),
                text: c.localized_text(lang).to_owned(),
            }
        })
        .collect();
    let deferral = definition
        .allowed_deferral()
        .filter(|_| request.kind == CommitmentKind::Deferral);
    let title = text::title(request.kind);
    Commitment {
        kind: request.kind,
        item: CommittedItem {
            code: definition.code.clone(),
            version: definition.version.clone(),
            name: definition.localized_name(lang).to_owned(),
        },
        materials,
        conditions,
        due: request.due.clone(),
        due_working_days: deferral.and_then(|d| d.deadline_working_days),
        due_pending_year: request.due_pending_year.filter(|_| deferral.is_some()),
        withhold_result: deferral.is_some_and(|d| d.withhold_result),
        signer: request.signature.signer.clone(),
        signed_at: request.signature.signed_at.clone(),
        data_sha256: request.data_sha256.clone(),
        title: title.get(lang).to_owned(),
        text: CommitmentText {
            zh: text::render(request, Lang::ZhCn),
            en: text::render(request, Lang::En),
        },
    }
}
