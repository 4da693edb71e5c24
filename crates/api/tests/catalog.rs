//! The catalog describes exactly the calls of the API index (`contract/API.md`, a copy of the
//! project's contract page), each with its titles and every parameter with a description.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;

use lcs_api::catalog::{self, CallInfo, ParamFormat};
use support::description::documented_calls;

#[test]
fn the_catalog_has_exactly_the_documented_calls() {
    let documented = documented_calls();
    // The index's own counts: 10 family A calls, 56 method-and-path pairs in family B, C1–C10.
    assert_eq!(documented.len(), 10 + 56 + 10, "{documented:#?}");
    let catalog: BTreeSet<(String, String)> = catalog::catalog()
        .iter()
        .map(|call| (call.method.as_str().to_owned(), call.path.to_owned()))
        .collect();
    let missing: Vec<_> = documented.difference(&catalog).collect();
    let extra: Vec<_> = catalog.difference(&documented).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, not documented {extra:?}"
    );
    assert_eq!(
        catalog::catalog().len(),
        documented.len(),
        "a call is listed twice"
    );
}

#[test]
fn every_call_has_both_titles_and_every_parameter_a_description() {
    let mut undescribed = Vec::new();
    for call in catalog::catalog() {
        assert!(
            !call.title_zh.trim().is_empty() && !call.title_en.trim().is_empty(),
            "{}",
            call.name
        );
        for param in &call.params {
            if param.description.trim().is_empty() {
                undescribed.push(format!("{}.{}", call.name, param.name));
            }
            for value in &param.values {
                assert!(
                    !value.meaning.is_empty(),
                    "{}.{} = {}",
                    call.name,
                    param.name,
                    value.value
                );
            }
        }
    }
    assert!(
        undescribed.is_empty(),
        "parameters without a description: {undescribed:#?}"
    );
}

#[test]
fn names_are_unique_and_say_their_family() {
    let calls = catalog::catalog();
    let names: BTreeSet<&str> = calls.iter().map(|call| call.name).collect();
    assert_eq!(names.len(), calls.len());
    for call in &calls {
        let family = serde_json::to_value(call.family).unwrap();
        assert!(
            call.name
                .starts_with(&format!("{}.", family.as_str().unwrap())),
            "{}",
            call.name
        );
    }
}

fn call(name: &str) -> CallInfo {
    catalog::find(name).unwrap_or_else(|| panic!("no call {name}"))
}

#[test]
fn parameters_follow_the_wire_names_types_and_meanings() {
    let login = call("customer.login");
    let kind = login.params.iter().find(|p| p.name == "type").unwrap();
    assert_eq!(kind.json_type, "integer");
    assert!(kind.required);
    let meanings: Vec<(i64, &str)> = kind
        .values
        .iter()
        .map(|v| (v.value.as_i64().unwrap(), v.meaning.as_str()))
        .collect();
    assert_eq!(meanings.len(), 3);
    assert_eq!(meanings[0].0, 1);
    assert!(meanings[0].1.contains("邮箱"), "{meanings:?}");
    let device = login.params.iter().find(|p| p.name == "device").unwrap();
    assert_eq!(device.values.len(), 9);
    let phone_area = login.params.iter().find(|p| p.name == "phoneArea").unwrap();
    assert!(!phone_area.required);
    assert_eq!(phone_area.json_type, "string");
    // A form masks passwords and codes, and only them.
    let secrets: Vec<&str> = login
        .params
        .iter()
        .filter(|p| p.format == Some(ParamFormat::Password))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        secrets,
        ["verifyCode", "sendToken", "loginPwd", "googleCode"]
    );

    let upload = call("planner.picUpload");
    let file = upload.params.iter().find(|p| p.name == "file").unwrap();
    assert_eq!(file.format, Some(ParamFormat::File));
    assert_eq!(file.json_type, "object");

    // Flattened paging and filters are parameters of the list itself, under their wire names.
    let list = call("user_center.address_list");
    for name in ["page", "like[0].column", "udId", "udTagName"] {
        assert!(list.params.iter().any(|p| p.name == name), "{name}");
    }
    let tag = list.params.iter().find(|p| p.name == "udTagName").unwrap();
    assert_eq!(
        tag.values
            .iter()
            .map(|v| v.value.as_i64().unwrap())
            .collect::<Vec<_>>(),
        [1001, 1002]
    );

    // A call without parameters has none; the catalog is JSON for the UI and the CLI.
    assert!(call("planner.accountDetail").params.is_empty());
    let json = serde_json::to_value(catalog::catalog()).unwrap();
    assert_eq!(json[0]["name"], "customer.login");
    assert_eq!(json[0]["titleZh"], "登录");
    assert_eq!(json[0]["params"][0]["type"], "integer");
    assert!(catalog::find("customer.nothing").is_none());
}

/// Every place where the seeds are silent or contradictory is named once, in the endpoint
/// data: adding or removing a guess changes this list.
#[test]
fn every_guess_is_named_once_in_the_endpoint_data() {
    let named: Vec<(String, &str)> = catalog::guesses()
        .into_iter()
        .map(|(at, guess)| (at, guess.id))
        .collect();
    let expected = [
        ("user_center.*", "token-transport"),
        ("user_center.*", "bind-type-values"),
        ("customer.register", "x-forwarded-for"),
        ("customer.retrieveLoginPwd", "new-password-field"),
        ("customer.firstSetLoginPwd", "new-password-field"),
        ("customer.firstSetLoginPwd", "step-token-placement"),
        ("planner.password", "access-token"),
        ("planner.forgetpassword", "body-or-query"),
        ("planner.accountDetail", "access-token"),
    ];
    let expected: Vec<(String, &str)> = expected
        .into_iter()
        .map(|(at, id)| (at.to_owned(), id))
        .collect();
    assert_eq!(named, expected);
    for (_, guess) in catalog::guesses() {
        assert!(
            !guess.choice.is_empty() && !guess.reason.is_empty(),
            "{guess:?}"
        );
    }
}

/// The architecture document's table "Where the seeds are unclear" has a row for each guess,
/// naming its call (or family) and its id.
#[test]
fn the_architecture_document_lists_every_guess() {
    let document = include_str!("../../../docs/ARCHITECTURE.md");
    let table: Vec<&str> = document
        .split("Where the seeds are unclear")
        .nth(1)
        .expect("docs/ARCHITECTURE.md has the table")
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .collect();
    for (at, guess) in catalog::guesses() {
        let row = format!("`{}`", guess.id);
        assert!(
            table
                .iter()
                .any(|line| line.contains(&row) && line.contains(&format!("`{at}`"))),
            "no row for {at} {}",
            guess.id
        );
    }
}
