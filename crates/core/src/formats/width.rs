//! Full-width forms as people's input methods type them. A Chinese input
//! method gives full-width digits and punctuation (１２．５, ０９：３０); they
//! are the same characters, so every place that reads typed numbers or
//! times folds them first, through this one function.

/// Full-width ASCII (U+FF01–U+FF5E) as ASCII and the ideographic space
/// (U+3000) as a space; every other character as it is.
pub fn fold(typed: &str) -> String {
    typed
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn full_width_digits_and_punctuation_fold_to_ascii() {
        assert_eq!(super::fold("１２．５"), "12.5");
        assert_eq!(super::fold("０９：３０\u{3000}"), "09:30 ");
        assert_eq!(super::fold("张三－３"), "张三-3");
    }
}
