//! The wire test: every call of the catalog, with every parameter set, goes out exactly as the
//! description of the seeds (`contract/calls.json`, itself checked against the seeds by
//! `description.rs`) says: method, path, each parameter in its place under its wire name and of
//! its type, no parameter the description does not name, the headers the seed requires, and the
//! session token where the family carries it; and a parameter the seed requires cannot be left
//! out of the call's request type. Differences the description lists as
//! `known_mismatch` are expected, and must still hold.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;

use lcs_api::catalog::{self, Call, CallVisitor};
use lcs_api::{Auth, Client, Secret};
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};
use support::description::{Call as Described, Description, Location};
use support::{header, mock_client};
use wiremock::matchers::any;
use wiremock::{Mock, ResponseTemplate};

const TOKEN: &str = "wire-session-token";

type Sending<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// Builds the visited call with every parameter set, from its own schema, and sends it.
struct SendSample<'a> {
    client: &'a Client,
}

impl<'a> CallVisitor for SendSample<'a> {
    type Output = Sending<'a>;

    fn visit<E: Call>(self) -> Sending<'a> {
        let schema = SchemaSettings::draft2020_12()
            .for_deserialize()
            .with(|settings| settings.inline_subschemas = true)
            .into_generator()
            .into_root_schema_for::<E>();
        let sample = sample(schema.as_value());
        let request: E = serde_json::from_value(sample.clone())
            .unwrap_or_else(|error| panic!("{}: {error} in {sample}", E::NAME));
        let client = self.client;
        Box::pin(async move {
            // The answer does not matter here, only the request.
            let _ = client.send(&request, Some(&Secret::new(TOKEN))).await;
        })
    }
}

/// A value for `schema`: the first of an enumeration's values, one item for a list, every
/// property of an object; `null` for a call without parameters (a unit struct).
fn sample(schema: &Value) -> Value {
    for key in ["anyOf", "oneOf"] {
        if let Some(alternatives) = schema.get(key).and_then(Value::as_array) {
            if let Some(value) = alternatives.iter().find_map(|a| a.get("const")) {
                return value.clone();
            }
            let mut inner = alternatives
                .iter()
                .find(|a| a.get("type") != Some(&json!("null")))
                .expect("a non-null alternative")
                .clone();
            // The field's own keywords (its format) over its type's.
            for (k, v) in schema.as_object().unwrap() {
                if k != key {
                    inner[k] = v.clone();
                }
            }
            return sample(&inner);
        }
    }
    if let Some(value) = schema.get("enum").and_then(|values| values.get(0)) {
        return value.clone();
    }
    if schema.get("format") == Some(&json!("file")) {
        use base64::Engine;
        let png = b"\x89PNG\r\n\x1a\n wire";
        let base64 = base64::engine::general_purpose::STANDARD.encode(png);
        return json!({"fileName": "avatar.png", "base64": base64});
    }
    let json_type = match schema.get("type") {
        Some(Value::Array(types)) => types.iter().find(|t| *t != "null").cloned(),
        other => other.cloned(),
    };
    match json_type.as_ref().and_then(Value::as_str) {
        Some("string") => json!("s1"),
        Some("integer") => json!(7),
        Some("number") => json!(1.5),
        Some("boolean") => json!(true),
        Some("array") => json!([sample(schema.get("items").unwrap_or(&json!({})))]),
        Some("null") => Value::Null,
        _ => match schema.get("properties").and_then(Value::as_object) {
            Some(properties) => Value::Object(
                properties
                    .iter()
                    .map(|(name, property)| (name.clone(), sample(property)))
                    .collect::<Map<String, Value>>(),
            ),
            // A free-form object (C2's `data`).
            None if json_type.is_some() => json!({"k": "v"}),
            None => Value::Null,
        },
    }
}

/// A parameter as it arrived: a JSON value in a JSON body, text in a query or a form.
#[derive(Debug)]
enum Sent {
    Json(Value),
    Text(String),
}

/// Every parameter the request carries, wherever it is.
fn sent_params(request: &wiremock::Request) -> Vec<(String, Location, Sent)> {
    let mut sent: Vec<(String, Location, Sent)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), Location::Query, Sent::Text(v.into_owned())))
        .collect();
    let content_type = header(request, "content-type").unwrap_or_default();
    if let Some(boundary) = content_type.strip_prefix("multipart/form-data; boundary=") {
        let body = String::from_utf8_lossy(&request.body);
        for part in body.split(&format!("--{boundary}")) {
            let Some((headers, value)) = part.split_once("\r\n\r\n") else {
                continue;
            };
            let Some(name) = headers
                .split("name=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
            else {
                continue;
            };
            let value = value.strip_suffix("\r\n").unwrap_or(value);
            sent.push((
                name.to_owned(),
                Location::Form,
                Sent::Text(value.to_owned()),
            ));
        }
    } else if !request.body.is_empty() {
        let body: Value = serde_json::from_slice(&request.body).expect("a JSON body");
        for (name, value) in body.as_object().expect("a JSON object").clone() {
            sent.push((name, Location::Body, Sent::Json(value)));
        }
    }
    sent
}

fn type_fits(sent: &Sent, json_type: &str) -> bool {
    match (sent, json_type) {
        (Sent::Json(value), "string") => value.is_string(),
        (Sent::Json(value), "integer") => value.is_i64() || value.is_u64(),
        (Sent::Json(value), "number") => value.is_number(),
        (Sent::Json(value), "boolean") => value.is_boolean(),
        (Sent::Json(value), "array") => value.is_array(),
        (Sent::Json(value), _) => value.is_object(),
        (Sent::Text(text), "integer") => text.parse::<i64>().is_ok(),
        (Sent::Text(text), "number") => text.parse::<f64>().is_ok(),
        (Sent::Text(text), "boolean") => ["true", "false", "0", "1"].contains(&text.as_str()),
        (Sent::Text(_), _) => true,
    }
}

/// Where the request leaves the description: `(parameter or header, what differs)`.
fn differences(
    description: &Description,
    call: &Described,
    auth: Auth,
    request: &wiremock::Request,
) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut differ = |subject: &str, message: String| found.push((subject.to_owned(), message));
    if request.method.as_str() != call.method {
        differ("method", format!("sent as {}", request.method));
    }
    if request.url.path() != call.path {
        differ("path", format!("sent to {}", request.url.path()));
    }
    let with_token = auth != Auth::Guest;
    let families = &description.families;
    // The call's own parameters, family C's common ones, and where the token goes.
    let mut expected: Vec<(&str, Location, &str, bool)> = call
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.json_type.as_str(), p.session))
        .collect();
    if let Some(place) = call.common_in {
        expected.extend(
            families
                .planner
                .common
                .iter()
                .map(|p| (p.name.as_str(), place, p.json_type.as_str(), false)),
        );
    }
    let sent = sent_params(request);
    for (name, location, json_type, session) in &expected {
        let arrived: Vec<&(String, Location, Sent)> =
            sent.iter().filter(|(n, _, _)| n == name).collect();
        match (arrived.as_slice(), session) {
            ([], true) if !with_token => {}
            ([], true) => differ(name, "the session token is not sent here".into()),
            ([], false) => differ(name, format!("not sent (described in the {location:?})")),
            ([(_, place, value)], _) => {
                if place != location {
                    differ(
                        name,
                        format!("sent in the {place:?}, described in the {location:?}"),
                    );
                } else if *session
                    && !matches!(value, Sent::Json(Value::String(t)) | Sent::Text(t) if t == TOKEN)
                {
                    differ(name, format!("carries {value:?}, not the session token"));
                } else if !type_fits(value, json_type) {
                    differ(name, format!("sent as {value:?}, described as {json_type}"));
                }
            }
            (many, _) => differ(name, format!("sent {} times", many.len())),
        }
    }
    for (name, place, _) in &sent {
        if !expected.iter().any(|(n, _, _, _)| n == name) {
            differ(name, format!("sent in the {place:?}, not described"));
        }
    }
    // Headers.
    match call.family.as_str() {
        "A" => {
            for described in &call.headers {
                let value = header(request, &described.name);
                if described.session {
                    match (value, with_token) {
                        (Some(value), true) if value == TOKEN => {}
                        (None, false) if described.required != Some(true) => {}
                        (None, false) => differ(
                            &described.name,
                            "required by the seed, but the call is sent as a guest".into(),
                        ),
                        (value, _) => differ(&described.name, format!("header is {value:?}")),
                    }
                } else if described.required == Some(true) && value.is_none() {
                    differ(&described.name, "required header not sent".into());
                }
            }
            let family_headers = families
                .customer
                .headers
                .iter()
                .chain(std::iter::once(&families.customer.token.name));
            for name in family_headers {
                let described = call.headers.iter().any(|h| &h.name == name);
                if header(request, name).is_some() && !described {
                    differ(
                        name,
                        "header sent, not in the seed's list for this call".into(),
                    );
                }
            }
        }
        "B" => {
            let token = &families.user_center.token;
            let expected = format!("{}{TOKEN}", token.prefix);
            match (header(request, &token.name), with_token) {
                (Some(value), true) if value == expected => {}
                (None, false) => {}
                (value, _) => differ(&token.name, format!("header is {value:?}")),
            }
        }
        _ => {}
    }
    found
}

#[tokio::test]
async fn every_call_goes_out_as_the_seeds_describe_it() {
    let description = Description::load();
    let mut unexpected = Vec::new();
    let mut checked = BTreeSet::new();
    let mut parameters = 0;
    for info in catalog::catalog() {
        let call = description
            .call(info.method.as_str(), info.path)
            .unwrap_or_else(|| panic!("{} {} is not described", info.method.as_str(), info.path));
        let (server, client) = mock_client().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
            .mount(&server)
            .await;
        catalog::visit(info.name, SendSample { client: &client })
            .expect("a call of the catalog")
            .await;
        let request = support::only_request(&server).await;
        let mut found = differences(&description, call, info.auth, &request);
        // A parameter the seed requires is one the call cannot be built without.
        for param in call.params.iter().filter(|p| p.required == Some(true)) {
            let optional = info
                .params
                .iter()
                .any(|p| p.name == param.name && !p.required);
            if optional {
                found.push((
                    param.name.clone(),
                    "required by the seed, optional in lcs-api".into(),
                ));
            }
        }
        parameters += call.params.len();
        for (subject, message) in &found {
            if !call.known_mismatch.contains_key(subject) {
                unexpected.push(format!("{} ({}) {subject}: {message}", call.id, info.name));
            }
        }
        for subject in call.known_mismatch.keys() {
            if !found.iter().any(|(s, _)| s == subject) {
                unexpected.push(format!(
                    "{} ({}) {subject}: listed as a known mismatch, but sent as described",
                    call.id, info.name
                ));
            }
        }
        checked.insert(call.id.clone());
    }
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    assert_eq!(
        checked.len(),
        description.calls.len(),
        "a described call was not sent"
    );
    assert!(parameters > 400, "{parameters} parameters checked");
}
