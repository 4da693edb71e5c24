//! `contract/calls.json`, the machine-readable description of the seeds: every call's method,
//! path, headers and parameters (wire name, where it goes, type, and whether the seed requires
//! it). Where a seed is silent or contradictory the entry carries `guess` with the reason;
//! `known_mismatch` names what lcs-api sends differently from the description, and why.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Description {
    pub about: String,
    pub families: Families,
    pub calls: Vec<Call>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Families {
    #[serde(rename = "A")]
    pub customer: CustomerFamily,
    #[serde(rename = "B")]
    pub user_center: UserCenterFamily,
    #[serde(rename = "C")]
    pub planner: PlannerFamily,
}

/// Family A: the headers every call carries unless its own list says otherwise.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerFamily {
    pub headers: Vec<String>,
    pub token: Token,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserCenterFamily {
    pub token: Token,
}

/// Family C: the common parameters, sent with each call's own parameters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannerFamily {
    pub common: Vec<Param>,
    pub common_guess: String,
    pub token: Token,
}

/// Where a family's session token goes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Token {
    #[serde(rename = "in")]
    pub location: Option<Location>,
    pub name: String,
    /// Text before the token in the value (`Bearer `).
    #[serde(default)]
    pub prefix: String,
    pub guess: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    Body,
    Query,
    Header,
    Form,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Call {
    /// A1–A10, B1–B56 in the seed's order, C1–C10.
    pub id: String,
    pub family: String,
    /// The seed file's number: `000` … `003`.
    pub seed: String,
    pub method: String,
    pub path: String,
    /// Family C: where the common parameters (and the call's own) go.
    pub common_in: Option<Location>,
    /// Family A: the headers the seed lists for this call.
    #[serde(default)]
    pub headers: Vec<Header>,
    pub params: Vec<Param>,
    /// Why the call is described beyond or against its seed's words.
    pub guess: Option<String>,
    /// Parameter or header name → what lcs-api does instead, and why it is left so.
    #[serde(default)]
    pub known_mismatch: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub name: String,
    /// `None` where the seed shows the header without saying whether it is required.
    pub required: Option<bool>,
    /// The header carries the session token.
    #[serde(default)]
    pub session: bool,
    pub guess: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: String,
    #[serde(rename = "in")]
    pub location: Location,
    /// As the seed types it: `string`, `integer`, `number`, `boolean`, `array`, `object`.
    #[serde(rename = "type")]
    pub json_type: String,
    /// `None` where the seed does not say.
    pub required: Option<bool>,
    /// The parameter carries the session token.
    #[serde(default)]
    pub session: bool,
    pub guess: Option<String>,
}

impl Description {
    pub fn load() -> Self {
        serde_json::from_str(include_str!("../contract/calls.json")).expect("calls.json")
    }

    pub fn call(&self, method: &str, path: &str) -> Option<&Call> {
        self.calls
            .iter()
            .find(|call| call.method == method && call.path == path)
    }
}

/// `(METHOD, path)` for every call the index's tables list (`contract/API.md`, a copy of the
/// project's contract page).
pub fn documented_calls() -> BTreeSet<(String, String)> {
    let text = include_str!("../contract/API.md");
    let mut calls = BTreeSet::new();
    for line in text.lines().filter(|line| line.starts_with('|')) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(first) = cells.get(1) else { continue };
        // Family A: `| A1 | `/api/...` | what | login |`, every call a POST.
        if first.starts_with('A') && first[1..].parse::<u32>().is_ok() {
            calls.insert(("POST".into(), code_spans(cells[2])[0].clone()));
        }
        // Family C: `| C1 | POST `/srv/v1/login` | what |`.
        if first.starts_with('C') && first[1..].parse::<u32>().is_ok() {
            let method = cells[2].split_whitespace().next().unwrap_or_default();
            calls.insert((method.into(), code_spans(cells[2])[0].clone()));
        }
        // Family B: `| group | POST add · GET get (`ud_id`) · GET+POST x — under `/base/` |`.
        if let Some((list, base)) = cells.get(2).and_then(|cell| cell.split_once("— under")) {
            let base = code_spans(base)[0].clone();
            let mut methods: Vec<&str> = Vec::new();
            for item in list.split('·') {
                let words: Vec<&str> = item.split_whitespace().collect();
                let name = match words.as_slice() {
                    [method, name, ..]
                        if method.chars().all(|c| c.is_ascii_uppercase() || c == '+') =>
                    {
                        methods = method.split('+').collect();
                        name
                    }
                    [name, ..] => name,
                    [] => continue,
                };
                for method in &methods {
                    calls.insert(((*method).into(), format!("{base}{name}")));
                }
            }
        }
    }
    calls
}

fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}
