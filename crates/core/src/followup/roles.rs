//! Who may do what in the office's follow-up (one account per official,
//! each with one role). The roles are the three desks of a government
//! service hall that touch an application after it is accepted:
//!
//! | action | 窗口受理 intake | 审核 review | 督办 supervision |
//! | --- | --- | --- | --- |
//! | read the ledger, applications, audit log | yes | yes | yes |
//! | accept or return a handed-in material | yes | yes | no |
//! | terminate a commitment (退办) | yes | yes | no |
//! | record the decision | no | yes | no |
//! | export CSV | yes | yes | yes |
//!
//! Supervision (督办) follows deadlines across the office and changes
//! nothing; an export is a read, and is recorded in the audit log like
//! every action.

use serde::{Deserialize, Serialize};

use crate::messages::{Text, followup as text};

/// An official's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 窗口受理: the window that receives applications and materials.
    Intake,
    /// 审核: reviews and decides.
    Review,
    /// 督办: supervises deadlines; reads only.
    Supervision,
}

/// What an official does, as the audit log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Read,
    AcceptMaterial,
    ReturnMaterial,
    Terminate,
    Decide,
    Export,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Intake, Role::Review, Role::Supervision];

    /// The wire name (`intake`, `review`, `supervision`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Intake => "intake",
            Role::Review => "review",
            Role::Supervision => "supervision",
        }
    }

    /// The role with the wire name `s`, if any.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// 窗口受理 / Intake, …
    pub fn label(self) -> Text {
        text::role(self.as_str())
    }

    /// Whether this role may do `action` (the table in the module docs).
    pub fn permits(self, action: Action) -> bool {
        use Action as A;
        match self {
            Role::Review => true,
            Role::Intake => action != A::Decide,
            Role::Supervision => matches!(action, A::Read | A::Export),
        }
    }
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::Read,
        Action::AcceptMaterial,
        Action::ReturnMaterial,
        Action::Terminate,
        Action::Decide,
        Action::Export,
    ];

    /// The wire name (`accept_material`, …), as the audit log stores it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::AcceptMaterial => "accept_material",
            Action::ReturnMaterial => "return_material",
            Action::Terminate => "terminate",
            Action::Decide => "decide",
            Action::Export => "export",
        }
    }

    /// The action with the wire name `s`, if any.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// 接收补交材料 / Accepted a material, … (the audit log's words).
    pub fn label(self) -> Text {
        text::action(self.as_str())
    }
}
