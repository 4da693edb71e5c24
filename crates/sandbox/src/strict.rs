//! The seeds' parameter tables, held before any handler runs: a family A body or a family B
//! query naming a parameter the seeds do not, a parameter of the wrong type, or a family C
//! call without its common parameters is refused with the family's own error, naming the
//! parameter, as a server that follows the seeds would.

mod calls;

use axum::body::Body;
use axum::extract::{Query, Request};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::envelope::{
    CustomerFailure, UserCenterFailure, customer_fail, planner_bad_parameter, user_center_fail,
};

/// The families, each with its own error for a bad parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    A,
    B,
    C,
}

/// Where a call's parameters travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Body,
    Query,
    Form,
}

/// A parameter's type as the seeds' tables write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Object => "object",
            Kind::Array => "array",
        }
    }

    fn holds_json(self, value: &Value) -> bool {
        match self {
            Kind::Text => value.is_string(),
            Kind::Integer => value.is_i64() || value.is_u64(),
            Kind::Number => value.is_number(),
            Kind::Boolean => value.is_boolean(),
            Kind::Object => value.is_object(),
            Kind::Array => value.is_array(),
        }
    }

    /// A query value: empty stands for absent, as a form leaves an unfilled field.
    fn holds_text(self, value: &str) -> bool {
        value.is_empty()
            || match self {
                Kind::Integer => value.parse::<i64>().is_ok(),
                Kind::Number => value.parse::<f64>().is_ok(),
                Kind::Boolean => value == "true" || value == "false",
                Kind::Text | Kind::Object | Kind::Array => true,
            }
    }
}

#[derive(Debug)]
pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
}

#[derive(Debug)]
pub struct Call {
    pub id: &'static str,
    pub family: Family,
    pub method: &'static str,
    pub path: &'static str,
    pub place: Place,
    pub params: &'static [Param],
}

/// Family C's common parameters, which every call carries beside its own.
const PLANNER_COMMON: [Param; 3] = [
    Param {
        name: "platid",
        kind: Kind::Text,
    },
    Param {
        name: "vercode",
        kind: Kind::Integer,
    },
    Param {
        name: "channel",
        kind: Kind::Text,
    },
];

/// Family B's session token may travel as a `token` query parameter, as an environment
/// chooses; it is no parameter of any one call.
const USER_CENTER_TOKEN: &str = "token";

/// Why a request leaves the seeds, in words that name the parameter.
#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    Unknown(String),
    Missing(&'static str),
    WrongType(String, Kind),
}

impl Refusal {
    fn describe(&self) -> String {
        match self {
            Refusal::Unknown(name) => format!("unknown parameter {name}"),
            Refusal::Missing(name) => format!("missing parameter {name}"),
            Refusal::WrongType(name, kind) => format!("parameter {name} must be {}", kind.name()),
        }
    }
}

fn find(method: &Method, path: &str) -> Option<&'static Call> {
    calls::CALLS
        .iter()
        .find(|call| call.path == path && call.method == method.as_str())
}

/// The middleware: passes on what the seeds allow, answers the rest with the family's error.
pub async fn hold_to_seeds(request: Request, next: Next) -> Response {
    let Some(call) = find(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    let query = Query::<Vec<(String, String)>>::try_from_uri(request.uri())
        .map(|Query(pairs)| pairs)
        .unwrap_or_default();
    let (parts, body) = request.into_parts();
    if call.place != Place::Body {
        // The parameters are elsewhere; the body goes on untouched.
        return match check(call, &query, None) {
            Ok(()) => next.run(Request::from_parts(parts, body)).await,
            Err(refusal) => refuse(call, &parts.headers, &refusal),
        };
    }
    let body = match axum::body::to_bytes(body, crate::server::MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    // A body that is no JSON object goes on: the handler answers it in its family's words.
    if let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(&body)
        && let Err(refusal) = check(call, &query, Some(&object))
    {
        return refuse(call, &parts.headers, &refusal);
    }
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// Checks a call's parameters: the JSON `body` of a call that takes one, else the `query`.
fn check(
    call: &Call,
    query: &[(String, String)],
    body: Option<&Map<String, Value>>,
) -> Result<(), Refusal> {
    match call.family {
        Family::A => body.map_or(Ok(()), |body| check_body(call.params, body, true)),
        Family::B => check_query(call.params, query, true),
        Family::C => match call.place {
            Place::Body => body.map_or(Ok(()), |body| {
                require(&PLANNER_COMMON, |name| body.contains_key(name))?;
                check_body(&PLANNER_COMMON, body, false)?;
                check_body(call.params, body, false)
            }),
            Place::Query => {
                require(&PLANNER_COMMON, |name| {
                    query
                        .iter()
                        .any(|(key, value)| key == name && !value.is_empty())
                })?;
                check_query(&PLANNER_COMMON, query, false)?;
                check_query(call.params, query, false)
            }
            // The upload's multipart parts are the handler's to read.
            Place::Form => Ok(()),
        },
    }
}

fn require(params: &[Param], present: impl Fn(&str) -> bool) -> Result<(), Refusal> {
    match params.iter().find(|param| !present(param.name)) {
        Some(param) => Err(Refusal::Missing(param.name)),
        None => Ok(()),
    }
}

fn check_body(params: &[Param], body: &Map<String, Value>, closed: bool) -> Result<(), Refusal> {
    for (name, value) in body {
        match params.iter().find(|param| param.name == name) {
            Some(param) if !param.kind.holds_json(value) => {
                return Err(Refusal::WrongType(name.clone(), param.kind));
            }
            Some(_) => {}
            None if closed => return Err(Refusal::Unknown(name.clone())),
            None => {}
        }
    }
    Ok(())
}

fn check_query(params: &[Param], query: &[(String, String)], closed: bool) -> Result<(), Refusal> {
    for (name, value) in query {
        match params.iter().find(|param| param.name == name) {
            Some(param) if !param.kind.holds_text(value) => {
                return Err(Refusal::WrongType(name.clone(), param.kind));
            }
            Some(_) => {}
            None if closed && name != USER_CENTER_TOKEN => {
                return Err(Refusal::Unknown(name.clone()));
            }
            None => {}
        }
    }
    Ok(())
}

fn refuse(call: &Call, headers: &HeaderMap, refusal: &Refusal) -> Response {
    let why = refusal.describe();
    tracing::info!(call = call.id, %why, "a parameter the seeds do not allow");
    match call.family {
        Family::A => customer_fail(headers, CustomerFailure::BadRequest(why)).into_response(),
        Family::B => user_center_fail(&UserCenterFailure::BadParameter(why)),
        Family::C => planner_bad_parameter(why).into_response(),
    }
}

#[cfg(test)]
mod tests {
    // A failed expectation is a failed test.
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// The description of the seeds that lcs-api's requests are held to.
    const DESCRIPTION: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../api/tests/contract/calls.json"
    );

    fn described_place(family: &str, call: &Value) -> &'static str {
        match family {
            "A" => "body",
            "B" => "query",
            _ => match call["common_in"].as_str().unwrap() {
                "body" => "body",
                "query" => "query",
                _ => "form",
            },
        }
    }

    /// One line per call and parameter, the same way for the table and the description.
    fn table_lines() -> Vec<String> {
        calls::CALLS
            .iter()
            .flat_map(|call| {
                let place = match call.place {
                    Place::Body => "body",
                    Place::Query => "query",
                    Place::Form => "form",
                };
                let head = format!(
                    "{} {:?} {} {} {place}",
                    call.id, call.family, call.method, call.path
                );
                std::iter::once(head.clone()).chain(
                    call.params
                        .iter()
                        .map(move |param| format!("{head} {} {}", param.name, param.kind.name())),
                )
            })
            .collect()
    }

    fn description_lines() -> Vec<String> {
        let text = std::fs::read_to_string(DESCRIPTION).unwrap();
        let description: Value = serde_json::from_str(&text).unwrap();
        description["calls"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|call| {
                let family = call["family"].as_str().unwrap();
                let place = described_place(family, call);
                let head = format!(
                    "{} {family} {} {} {place}",
                    call["id"].as_str().unwrap(),
                    call["method"].as_str().unwrap(),
                    call["path"].as_str().unwrap()
                );
                let params = call["params"].as_array().cloned().unwrap_or_default();
                std::iter::once(head.clone()).chain(params.into_iter().map(move |param| {
                    assert_eq!(param["in"].as_str().unwrap(), place, "{param}");
                    format!(
                        "{head} {} {}",
                        param["name"].as_str().unwrap(),
                        param["type"].as_str().unwrap()
                    )
                }))
            })
            .collect()
    }

    #[test]
    fn the_table_is_the_description_of_the_seeds() {
        assert_eq!(table_lines(), description_lines());
    }

    #[test]
    fn family_c_common_parameters_are_the_described_ones() {
        let text = std::fs::read_to_string(DESCRIPTION).unwrap();
        let description: Value = serde_json::from_str(&text).unwrap();
        let described: Vec<(String, String)> = description["families"]["C"]["common"]
            .as_array()
            .unwrap()
            .iter()
            .map(|param| {
                (
                    param["name"].as_str().unwrap().to_owned(),
                    param["type"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let table: Vec<(String, String)> = PLANNER_COMMON
            .iter()
            .map(|param| (param.name.to_owned(), param.kind.name().to_owned()))
            .collect();
        assert_eq!(table, described);
    }
}
