//! The follow-up rules on tables of cases: decisions, handed-in materials,
//! roles, reminders on the national calendar, and the timeliness report
//! against counts computed another way.

use time::Date;

use super::decision::{self, Decision, DecisionError};
use super::reminders::{self, ReminderKind};
use super::roles::{Action, Role};
use super::supplement::{self, Lateness, Review, SupplementError, SupplementState};
use super::timeliness::{self, ApplicationFacts, Deadline, Standing};
use crate::calendar::{WorkCalendar, parse_date};
use crate::ledger::{Due, Resolution};

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

#[test]
fn a_decision_is_final_dated_between_acceptance_and_today_and_reasoned_unless_approved() {
    use DecisionError as E;
    let (accepted, today) = (d("2026-11-02"), d("2026-11-20"));
    /// Current decision, new decision, reason, date, the expected refusal.
    type Case<'a> = (
        Option<Decision>,
        Decision,
        Option<&'a str>,
        &'a str,
        Option<E>,
    );
    let cases: &[Case<'_>] = &[
        (None, Decision::Approved, None, "2026-11-10", None),
        (None, Decision::Approved, None, "2026-11-02", None),
        (
            None,
            Decision::Refused,
            Some("不符合选址要求"),
            "2026-11-20",
            None,
        ),
        (
            Some(Decision::Approved),
            Decision::Refused,
            Some("x"),
            "2026-11-10",
            Some(E::AlreadyDecided(Decision::Approved)),
        ),
        (
            None,
            Decision::Approved,
            None,
            "2026-11-01",
            Some(E::BeforeAcceptance {
                accepted_on: d("2026-11-02"),
                decided_on: d("2026-11-01"),
            }),
        ),
        (
            None,
            Decision::Approved,
            None,
            "2026-11-21",
            Some(E::InTheFuture {
                decided_on: d("2026-11-21"),
                today: d("2026-11-20"),
            }),
        ),
        (
            None,
            Decision::Returned,
            Some("  "),
            "2026-11-10",
            Some(E::ReasonRequired(Decision::Returned)),
        ),
        (
            None,
            Decision::Withdrawn,
            None,
            "2026-11-10",
            Some(E::ReasonRequired(Decision::Withdrawn)),
        ),
    ];
    for (current, decision, reason, on, expected) in cases {
        let got = decision::check(*current, *decision, *reason, accepted, d(on), today);
        assert_eq!(got.err(), *expected, "{decision:?} on {on}");
    }
    for decision in Decision::ALL {
        assert_eq!(Decision::parse(decision.as_str()), Some(decision));
        assert_ne!(decision.label().zh, decision.label().en);
    }
}

#[test]
fn a_handed_in_material_is_reviewed_once_and_a_return_keeps_the_commitment_open() {
    use SupplementState as S;
    assert_eq!(supplement::may_hand_in(Resolution::Open, &[]), Ok(()));
    assert_eq!(
        supplement::may_hand_in(Resolution::Open, &[S::Returned, S::Returned]),
        Ok(()),
        "another try after each return"
    );
    assert_eq!(
        supplement::may_hand_in(Resolution::Open, &[S::Returned, S::Submitted]),
        Err(SupplementError::AwaitingReview)
    );
    assert_eq!(
        supplement::may_hand_in(Resolution::Fulfilled, &[S::Accepted]),
        Err(SupplementError::CommitmentClosed(Resolution::Fulfilled))
    );
    assert_eq!(
        supplement::may_hand_in(Resolution::Terminated, &[]),
        Err(SupplementError::CommitmentClosed(Resolution::Terminated))
    );
    assert_eq!(
        supplement::may_hand_in(Resolution::Open, &[S::Returned, S::Accepted]),
        Err(SupplementError::MaterialAccepted),
        "an accepted material while another of the commitment is still due"
    );
    // One commitment names every deferred material: kept when all arrived.
    assert_eq!(
        supplement::commitment_resolution(&[vec![S::Accepted], vec![S::Returned, S::Submitted]]),
        Resolution::Open
    );
    assert_eq!(
        supplement::commitment_resolution(&[vec![S::Returned, S::Accepted], vec![S::Accepted]]),
        Resolution::Fulfilled
    );
    assert_eq!(supplement::commitment_resolution(&[]), Resolution::Open);

    assert_eq!(
        supplement::review(S::Submitted, &Review::Accept),
        Ok((S::Accepted, Resolution::Fulfilled))
    );
    assert_eq!(
        supplement::review(
            S::Submitted,
            &Review::Return {
                reason: "平面图未标注排水设施"
            }
        ),
        Ok((S::Returned, Resolution::Open))
    );
    assert_eq!(
        supplement::review(S::Submitted, &Review::Return { reason: " " }),
        Err(SupplementError::ReasonRequired)
    );
    assert_eq!(
        supplement::review(S::Accepted, &Review::Accept),
        Err(SupplementError::AlreadyReviewed(S::Accepted))
    );

    let due = Due::On(d("2026-11-20"));
    assert_eq!(supplement::lateness(due, d("2026-11-20")), Lateness::OnTime);
    assert_eq!(supplement::lateness(due, d("2026-11-21")), Lateness::Late);
    assert_eq!(
        supplement::lateness(Due::Pending, d("2026-11-21")),
        Lateness::Undetermined
    );
    assert_eq!(
        supplement::lateness(Due::NotApplicable, d("2027-06-01")),
        Lateness::OnTime
    );
    for lateness in [Lateness::OnTime, Lateness::Late, Lateness::Undetermined] {
        assert_eq!(Lateness::parse(lateness.as_str()), Some(lateness));
        assert_eq!(
            serde_json::to_value(lateness).unwrap(),
            lateness.as_str(),
            "the wire name is the serde name"
        );
    }
}

#[test]
fn supervision_reads_and_exports_only_and_only_review_decides() {
    let expected = |role: Role, action: Action| match (role, action) {
        (_, Action::Read | Action::Export) => true,
        (Role::Supervision, _) => false,
        (Role::Intake, Action::Decide) => false,
        _ => true,
    };
    for role in Role::ALL {
        assert_eq!(Role::parse(role.as_str()), Some(role));
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
            assert_eq!(
                role.permits(action),
                expected(role, action),
                "{role:?} {action:?}"
            );
        }
    }
}

#[test]
fn reminders_come_once_n_working_days_ahead_and_on_the_first_overdue_day() {
    let calendar = WorkCalendar::national();
    // Friday 2026-11-20; three working days' notice.
    let due = Due::On(d("2026-11-20"));
    let on = |today: &str| {
        reminders::due_on(
            "commitment:7",
            due,
            Resolution::Open,
            d(today),
            &calendar,
            3,
        )
    };
    assert!(on("2026-11-16").is_empty(), "four working days left");
    let first = on("2026-11-17");
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].kind, ReminderKind::DueIn);
    assert_eq!(first[0].working_days_left, Some(3));
    assert_eq!(first[0].key, "commitment:7:due_in");
    assert_eq!(
        on("2026-11-19")[0].key,
        first[0].key,
        "the same key every day"
    );
    assert_eq!(on("2026-11-20")[0].working_days_left, Some(0));
    assert!(
        on("2026-11-21").is_empty(),
        "the weekend after is not overdue yet"
    );
    let overdue = on("2026-11-23");
    assert_eq!(overdue[0].kind, ReminderKind::Overdue);
    assert_eq!(overdue[0].key, "commitment:7:overdue");
    assert_eq!(on("2026-12-01")[0].key, overdue[0].key);

    // Across the National Day holiday: 2026-10-01..07 are off, so from
    // 2026-09-29 the 9th of October is more than three working days away.
    let after_holiday = Due::On(d("2026-10-09"));
    let r = |today: &str| {
        reminders::due_on("c", after_holiday, Resolution::Open, d(today), &calendar, 3)
    };
    assert_eq!(
        r("2026-09-29")[0].working_days_left,
        Some(3),
        "30th, 8th, 9th"
    );

    for closed in [Resolution::Fulfilled, Resolution::Terminated] {
        assert!(reminders::due_on("c", due, closed, d("2026-11-23"), &calendar, 3).is_empty());
    }
    assert!(
        reminders::due_on(
            "c",
            Due::Pending,
            Resolution::Open,
            d("2026-12-30"),
            &calendar,
            3
        )
        .is_empty()
    );
    // Days left that run into 2027, whose holidays are not loaded: no guess.
    assert!(
        reminders::due_on(
            "c",
            Due::On(d("2027-01-06")),
            Resolution::Open,
            d("2026-12-31"),
            &calendar,
            3
        )
        .is_empty()
    );
    assert_eq!(
        reminders::event_key("commitment:7", ReminderKind::MaterialReturned, "upload:3"),
        "commitment:7:material_returned:upload:3"
    );
}

/// A seeded set of applications; the report's counts must equal the ones
/// computed here another way (working days counted with
/// `working_days_between`, not the ledger's rules).
#[test]
fn the_timeliness_report_matches_counts_computed_independently() {
    let calendar = WorkCalendar::national();
    let today = d("2026-11-30");
    let mut seed: u64 = 20_261_206;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    let mut applications = Vec::new();
    for i in 0..120 {
        let item_code = [
            "11440100MB2C92734E4000117001",
            "11440100MB2C92734E4000117002",
        ][next(2) as usize]
            .to_owned();
        let accepted_on = d("2026-09-01") + time::Duration::days(next(85) as i64);
        let promised_days = [5, 10, 15][next(3) as usize];
        let promised = calendar
            .add_working_days(accepted_on, promised_days)
            .unwrap();
        let statutory = calendar.add_working_days(accepted_on, 20).unwrap();
        let decision = match next(3) {
            0 => None,
            _ => {
                let decided_on = accepted_on + time::Duration::days(next(40) as i64);
                (decided_on <= today).then_some((Decision::Approved, decided_on))
            }
        };
        applications.push(ApplicationFacts {
            receipt: format!("R{i:04}"),
            item_code,
            accepted_on,
            promised: Deadline::On(promised),
            statutory: Deadline::On(statutory),
            decision,
        });
    }
    let (from, to) = (d("2026-09-01"), d("2026-11-15"));
    let report = timeliness::report(&applications, from, to, today, &calendar);

    for line in &report.items {
        let mine: Vec<&ApplicationFacts> = applications
            .iter()
            .filter(|a| {
                a.item_code == line.item_code && a.accepted_on >= from && a.accepted_on <= to
            })
            .collect();
        assert_eq!(line.accepted as usize, mine.len());
        let Deadline::On(_) = mine[0].promised else {
            unreachable!()
        };
        let (mut in_time, mut late, mut overdue, mut open_other) = (0, 0, 0, 0);
        for a in &mine {
            let Deadline::On(due) = a.promised else {
                unreachable!()
            };
            match a.decision {
                Some((_, on)) if on <= due => in_time += 1,
                Some(_) => late += 1,
                None if today > due && calendar.working_days_between(due, today).unwrap() >= 1 => {
                    overdue += 1
                }
                None => open_other += 1,
            }
        }
        let p = &line.promised;
        assert_eq!(p.decided_in_time, in_time, "{}", line.item_code);
        assert_eq!(p.decided_late, late, "{}", line.item_code);
        assert_eq!(p.overdue, overdue, "{}", line.item_code);
        assert_eq!(p.on_track + p.due_soon, open_other, "{}", line.item_code);
        assert_eq!(p.late.len() as u32, late);
        assert_eq!(p.overdue_receipts.len() as u32, overdue);
        assert_eq!(p.due_soon_receipts.len() as u32, p.due_soon);
        assert_eq!(line.decided, in_time + late);
        assert!(
            in_time > 0 && late > 0 && overdue > 0,
            "the seed covers every case"
        );
    }
    assert_eq!(report.items.len(), 2);
    assert_eq!(
        report.items.iter().map(|i| i.accepted).sum::<u32>() as usize,
        applications
            .iter()
            .filter(|a| a.accepted_on >= from && a.accepted_on <= to)
            .count()
    );
}

#[test]
fn a_pending_deadline_is_settled_by_the_working_days_used_or_left_undetermined() {
    let calendar = WorkCalendar::national();
    let facts = |decided: Option<&str>| ApplicationFacts {
        receipt: "R1".into(),
        item_code: "X".into(),
        accepted_on: d("2026-12-28"),
        promised: Deadline::Pending { working_days: 10 },
        statutory: Deadline::None,
        decision: decided.map(|on| (Decision::Approved, d(on))),
    };
    let standing = |f: &ApplicationFacts, today: &str| {
        timeliness::standing(f, f.promised, d(today), &calendar)
    };
    // Decided on the 30th: two working days used of ten, whatever 2027 holds.
    assert_eq!(
        standing(&facts(Some("2026-12-30")), "2026-12-30"),
        Standing::DecidedInTime
    );
    // Decided in January: the count runs into 2027, not loaded.
    assert_eq!(
        standing(&facts(Some("2027-01-20")), "2027-01-20"),
        Standing::Undetermined
    );
    assert_eq!(standing(&facts(None), "2026-12-30"), Standing::Undetermined);
    assert_eq!(
        timeliness::standing(&facts(None), Deadline::None, d("2026-12-30"), &calendar),
        Standing::NoLimit
    );
}

#[test]
fn the_timeliness_table_has_a_heading_per_column_and_a_row_per_item() {
    let calendar = WorkCalendar::national();
    let facts = |receipt: &str, code: &str, decided: Option<&str>| ApplicationFacts {
        receipt: receipt.to_owned(),
        item_code: code.to_owned(),
        accepted_on: d("2026-11-02"),
        promised: Deadline::On(d("2026-11-09")),
        statutory: Deadline::None,
        decision: decided.map(|on| (Decision::Approved, d(on))),
    };
    let applications = [
        facts("R1", "B", Some("2026-11-12")),
        facts("R2", "B", None),
        facts("R3", "A", Some("2026-11-05")),
    ];
    let report = timeliness::report(
        &applications,
        d("2026-11-01"),
        d("2026-11-30"),
        d("2026-11-30"),
        &calendar,
    );
    for lang in [crate::Lang::ZhCn, crate::Lang::En] {
        let table = timeliness::table(&report, lang);
        assert_eq!(table.len(), 3, "a header and one row per item");
        let header: std::collections::BTreeSet<&String> = table[0].iter().collect();
        assert_eq!(
            header.len(),
            timeliness::COLUMNS.len(),
            "headings differ: {:?}",
            table[0]
        );
        assert!(
            table
                .iter()
                .all(|row| row.len() == timeliness::COLUMNS.len())
        );
        let cell = |row: usize, column: &str| {
            let i = timeliness::COLUMNS
                .iter()
                .position(|c| *c == column)
                .unwrap();
            table[row][i].clone()
        };
        assert_eq!(cell(1, "item_code"), "A");
        assert_eq!(cell(2, "accepted"), "2");
        assert_eq!(cell(2, "decided"), "1");
        assert_eq!(cell(2, "promised.decided_late"), "1");
        assert_eq!(cell(2, "promised.overdue"), "1");
        assert_eq!(cell(2, "promised.late"), "R1");
        assert_eq!(cell(2, "promised.overdue_receipts"), "R2");
        assert_eq!(cell(2, "statutory.no_limit"), "2");
    }
    assert_eq!(
        timeliness::table(&report, crate::Lang::ZhCn)[0][3],
        "承诺时限内办结"
    );
}

/// A deferral of two drivers' licences (one per-item material) is followed
/// up entry by entry: each covered entry has its own key, the one the
/// stored commitment gives back, so an accepted supplement for 周敏's
/// licence (entry 2) leaves 李四's (entry 1) owed and the commitment open.
#[test]
fn a_supplement_for_one_entry_of_a_per_item_material_satisfies_that_entry_only() {
    let item = crate::CompiledItem::from_json(include_str!(
        "../../../../tests/fixtures/kinds/per-item-deferral/item.json"
    ))
    .unwrap();
    let submission: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../tests/fixtures/kinds/per-item-deferral/cases/deferred-both-licences-count-once.json"
    ))
    .unwrap();
    let report = item
        .validate(
            &submission,
            &crate::ValidationContext::new(crate::Lang::ZhCn),
        )
        .unwrap();
    let deferral = &report.commitments[0];
    // As the server stores and reads back the ledger's list.
    let stored = serde_json::to_string(&deferral.materials).unwrap();
    let covered: Vec<crate::commitment::CommittedMaterial> = serde_json::from_str(&stored).unwrap();
    let keys: Vec<String> = covered.iter().map(|m| m.key()).collect();
    assert_eq!(
        keys,
        ["driving-licence/entries/0", "driving-licence/entries/1"]
    );
    let names: Vec<&str> = covered.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "拟聘用驾驶员 › 第1项（李四） › 机动车驾驶证",
            "拟聘用驾驶员 › 第2项（周敏） › 机动车驾驶证"
        ]
    );
    let uploads = [("driving-licence/entries/1", SupplementState::Accepted)];
    let per_key = |key: &str| -> Vec<SupplementState> {
        uploads
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, s)| *s)
            .collect()
    };
    assert_eq!(
        supplement::may_hand_in(Resolution::Open, &per_key(&keys[0])),
        Ok(()),
        "李四's licence is still owed"
    );
    assert_eq!(
        supplement::may_hand_in(Resolution::Open, &per_key(&keys[1])),
        Err(SupplementError::MaterialAccepted)
    );
    let per_material: Vec<Vec<SupplementState>> = keys.iter().map(|k| per_key(k)).collect();
    assert_eq!(
        supplement::commitment_resolution(&per_material),
        Resolution::Open
    );
    // A material given once keeps its id as its key.
    let whole = crate::commitment::CommittedMaterial {
        id: "articles".into(),
        name: "企业章程".into(),
        place: None,
    };
    assert_eq!(whole.key(), "articles");
    assert_eq!(
        serde_json::to_string(&whole).unwrap(),
        r#"{"id":"articles","name":"企业章程"}"#
    );
}
