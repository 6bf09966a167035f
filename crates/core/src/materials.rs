//! Materials of a submission: which are required for the data entered,
//! what the applicant does with each (provided, shared from government data,
//! deferred, replaced by a commitment; generated from the form data when
//! the item says so), and whether that is allowed.

use serde_json::Value;

use crate::commitment::{Covered, CoveredEntry};
use crate::definition::{CompiledItem, Material, MemberMaterial};
use crate::envelope::{ChoicePlace, EnvelopeError, MaterialChoice, Reading, entry_path, keys};
use crate::messages::{Lang, Text, validation as text};
use crate::report::{ChosenAlternative, Disposition, EntryStatus, MaterialStatus};
use crate::small_map;

/// One problem with the materials, before it gets a label and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialProblem {
    /// `/materials/<id>` (or `/materials` for problems of the whole set).
    pub path: String,
    pub code: &'static str,
    pub label: Text,
    pub message: Text,
}

/// The materials side of a verdict.
#[derive(Debug, Clone, Default)]
pub struct MaterialAssessment {
    pub statuses: Vec<MaterialStatus>,
    pub problems: Vec<MaterialProblem>,
    /// Indexes (into the item's materials) of required materials validly
    /// deferred, each once however many of a per-item material's entries
    /// are: what `deferral.max_materials` counts.
    pub deferred: Vec<usize>,
    /// Indexes of required materials validly replaced by a commitment.
    pub in_lieu: Vec<usize>,
    /// What the deferral commitment covers, in the item's order: each
    /// material of `deferred` given once, and each validly deferred entry
    /// of a per-item one, named and placed.
    pub deferred_covered: Vec<Covered>,
    /// What the commitment in lieu covers, like `deferred_covered`.
    pub in_lieu_covered: Vec<Covered>,
}

/// Assesses the envelope's material choices (as [`Envelope::read`] found
/// them, malformed ones included) against the item, for this data.
///
/// [`Envelope::read`]: crate::envelope::Envelope::read
pub fn assess(
    item: &CompiledItem,
    reading: &Reading,
    data: &Value,
    lang: Lang,
) -> MaterialAssessment {
    let definition = item.definition();
    let mut result = MaterialAssessment::default();
    let applying = applying_members(item, data);
    if let Some(malformed) = reading
        .problems
        .iter()
        .find(|p| matches!(p, EnvelopeError::NotAMap { key } if *key == keys::MATERIALS))
    {
        result.problems.push(MaterialProblem {
            path: malformed.path(),
            code: malformed.code(),
            label: materials_label(),
            message: malformed.message(),
        });
    }

    for id in &reading.material_ids {
        if definition.material(id).is_none() {
            result.problems.push(MaterialProblem {
                path: material_path(id),
                code: "material.unknown",
                label: materials_label(),
                message: text::material_unknown(id),
            });
        }
    }

    for (index, material) in definition.materials.iter().enumerate() {
        let required = item.material_required(index, data);
        let name = Text::new(
            material.localized_name(Lang::ZhCn),
            material.localized_name(Lang::En),
        );
        let given_per_entry = reading.envelope.entries.contains_key(&material.id)
            || reading.problems.iter().any(|p| {
                matches!(p, EnvelopeError::EntriesNotArray { material: m } if *m == material.id)
            });
        let Some(per_item) = &material.per_item else {
            let mut problems = Vec::new();
            let outcome = if given_per_entry {
                problems.push(MaterialProblem {
                    path: material_path(&material.id),
                    code: "material.entries_unexpected",
                    label: under_materials(&name),
                    message: bilingual(|l| text::material_entries_unexpected(pick(&name, l))),
                });
                Outcome::of(Disposition::Missing)
            } else {
                assess_choice(
                    item,
                    &applying,
                    index,
                    material,
                    required,
                    reading,
                    ChoicePlace::Material(&material.id),
                    &name,
                    &mut problems,
                )
            };
            result.problems.append(&mut problems);
            result.record(index, required, &outcome, None);
            result.statuses.push(MaterialStatus {
                id: material.id.clone(),
                name: material.localized_name(lang).to_owned(),
                required,
                disposition: outcome.disposition,
                alternative: outcome.chosen(lang),
                entries: None,
            });
            continue;
        };

        // One copy per entry of the array, each judged by the material's
        // own rules, named "拟聘用驾驶员 › 第2项（张三） › 机动车驾驶证".
        let array = Text::new(
            item.field_label(&per_item.array, data, Lang::ZhCn),
            item.field_label(&per_item.array, data, Lang::En),
        );
        let count = per_item.count(data);
        let mut problems = Vec::new();
        if reading.material_ids.contains(&material.id) && !given_per_entry {
            problems.push(MaterialProblem {
                path: material_path(&material.id),
                code: "material.entries_expected",
                label: under_materials(&name),
                message: bilingual(|l| {
                    text::material_entries_expected(pick(&name, l), pick(&array, l))
                }),
            });
        }
        if let Some(malformed) = reading.problems.iter().find(
            |p| matches!(p, EnvelopeError::EntriesNotArray { material: m } if *m == material.id),
        ) {
            problems.push(MaterialProblem {
                path: malformed.path(),
                code: malformed.code(),
                label: under_materials(&name),
                message: malformed.message_naming(&name),
            });
        }
        let mut entries = Vec::with_capacity(count);
        let mut outcomes = Vec::with_capacity(count);
        for position in 0..count {
            let entry = per_item.entry_name(data, position);
            let entry_name = bilingual(|l| {
                let joined =
                    [pick(&array, l), pick(&entry, l), pick(&name, l)].join(text::LABEL_SEPARATOR);
                Text::new(joined.clone(), joined)
            });
            let outcome = assess_choice(
                item,
                &applying,
                index,
                material,
                required,
                &reading.entry(&material.id, position),
                ChoicePlace::Entry(&material.id, position),
                &entry_name,
                &mut problems,
            );
            entries.push(EntryStatus {
                entry: pick(&entry, lang).to_owned(),
                disposition: outcome.disposition,
                alternative: outcome.chosen(lang),
            });
            outcomes.push((outcome, entry_name));
        }
        for surplus in count..reading.entry_count(&material.id) {
            problems.push(MaterialProblem {
                path: entry_path(&material.id, surplus),
                code: "material.surplus_entry",
                label: under_materials(&name),
                message: bilingual(|l| {
                    text::material_surplus_entry(
                        pick(&name, l),
                        surplus + 1,
                        pick(&array, l),
                        count,
                    )
                }),
            });
        }
        // A deferral or commitment of any entry makes the material count
        // once among the deferred (the national rule counts materials), while
        // the commitment and the ledger name each entry it covers.
        let overall = Outcome {
            disposition: PRECEDENCE
                .into_iter()
                .find(|d| outcomes.iter().any(|(o, _)| o.disposition == *d))
                .unwrap_or(Disposition::NotRequired),
            alternative: None,
            deferred: outcomes.iter().any(|(o, _)| o.deferred),
            in_lieu: outcomes.iter().any(|(o, _)| o.in_lieu),
        };
        result.problems.append(&mut problems);
        result.record(index, required, &overall, Some((&material.id, &outcomes)));
        result.statuses.push(MaterialStatus {
            id: material.id.clone(),
            name: material.localized_name(lang).to_owned(),
            required,
            disposition: overall.disposition,
            alternative: None,
            entries: Some(entries),
        });
    }

    // A merged bundle counts each applying member's own deferred materials
    // against its own cap, as that member's own verdict does; an item
    // counts its own.
    let caps: Vec<(u32, usize)> = if definition.members.is_empty() {
        definition
            .allowed_deferral()
            .and_then(|d| d.max_materials)
            .map(|max| (max, result.deferred.len()))
            .into_iter()
            .collect()
    } else {
        applying
            .iter()
            .filter_map(|&m| {
                let member = &definition.members[m];
                let max = member.deferral_max_materials?;
                let deferred = member
                    .material_terms
                    .iter()
                    .enumerate()
                    .filter(|(k, term)| {
                        term.deferrable
                            && defers(&reading.envelope, &term.id)
                            && item.member_requires(m, *k, data)
                    })
                    .count();
                Some((max, deferred))
            })
            .collect()
    };
    for (max, deferred) in caps {
        if deferred > max as usize {
            result.problems.push(MaterialProblem {
                path: "/materials".into(),
                code: "deferral.too_many",
                label: materials_label(),
                message: text::deferral_too_many(max, deferred),
            });
        }
    }
    result
}

/// Whether the envelope defers material `id`: given once, or any entry of
/// a per-item material, which then counts once, as in the member's own
/// verdict (the national rule counts materials, not copies).
fn defers(envelope: &crate::envelope::Envelope, id: &str) -> bool {
    let deferred = |c: &MaterialChoice| c.disposition == Disposition::Deferred;
    envelope.materials.get(id).is_some_and(deferred)
        || envelope
            .entries
            .get(id)
            .is_some_and(|list| list.iter().flatten().any(deferred))
}

/// The disposition of a per-item material as a whole: the first of its
/// entries' in this order, the one that most needs attention.
const PRECEDENCE: [Disposition; 6] = [
    Disposition::Missing,
    Disposition::Deferred,
    Disposition::InLieu,
    Disposition::Provided,
    Disposition::Shared,
    Disposition::Generated,
];

/// What one choice (a material given once, or one entry's copy) comes to.
struct Outcome<'m> {
    disposition: Disposition,
    alternative: Option<&'m crate::definition::Alternative>,
    /// Required and validly deferred.
    deferred: bool,
    /// Required and validly replaced by a commitment.
    in_lieu: bool,
}

impl Outcome<'_> {
    fn of(disposition: Disposition) -> Self {
        Outcome {
            disposition,
            alternative: None,
            deferred: false,
            in_lieu: false,
        }
    }

    fn chosen(&self, lang: Lang) -> Option<ChosenAlternative> {
        self.alternative.map(|a| ChosenAlternative {
            id: a.id.clone(),
            name: a.localized_name(lang).to_owned(),
        })
    }
}

impl MaterialAssessment {
    /// Records material `index`'s outcome; `entries` are a per-item
    /// material's id and its entries' outcomes with their names, in the
    /// array's order.
    fn record(
        &mut self,
        index: usize,
        required: bool,
        outcome: &Outcome<'_>,
        entries: Option<(&str, &[(Outcome<'_>, Text)])>,
    ) {
        if !required {
            return;
        }
        if outcome.deferred {
            self.deferred.push(index);
        }
        if outcome.in_lieu {
            self.in_lieu.push(index);
        }
        let Some((id, entries)) = entries else {
            if outcome.deferred {
                self.deferred_covered.push(Covered::whole(index));
            }
            if outcome.in_lieu {
                self.in_lieu_covered.push(Covered::whole(index));
            }
            return;
        };
        for (position, (entry, name)) in entries.iter().enumerate() {
            let covered = || Covered {
                material: index,
                entry: Some(CoveredEntry {
                    place: entry_path(id, position),
                    name: name.clone(),
                }),
            };
            if entry.deferred {
                self.deferred_covered.push(covered());
            }
            if entry.in_lieu {
                self.in_lieu_covered.push(covered());
            }
        }
    }
}

/// "申请材料 › name" in both languages.
fn under_materials(name: &Text) -> Text {
    let materials = materials_label();
    Text::new(
        format!("{}{}{}", materials.zh, text::LABEL_SEPARATOR, name.zh),
        format!("{}{}{}", materials.en, text::LABEL_SEPARATOR, name.en),
    )
}

/// Judges the choice `reading` holds for `material` (under its id) by the
/// material's rules; its problems are reported at `place`, labelled
/// "材料 › `name`" (written only for a problem: most choices have none), and
/// name the material by `name`.
#[allow(clippy::too_many_arguments)]
fn assess_choice<'m>(
    item: &CompiledItem,
    applying: &[usize],
    index: usize,
    material: &'m Material,
    required: bool,
    reading: &Reading,
    place: ChoicePlace<'_>,
    name: &Text,
    problems: &mut Vec<MaterialProblem>,
) -> Outcome<'m> {
    let present = reading.material_ids.contains(&material.id);
    let choice = reading.envelope.materials.get(&material.id);
    let mut own = Vec::new();
    let mut problem = |code: &'static str, message: Text| {
        own.push(MaterialProblem {
            path: place.pointer(),
            code,
            label: under_materials(name),
            message,
        });
    };
    if let Some(malformed) = reading.disposition_problem(&material.id) {
        problem(malformed.code(), malformed.message_naming(name));
    }
    let mut outcome = Outcome::of(Disposition::Missing);
    outcome.disposition = match choice.map(|c| c.disposition) {
        // Produced from the form data: nothing to upload, so nothing missing.
        None if required && material.generated => Disposition::Generated,
        None if required => {
            if !present {
                // One error for the material, naming every alternative.
                let message = match material.alternatives_text() {
                    Some(list) => text::material_missing_one_of(&list),
                    None => bilingual(|l| text::material_missing(pick(name, l))),
                };
                problem("material.missing", message);
            }
            Disposition::Missing
        }
        None => Disposition::NotRequired,
        Some(Disposition::Provided) => {
            check_files(material, choice, reading, name, &mut problem);
            Disposition::Provided
        }
        Some(Disposition::Shared) => {
            if !material.is_shareable() {
                problem(
                    "material.not_shareable",
                    bilingual(|l| text::material_not_shareable(pick(name, l))),
                );
            }
            Disposition::Shared
        }
        Some(Disposition::Deferred) => {
            if let Some((code, message)) = refusal(item, applying, index, name) {
                problem(code, message);
            } else {
                outcome.deferred = true;
            }
            Disposition::Deferred
        }
        Some(Disposition::InLieu) => {
            if !in_lieu_allowed(item, applying, index) {
                problem(
                    "material.in_lieu_not_allowed",
                    bilingual(|l| text::material_in_lieu_not_allowed(pick(name, l))),
                );
            } else {
                outcome.in_lieu = true;
            }
            Disposition::InLieu
        }
        Some(other) => other,
    };
    outcome.alternative = check_alternative(material, choice, reading, name, &mut problem);
    problems.append(&mut own);
    outcome
}

/// In a merged bundle, the indices of the members that apply to `data`
/// (normalised form data; [`crate::bundle::member_applies`] on it as
/// submitted); empty for an item.
fn applying_members(item: &CompiledItem, data: &Value) -> Vec<usize> {
    let members = &item.definition().members;
    if members.is_empty() {
        return Vec::new();
    }
    let submitted = item.pruned(data);
    members
        .iter()
        .enumerate()
        .filter(|(_, m)| crate::bundle::member_applies(m.when.as_ref(), &submitted))
        .map(|(i, _)| i)
        .collect()
}

/// The terms of material `index` of each member in `applying` that lists it.
fn terms_of<'a>(
    item: &'a CompiledItem,
    applying: &'a [usize],
    index: usize,
) -> impl Iterator<Item = &'a MemberMaterial> {
    let definition = item.definition();
    let id = &definition.materials[index].id;
    applying.iter().filter_map(move |&m| {
        definition.members[m]
            .material_terms
            .iter()
            .find(|t| t.id == *id)
    })
}

/// Why material `index` may not be deferred. In a merged bundle each
/// applying member that lists it judges by its own terms (a member that
/// does not apply reads no choice of it), as its own verdict does.
fn refusal(
    item: &CompiledItem,
    applying: &[usize],
    index: usize,
    name: &Text,
) -> Option<(&'static str, Text)> {
    let material = &item.definition().materials[index];
    if item.definition().members.is_empty() {
        return deferral_refusal(item, material, name);
    }
    terms_of(item, applying, index)
        .any(|t| !t.deferrable)
        .then(|| {
            deferral_refusal(item, material, name).unwrap_or_else(|| {
                (
                    "material.not_deferrable",
                    bilingual(|l| text::material_not_deferrable(pick(name, l))),
                )
            })
        })
}

/// Whether material `index` may be replaced by a commitment; in a merged
/// bundle, whether every applying member that lists it accepts that (the
/// merged material then carries the words of a member that does).
fn in_lieu_allowed(item: &CompiledItem, applying: &[usize], index: usize) -> bool {
    let material = &item.definition().materials[index];
    if item.definition().members.is_empty() {
        return material.in_lieu.is_some();
    }
    terms_of(item, applying, index).all(|t| t.in_lieu)
}

/// Why this material may not be deferred in this item, if it may not.
fn deferral_refusal(
    item: &CompiledItem,
    material: &Material,
    name: &Text,
) -> Option<(&'static str, Text)> {
    let definition = item.definition();
    if definition.is_on_the_spot() {
        return Some(("deferral.on_the_spot", text::deferral_on_the_spot()));
    }
    if definition.allowed_deferral().is_none() {
        let reason = definition
            .deferral
            .as_ref()
            .and_then(|d| d.reason.as_deref());
        return Some(("deferral.not_allowed", text::deferral_not_allowed(reason)));
    }
    if material.core {
        return Some((
            "material.core_not_deferrable",
            bilingual(|l| text::material_core_not_deferrable(pick(name, l))),
        ));
    }
    if material.deferrable.is_none() {
        return Some((
            "material.not_deferrable",
            bilingual(|l| text::material_not_deferrable(pick(name, l))),
        ));
    }
    None
}

/// A provided material's files must describe real uploads: a name, a size
/// within the item's limit and a SHA-256, so the office can match them.
/// The reader has found the malformed references; this reports them with
/// the material's name, in file order among the size checks.
fn check_files(
    material: &Material,
    choice: Option<&MaterialChoice>,
    reading: &Reading,
    name: &Text,
    problem: &mut impl FnMut(&'static str, Text),
) {
    let electronic = matches!(
        material.medium,
        Some(crate::definition::Medium::Electronic | crate::definition::Medium::PaperAndElectronic)
    );
    let mut malformed = reading.file_problems(&material.id).peekable();
    if let Some(not_array) = malformed.next_if(|p| matches!(p, EnvelopeError::FilesNotArray { .. }))
    {
        problem(not_array.code(), not_array.message_naming(name));
        return;
    }
    let Some(files) = choice.and_then(|c| c.files.as_deref()) else {
        if electronic {
            problem(
                "material.no_files",
                bilingual(|l| text::material_no_files(pick(name, l))),
            );
        }
        return;
    };
    if files.is_empty() && malformed.peek().is_none() && electronic {
        problem(
            "material.no_files",
            bilingual(|l| text::material_no_files(pick(name, l))),
        );
    }
    let max_size = material
        .accept
        .as_ref()
        .and_then(|a| small_map::get(a, "max_size_bytes"))
        .and_then(Value::as_u64);
    let mut good = files.iter();
    for index in 0.. {
        if let Some(bad) = malformed
            .next_if(|p| matches!(p, EnvelopeError::BadFile { index: i, .. } if *i == index))
        {
            problem(bad.code(), bad.message_naming(name));
            continue;
        }
        let Some(file) = good.next() else { break };
        if let Some(limit) = max_size
            && file.size > limit
        {
            problem(
                "material.file_too_large",
                bilingual(|l| {
                    text::material_bad_file(
                        pick(name, l),
                        text::file_too_large(&file.name, file.size, limit),
                    )
                }),
            );
        }
    }
}

use crate::envelope::material_path;

fn materials_label() -> Text {
    text::label_materials()
}

/// The alternative a choice names, checked against the material's: a
/// malformed or unknown one is a problem, and so is an upload of a material
/// with alternatives that does not say which one it is.
fn check_alternative<'m>(
    material: &'m Material,
    choice: Option<&MaterialChoice>,
    reading: &Reading,
    name: &Text,
    problem: &mut impl FnMut(&'static str, Text),
) -> Option<&'m crate::definition::Alternative> {
    if let Some(malformed) = reading.alternative_problem(&material.id) {
        problem(malformed.code(), malformed.message_naming(name));
        return None;
    }
    let choice = choice?;
    let list = material.alternatives_text().unwrap_or_else(|| name.clone());
    match choice.alternative.as_deref() {
        Some(id) => {
            let found = material.alternative(id);
            if found.is_none() {
                problem(
                    "material.unknown_alternative",
                    bilingual(|l| {
                        text::material_unknown_alternative(pick(name, l), id, pick(&list, l))
                    }),
                );
            }
            found
        }
        None if choice.disposition == Disposition::Provided
            && !material.alternatives.is_empty() =>
        {
            problem(
                "material.alternative_not_named",
                bilingual(|l| text::material_alternative_not_named(pick(name, l), pick(&list, l))),
            );
            None
        }
        None => None,
    }
}

fn pick(text: &Text, lang: Lang) -> &str {
    text.get(lang)
}

/// Builds a text whose Chinese and English sides each use the name in
/// their own language.
fn bilingual(make: impl Fn(Lang) -> Text) -> Text {
    Text::new(make(Lang::ZhCn).zh, make(Lang::En).en)
}

/// The ways an applicant may provide material `index` of this item, in the
/// order a form offers them: upload, shared from government data, supply
/// later (容缺), commitment in lieu (告知承诺). `data` is the normalised
/// form data: in a merged bundle, the members that apply to it decide.
pub fn allowed_dispositions(item: &CompiledItem, index: usize, data: &Value) -> Vec<Disposition> {
    let material = &item.definition().materials[index];
    let applying = applying_members(item, data);
    let mut allowed = vec![Disposition::Provided];
    if material.is_shareable() {
        allowed.push(Disposition::Shared);
    }
    let placeholder = Text::new("", "");
    if refusal(item, &applying, index, &placeholder).is_none() {
        allowed.push(Disposition::Deferred);
    }
    if in_lieu_allowed(item, &applying, index) {
        allowed.push(Disposition::InLieu);
    }
    allowed
}

/// Why a chosen file cannot be uploaded for a material, checked before it
/// is read: its type is not among the material's `accept.types`, or it is
/// larger than `accept.max_size_bytes`. `mime` is the browser's type for
/// the file (empty when unknown: then only the size is checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadProblem {
    WrongType { accepted: Vec<String> },
    TooLarge { size: u64, limit: u64 },
}

impl UploadProblem {
    pub fn message(&self, file: &str) -> Text {
        match self {
            UploadProblem::WrongType { accepted } => {
                text::upload_wrong_type(file, &accepted.join(", "))
            }
            UploadProblem::TooLarge { size, limit } => text::upload_too_large(file, *size, *limit),
        }
    }
}

/// Checks a file against the material's `accept` limits.
pub fn check_upload(material: &Material, mime: &str, size: u64) -> Option<UploadProblem> {
    let accept = material.accept.as_ref()?;
    let types: Vec<String> = small_map::get(accept, "types")
        .and_then(Value::as_array)
        .map(|t| {
            t.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let matches = |pattern: &str| {
        pattern == mime
            || pattern
                .strip_suffix("/*")
                .is_some_and(|major| mime.split('/').next() == Some(major))
    };
    if !types.is_empty() && !mime.is_empty() && !types.iter().any(|t| matches(t)) {
        return Some(UploadProblem::WrongType { accepted: types });
    }
    let limit = small_map::get(accept, "max_size_bytes").and_then(Value::as_u64)?;
    (size > limit).then_some(UploadProblem::TooLarge { size, limit })
}

#[cfg(test)]
mod upload_tests {
    use super::*;

    #[test]
    fn uploads_are_checked_against_accept() {
        let item = CompiledItem::from_json(include_str!(
            "../../../schemas/items/food-business-licence.json"
        ))
        .unwrap();
        let plan = item.definition().material("floor-plan").unwrap();
        assert_eq!(check_upload(plan, "application/pdf", 1000), None);
        assert_eq!(check_upload(plan, "image/png", 1000), None);
        assert!(matches!(
            check_upload(plan, "application/zip", 1000),
            Some(UploadProblem::WrongType { .. })
        ));
        assert_eq!(
            check_upload(plan, "application/pdf", 10_485_761),
            Some(UploadProblem::TooLarge {
                size: 10_485_761,
                limit: 10_485_760
            })
        );
        let message = check_upload(plan, "application/zip", 1)
            .unwrap()
            .message("a.zip");
        assert!(message.zh.contains("application/pdf"), "{}", message.zh);
    }
}
