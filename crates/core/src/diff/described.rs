//! Changes to the descriptive keys of issue 18. They change what the guide
//! tells people, not what a draft holds, so they are compatible, with two
//! exceptions that take something away from applicants who already
//! started: a material that is no longer generated from the form (it must
//! now be uploaded) and a channel that is withdrawn (an online draft can no
//! longer be sent online).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{Change, ChangeKind};
use crate::definition::{ItemDefinition, Material};
use crate::messages::diff as text;

fn json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Appends the changes to the descriptive keys from `old` to `new`.
pub fn compare(old: &ItemDefinition, new: &ItemDefinition, changes: &mut Vec<Change>) {
    let elements: [(&str, Value, Value); 14] = [
        (
            "/handling_body",
            json(&old.handling_body),
            json(&new.handling_body),
        ),
        ("/applicants", json(&old.applicants), json(&new.applicants)),
        ("/results", json(&old.results), json(&new.results)),
        ("/process", json(&old.process), json(&new.process)),
        ("/offices", json(&old.offices), json(&new.offices)),
        ("/contacts", json(&old.contacts), json(&new.contacts)),
        (
            "/online_services",
            json(&old.online_services),
            json(&new.online_services),
        ),
        (
            "/related_items",
            json(&old.related_items),
            json(&new.related_items),
        ),
        ("/faq", json(&old.faq), json(&new.faq)),
        ("/remedies", json(&old.remedies), json(&new.remedies)),
        ("/validity", json(&old.validity), json(&new.validity)),
        ("/variants", json(&old.variants), json(&new.variants)),
        (
            "/time_limits/special_procedures",
            json(&old.time_limits.special_procedures),
            json(&new.time_limits.special_procedures),
        ),
        (
            "/fees/third_party_costs",
            json(&old.fees.third_party_costs),
            json(&new.fees.third_party_costs),
        ),
    ];
    for (path, before, after) in elements {
        if before != after {
            changes.push(Change {
                kind: ChangeKind::GuideChanged,
                path: path.into(),
                message: text::guide_changed(path),
            });
        }
    }
    for (which, before, after) in [
        (
            "statutory",
            &old.time_limits.statutory,
            &new.time_limits.statutory,
        ),
        (
            "promised",
            &old.time_limits.promised,
            &new.time_limits.promised,
        ),
    ] {
        if before != after {
            let path = format!("/time_limits/{which}");
            changes.push(Change {
                kind: ChangeKind::TimeLimitChanged,
                message: text::time_limit_changed(&path),
                path,
            });
        }
    }
    if old.visits != new.visits {
        changes.push(Change {
            kind: ChangeKind::GuideChanged,
            path: "/visits".into(),
            message: text::guide_changed("/visits"),
        });
    }
    members(old, new, changes);
    channels(old, new, changes);
    situations(old, new, changes);
    member_variants(old, new, changes);
    for material in &new.materials {
        if let Some(before) = old.material(&material.id) {
            material_details(before, material, changes);
        }
    }
}

/// A merged bundle's member (by key, in both versions) whose own results
/// or descriptive elements changed: its section of the bundle's guide
/// (`/members/<key>`) says something else.
fn members(old: &ItemDefinition, new: &ItemDefinition, changes: &mut Vec<Change>) {
    for member in &new.members {
        let Some(before) = old.members.iter().find(|m| m.key == member.key) else {
            continue;
        };
        if json(&(&before.results, &before.described))
            != json(&(&member.results, &member.described))
        {
            let path = format!("/members/{}", member.key);
            changes.push(Change {
                kind: ChangeKind::GuideChanged,
                message: text::guide_changed(&path),
                path,
            });
        }
    }
}

fn channels(old: &ItemDefinition, new: &ItemDefinition, changes: &mut Vec<Change>) {
    let kinds = |item: &ItemDefinition| -> Vec<String> {
        item.channels.iter().map(|c| c.kind.clone()).collect()
    };
    let (before, after) = (kinds(old), kinds(new));
    for kind in &before {
        // An item that lists no channels at all says nothing about them.
        if !after.is_empty() && !after.contains(kind) {
            changes.push(Change {
                kind: ChangeKind::ChannelRemoved,
                path: format!("/channels/{kind}"),
                message: text::channel_removed(kind),
            });
        }
    }
    for kind in &after {
        if !before.contains(kind) {
            changes.push(Change {
                kind: ChangeKind::ChannelAdded,
                path: format!("/channels/{kind}"),
                message: text::channel_added(kind),
            });
        }
    }
    let described = |item: &ItemDefinition| json(&item.channels);
    if before == after && described(old) != described(new) {
        changes.push(Change {
            kind: ChangeKind::GuideChanged,
            path: "/channels".into(),
            message: text::guide_changed("/channels"),
        });
    }
}

/// A situation whose wording changed (by id; in either language), or that
/// now chooses another variant: the guide and the applicant's checklist
/// say something else, even when the requirement it implies, compared
/// with the materials, is the same.
fn situations(old: &ItemDefinition, new: &ItemDefinition, changes: &mut Vec<Change>) {
    let wording = |item: &ItemDefinition| -> BTreeMap<String, Value> {
        item.situations
            .iter()
            .flat_map(|q| &q.cases)
            .map(|c| (c.id.clone(), json(&(&c.text, &c.i18n, &c.variant))))
            .collect()
    };
    let before = wording(old);
    for (id, after) in wording(new) {
        if before.get(&id).is_some_and(|b| *b != after) {
            let path = format!("/situations/{id}");
            changes.push(Change {
                kind: ChangeKind::GuideChanged,
                message: text::guide_changed(&path),
                path,
            });
        }
    }
}

/// In merged bundles: a member (by key, in both) whose variants
/// (业务办理项) or the situations choosing them changed, as `/variants`
/// is for an item: its code, limits or results in the report and the
/// review may now be others, but no draft loses anything.
fn member_variants(old: &ItemDefinition, new: &ItemDefinition, changes: &mut Vec<Change>) {
    for after in &new.members {
        let Some(before) = old.members.iter().find(|m| m.key == after.key) else {
            continue;
        };
        for (key, b, a) in [
            ("variants", json(&before.variants), json(&after.variants)),
            (
                "situations",
                json(&before.situations),
                json(&after.situations),
            ),
        ] {
            if b != a {
                let path = format!("/members/{}/{key}", after.key);
                changes.push(Change {
                    kind: ChangeKind::GuideChanged,
                    message: text::guide_changed(&path),
                    path,
                });
            }
        }
    }
}

fn material_details(before: &Material, after: &Material, changes: &mut Vec<Change>) {
    let path = format!("/materials/{}", after.id);
    let name = &after.name;
    match (before.generated, after.generated) {
        (true, false) => changes.push(Change {
            kind: ChangeKind::MaterialNoLongerGenerated,
            path: path.clone(),
            message: text::material_no_longer_generated(name),
        }),
        (false, true) => changes.push(Change {
            kind: ChangeKind::MaterialNowGenerated,
            path: path.clone(),
            message: text::material_now_generated(name),
        }),
        _ => {}
    }
    // By id: the envelope names an alternative by it.
    for gone in before
        .alternatives
        .iter()
        .filter(|a| after.alternative(&a.id).is_none())
    {
        changes.push(Change {
            kind: ChangeKind::AlternativeRemoved,
            path: format!("{path}/alternatives/{}", gone.id),
            message: text::alternative_removed(name, &gone.name),
        });
    }
    for added in after
        .alternatives
        .iter()
        .filter(|a| before.alternative(&a.id).is_none())
    {
        changes.push(Change {
            kind: ChangeKind::AlternativeAdded,
            path: format!("{path}/alternatives/{}", added.id),
            message: text::alternative_added(name, &added.name),
        });
    }
    match (&before.per_item, &after.per_item) {
        (None, Some(per_item)) => changes.push(Change {
            kind: ChangeKind::MaterialNowPerItem,
            path: format!("{path}/per_item"),
            message: text::material_now_per_item(name, &per_item.array),
        }),
        (Some(_), None) => changes.push(Change {
            kind: ChangeKind::MaterialNoLongerPerItem,
            path: format!("{path}/per_item"),
            message: text::material_no_longer_per_item(name),
        }),
        (Some(old), Some(new)) if old.array != new.array => changes.push(Change {
            kind: ChangeKind::PerItemArrayChanged,
            path: format!("{path}/per_item/array"),
            message: text::per_item_array_changed(name, &old.array, &new.array),
        }),
        _ => {}
    }
    // How entries are named and counted in words, between two per-item
    // versions: compatible (a change of `per_item` itself is above).
    let both_per_item = before.per_item.is_some() && after.per_item.is_some();
    let details = |m: &Material| {
        let per_item = m
            .per_item
            .as_ref()
            .filter(|_| both_per_item)
            .map(|p| (&p.entry_label, &p.each, &p.i18n));
        json(&(
            &m.issuer,
            &m.seal,
            &m.paper,
            &m.counts,
            m.source.as_str(),
            per_item,
        ))
    };
    if details(before) != details(after) {
        changes.push(Change {
            kind: ChangeKind::MaterialDetailsChanged,
            path,
            message: text::material_details_changed(name),
        });
    }
}
