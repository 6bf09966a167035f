//! The reference server's answers to failed requests (`banli-server`'s
//! `AppError`): `message` and `message_en` of its JSON error body.

use super::Text;

/// The request body cannot be used; `reason` says why (from the JSON
/// reader's words or one of the texts below).
pub fn bad_request(reason: &Text) -> Text {
    Text::new(
        format!("请求内容无法使用：{}", reason.zh),
        format!("The request body cannot be used: {}", reason.en),
    )
}

/// The body of a 404 for a file (a page, a script, a schema) not served.
pub fn file_not_found() -> Text {
    Text::new("未找到此文件：请检查地址", "Not found: check the address")
}

pub fn body_unreadable() -> Text {
    Text::new(
        "请求内容未能完整接收",
        "the request body could not be received",
    )
}

pub fn body_not_utf8() -> Text {
    Text::new(
        "请求内容不是 UTF-8 编码的文本",
        "the request body is not UTF-8 text",
    )
}

pub fn envelope_names_no_item() -> Text {
    Text::new(
        "申请须在 item.code 和 item.version 中写明事项编码和版本（字符串）",
        "the envelope needs item.code and item.version (strings)",
    )
}

pub fn invalid_parameter(name: &str, detail: &Text) -> Text {
    Text::new(
        format!("参数 {name} 无效：{}", detail.zh),
        format!("Parameter {name} is invalid: {}", detail.en),
    )
}

pub fn payload_too_large() -> Text {
    Text::new("请求内容过大", "The request body is too large")
}

pub fn unauthorized() -> Text {
    Text::new(
        "需要有效的工作人员令牌",
        "A valid official's bearer token is required",
    )
}

pub fn application_not_found() -> Text {
    Text::new(
        "未找到该受理编号对应的申请，或访问令牌不正确",
        "No application with this receipt number for this access token",
    )
}

pub fn commitment_not_found() -> Text {
    Text::new("未找到该承诺", "No such commitment")
}

/// `version` when one was asked for.
pub fn item_not_found(code: &str, version: Option<&str>) -> Text {
    match version {
        Some(version) => Text::new(
            format!("未找到事项 {code}（版本 {version}）"),
            format!("No item {code} (version {version})"),
        ),
        None => Text::new(format!("未找到事项 {code}"), format!("No item {code}")),
    }
}

/// A bundle's code where an item's was expected.
pub fn item_is_a_bundle(code: &str) -> Text {
    Text::new(
        format!(
            "{code} 是一件事（一件事一次办）的编码，不是事项：一件事的申请经 /api/bundle-applications 校验和受理"
        ),
        format!(
            "{code} is a bundle (一件事), not an item: a bundle's application is checked and filed through /api/bundle-applications"
        ),
    )
}

/// `version` when one was asked for.
pub fn bundle_not_found(code: &str, version: Option<&str>) -> Text {
    match version {
        Some(version) => Text::new(
            format!("未找到一件事 {code}（版本 {version}）"),
            format!("No bundle (一件事) {code} (version {version})"),
        ),
        None => Text::new(
            format!("未找到一件事 {code}"),
            format!("No bundle (一件事) {code}"),
        ),
    }
}

/// `fulfilled` says whether the commitment was fulfilled (else terminated).
pub fn already_resolved(fulfilled: bool) -> Text {
    if fulfilled {
        Text::new(
            "该承诺已履行，不能再次处理",
            "The commitment is already fulfilled",
        )
    } else {
        Text::new(
            "该承诺已终止，不能再次处理",
            "The commitment is already terminated",
        )
    }
}

pub fn idempotency_conflict() -> Text {
    Text::new(
        "该幂等键已用于另一份不同的申请",
        "This idempotency key was already used for a different submission",
    )
}

pub fn invalid_submission() -> Text {
    Text::new(
        "申请未通过校验，请按报告逐项修改",
        "The submission is invalid; the report lists every problem",
    )
}

pub fn too_many_requests(retry_after_secs: u64) -> Text {
    Text::new(
        format!("提交过于频繁，请 {retry_after_secs} 秒后再试"),
        format!("Too many submissions; please try again in {retry_after_secs} s"),
    )
}

pub fn timeout() -> Text {
    Text::new(
        "请求超时，请重试",
        "The request timed out; please try again",
    )
}

pub fn not_found() -> Text {
    Text::new("未找到", "Not found")
}

pub fn method_not_allowed() -> Text {
    Text::new("不支持该请求方法", "Method not allowed")
}

pub fn internal() -> Text {
    Text::new(
        "服务器内部错误，请稍后重试",
        "Internal server error; please try again later",
    )
}

// ---- Officials one by one (issue 20) ----------------------------------------

/// A role (its label) may not do an action (its label).
pub fn forbidden(role: &Text, action: &Text) -> Text {
    Text::new(
        format!("“{}”岗位无权执行“{}”", role.zh, action.zh),
        format!("The {} role may not do this ({})", role.en, action.en),
    )
}

pub fn csrf_rejected() -> Text {
    Text::new(
        "缺少或不正确的 X-CSRF-Token 请求头，请重新登录后再试",
        "The X-CSRF-Token header is missing or wrong; please log in again",
    )
}

pub fn login_failed() -> Text {
    Text::new("用户名或密码不正确", "Wrong login or password")
}

pub fn official_login_taken(login: &str) -> Text {
    Text::new(
        format!("账号 {login} 已存在"),
        format!("the login {login} is taken"),
    )
}

pub fn password_too_short(min_chars: usize) -> Text {
    Text::new(
        format!("密码至少须有 {min_chars} 个字符"),
        format!("the password needs at least {min_chars} characters"),
    )
}

pub fn official_blank() -> Text {
    Text::new(
        "账号和姓名不能为空",
        "the login and the name must not be blank",
    )
}

pub fn password_unreadable(source: &str) -> Text {
    Text::new(
        format!("无法读取密码（{source}）"),
        format!("cannot read the password ({source})"),
    )
}

/// `officials add` succeeded.
pub fn official_added(login: &str, role: &Text) -> Text {
    Text::new(
        format!("已添加工作人员账号 {login}（{}）", role.zh),
        format!("added the official {login} ({})", role.en),
    )
}

// ---- 补交, review and decisions (issue 20) ----------------------------------

/// The material is not a deferred material of this application.
pub fn material_not_deferred(material: &str) -> Text {
    Text::new(
        format!("材料 {material} 不是该申请的容缺材料，无需补交"),
        format!("{material} is not a deferred material of this application"),
    )
}

pub fn supplement_not_found() -> Text {
    Text::new("未找到该补交材料", "No such handed-in material")
}

/// A 补交 upload refused (the file reference, or the material's limits).
pub fn upload_refused(reason: &Text) -> Text {
    Text::new(
        format!("补交材料无法接收：{}", reason.zh),
        format!("The material cannot be taken: {}", reason.en),
    )
}

/// Another request changed the same thing first (two officials, two instances).
pub fn changed_meanwhile() -> Text {
    Text::new(
        "该记录刚被他人处理，请刷新后查看",
        "Someone else changed this just now; please reload",
    )
}

// ---- Operators: start-up and configuration --------------------------------

pub fn dev_token(token: &str) -> Text {
    Text::new(
        "开发模式：工作人员令牌",
        format!("dev mode, officials' bearer token: {token}"),
    )
}

/// A bundle's member that the server's item catalogue does not hold.
pub fn bundle_member_not_in_catalogue(key: &str, code: &str, version: &str) -> Text {
    Text::new(
        format!("一件事的成员事项“{key}”（{code}，版本 {version}）不在事项目录中"),
        format!(
            "the bundle member “{key}” ({code}, version {version}) is not in the item catalogue"
        ),
    )
}

/// Two bundle files with one code (one version per bundle is served).
/// Two files define one code and version (of an item or a bundle).
pub fn version_twice(code: &str, version: &str, first_file: &str) -> Text {
    Text::new(
        format!("编码 {code} 的 {version} 版已由 {first_file} 定义"),
        format!("version {version} of the code {code} is already defined by {first_file}"),
    )
}

pub fn calendar_file_unreadable(path: &str) -> Text {
    Text::new(
        "无法读取日历文件",
        format!("cannot read the calendar file {path}"),
    )
}

pub fn calendar_dir_unreadable(path: &str) -> Text {
    Text::new(
        "无法读取日历目录",
        format!("cannot list the calendar directory {path}"),
    )
}

pub fn calendars_do_not_load() -> Text {
    Text::new("日历文件无法载入", "calendar files do not load:")
}

/// A `--webhook-url` that is not a plain-HTTP URL with a host.
pub fn webhook_url_invalid(value: &str) -> Text {
    Text::new(
        format!(
            "“{value}” 不是有效的通知地址（应为 http://主机[:端口]/路径；HTTPS 请经本机代理转发）"
        ),
        format!(
            "“{value}” is not a valid webhook URL (expected http://host[:port]/path; send HTTPS through a local proxy)"
        ),
    )
}

/// An `--allow-origin` value that is not an origin, and why.
pub fn origin_invalid(value: &str, problem: Text) -> Text {
    Text::new(
        format!(
            "“{value}” 不是有效的来源（应为 scheme://host[:port]，如 https://portal.example.gov.cn）：{}",
            problem.zh
        ),
        format!(
            "“{value}” is not a valid origin (expected scheme://host[:port], e.g. https://portal.example.gov.cn): {}",
            problem.en
        ),
    )
}

pub fn origin_wildcard() -> Text {
    Text::new(
        "不支持通配符 *，请逐个列出允许的来源",
        "the wildcard * is not supported; list each allowed origin",
    )
}

pub fn origin_no_scheme() -> Text {
    Text::new("缺少 scheme://", "scheme:// is missing")
}

pub fn origin_scheme() -> Text {
    Text::new(
        "协议只能是 http 或 https",
        "the scheme must be http or https",
    )
}

pub fn origin_has_path() -> Text {
    Text::new(
        "来源不含路径、查询、片段或用户名（末尾也不加 /）",
        "an origin has no path, query, fragment or user name (not even a trailing /)",
    )
}

pub fn origin_not_ascii() -> Text {
    Text::new(
        "中文域名请写成 Punycode 形式（xn--…），与浏览器发送的 Origin 一致",
        "write an internationalised domain name in Punycode (xn--…), as browsers send it in Origin",
    )
}

pub fn origin_ipv6_unclosed() -> Text {
    Text::new("IPv6 地址缺少 ]", "the IPv6 address lacks ]")
}

pub fn origin_ipv6_invalid() -> Text {
    Text::new("IPv6 地址无效", "the IPv6 address is invalid")
}

pub fn origin_after_ipv6() -> Text {
    Text::new("] 之后只能是 :端口", "only :port may follow ]")
}

pub fn origin_host() -> Text {
    Text::new("主机名无效", "the host name is invalid")
}

pub fn origin_port() -> Text {
    Text::new("端口应为 1–65535", "the port must be 1–65535")
}

/// Why a parameter is invalid (the `detail` of [`invalid_parameter`]): a
/// value that is not one of `choices` (`a | b | c`).
pub fn not_one_of(given: &str, choices: &str) -> Text {
    Text::new(
        format!("“{given}”（可选 {choices}）"),
        format!("“{given}” ({choices})"),
    )
}

pub fn characters_between(min: usize, max: usize) -> Text {
    Text::new(
        format!("应为 {min} 至 {max} 个字符"),
        format!("{min} to {max} characters"),
    )
}

pub fn characters_at_most(max: usize) -> Text {
    Text::new(
        format!("最多 {max} 个字符"),
        format!("at most {max} characters"),
    )
}

pub fn visible_ascii_between(min: usize, max: usize) -> Text {
    Text::new(
        format!("应为 {min} 至 {max} 个可见 ASCII 字符"),
        format!("{min} to {max} visible ASCII characters"),
    )
}

pub fn hexadecimal_digits(count: usize) -> Text {
    Text::new(
        format!("应为 {count} 位十六进制数字"),
        format!("{count} hexadecimal digits"),
    )
}

pub fn media_type_expected() -> Text {
    Text::new(
        "应为媒体类型，例如 application/pdf",
        "a media type such as application/pdf",
    )
}

/// A range whose end (`to`) comes before its start (`from`), `YYYY-MM-DD`.
pub fn to_before_from(to: &str, from: &str) -> Text {
    Text::new(
        format!("{to} 早于 from 的 {from}"),
        format!("{to} is before from {from}"),
    )
}
