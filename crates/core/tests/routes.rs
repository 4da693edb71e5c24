#![allow(clippy::unwrap_used)]

use lcs_core::bridge::policy::OriginTier;
use lcs_core::routes::{self, Navigation, Params, ROUTES, RouteError, resolve};
use serde_json::{Value, json};

fn params(value: Value) -> Params {
    match value {
        Value::Object(map) => map,
        _ => panic!("not an object"),
    }
}

/// DESIGN.md's "Pages and their routes" table: route and whether it needs a login.
const DESIGN: &[(&str, bool)] = &[
    ("lcs.home", false),
    ("lcs.account.login", false),
    ("lcs.account.register", false),
    ("lcs.account.forgetpwd", false),
    ("lcs.account.setpwd", false),
    ("lcs.account.password", true),
    ("lcs.account.personinfo", true),
    ("lcs.account.edit", true),
    ("lcs.account.certify", true),
    ("lcs.account.mobile", true),
    ("lcs.account.level", true),
    ("lcs.account.switch", true),
    ("lcs.address.list", true),
    ("lcs.address.edit", true),
    ("lcs.invoice.list", true),
    ("lcs.invoice.edit", true),
    ("lcs.message.list", true),
    ("lcs.message.chat", true),
    ("lcs.settings", false),
    ("lcs.protocol", false),
    ("lcs.web", false),
];

#[test]
fn every_design_route_is_registered_once_with_its_login_flag() {
    assert_eq!(ROUTES.len(), DESIGN.len());
    for (name, needs_login) in DESIGN {
        let route = routes::find(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(route.needs_login, *needs_login, "{name}");
        assert_eq!(
            ROUTES.iter().filter(|r| r.name == *name).count(),
            1,
            "{name} twice"
        );
    }
}

/// The registry's paths are the UI's: read them from ui/src/router.ts itself.
#[test]
fn every_path_matches_the_ui_router() {
    let router = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/router.ts"
    ))
    .unwrap();
    let mut ui = Vec::new();
    for line in router.lines() {
        let Some(rest) = line.trim().strip_prefix("{ name: '") else {
            continue;
        };
        let Some((name, rest)) = rest.split_once('\'') else {
            continue;
        };
        let Some(path) = rest
            .split_once("path: '")
            .and_then(|(_, rest)| rest.split_once('\''))
            .map(|(path, _)| path)
        else {
            continue;
        };
        if name.starts_with("lcs.") {
            ui.push((name.to_owned(), path.to_owned()));
        }
    }
    let ours: Vec<_> = ROUTES
        .iter()
        .map(|r| (r.name.to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(ours, ui);
}

#[test]
fn partners_open_only_public_pages_and_trusted_origins_open_all() {
    for route in ROUTES {
        assert!(
            route.may_be_opened_by(OriginTier::Trusted),
            "{}",
            route.name
        );
        if route.needs_login {
            assert!(
                !route.may_be_opened_by(OriginTier::Partner),
                "{}",
                route.name
            );
        }
    }
    let login = routes::find("lcs.account.login").unwrap();
    assert!(login.may_be_opened_by(OriginTier::Partner));
    let settings = routes::find("lcs.settings").unwrap();
    assert!(!settings.may_be_opened_by(OriginTier::Partner));
}

#[test]
fn a_route_without_parameters_resolves_to_its_ui_path() {
    let route = resolve("lcs.account.personinfo", &Params::new()).unwrap();
    assert_eq!(route.name, "lcs.account.personinfo");
    assert_eq!(route.path, "/account/personinfo");
    assert!(route.query.is_empty());
    assert!(route.needs_login);
    assert_eq!(
        serde_json::to_value(&route).unwrap(),
        json!({"name": "lcs.account.personinfo", "path": "/account/personinfo", "query": {}, "needsLogin": true})
    );
}

#[test]
fn names_match_exactly() {
    for name in [
        "lcs.account",
        "LCS.ACCOUNT.LOGIN",
        "lcs.account.login ",
        "lcs.account.login.x",
        "",
        "https://evil.example/",
    ] {
        assert!(
            matches!(
                resolve(name, &Params::new()),
                Err(RouteError::UnknownRoute { .. })
            ),
            "{name:?}"
        );
    }
}

#[test]
fn typed_parameters_are_checked_and_normalised() {
    // An integer as a number or as text (links carry text).
    let route = resolve("lcs.address.edit", &params(json!({"id": 12}))).unwrap();
    assert_eq!(route.query["id"], "12");
    let route = resolve("lcs.address.edit", &params(json!({"id": "12"}))).unwrap();
    assert_eq!(route.query["id"], "12");
    // Optional and null both mean absent.
    assert!(
        resolve("lcs.address.edit", &Params::new())
            .unwrap()
            .query
            .is_empty()
    );
    assert!(
        resolve("lcs.address.edit", &params(json!({"id": null})))
            .unwrap()
            .query
            .is_empty()
    );

    for bad in [
        json!("x"),
        json!(0),
        json!(-3),
        json!(1.5),
        json!(true),
        json!([1]),
        json!({"a": 1}),
        json!("99999999999999999999999"),
    ] {
        let error = resolve("lcs.invoice.edit", &params(json!({"id": bad}))).unwrap_err();
        assert!(
            matches!(error, RouteError::BadParam { ref param, .. } if param == "id"),
            "{bad}: {error}"
        );
    }

    // An enum.
    let route = resolve("lcs.message.list", &params(json!({"tab": "notice"}))).unwrap();
    assert_eq!(route.query["tab"], "notice");
    assert!(matches!(
        resolve("lcs.message.list", &params(json!({"tab": "spam"}))),
        Err(RouteError::BadParam { .. })
    ));

    // The family a password page opens on, as the sign-in page's links pass it.
    let route = resolve(
        "lcs.account.forgetpwd",
        &params(json!({"family": "planner"})),
    )
    .unwrap();
    assert_eq!(route.query["family"], "planner");
    assert!(matches!(
        resolve("lcs.account.register", &params(json!({"family": "admin"}))),
        Err(RouteError::BadParam { ref param, .. }) if param == "family"
    ));

    // Required text, with unicode and % kept as they are.
    let route = resolve("lcs.message.chat", &params(json!({"userId": "客服%20★"}))).unwrap();
    assert_eq!(route.query["userId"], "客服%20★");
    assert!(matches!(
        resolve("lcs.message.chat", &Params::new()),
        Err(RouteError::MissingParam { ref param, .. }) if param == "userId"
    ));
    assert!(matches!(
        resolve("lcs.message.chat", &params(json!({"userId": "  "}))),
        Err(RouteError::BadParam { .. })
    ));
    assert!(matches!(
        resolve(
            "lcs.message.chat",
            &params(json!({"userId": "x".repeat(257)}))
        ),
        Err(RouteError::BadParam { .. })
    ));
}

#[test]
fn unknown_parameters_are_refused() {
    let error = resolve(
        "lcs.account.login",
        &params(json!({"redirect": "/settings/environments"})),
    )
    .unwrap_err();
    assert_eq!(
        error,
        RouteError::UnknownParam {
            route: "lcs.account.login".into(),
            param: "redirect".into()
        }
    );
}

#[test]
fn the_web_route_takes_only_http_urls() {
    let route = resolve(
        "lcs.web",
        &params(json!({"url": "https://h5.example.com/a?b=中"})),
    )
    .unwrap();
    assert_eq!(route.query["url"], "https://h5.example.com/a?b=%E4%B8%AD");
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "h5.example.com",
        "lcs://lcs.home",
    ] {
        assert!(
            matches!(
                resolve("lcs.web", &params(json!({"url": bad}))),
                Err(RouteError::BadParam { .. })
            ),
            "{bad}"
        );
    }
    let long = format!("https://h5.example.com/{}", "a".repeat(3000));
    assert!(matches!(
        resolve("lcs.web", &params(json!({"url": long}))),
        Err(RouteError::BadParam { .. })
    ));
}

#[test]
fn a_hostile_name_is_not_echoed_in_full() {
    let name = "x".repeat(10_000);
    let message = resolve(&name, &Params::new()).unwrap_err().to_string();
    assert!(message.len() < 200, "{}", message.len());
}

#[test]
fn a_login_only_page_opened_signed_out_goes_through_login() {
    let personinfo = resolve("lcs.account.personinfo", &Params::new()).unwrap();
    assert_eq!(
        routes::plan(personinfo.clone(), true),
        Navigation::Open {
            route: personinfo.clone()
        }
    );
    let Navigation::LoginFirst { login, then } = routes::plan(personinfo.clone(), false) else {
        panic!("no login first");
    };
    assert_eq!(then, personinfo);
    assert_eq!(login.name, "lcs.account.login");
    assert_eq!(login.path, "/account/login");
    assert_eq!(login.query["redirect"], "/account/personinfo");

    // The continuation keeps the parameters, encoded for the login page's `redirect`.
    let chat = resolve("lcs.message.chat", &params(json!({"userId": "a b&中"}))).unwrap();
    let Navigation::LoginFirst { login, .. } = routes::plan(chat, false) else {
        panic!("no login first");
    };
    assert_eq!(
        login.query["redirect"],
        "/message/chat?userId=a+b%26%E4%B8%AD"
    );

    // Pages open to everyone, the login page among them, never go through login.
    for name in ["lcs.account.login", "lcs.home", "lcs.protocol"] {
        let route = resolve(name, &Params::new()).unwrap();
        assert_eq!(
            routes::plan(route.clone(), false),
            Navigation::Open { route }
        );
    }
    let plan = serde_json::to_value(routes::plan(
        resolve("lcs.home", &Params::new()).unwrap(),
        false,
    ))
    .unwrap();
    assert_eq!(plan["kind"], "open");
}

#[test]
fn page_names_come_under_every_alias_with_page_extra() {
    for key in ["packagename", "packageName", "pageName"] {
        let (name, params) = routes::split_page_request(
            params(json!({key: "lcs.address.edit", "pageExtra": {"id": 3}})),
            None,
        )
        .unwrap();
        assert_eq!(name, "lcs.address.edit");
        assert_eq!(params, self::params(json!({"id": 3})));
    }
    // pageExtra as JSON text, null or empty; parameters beside the name.
    for extra in [json!("{\"id\":3}"), json!(null), json!(""), json!("null")] {
        let (_, params) = routes::split_page_request(
            params(json!({"pageName": "lcs.address.edit", "pageExtra": extra})),
            None,
        )
        .unwrap();
        assert!(params.is_empty() || params == self::params(json!({"id": 3})));
    }
    let (_, both) = routes::split_page_request(
        params(json!({"pageName": "lcs.message.chat", "userId": "7"})),
        None,
    )
    .unwrap();
    assert_eq!(both, params(json!({"userId": "7"})));

    // Two names that agree are one name; two that disagree are refused.
    assert!(
        routes::split_page_request(
            params(json!({"pageName": "lcs.home", "packagename": "lcs.home"})),
            None
        )
        .is_ok()
    );
    assert!(matches!(
        routes::split_page_request(
            params(json!({"pageName": "lcs.home", "packagename": "lcs.settings"})),
            None
        ),
        Err(RouteError::BadRequest { .. })
    ));
    for bad in [json!({}), json!({"pageExtra": {}})] {
        assert_eq!(
            routes::split_page_request(params(bad), None),
            Err(RouteError::MissingName)
        );
    }
    for bad in [
        json!({"pageName": 5}),
        json!({"pageName": "lcs.home", "pageExtra": 5}),
        json!({"pageName": "lcs.home", "pageExtra": "[1]"}),
        json!({"pageName": "lcs.home", "pageExtra": "{not json"}),
        json!({"pageName": "lcs.address.edit", "id": 1, "pageExtra": {"id": 2}}),
    ] {
        assert!(
            matches!(
                routes::split_page_request(params(bad.clone()), None),
                Err(RouteError::BadRequest { .. })
            ),
            "{bad}"
        );
    }
}
