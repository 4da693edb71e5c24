//! The sandbox's demo H5 pages, as the app will load them: served under /h5/, trusted by the
//! sandbox environment's policy on the sandbox's real address, each with the stable element
//! ids the end-to-end tests click and read.

#![allow(clippy::unwrap_used)]

use lcs_core::Environment;
use lcs_core::bridge::policy::{NavigationDecision, OriginPolicy, OriginTier};
use lcs_sandbox::{Db, Sandbox};

const PAGES: [(&str, &str); 3] = [
    ("wvjb.html", "setupWebViewJavascriptBridge"),
    ("dsbridge.html", "dsBridge.call"),
    ("lcsbridge.html", "from './jsbridge/index.js'"),
];

#[tokio::test]
async fn the_demo_pages_are_served_linked_and_trusted() {
    let sandbox = Sandbox::start(Db::open(None).unwrap(), 0).await.unwrap();
    let base = sandbox.base_url();
    let policy = OriginPolicy::for_environment(&Environment::sandbox(), Some(&base));

    let index = reqwest::get(format!("{base}h5/")).await.unwrap();
    assert_eq!(index.status(), 200);
    let index = index.text().await.unwrap();
    for (file, api) in PAGES {
        assert!(
            index.contains(&format!("href=\"{file}\"")),
            "index links {file}"
        );
        let url = format!("{base}h5/{file}");
        assert_eq!(policy.tier_of(&url), Some(OriginTier::Trusted), "{url}");
        assert_eq!(policy.navigation(&url), NavigationDecision::Allow, "{url}");

        let response = reqwest::get(&url).await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        assert_eq!(
            response.headers()["content-type"],
            "text/html; charset=utf-8"
        );
        let page = response.text().await.unwrap();
        assert!(page.contains(api), "{file} uses {api}");
        for id in [
            "status",
            "open-login",
            "open-personinfo",
            "app-info",
            "answer",
            "answers",
        ] {
            assert!(page.contains(&format!("id=\"{id}\"")), "{file} has #{id}");
        }
        assert!(page.contains("lcs.account.login") && page.contains("lcs.account.personinfo"));
    }
    // The page that shows an embedded page gets no bridge, though it is on the same origin.
    assert!(index.contains("href=\"iframe.html\""));
    let iframe = reqwest::get(format!("{base}h5/iframe.html")).await.unwrap();
    assert_eq!(iframe.status(), 200);
    assert!(iframe.text().await.unwrap().contains("id=\"frame-bridge\""));
    // The typed client the demo uses is served beside it, as the package has it.
    for file in ["index.js", "registry.js"] {
        let served = reqwest::get(format!("{base}h5/jsbridge/{file}"))
            .await
            .unwrap();
        assert_eq!(served.status(), 200, "{file}");
        assert_eq!(
            served.headers()["content-type"],
            "text/javascript; charset=utf-8"
        );
        let package = std::fs::read_to_string(format!(
            "{}/../../packages/jsbridge/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(served.text().await.unwrap(), package, "{file}");
    }
    let css = reqwest::get(format!("{base}h5/demo.css")).await.unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    // The sandbox's API shares the origin but is not an H5 page.
    assert_eq!(policy.tier_of(&format!("{base}__sandbox/sms")), None);
    sandbox.stop().await.unwrap();
}
