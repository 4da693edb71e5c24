#![allow(clippy::unwrap_used)]

use lcs_core::Environment;
use lcs_core::bridge::policy::{H5Origin, OriginPolicy, OriginTier};
use lcs_core::deeplink::{self, LinkError};
use lcs_core::routes::RouteError;

fn policy() -> OriginPolicy {
    let mut environment = Environment::preprod();
    environment.h5_origins = vec![H5Origin {
        origin: "https://h5.example.com".into(),
        tier: OriginTier::Trusted,
    }];
    OriginPolicy::for_environment(&environment, None)
}

fn parse(link: &str) -> Result<lcs_core::routes::ResolvedRoute, LinkError> {
    deeplink::parse(link, &policy())
}

#[test]
fn both_forms_open_the_same_page() {
    for link in [
        "lcs://openPage?packagename=lcs.account.login",
        "lcs://openpage?packagename=lcs.account.login",
        "lcs://openPage?packageName=lcs.account.login",
        "lcs://openPage?pageName=lcs.account.login",
        "lcs://openPage/?pageName=lcs.account.login",
        "lcs://lcs.account.login",
        "lcs://lcs.account.login/",
        "lcs://lcs.account.login?",
        "lcs:lcs.account.login",
        "LCS://lcs.account.login",
        "  lcs://lcs.account.login\n",
    ] {
        let route = parse(link).unwrap_or_else(|error| panic!("{link}: {error}"));
        assert_eq!(route.name, "lcs.account.login", "{link}");
        assert_eq!(route.path, "/account/login");
    }
}

#[test]
fn parameters_come_beside_the_name_or_in_page_extra() {
    let route = parse("lcs://openPage?packagename=lcs.address.edit&id=5").unwrap();
    assert_eq!(route.query["id"], "5");
    let route = parse("lcs://lcs.address.edit?id=5").unwrap();
    assert_eq!(route.query["id"], "5");
    let route =
        parse("lcs://openPage?pageName=lcs.address.edit&pageExtra=%7B%22id%22%3A5%7D").unwrap();
    assert_eq!(route.query["id"], "5");
    let route = parse("lcs://lcs.address.edit?pageExtra={\"id\":\"5\"}").unwrap();
    assert_eq!(route.query["id"], "5");
}

#[test]
fn percent_encoding_and_unicode_are_decoded_once() {
    let route = parse("lcs://lcs.message.chat?userId=%E5%AE%A2%E6%9C%8D").unwrap();
    assert_eq!(route.query["userId"], "客服");
    let route = parse("lcs://lcs.message.chat?userId=客服").unwrap();
    assert_eq!(route.query["userId"], "客服");
    // %25 is a percent sign, decoded once; a stray % is kept, not a crash (JsBridge #35).
    let route = parse("lcs://lcs.message.chat?userId=100%2525").unwrap();
    assert_eq!(route.query["userId"], "100%25");
    let route = parse("lcs://lcs.message.chat?userId=50%").unwrap();
    assert_eq!(route.query["userId"], "50%");
    let route = parse("lcs://lcs.message.chat?userId=a+b%20c").unwrap();
    assert_eq!(route.query["userId"], "a b c");
    // An encoded & does not split the value.
    let route = parse("lcs://lcs.message.chat?userId=a%26id%3D1").unwrap();
    assert_eq!(route.query["userId"], "a&id=1");
}

#[test]
fn an_unknown_route_or_bad_parameter_is_a_typed_error_with_a_message() {
    let error = parse("lcs://lcs.account.nothing").unwrap_err();
    assert_eq!(
        error,
        LinkError::Route {
            error: RouteError::UnknownRoute {
                name: "lcs.account.nothing".into()
            }
        }
    );
    assert_eq!(error.to_string(), "no page named \"lcs.account.nothing\"");
    assert_eq!(
        serde_json::to_value(&error).unwrap()["error"]["kind"],
        "unknownRoute"
    );

    let error = parse("lcs://lcs.address.edit?id=abc").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("lcs.address.edit: parameter \"id\""),
        "{error}"
    );
    let error = parse("lcs://lcs.home?x=1").unwrap_err();
    assert_eq!(error.to_string(), "lcs.home: unknown parameter \"x\"");
    assert_eq!(
        parse("lcs://openPage").unwrap_err(),
        LinkError::Route {
            error: RouteError::MissingName
        }
    );
    assert_eq!(parse("lcs://").unwrap_err(), LinkError::NoPage);
    assert_eq!(parse("lcs:").unwrap_err(), LinkError::NoPage);
    assert_eq!(
        parse("lcs://lcs.address.edit?id=1&id=2").unwrap_err(),
        LinkError::Repeated { param: "id".into() }
    );
    for other in [
        "https://h5.example.com/",
        "lcsx://lcs.home",
        "javascript:alert(1)",
        "not a link",
        "",
    ] {
        assert_eq!(parse(other).unwrap_err(), LinkError::NotLcs, "{other}");
    }
    let huge = format!("lcs://lcs.home?x={}", "a".repeat(9000));
    assert_eq!(
        parse(&huge).unwrap_err(),
        LinkError::TooLong {
            limit: deeplink::MAX_LINK_BYTES
        }
    );
}

#[test]
fn a_link_cannot_pass_the_login_page_a_continuation() {
    let error = parse("lcs://lcs.account.login?redirect=/settings/environments").unwrap_err();
    assert!(matches!(
        error,
        LinkError::Route {
            error: RouteError::UnknownParam { .. }
        }
    ));
}

#[test]
fn the_web_route_opens_only_allowed_origins() {
    let route = parse("lcs://lcs.web?url=https%3A%2F%2Fh5.example.com%2Fpromo%3Fa%3D1").unwrap();
    assert_eq!(route.query["url"], "https://h5.example.com/promo?a=1");
    for url in [
        "https%3A%2F%2Fevil.example%2F",
        "https%3A%2F%2Fh5.example.com.evil.net%2F",
        "https%3A%2F%2Fh5.example.com%40evil.net%2F",
        "http%3A%2F%2Fh5.example.com%2F",
    ] {
        let error = parse(&format!("lcs://lcs.web?url={url}")).unwrap_err();
        assert!(
            matches!(
                error,
                LinkError::Route {
                    error: RouteError::Forbidden { .. }
                }
            ),
            "{url}: {error}"
        );
    }
}

#[test]
fn a_long_link_is_never_echoed_back_whole() {
    let link = format!("lcs://lcs.nothing?userId={}", "a".repeat(4000));
    let problem = parse(&link).unwrap_err().to_string();
    assert!(problem.len() < 200, "{problem}");
    let shown = deeplink::shown(&link);
    assert!(shown.starts_with(&link[..80]), "{shown}");
    assert!(shown.ends_with("… (4025 characters)"), "{shown}");
    assert_eq!(
        shown.chars().count(),
        80 + "… (4025 characters)".chars().count()
    );

    let huge = format!("lcs://lcs.home?x={}", "a".repeat(9000));
    assert_eq!(
        parse(&huge).unwrap_err(),
        LinkError::TooLong {
            limit: deeplink::MAX_LINK_BYTES
        }
    );
    assert!(deeplink::shown(&huge).len() < 120);

    let short = "lcs://lcs.account.nothing";
    assert_eq!(
        deeplink::shown(short),
        short,
        "a link a person typed is shown as it is"
    );
}
