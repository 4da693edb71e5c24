#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use lcs_core::Environment;
use lcs_core::bridge::answers::{self, AppInfo, NetType, PageOutcome, PublicUser};
use lcs_core::bridge::limits::PageLimits;
use lcs_core::bridge::policy::{H5Origin, OriginPolicy, OriginTier};
use lcs_core::bridge::protocol::{Call, Code, DataForm, Method, Reply, Takes, parse_request};
use lcs_core::bridge::{self, Admitted, admit};
use lcs_core::routes::{self, Params};
use serde_json::{Value, json};

/// The bridge's limits, written out so that a change of one in the code is noticed here.
const MAX_REQUEST_BYTES: usize = 64 * 1024;
const MAX_IN_FLIGHT: usize = 32;
const MAX_OPEN_PAGE: usize = 5;
const MAX_BROWSER_HANDOFFS: usize = 3;
const BROWSER_WINDOW: Duration = Duration::from_secs(10);
const MAX_TITLE_CHARS: usize = 60;

const TRUSTED: &str = "https://h5.example.com/page.html";
const PARTNER: &str = "https://partner.example.org/page.html";
const STRANGER: &str = "https://evil.example.net/page.html";

fn policy() -> OriginPolicy {
    let mut environment = Environment::preprod();
    environment.h5_origins = vec![
        H5Origin {
            origin: "https://h5.example.com".into(),
            tier: OriginTier::Trusted,
        },
        H5Origin {
            origin: "https://partner.example.org".into(),
            tier: OriginTier::Partner,
        },
    ];
    OriginPolicy::for_environment(&environment, None)
}

/// Admits `request` from `page` with fresh limits.
fn call(page: &str, request: &Value) -> Result<Admitted, Value> {
    let mut limits = PageLimits::new();
    admit(
        &policy(),
        page,
        &request.to_string(),
        &mut limits,
        Instant::now(),
    )
    .map_err(|refusal| refusal.into_wire())
}

/// The code of a refused request, read from its wire form (object or text).
fn refused(page: &str, request: &Value) -> (u64, Value) {
    let wire = call(page, request)
        .map(|a| format!("{:?}", a.call))
        .unwrap_err();
    let reply = match &wire {
        Value::String(text) => serde_json::from_str::<Value>(text).unwrap(),
        other => other.clone(),
    };
    (reply["code"].as_u64().unwrap(), wire)
}

#[test]
fn the_codes_are_distinct_and_stable() {
    let numbers: Vec<u16> = Code::ALL.iter().map(|code| code.number()).collect();
    assert_eq!(
        numbers,
        [
            0, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010
        ]
    );
    let messages: std::collections::HashSet<_> = Code::ALL.iter().map(|c| c.message()).collect();
    assert_eq!(messages.len(), Code::ALL.len());
}

#[test]
fn replies_are_code_msg_data_as_objects_or_as_text() {
    let reply = Reply::ok(json!({"loggedIn": true}));
    assert_eq!(
        reply.clone().into_wire(DataForm::Object),
        json!({"code": 0, "msg": "ok", "data": {"loggedIn": true}})
    );
    let Value::String(text) = reply.into_wire(DataForm::Text) else {
        panic!("not text");
    };
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json!({"code": 0, "msg": "ok", "data": {"loggedIn": true}})
    );
    for code in Code::ALL {
        let wire = Reply::from_code(code).into_wire(DataForm::Object);
        assert_eq!(wire["code"], code.number());
        assert_eq!(wire["msg"], code.message());
        assert_eq!(wire["data"], Value::Null);
    }
}

#[test]
fn open_page_takes_every_name_alias_as_object_or_text() {
    for key in ["packagename", "packageName", "pageName"] {
        let data = json!({key: "lcs.account.login"});
        for (sent, form) in [
            (data.clone(), DataForm::Object),
            (Value::String(data.to_string()), DataForm::Text),
        ] {
            let admitted = call(
                TRUSTED,
                &json!({"method": "openPage", "data": sent, "callbackId": "cb_1_1"}),
            )
            .unwrap();
            let Call::OpenPage(route) = &admitted.call else {
                panic!("not openPage");
            };
            assert_eq!(route.name, "lcs.account.login");
            assert_eq!(admitted.form, form, "{key}");
            assert_eq!(admitted.callback_id.as_deref(), Some("cb_1_1"));
            assert_eq!(admitted.tier, OriginTier::Trusted);
        }
    }
    // The phihome SDK: a JSON string with pageName and a null pageExtra.
    let data = json!({"pageName": "lcs.account.personinfo", "pageExtra": null}).to_string();
    let admitted = call(TRUSTED, &json!({"method": "openPage", "data": data})).unwrap();
    assert!(matches!(admitted.call, Call::OpenPage(ref r) if r.name == "lcs.account.personinfo"));
    // pageExtra as an object inside text, and as text inside text.
    let data = json!({"pageName": "lcs.address.edit", "pageExtra": "{\"id\":9}"}).to_string();
    let admitted = call(TRUSTED, &json!({"method": "openPage", "data": data})).unwrap();
    assert!(matches!(admitted.call, Call::OpenPage(ref r) if r.query["id"] == "9"));
}

#[test]
fn a_caller_that_sent_text_gets_text_back_even_when_refused() {
    let (code, wire) = refused(
        TRUSTED,
        &json!({"method": "openPage", "data": "{\"pageName\":\"lcs.nothing\"}"}),
    );
    assert_eq!(code, 1002);
    assert!(wire.is_string());
    let (code, wire) = refused(
        TRUSTED,
        &json!({"method": "openPage", "data": {"pageName": "lcs.nothing"}}),
    );
    assert_eq!(code, 1002);
    assert!(wire.is_object());
    let huge = "x".repeat(MAX_REQUEST_BYTES);
    let (code, wire) = refused(TRUSTED, &json!({"method": "toast", "data": huge}));
    assert_eq!(code, 1005);
    assert!(
        wire.is_string(),
        "even a request too large to read answers in its form"
    );
    let (code, wire) = refused(
        TRUSTED,
        &json!({"method": "toast", "data": {"message": huge}}),
    );
    assert_eq!(code, 1005);
    assert!(wire.is_object());
}

#[test]
fn every_refusal_has_its_own_code() {
    // 1001 unknown method: exact names only.
    for method in ["nope", "OpenPage", "openpage", "eval", "netRequest", ""] {
        assert_eq!(
            refused(TRUSTED, &json!({"method": method})).0,
            1001,
            "{method}"
        );
    }
    // 1002 unknown route.
    let (code, wire) = refused(
        TRUSTED,
        &json!({"method": "openPage", "data": {"packagename": "lcs.account.nothing"}}),
    );
    assert_eq!(code, 1002);
    assert_eq!(wire["msg"], "no page named \"lcs.account.nothing\"");
    // 1003 forbidden: no bridge for strangers; methods and routes by tier; lcs.web elsewhere.
    assert_eq!(refused(STRANGER, &json!({"method": "getAppInfo"})).0, 1003);
    assert_eq!(refused(PARTNER, &json!({"method": "getUserInfo"})).0, 1003);
    assert_eq!(
        refused(
            PARTNER,
            &json!({"method": "openPage", "data": {"pageName": "lcs.account.personinfo"}})
        )
        .0,
        1003
    );
    assert_eq!(refused(TRUSTED, &json!({"method": "openPage", "data": {"pageName": "lcs.web", "pageExtra": {"url": "https://evil.example.net/"}}})).0, 1003);
    // 1004 bad parameters.
    for request in [
        json!({"method": "openPage", "data": {"pageName": "lcs.address.edit", "pageExtra": {"id": "x"}}}),
        json!({"method": "openPage", "data": {"pageName": "lcs.home", "pageExtra": {"x": 1}}}),
        json!({"method": "openPage", "data": {}}),
        json!({"method": "openPage", "data": [1]}),
        json!({"method": "openPage", "data": "lcs.account.login"}),
        json!({"method": "toast"}),
        json!({"method": "toast", "data": {"message": 5}}),
        json!({"method": "toast", "data": {"message": "hi", "color": "red"}}),
        json!({"method": "toast", "data": "字".repeat(201)}),
        json!({"method": "closePage", "data": {"x": 1}}),
        json!({"method": "getAppInfo", "data": 5}),
        json!({"method": 5}),
        json!({"data": {}}),
        json!({"method": "toast", "data": "hi", "callbackId": {"a": 1}}),
        json!({"method": "toast", "data": "hi", "callbackId": "c".repeat(129)}),
        json!([1, 2]),
        json!("openPage"),
    ] {
        assert_eq!(refused(TRUSTED, &request).0, 1004, "{request}");
    }
    let mut limits = PageLimits::new();
    let refusal = admit(&policy(), TRUSTED, "{not json", &mut limits, Instant::now()).unwrap_err();
    assert_eq!(refusal.reply.code, Code::BadParams);
    // 1005 too large.
    let big = json!({"method": "toast", "data": {"message": "x".repeat(MAX_REQUEST_BYTES)}});
    assert_eq!(refused(TRUSTED, &big).0, 1005);
}

#[test]
fn the_other_methods_take_their_parameters() {
    let cases = [
        (json!({"method": "closePage"}), Call::ClosePage),
        (json!({"method": "closePage", "data": ""}), Call::ClosePage),
        (
            json!({"method": "closePage", "data": "{}"}),
            Call::ClosePage,
        ),
        (
            json!({"method": "hideLoading", "data": {}}),
            Call::HideLoading,
        ),
        (json!({"method": "getNetType"}), Call::GetNetType),
        (
            json!({"method": "getAppInfo", "data": null}),
            Call::GetAppInfo,
        ),
        (json!({"method": "getUserInfo"}), Call::GetUserInfo),
        (
            json!({"method": "toast", "data": "保存成功"}),
            Call::Toast {
                message: "保存成功".into(),
            },
        ),
        (
            json!({"method": "toast", "data": {"message": "100% 好"}}),
            Call::Toast {
                message: "100% 好".into(),
            },
        ),
        (
            json!({"method": "toast", "data": "{\"message\":\"%E4%B8%AD\"}"}),
            Call::Toast {
                message: "%E4%B8%AD".into(),
            },
        ),
        (
            json!({"method": "showLoading"}),
            Call::ShowLoading { message: None },
        ),
        (
            json!({"method": "showLoading", "data": {"message": "加载中"}}),
            Call::ShowLoading {
                message: Some("加载中".into()),
            },
        ),
    ];
    for (request, expected) in cases {
        assert_eq!(call(TRUSTED, &request).unwrap().call, expected, "{request}");
    }
}

#[test]
fn partners_get_the_harmless_methods_and_public_routes() {
    for method in ["closePage", "hideLoading", "getNetType", "getAppInfo"] {
        call(PARTNER, &json!({"method": method})).unwrap();
    }
    call(
        PARTNER,
        &json!({"method": "openPage", "data": {"pageName": "lcs.account.login"}}),
    )
    .unwrap();
    assert_eq!(
        bridge::methods_for(OriginTier::Partner),
        [
            "openPage",
            "closePage",
            "toast",
            "showLoading",
            "hideLoading",
            "getNetType",
            "getAppInfo"
        ]
    );
    assert_eq!(
        bridge::methods_for(OriginTier::Trusted).len(),
        Method::ALL.len()
    );
}

#[test]
fn hostile_inputs_are_refused_without_harm() {
    // Deeply nested data, as an object and as text; deeper than serde's own limit too.
    let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    let as_object = format!(r#"{{"method":"toast","data":{deep}}}"#);
    let as_text = json!({"method": "toast", "data": deep}).to_string();
    let deeper = format!(
        r#"{{"method":"toast","data":{}1{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    for raw in [as_object, as_text, deeper] {
        let mut limits = PageLimits::new();
        let refusal = admit(&policy(), TRUSTED, &raw, &mut limits, Instant::now()).unwrap_err();
        assert_eq!(refusal.reply.code, Code::BadParams);
    }
    // Wrong types everywhere.
    for request in [
        json!({"method": "openPage", "data": {"pageName": ["lcs.home"]}}),
        json!({"method": "openPage", "data": {"pageName": null}}),
        json!({"method": "openPage", "data": {"pageName": "lcs.home", "pageExtra": [1]}}),
        json!({"method": "openPage", "data": true}),
        json!({"method": "openPage", "data": 3.5}),
    ] {
        assert_eq!(refused(TRUSTED, &request).0, 1004, "{request}");
    }
    // Unicode and % in names and values; a hostile name is not echoed in full.
    let (code, wire) = refused(
        TRUSTED,
        &json!({"method": "openPage", "data": {"pageName": "lcs.账户.%2e%2e/login"}}),
    );
    assert_eq!(code, 1002);
    assert!(
        wire["msg"]
            .as_str()
            .unwrap()
            .contains("lcs.账户.%2e%2e/login")
    );
    let (code, wire) = refused(TRUSTED, &json!({"method": "x".repeat(60_000)}));
    assert_eq!(code, 1001);
    assert!(wire["msg"].as_str().unwrap().len() < 200);
    let admitted = call(TRUSTED, &json!({"method": "openPage", "data": {"pageName": "lcs.message.chat", "pageExtra": {"userId": "100%25 客服 🙂"}}})).unwrap();
    assert!(
        matches!(admitted.call, Call::OpenPage(ref r) if r.query["userId"] == "100%25 客服 🙂")
    );
    // A lone surrogate is not valid JSON text: refused, not a panic.
    let mut limits = PageLimits::new();
    let refusal = admit(
        &policy(),
        TRUSTED,
        r#"{"method":"toast","data":"\ud800"}"#,
        &mut limits,
        Instant::now(),
    )
    .unwrap_err();
    assert_eq!(refusal.reply.code, Code::BadParams);
    // The page cannot claim another origin: only the webview's URL counts.
    assert_eq!(refused(STRANGER, &json!({"method": "getUserInfo", "origin": "https://h5.example.com", "data": {"origin": TRUSTED}})).0, 1003);
}

#[test]
fn at_most_32_calls_wait_at_once() {
    let policy = policy();
    let mut limits = PageLimits::new();
    let now = Instant::now();
    let raw = json!({"method": "getNetType"}).to_string();
    let mut waiting: Vec<_> = (0..MAX_IN_FLIGHT)
        .map(|_| admit(&policy, TRUSTED, &raw, &mut limits, now).unwrap())
        .collect();
    assert_eq!(limits.in_flight(), MAX_IN_FLIGHT);
    let refusal = admit(&policy, TRUSTED, &raw, &mut limits, now).unwrap_err();
    assert_eq!(refusal.reply.code, Code::TooManyRequests);
    // Refused calls do not count; an answered one frees its place.
    assert_eq!(limits.in_flight(), MAX_IN_FLIGHT);
    waiting.pop();
    admit(&policy, TRUSTED, &raw, &mut limits, now).unwrap();
    // A reload starts a fresh page with its own count.
    let fresh = PageLimits::new();
    assert_eq!(fresh.in_flight(), 0);
    drop(waiting);
}

#[test]
fn at_most_5_open_page_calls_a_second() {
    let policy = policy();
    let mut limits = PageLimits::new();
    let start = Instant::now();
    let raw = json!({"method": "openPage", "data": {"pageName": "lcs.home"}}).to_string();
    for _ in 0..MAX_OPEN_PAGE {
        drop(admit(&policy, TRUSTED, &raw, &mut limits, start).unwrap());
    }
    let refusal = admit(
        &policy,
        TRUSTED,
        &raw,
        &mut limits,
        start + Duration::from_millis(999),
    )
    .unwrap_err();
    assert_eq!(refusal.reply.code, Code::TooManyRequests);
    // Other methods are not rate limited.
    drop(
        admit(
            &policy,
            TRUSTED,
            &json!({"method": "getAppInfo"}).to_string(),
            &mut limits,
            start,
        )
        .unwrap(),
    );
    // The window slides.
    drop(
        admit(
            &policy,
            TRUSTED,
            &raw,
            &mut limits,
            start + Duration::from_secs(1),
        )
        .unwrap(),
    );
    let mut limiter = PageLimits::new();
    let times = [0, 100, 200, 300, 400, 500, 1000, 1099, 1100];
    let allowed: Vec<bool> = times
        .iter()
        .map(|ms| limiter.allow_open_page(start + Duration::from_millis(*ms)))
        .collect();
    assert_eq!(
        allowed,
        [true, true, true, true, true, false, true, false, true]
    );
}

#[test]
fn answers_have_their_documented_shape() {
    let info = AppInfo {
        version: "0.1.0".into(),
        platform: "linux".into(),
        language: "zh-CN".into(),
    };
    assert_eq!(
        info.reply().data,
        json!({"version": "0.1.0", "platform": "linux", "language": "zh-CN"})
    );
    assert_eq!(NetType::Wifi.reply().data, json!({"type": "wifi"}));
    let user = PublicUser {
        user_id: "7".into(),
        nickname: "小明".into(),
        avatar: None,
    };
    assert_eq!(
        answers::user_info(Some(&user)).data,
        json!({"userId": "7", "nickname": "小明", "avatar": null})
    );
    assert_eq!(answers::user_info(None).code, Code::LoginRequired);

    let login = routes::resolve("lcs.account.login", &Params::new()).unwrap();
    let personinfo = routes::resolve("lcs.account.personinfo", &Params::new()).unwrap();
    assert_eq!(
        answers::page_closed(&login, PageOutcome::Closed { signed_in: true }).data,
        json!({"loggedIn": true})
    );
    assert_eq!(
        answers::page_closed(&login, PageOutcome::LoginAbandoned),
        Reply::ok(json!({"loggedIn": false}))
    );
    assert_eq!(
        answers::page_closed(&personinfo, PageOutcome::LoginAbandoned).code,
        Code::LoginRequired
    );
    assert_eq!(
        answers::page_closed(&personinfo, PageOutcome::Closed { signed_in: true }).code,
        Code::Ok
    );
}

#[test]
fn parse_request_keeps_the_callback_id_and_the_data_form() {
    let request = parse_request(r#"{"method":"toast","data":"hi","callbackId":7}"#).unwrap();
    assert_eq!(request.callback_id.as_deref(), Some("7"));
    assert_eq!(request.form, DataForm::Text);
    assert_eq!(request.data, json!("hi"));
    let request = parse_request(r#"{"method":"getNetType"}"#).unwrap();
    assert_eq!(request.form, DataForm::Object);
    assert_eq!(request.data, Value::Null);
}

/// A partner page that starts loading a trusted one still runs while WebKit already reports
/// the trusted URL: its calls are judged by the page that committed, and refused meanwhile.
#[test]
fn a_call_is_judged_by_the_committed_page_not_by_where_the_window_is_going() {
    // The window is on its way from the partner to a trusted page.
    let refusal = bridge::calling_page(TRUSTED, Some(PARTNER)).unwrap_err();
    assert_eq!(refusal.reply.code, Code::Forbidden);
    // Before any page committed there is no page to judge.
    assert!(bridge::calling_page(TRUSTED, None).is_err());
    assert!(bridge::calling_page("not a url", Some("not a url")).is_err());

    // Settled, or moved within its own origin (history.pushState), the committed page counts.
    assert_eq!(
        bridge::calling_page(PARTNER, Some(PARTNER)).ok(),
        Some(PARTNER)
    );
    assert_eq!(
        bridge::calling_page("https://partner.example.org/other#x", Some(PARTNER)).ok(),
        Some(PARTNER)
    );
    let page = bridge::calling_page("https://partner.example.org/other", Some(PARTNER)).unwrap();
    let refused = call(page, &json!({"method": "getUserInfo"})).unwrap_err();
    assert_eq!(refused["code"], 1003);
}

/// An `lcs://` link a page navigates to is that page's `openPage`: a partner cannot reach a
/// page it could not open through the bridge, and a page without the bridge opens nothing.
#[test]
fn an_lcs_link_from_a_page_follows_that_pages_rules() {
    let mut limits = PageLimits::new();
    let now = Instant::now();
    let trusted_only = "lcs://lcs.account.password";
    let public = "lcs://openPage?packagename=lcs.account.login";

    let route =
        bridge::admit_page_link(&policy(), TRUSTED, trusted_only, &mut limits, now).unwrap();
    assert_eq!(route.name, "lcs.account.password");
    let why =
        bridge::admit_page_link(&policy(), PARTNER, trusted_only, &mut limits, now).unwrap_err();
    assert!(why.contains("may not be opened"), "{why}");
    assert_eq!(
        bridge::admit_page_link(&policy(), PARTNER, public, &mut limits, now)
            .unwrap()
            .name,
        "lcs.account.login"
    );
    assert!(bridge::admit_page_link(&policy(), STRANGER, public, &mut limits, now).is_err());
    assert!(
        bridge::admit_page_link(&policy(), TRUSTED, "lcs://no.such.page", &mut limits, now)
            .is_err()
    );
    // The page's openPage rate holds for links too.
    let mut limits = PageLimits::new();
    for _ in 0..MAX_OPEN_PAGE {
        bridge::admit_page_link(&policy(), TRUSTED, public, &mut limits, now).unwrap();
    }
    let why = bridge::admit_page_link(&policy(), TRUSTED, public, &mut limits, now).unwrap_err();
    assert!(why.contains("openPage"), "{why}");
}

#[test]
fn hand_offs_to_the_system_browser_are_limited_per_window_of_time() {
    use lcs_core::bridge::limits::Rate;
    let mut handoffs = Rate::browser_handoffs();
    let start = Instant::now();
    for _ in 0..MAX_BROWSER_HANDOFFS {
        assert!(handoffs.allow(start));
    }
    assert!(!handoffs.allow(start + Duration::from_secs(1)));
    assert!(handoffs.allow(start + BROWSER_WINDOW));
}

#[test]
fn a_flood_of_parameters_is_not_echoed_back_whole() {
    let fields: serde_json::Map<String, Value> = (0..3000)
        .map(|index| (format!("key{index}"), Value::from(index)))
        .collect();
    let (code, wire) = refused(
        TRUSTED,
        &json!({"method": "getAppInfo", "data": Value::Object(fields)}),
    );
    assert_eq!(code, 1004);
    let message = wire["msg"].as_str().unwrap();
    assert!(message.len() < 200, "{} bytes: {message}", message.len());
    assert!(message.contains("key0"), "{message}");
}

/// The H5 window names the page's origin before anything the page says of itself.
#[test]
fn the_h5_windows_title_starts_with_the_pages_origin() {
    assert_eq!(
        bridge::window_title(PARTNER, Some("LCS Account — Sign in")),
        "https://partner.example.org — LCS Account — Sign in"
    );
    assert_eq!(
        bridge::window_title(PARTNER, None),
        "https://partner.example.org"
    );
    assert_eq!(
        bridge::window_title(PARTNER, Some("  ")),
        "https://partner.example.org"
    );
    // Direction overrides and line breaks cannot move the origin out of sight.
    let title = bridge::window_title(PARTNER, Some("\u{202e}nI ngiS\n LCS"));
    assert!(
        title.starts_with("https://partner.example.org — "),
        "{title}"
    );
    assert!(
        !title.contains('\u{202e}') && !title.contains('\n'),
        "{title}"
    );
    let long = bridge::window_title(PARTNER, Some(&"x".repeat(500)));
    assert_eq!(
        long.chars().count(),
        "https://partner.example.org — ".chars().count() + MAX_TITLE_CHARS
    );
}

#[test]
fn the_answers_a_page_gets_without_a_callback_are_the_calls_own_and_for_every_origin() {
    let info = AppInfo {
        version: "0.1.0".into(),
        platform: "linux".into(),
        language: "en-US".into(),
    };
    let state = answers::page_state(&info, NetType::Unknown);
    assert_eq!(
        state["answers"]["getAppInfo"],
        json!({"code": 0, "msg": "ok", "data": {"version": "0.1.0", "platform": "linux", "language": "en-US"}})
    );
    assert_eq!(
        state["answers"]["getNetType"],
        json!({"code": 0, "msg": "ok", "data": {"type": "unknown"}})
    );
    // Answered in the page itself, so never a method some origins may not call.
    for name in state["answers"].as_object().unwrap().keys() {
        let method = Method::from_name(name).unwrap();
        assert!(
            bridge::method_allowed(method, OriginTier::Partner),
            "{name}"
        );
    }
    assert_eq!(state["callbackOnly"]["code"], 1009);
    assert_eq!(state["noDefaultHandler"]["code"], 1001);
}

#[test]
fn what_each_method_is_declared_to_take_is_what_its_check_accepts() {
    for method in Method::ALL {
        let accepts = |data: Value| {
            let raw = json!({ "method": method.name(), "data": data }).to_string();
            Call::from_request(&parse_request(&raw).unwrap()).is_ok()
        };
        let name = method.name();
        match method.takes() {
            Takes::Nothing => {
                assert!(accepts(Value::Null), "{name}");
                assert!(!accepts(json!({ "message": "hi" })), "{name}");
            }
            Takes::Message => {
                assert!(accepts(json!({ "message": "hi" })), "{name}");
                assert!(!accepts(Value::Null), "{name}");
            }
            Takes::OptionalMessage => {
                assert!(accepts(json!({ "message": "hi" })), "{name}");
                assert!(accepts(Value::Null), "{name}");
            }
            Takes::Page => {
                assert!(accepts(json!({ "packageName": "lcs.home" })), "{name}");
                assert!(!accepts(Value::Null), "{name}");
            }
        }
    }
}
