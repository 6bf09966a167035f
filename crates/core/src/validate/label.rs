//! A field's label path ("经营者信息 › 身份证号码"): the titles along its
//! place, for report errors and for the widget's summaries.

use serde_json::Value;

use crate::messages::{Lang, validation as text};
use crate::pointer::Segment;
use crate::schema::FieldInfo;

/// The titles along the path, joined with " › ". Array items are "第N项";
/// a place without a title is named by its key.
pub fn label_path(path: &[Segment], trail: &[FieldInfo<'_>], data: &Value, lang: Lang) -> String {
    let mut parts = Vec::with_capacity(path.len());
    let mut current = Some(data);
    for (segment, info) in path.iter().zip(trail) {
        let is_array_item = matches!(
            (segment, current),
            (Segment::Index(_), Some(Value::Array(_)))
        );
        let part = match info.text("title", lang) {
            Some(title) if !is_array_item => title.to_owned(),
            _ => match segment {
                Segment::Index(i) if is_array_item || current.is_none() => {
                    text::array_item(i + 1).get(lang).to_owned()
                }
                other => other.as_key().into_owned(),
            },
        };
        parts.push(part);
        current = current.and_then(|c| match segment {
            Segment::Index(i) if c.is_array() => c.get(*i),
            other => c.get(other.as_key().as_ref()),
        });
    }
    if parts.is_empty() {
        return text::whole_form().get(lang).to_owned();
    }
    parts.join(text::LABEL_SEPARATOR)
}
