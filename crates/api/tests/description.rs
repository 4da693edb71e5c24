//! The description of the seeds (`contract/calls.json`) says what the seeds say: every call
//! of the API index once, every parameter and header a seed's table lists with its place, type
//! and required flag, and nothing the seeds do not name unless it is marked as a guess.
//!
//! The seeds are copied byte for byte from the project's `seeds/` folder (the user's documents):
//! `contract/000_4565e320c1a1f010.txt` and `contract/001_9b20314fe04a0f8f.txt` (family A, the
//! customer API), `contract/002_f518659e92b9ccfa.txt` (family B, the user centre) and
//! `contract/003_6844965caad38b73.txt` (family C, the planner API). They are web-page exports:
//! their tables lost the separators between cells, so rows are read by the type words in them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::{BTreeMap, BTreeSet};

use support::description::{Description, Location, documented_calls};

const SEED_000: &str = include_str!("contract/000_4565e320c1a1f010.txt");
const SEED_001: &str = include_str!("contract/001_9b20314fe04a0f8f.txt");
const SEED_002: &str = include_str!("contract/002_f518659e92b9ccfa.txt");
const SEED_003: &str = include_str!("contract/003_6844965caad38b73.txt");

const TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "object", "array"];

/// One parameter or header a seed's table lists.
#[derive(Debug, Clone)]
struct Row {
    name: String,
    location: Location,
    json_type: String,
    required: Option<bool>,
}

/// What a seed says about one call: its tables' rows and the names its example request uses.
#[derive(Debug, Default)]
struct SeedCall {
    seed: &'static str,
    rows: Vec<Row>,
    /// Parameters named in the example request (body keys, query names), without a table.
    example_params: BTreeSet<String>,
    example_headers: BTreeSet<String>,
}

type Seeds = BTreeMap<(String, String), SeedCall>;

/// `name` + type word (+ ` · int32 …`): the name and the type, if the cell is one.
fn name_and_type(cell: &str) -> Option<(String, String)> {
    let cell = cell.split(" · ").next()?;
    TYPES.iter().find_map(|ty| {
        let name = cell.strip_suffix(ty)?;
        (!name.is_empty()).then(|| (name.to_owned(), (*ty).to_owned()))
    })
}

/// The top-level keys of the JSON object starting at `lines[0]`, read line by line (the seeds'
/// examples are not always valid JSON); stops where the object closes.
fn example_keys<'a>(lines: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut depth = 0;
    for line in lines {
        let trimmed = line.trim_start();
        if depth == 1 && trimmed.starts_with('"') {
            let key = trimmed[1..].split('"').next().unwrap_or_default();
            if !key.is_empty() {
                keys.insert(key.to_owned());
            }
        }
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return keys;
                    }
                }
                _ => {}
            }
        }
    }
    keys
}

/// Seeds 000 and 001: GitBook exports. 001 has "Header parameters" and "Body" tables
/// (`versionstringRequired`); both end each call with its example request
/// (`POST /api/… HTTP/1.1`, headers, JSON body).
fn customer_seeds(seeds: &mut Seeds, text: &str, seed: &'static str) {
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    let mut section = None;
    for (at, line) in lines.iter().enumerate() {
        match *line {
            "Header parameters" => section = Some(Location::Header),
            "Body" => section = Some(Location::Body),
            "Responses" => section = None,
            _ => {}
        }
        if let Some(location) = section {
            let flag = line
                .strip_suffix("Required")
                .map(|cell| (cell, true))
                .or_else(|| line.strip_suffix("Optional").map(|cell| (cell, false)));
            if let Some((name, json_type)) = flag.and_then(|(cell, _)| name_and_type(cell)) {
                rows.push(Row {
                    name,
                    location,
                    json_type,
                    required: flag.map(|(_, required)| required),
                });
            }
        }
        // Seed 000 runs a request line into the text before it (`zh-CNPOST /api/…`).
        let Some(path) = line
            .split_once("POST /")
            .and_then(|(_, rest)| rest.strip_suffix(" HTTP/1.1"))
            .map(|rest| format!("/{rest}"))
        else {
            continue;
        };
        let mut call = SeedCall {
            seed,
            rows: std::mem::take(&mut rows),
            ..SeedCall::default()
        };
        section = None;
        let mut rest = lines[at + 1..].iter().copied().peekable();
        while let Some(header) = rest.next_if(|line| !line.trim_start().starts_with('{')) {
            if let Some((name, _)) = header.split_once(": ")
                && !["Host", "Content-Type", "Accept", "Content-Length"].contains(&name)
            {
                call.example_headers.insert(name.to_owned());
            }
        }
        call.example_params = example_keys(rest);
        seeds.insert(("POST".into(), path), call);
    }
}

/// Seed 002: `METHOD /path` lines, each followed by a `名称位置类型必选说明` table whose rows
/// are name, place (`query`), type, required (blank throughout the seed) and description.
fn user_center_seed(seeds: &mut Seeds) {
    let lines: Vec<&str> = SEED_002.lines().collect();
    let mut current: Option<(String, String)> = None;
    let mut in_table = false;
    for line in lines {
        let words: Vec<&str> = line.split(' ').collect();
        if let [method @ ("GET" | "POST"), path] = words.as_slice()
            && path.starts_with('/')
        {
            let key = ((*method).to_owned(), (*path).to_owned());
            seeds.insert(
                key.clone(),
                SeedCall {
                    seed: "002",
                    ..SeedCall::default()
                },
            );
            current = Some(key);
            continue;
        }
        if line == "名称位置类型必选说明" {
            in_table = true;
            continue;
        }
        if line.trim().is_empty() {
            in_table = false;
            continue;
        }
        if !in_table {
            continue;
        }
        let call = seeds
            .get_mut(current.as_ref().expect("a table under a call"))
            .unwrap();
        call.rows
            .push(user_center_row(line).unwrap_or_else(|| panic!("row {line:?}")));
    }
}

fn user_center_row(line: &str) -> Option<Row> {
    let places = [("query", Location::Query), ("body", Location::Body)];
    line.char_indices().skip(1).find_map(|(at, _)| {
        let (word, location) = places
            .iter()
            .find(|(word, _)| line[at..].starts_with(word))?;
        let rest = &line[at + word.len()..];
        let json_type = TYPES.iter().find(|ty| rest.starts_with(*ty))?;
        let after = &rest[json_type.len()..];
        Some(Row {
            name: line[..at].to_owned(),
            location: *location,
            json_type: (*json_type).to_owned(),
            required: if after.starts_with("true") {
                Some(true)
            } else if after.starts_with("false") {
                Some(false)
            } else {
                None
            },
        })
    })
}

/// Seed 003: the common-parameter table (`platidstring必填body…`), then numbered sections,
/// each with its `post /srv/v1/…` heading and an example: a JSON body, a query string, or (C8)
/// a query string inside braces. Only a file is said to be required (`//非空`).
fn planner_seed(seeds: &mut Seeds) -> Vec<Row> {
    let lines: Vec<&str> = SEED_003.lines().collect();
    let start = lines
        .iter()
        .position(|line| *line == "参数数据类型必填参数类型描述")
        .expect("the common parameters' table");
    let common = lines[start + 1..]
        .iter()
        .take_while(|line| !line.trim().is_empty())
        .map(|line| {
            let (cell, rest) = line
                .split_once("必填")
                .map(|(cell, rest)| (cell, (rest, Some(true))))
                .or_else(|| {
                    line.split_once("选填")
                        .map(|(cell, rest)| (cell, (rest, Some(false))))
                })
                .expect("a required flag");
            let (name, json_type) = cell
                .strip_suffix("string")
                .map(|name| (name, "string"))
                .or_else(|| cell.strip_suffix("int").map(|name| (name, "integer")))
                .expect("a type");
            Row {
                name: name.to_owned(),
                location: if rest.0.starts_with("query") {
                    Location::Query
                } else {
                    Location::Body
                },
                json_type: json_type.to_owned(),
                required: rest.1,
            }
        })
        .collect();
    let mut current: Option<(String, String)> = None;
    let mut in_request = false;
    for (at, line) in lines.iter().enumerate() {
        let numbered = line
            .split_once(". ")
            .is_some_and(|(number, _)| number.parse::<u32>().is_ok());
        if numbered {
            current = None;
            continue;
        }
        if let Some((method, rest)) = line.split_once(' ')
            && ["post", "get"].contains(&method.to_ascii_lowercase().as_str())
            && rest.starts_with("/srv/")
        {
            let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
            if current.is_none() {
                let key = (method.to_ascii_uppercase(), path.to_owned());
                seeds.entry(key.clone()).or_insert_with(|| SeedCall {
                    seed: "003",
                    ..SeedCall::default()
                });
                current = Some(key);
                in_request = true;
            }
            let call = seeds.get_mut(current.as_ref().unwrap()).unwrap();
            query_names(&mut call.example_params, query);
            continue;
        }
        let Some(key) = &current else { continue };
        if line.starts_with("response") {
            in_request = false;
        }
        if !in_request {
            continue;
        }
        let call = seeds.get_mut(key).unwrap();
        if line.trim() == "{" {
            let body = lines[at..].iter().copied();
            call.example_params.extend(example_keys(body));
        } else if let Some(query) = line.trim().strip_prefix('?') {
            query_names(&mut call.example_params, query);
        } else if line.contains("//非空") {
            let name = line.trim()[1..].split('"').next().unwrap_or_default();
            call.rows.push(Row {
                name: name.to_owned(),
                location: Location::Body,
                json_type: "object".into(),
                required: Some(true),
            });
        }
    }
    common
}

fn query_names(names: &mut BTreeSet<String>, query: &str) {
    names.extend(
        query
            .split('&')
            .filter_map(|pair| pair.split_once('=').map(|(name, _)| name.to_owned())),
    );
}

fn seeds() -> (Seeds, Vec<Row>) {
    let mut seeds = Seeds::new();
    customer_seeds(&mut seeds, SEED_000, "000");
    customer_seeds(&mut seeds, SEED_001, "001");
    user_center_seed(&mut seeds);
    let common = planner_seed(&mut seeds);
    (seeds, common)
}

#[test]
fn the_seeds_are_read_whole() {
    let (seeds, common) = seeds();
    // 5 calls in seed 000, 5 in 001, 56 in 002, C1–C9 in 003 (C3 twice, C10 not at all).
    let count = |seed: &str| seeds.values().filter(|call| call.seed == seed).count();
    assert_eq!(
        [count("000"), count("001"), count("002"), count("003")],
        [5, 5, 56, 9]
    );
    let login = &seeds[&(
        "POST".to_owned(),
        "/api/login/customer.app.CustomerWebApiService.login".to_owned(),
    )];
    assert_eq!(login.rows.len(), 4 + 11, "{login:#?}");
    let names: Vec<&str> = common.iter().map(|row| row.name.as_str()).collect();
    assert_eq!(names, ["platid", "vercode", "channel"]);
    let rows: usize = seeds.values().map(|call| call.rows.len()).sum();
    assert!(rows > 400, "{rows} rows");
}

#[test]
fn every_documented_call_is_described_once() {
    let description = Description::load();
    assert!(!description.about.is_empty());
    let described: Vec<(String, String)> = description
        .calls
        .iter()
        .map(|call| (call.method.clone(), call.path.clone()))
        .collect();
    let unique: BTreeSet<(String, String)> = described.iter().cloned().collect();
    assert_eq!(unique.len(), described.len(), "a call is described twice");
    let documented = documented_calls();
    assert_eq!(documented.len(), 76);
    let missing: Vec<_> = documented.difference(&unique).collect();
    let extra: Vec<_> = unique.difference(&documented).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not described {missing:?}, not in API.md {extra:?}"
    );
    let ids: BTreeSet<&str> = description.calls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), description.calls.len(), "an id is used twice");
    for call in &description.calls {
        let letter = call.id.chars().next().unwrap().to_string();
        assert_eq!(call.family, letter, "{}", call.id);
    }
}

/// Family A's headers are API.md's "these headers:" list; family C's common parameters are the
/// seed's table; B's token transport, which no seed documents, is a guess.
#[test]
fn the_families_are_described_as_documented() {
    let description = Description::load();
    let index = include_str!("contract/API.md");
    // The bullet that names them, over its continuation lines.
    let bullet: String = index
        .lines()
        .skip_while(|line| !line.contains("these headers:"))
        .enumerate()
        .take_while(|(at, line)| *at == 0 || line.starts_with("  "))
        .map(|(_, line)| line)
        .collect();
    let documented: Vec<&str> = bullet
        .split_once("these headers:")
        .unwrap()
        .1
        .split('`')
        .skip(1)
        .step_by(2)
        .take_while(|name| *name != "token")
        .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    assert_eq!(description.families.customer.headers, documented);
    assert_eq!(description.families.customer.token.name, "token");

    let (_, common) = seeds();
    let families = &description.families;
    let described: Vec<(&str, &str, Option<bool>, Location)> = families
        .planner
        .common
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.json_type.as_str(),
                p.required,
                p.location,
            )
        })
        .collect();
    let seed: Vec<(&str, &str, Option<bool>, Location)> = common
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.json_type.as_str(),
                r.required,
                r.location,
            )
        })
        .collect();
    assert_eq!(described, seed);
    assert!(!families.planner.common_guess.is_empty());
    assert!(families.user_center.token.guess.is_some());
}

#[test]
fn every_parameter_is_as_the_seed_says_or_a_marked_guess() {
    let description = Description::load();
    let (seeds, common) = seeds();
    let mut wrong = Vec::new();
    for call in &description.calls {
        let id = &call.id;
        let Some(seed) = seeds.get(&(call.method.clone(), call.path.clone())) else {
            // C10: inferred, not documented; everything about it is a guess.
            if call.guess.is_none() {
                wrong.push(format!("{id}: not in any seed and not marked as a guess"));
            }
            for param in call.params.iter().filter(|p| p.guess.is_none()) {
                wrong.push(format!(
                    "{id}.{}: not in any seed and not a guess",
                    param.name
                ));
            }
            continue;
        };
        if seed.seed != call.seed {
            wrong.push(format!(
                "{id}: in seed {}, described as {}",
                seed.seed, call.seed
            ));
        }
        // Every row of the seed's tables, as the table says.
        for row in &seed.rows {
            let name = &row.name;
            let found = if row.location == Location::Header {
                call.headers
                    .iter()
                    .find(|h| &h.name == name)
                    .map(|h| (Location::Header, row.json_type.clone(), h.required))
            } else {
                call.params
                    .iter()
                    .find(|p| &p.name == name)
                    .map(|p| (p.location, p.json_type.clone(), p.required))
            };
            let expected_place = match (row.location, call.common_in) {
                // C4's file: the seed's example is JSON, the description says where it goes.
                (Location::Body, Some(place)) => place,
                (place, _) => place,
            };
            match found {
                None => wrong.push(format!("{id}.{name}: in the seed's table, not described")),
                Some(found) if found != (expected_place, row.json_type.clone(), row.required) => {
                    wrong.push(format!(
                        "{id}.{name}: the seed says {:?}, the description {found:?}",
                        (expected_place, &row.json_type, row.required)
                    ))
                }
                Some(_) => {}
            }
        }
        let tabled: BTreeSet<&str> = seed.rows.iter().map(|r| r.name.as_str()).collect();
        let common: BTreeSet<&str> = common.iter().map(|r| r.name.as_str()).collect();
        // A flag only where a table gives one.
        for param in &call.params {
            let name = param.name.as_str();
            let named = tabled.contains(name) || seed.example_params.contains(name);
            if !named && param.guess.is_none() {
                wrong.push(format!(
                    "{id}.{name}: not named by the seed and not a guess"
                ));
            }
            if !tabled.contains(name) && param.required.is_some() && param.guess.is_none() {
                wrong.push(format!(
                    "{id}.{name}: a required flag the seed does not give"
                ));
            }
        }
        for header in &call.headers {
            let name = header.name.as_str();
            let named = tabled.contains(name) || seed.example_headers.contains(name);
            if !named && header.guess.is_none() {
                wrong.push(format!("{id}: header {name} not named by the seed"));
            }
        }
        for name in &seed.example_headers {
            if !call.headers.iter().any(|h| &h.name == name) {
                wrong.push(format!(
                    "{id}: the example's header {name} is not described"
                ));
            }
        }
        // The example's own names are described, or the call says why they are left out.
        let left_out: Vec<&String> = seed
            .example_params
            .iter()
            .filter(|name| !common.contains(name.as_str()))
            .filter(|name| !call.params.iter().any(|p| &&p.name == name))
            .collect();
        if !left_out.is_empty() && call.guess.is_none() {
            wrong.push(format!(
                "{id}: the example's {left_out:?} are not described"
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
