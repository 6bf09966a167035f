//! JSON text that does not parse: the place and the reason, for every file
//! and submission banli reads.

use super::Text;

/// "not valid JSON (line L, column C): PROBLEM".
pub fn syntax(line: usize, column: usize, problem: &Text) -> Text {
    Text::new(
        format!("不是有效的 JSON（第{line}行第{column}列）：{}", problem.zh),
        format!(
            "not valid JSON (line {line}, column {column}): {}",
            problem.en
        ),
    )
}

/// A syntax problem in words, by its wire name (`json_text::SyntaxProblem::as_str`).
pub fn problem(wire: &str) -> Text {
    match wire {
        "unexpected_end" => Text::new(
            "内容在此意外结束，可能缺少右括号、右引号或值",
            "the text ends here; a closing bracket, quote or value is missing",
        ),
        "expected_colon" => Text::new(
            "键名之后应为冒号“:”",
            "a colon “:” is expected after the key",
        ),
        "expected_comma_or_bracket" => Text::new(
            "数组元素之间应为逗号“,”，或以“]”结束",
            "a comma “,” between elements or a closing “]” is expected",
        ),
        "expected_comma_or_brace" => Text::new(
            "成员之间应为逗号“,”，或以“}”结束",
            "a comma “,” between members or a closing “}” is expected",
        ),
        "expected_value" => Text::new(
            "此处应为一个值（字符串须加双引号；true、false、null 须小写）",
            "a value is expected here (strings need double quotes; true, false and null are lower case)",
        ),
        "expected_quote" => Text::new(
            "此处应为双引号“\"”开始的字符串",
            "a string starting with a double quote “\"” is expected",
        ),
        "invalid_escape" => Text::new(
            "字符串中的反斜杠转义无效（反斜杠本身须写作 \\\\）",
            "invalid backslash escape in a string (a backslash itself is written \\\\)",
        ),
        "invalid_number" => Text::new(
            "数字写法无效（不能有前导零、不能以小数点开头或结尾）",
            "invalid number (no leading zeros, no bare decimal point)",
        ),
        "number_out_of_range" => Text::new("数字超出可表示的范围", "the number is out of range"),
        "invalid_unicode" => Text::new(
            "字符串中的 \\u 转义不是有效的 Unicode 字符",
            "a \\u escape in a string is not a valid Unicode character",
        ),
        "control_character" => Text::new(
            "字符串中不能直接含换行或控制字符（换行须写作 \\n）",
            "a string cannot contain a raw line break or control character (write \\n)",
        ),
        "key_not_string" => Text::new(
            "对象的键名须用双引号括起",
            "an object's key must be in double quotes",
        ),
        "trailing_comma" => Text::new("最后一项之后多了逗号", "a comma follows the last entry"),
        "trailing_characters" => Text::new(
            "完整的 JSON 值之后还有多余内容",
            "more text follows the complete JSON value",
        ),
        "too_deep" => Text::new("嵌套层数过深", "nested too deeply"),
        _ => Text::new("语法错误", "syntax error"),
    }
}

/// "not valid JSON: PROBLEM", for a caller that shows the place itself
/// (`FILE:LINE:COLUMN: …`, as compilers do).
pub fn not_json(problem: &Text) -> Text {
    Text::new(
        format!("不是有效的 JSON：{}", problem.zh),
        format!("not valid JSON: {}", problem.en),
    )
}

/// JSON of another shape: a member the reader needs is absent.
pub fn missing_member(name: &str) -> Text {
    Text::new(
        format!("缺少必需的成员“{name}”"),
        format!("the required member “{name}” is missing"),
    )
}

/// JSON of another shape: a member the reader does not know.
pub fn unknown_member(name: &str) -> Text {
    Text::new(
        format!("不认识的成员“{name}”"),
        format!("unknown member “{name}”"),
    )
}

/// JSON of another shape: a value of the wrong type or an unknown value;
/// `expected` in the reader's terms ("a string"), English only, or empty.
pub fn wrong_value(expected: &str) -> Text {
    if expected.is_empty() {
        return other_shape();
    }
    Text::new(
        "某个值的类型或取值不符",
        format!("a value has the wrong type or value (expected {expected})"),
    )
}

pub fn other_shape() -> Text {
    Text::new(
        "内容的结构与要求不符",
        "the content does not have the expected structure",
    )
}
