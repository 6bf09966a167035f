//! The schema engine's side of validation (feature `engine`): the
//! compiled form judges the data, and its violations become report errors
//! with labels and messages, in document order.

use serde_json::Value;
use time::Date;

use super::{FormJudge, RequirementOf, dated, render};
use crate::definition::CompiledItem;
use crate::messages::Lang;
use crate::report::ReportError;
use crate::schema::{SchemaWalker, violation};

/// The engine linked in: the item's own compiled form.
impl FormJudge for CompiledItem {
    fn judge_form(&self, data: &Value, accepted_on: Option<Date>, lang: Lang) -> Vec<ReportError> {
        let walker = SchemaWalker::new(self.form());
        // Most submissions are valid: the yes/no pass is much cheaper than
        // collecting errors, so take it first.
        let mut violations = if self.validator().is_valid(data) {
            Vec::new()
        } else {
            violation::collect(self.validator(), self.form(), data)
        };
        if let Some(accepted_on) = accepted_on
            && self.has_dated_formats()
        {
            violations.extend(dated::violations(&walker, data, accepted_on));
        }
        if violations.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(Vec<u32>, ReportError)> = Vec::new();
        for v in violations {
            let path = v.pointer();
            if found
                .iter()
                .any(|(_, e)| e.path == path && e.code == v.code)
            {
                continue;
            }
            let order = walker.order_key(&v.path, data, self.step_order());
            let error = render::report_error(&walker, &v, data, lang);
            found.push((order, error));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found.into_iter().map(|(_, e)| e).collect()
    }

    fn requirement_holds(&self, requirement: RequirementOf, data: &Value) -> bool {
        self.requirement_holds_here(requirement, data)
    }
}
