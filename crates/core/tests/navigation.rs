#![allow(clippy::unwrap_used)]

use lcs_core::Environment;
use lcs_core::bridge::policy::{H5Origin, NavigationDecision, OriginPolicy, OriginTier};

const SANDBOX: &str = "http://127.0.0.1:40123/";

fn environment() -> Environment {
    let mut environment = Environment::preprod();
    environment.company_id = "1".into();
    environment.h5_origins = vec![
        H5Origin {
            origin: "https://h5.example.com".into(),
            tier: OriginTier::Trusted,
        },
        H5Origin {
            origin: "https://partner.example.org:8443".into(),
            tier: OriginTier::Partner,
        },
    ];
    environment
}

#[test]
fn origins_match_scheme_host_and_port_exactly() {
    let policy = OriginPolicy::for_environment(&environment(), None);
    let trusted = Some(OriginTier::Trusted);
    let partner = Some(OriginTier::Partner);
    for (url, tier) in [
        ("https://h5.example.com/", trusted),
        ("https://h5.example.com:443/a/b?c#d", trusted),
        ("https://H5.EXAMPLE.COM/x", trusted),
        ("https://partner.example.org:8443/p", partner),
        ("https://partner.example.org/p", None),
        ("http://h5.example.com/", None),
        ("https://h5.example.com:8443/", None),
        ("https://h5.example.com.evil.net/", None),
        ("https://evil-h5.example.com/", None),
        ("https://sub.h5.example.com/", None),
        ("https://h5.example.com@evil.net/", None),
        ("https://evil.net/?https://h5.example.com/", None),
        ("file:///h5.example.com/", None),
        ("not a url", None),
    ] {
        assert_eq!(policy.tier_of(url), tier, "{url}");
    }
}

#[test]
fn the_sandbox_trusts_its_own_h5_pages_once_its_address_is_known() {
    let sandbox = Environment::sandbox();
    assert!(sandbox.trust_sandbox_h5);
    assert!(sandbox.h5_origins.is_empty());
    let policy = OriginPolicy::for_environment(&sandbox, Some(SANDBOX));
    assert_eq!(
        policy.tier_of("http://127.0.0.1:40123/h5/"),
        Some(OriginTier::Trusted)
    );
    assert_eq!(
        policy.tier_of("http://127.0.0.1:40123/h5/wvjb.html"),
        Some(OriginTier::Trusted)
    );
    assert_eq!(
        policy.tier_of("http://127.0.0.1:40123/h5"),
        Some(OriginTier::Trusted)
    );
    // The API on the same origin, and look-alike paths, are not H5 pages.
    for url in [
        "http://127.0.0.1:40123/",
        "http://127.0.0.1:40123/__sandbox/reset",
        "http://127.0.0.1:40123/h5x/",
        "http://127.0.0.1:40123/h5/../__sandbox/",
        "http://127.0.0.1:40123/h5/%2e%2e/__sandbox/",
        "http://127.0.0.1:40124/h5/",
        "http://localhost:40123/h5/",
    ] {
        assert_eq!(policy.tier_of(url), None, "{url}");
    }
    // Before the sandbox runs, nothing is trusted; other environments trust no sandbox.
    assert_eq!(
        OriginPolicy::for_environment(&sandbox, None).tier_of("http://127.0.0.1:40123/h5/"),
        None
    );
    assert_eq!(
        OriginPolicy::for_environment(&environment(), Some(SANDBOX))
            .tier_of("http://127.0.0.1:40123/h5/"),
        None
    );
}

#[test]
fn an_origin_listed_twice_takes_its_more_trusted_tier() {
    let mut env = environment();
    env.h5_origins.push(H5Origin {
        origin: "https://partner.example.org:8443".into(),
        tier: OriginTier::Trusted,
    });
    let policy = OriginPolicy::for_environment(&env, None);
    assert_eq!(
        policy.tier_of("https://partner.example.org:8443/"),
        Some(OriginTier::Trusted)
    );
}

#[test]
fn configured_origins_are_validated_on_save_and_ignored_when_broken() {
    for bad in [
        "h5.example.com",
        "https://h5.example.com/path",
        "https://h5.example.com/?q",
        "ftp://h5.example.com",
        "https://user:pw@h5.example.com",
        "javascript:alert(1)",
    ] {
        let mut env = environment();
        // After a good row, so the error must name the bad row, not the list.
        env.h5_origins = vec![
            H5Origin {
                origin: "https://partner.example.org:8443".into(),
                tier: OriginTier::Partner,
            },
            H5Origin {
                origin: bad.into(),
                tier: OriginTier::Trusted,
            },
        ];
        let error = env.validate().unwrap_err();
        assert!(
            error.to_string().starts_with("h5Origins[1].origin:"),
            "{bad}: {error}"
        );
        let policy = OriginPolicy::for_environment(&env, None);
        assert_eq!(policy.tier_of("https://h5.example.com/"), None, "{bad}");
    }
    environment().validate().unwrap();
}

#[test]
fn an_older_settings_file_loads_without_h5_origins() {
    let mut value = serde_json::to_value(environment()).unwrap();
    let fields = value.as_object_mut().unwrap();
    assert!(fields.remove("h5Origins").is_some());
    assert!(fields.remove("trustSandboxH5").is_some());
    let loaded: Environment = serde_json::from_value(value).unwrap();
    assert!(loaded.h5_origins.is_empty());
    assert!(!loaded.trust_sandbox_h5);
}

#[test]
fn navigation_allows_allowed_origins_sends_other_sites_out_and_blocks_the_rest() {
    let policy = OriginPolicy::for_environment(&environment(), None);
    for (url, decision) in [
        ("https://h5.example.com/next", NavigationDecision::Allow),
        (
            "https://partner.example.org:8443/",
            NavigationDecision::Allow,
        ),
        ("about:blank", NavigationDecision::Allow),
        (
            "https://www.example.net/",
            NavigationDecision::OpenInBrowser,
        ),
        ("http://h5.example.com/", NavigationDecision::OpenInBrowser),
        (
            "https://h5.example.com.evil.net/",
            NavigationDecision::OpenInBrowser,
        ),
        ("javascript:alert(1)", NavigationDecision::Block),
        ("JavaScript:alert(1)", NavigationDecision::Block),
        ("  javascript:alert(1)", NavigationDecision::Block),
        ("file:///etc/passwd", NavigationDecision::Block),
        (
            "data:text/html,<script>alert(1)</script>",
            NavigationDecision::Block,
        ),
        (
            "blob:https://h5.example.com/uuid",
            NavigationDecision::Block,
        ),
        ("lcs://lcs.account.personinfo", NavigationDecision::Block),
        (
            "intent://scan/#Intent;scheme=zxing;end",
            NavigationDecision::Block,
        ),
        ("weixin://dl/business", NavigationDecision::Block),
        ("about:config", NavigationDecision::Block),
        ("", NavigationDecision::Block),
        ("not a url", NavigationDecision::Block),
        // WebViewJavascriptBridge and JsBridge signals: cancelled, never sent to a browser.
        ("https://__bridge_loaded__", NavigationDecision::Block),
        ("https://__wvjb_queue_message__/", NavigationDecision::Block),
        ("wvjbscheme://__BRIDGE_LOADED__", NavigationDecision::Block),
        ("yy://__QUEUE_MESSAGE__/", NavigationDecision::Block),
    ] {
        assert_eq!(policy.navigation(url), decision, "{url}");
    }
}

/// A settings file edited by hand skips validation: a plain-http origin from it still gets no
/// bridge, since anyone on the way could replace the page.
#[test]
fn a_plain_http_origin_off_this_machine_gets_no_tier_even_when_configured() {
    let mut environment = environment();
    environment.h5_origins.push(H5Origin {
        origin: "http://h5.example.com".into(),
        tier: OriginTier::Trusted,
    });
    environment.h5_origins.push(H5Origin {
        origin: "http://localhost:5173".into(),
        tier: OriginTier::Trusted,
    });
    let policy = OriginPolicy::for_environment(&environment, None);

    assert_eq!(policy.tier_of("http://h5.example.com/page"), None);
    assert_eq!(
        policy.navigation("http://h5.example.com/page"),
        NavigationDecision::OpenInBrowser
    );
    assert_eq!(
        policy.tier_of("http://localhost:5173/page"),
        Some(OriginTier::Trusted)
    );
}
