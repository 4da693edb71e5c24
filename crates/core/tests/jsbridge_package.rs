//! The H5 authors' typed client (`packages/jsbridge`) takes its methods, their parameters, the
//! answer codes and the routes from lcs-core's registry, through two generated files. A stale
//! file fails here; `make bindings` (or `LCS_UPDATE_JSBRIDGE=1` on this test) writes them.

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lcs_core::bridge::answers::{self, AppInfo, NetType};
use lcs_core::bridge::method_allowed;
use lcs_core::bridge::policy::OriginTier;
use lcs_core::bridge::protocol::{Code, Method, Takes};
use lcs_core::routes::{ParamKind, ROUTES};
use serde_json::{Map, Value, json};

const HEADER: &str =
    "// Generated from lcs-core's bridge registry by `make bindings`; do not edit.\n";

fn package() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packages/jsbridge")
}

/// `UnknownMethod` as `UNKNOWN_METHOD`.
fn constant_name(code: Code) -> String {
    let mut name = String::new();
    for (i, c) in format!("{code:?}").chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

fn takes(method: Method) -> &'static str {
    match method.takes() {
        Takes::Nothing => "nothing",
        Takes::Message => "message",
        Takes::OptionalMessage => "optionalMessage",
        Takes::Page => "page",
    }
}

/// The methods a page gets an answer from without a callback.
fn synchronous() -> Vec<String> {
    let info = AppInfo {
        version: String::new(),
        platform: String::new(),
        language: String::new(),
    };
    let state = answers::page_state(&info, NetType::Unknown);
    state["answers"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

fn param_json(kind: ParamKind, required: bool) -> Value {
    let mut param = match kind {
        ParamKind::Text { max } => json!({ "kind": "text", "max": max }),
        ParamKind::Int { min, max } => json!({ "kind": "integer", "min": min, "max": max }),
        ParamKind::Enum(values) => json!({ "kind": "enum", "values": values }),
        ParamKind::Url => json!({ "kind": "url" }),
    };
    param["required"] = json!(required);
    param
}

fn param_type(kind: ParamKind) -> String {
    match kind {
        // Ids and text travel both ways: links carry only text, H5 code sends numbers too.
        ParamKind::Text { .. } | ParamKind::Int { .. } => "string | number".to_owned(),
        ParamKind::Enum(values) => values
            .iter()
            .map(|value| format!("'{value}'"))
            .collect::<Vec<_>>()
            .join(" | "),
        ParamKind::Url => "string".to_owned(),
    }
}

fn registry_js() -> String {
    let sync = synchronous();
    let mut methods = Map::new();
    for method in Method::ALL {
        methods.insert(
            method.name().to_owned(),
            json!({
                "takes": takes(method),
                "trustedOnly": !method_allowed(method, OriginTier::Partner),
                "synchronous": sync.iter().any(|name| name == method.name()),
            }),
        );
    }
    let mut codes = Map::new();
    for code in Code::ALL {
        codes.insert(constant_name(code), json!(code.number()));
    }
    let mut routes = Map::new();
    for route in ROUTES {
        let params: Map<String, Value> = route
            .params
            .iter()
            .map(|param| {
                (
                    param.name.to_owned(),
                    param_json(param.kind, param.required),
                )
            })
            .collect();
        routes.insert(
            route.name.to_owned(),
            json!({
                "needsLogin": route.needs_login,
                "partnerMayOpen": route.may_be_opened_by(OriginTier::Partner),
                "params": params,
            }),
        );
    }
    let pretty =
        |value: Map<String, Value>| serde_json::to_string_pretty(&Value::Object(value)).unwrap();
    format!(
        "{HEADER}\n\
         /** Each method: what its data holds, whether only trusted origins may call it, and whether it answers without a callback. */\n\
         export const METHODS = Object.freeze({})\n\n\
         /** The answer codes by name; the numbers never change. */\n\
         export const CODES = Object.freeze({})\n\n\
         /** The native pages `openPage` opens, with their parameters. */\n\
         export const ROUTES = Object.freeze({})\n",
        pretty(methods),
        pretty(codes),
        pretty(routes),
    )
}

fn registry_dts() -> String {
    let mut out = String::from(HEADER);
    let union = |names: Vec<String>| names.join(" | ");
    let method_names: Vec<String> = Method::ALL
        .iter()
        .map(|m| format!("'{}'", m.name()))
        .collect();
    writeln!(out, "\nexport type MethodName = {}", union(method_names)).unwrap();
    out.push_str(
        "\nexport interface MethodInfo {\n  readonly takes: 'nothing' | 'message' | 'optionalMessage' | 'page'\n  readonly trustedOnly: boolean\n  readonly synchronous: boolean\n}\n",
    );
    out.push_str("\nexport declare const METHODS: { readonly [M in MethodName]: MethodInfo }\n");
    out.push_str("\nexport declare const CODES: {\n");
    for code in Code::ALL {
        writeln!(out, "  /** {} */", code.message()).unwrap();
        writeln!(out, "  readonly {}: {}", constant_name(code), code.number()).unwrap();
    }
    out.push_str("}\n\nexport type Code = (typeof CODES)[keyof typeof CODES]\n");
    let route_names: Vec<String> = ROUTES.iter().map(|r| format!("'{}'", r.name)).collect();
    writeln!(out, "\nexport type RouteName = {}", union(route_names)).unwrap();
    out.push_str("\n/** Each route's parameters, as `openPage` takes them. */\nexport interface RouteParams {\n");
    for route in ROUTES {
        if route.params.is_empty() {
            writeln!(out, "  '{}': Record<string, never>", route.name).unwrap();
            continue;
        }
        let fields: Vec<String> = route
            .params
            .iter()
            .map(|param| {
                let optional = if param.required { "" } else { "?" };
                format!("{}{optional}: {}", param.name, param_type(param.kind))
            })
            .collect();
        writeln!(out, "  '{}': {{ {} }}", route.name, fields.join("; ")).unwrap();
    }
    out.push_str("}\n\nexport interface RouteInfo {\n  readonly needsLogin: boolean\n  readonly partnerMayOpen: boolean\n  readonly params: { readonly [name: string]: { readonly kind: 'text' | 'integer' | 'enum' | 'url'; readonly required: boolean } }\n}\n");
    out.push_str("\nexport declare const ROUTES: { readonly [R in RouteName]: RouteInfo }\n");
    out
}

#[test]
fn the_typed_clients_registry_is_generated_from_lcs_cores() {
    let files = [
        ("registry.js", registry_js()),
        ("registry.d.ts", registry_dts()),
    ];
    for (name, fresh) in files {
        let path = package().join(name);
        if std::env::var_os("LCS_UPDATE_JSBRIDGE").is_some() {
            std::fs::write(&path, &fresh).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "packages/jsbridge/{name} is stale: run `make bindings` and commit the result"
        );
    }
}
