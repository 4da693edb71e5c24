//! docs/H5-BRIDGE.md is what H5 authors read: its codes and route tables must say what the
//! code does.

#![allow(clippy::unwrap_used)]

use lcs_core::bridge::policy::OriginTier;
use lcs_core::bridge::protocol::Code;
use lcs_core::routes::ROUTES;

fn section() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/H5-BRIDGE.md"
    ))
    .unwrap()
}

/// The cells of the table row that starts with `first` (these rows have no escaped `|`).
fn row(section: &str, first: &str) -> Vec<String> {
    let line = section
        .lines()
        .find(|line| line.starts_with(&format!("| {first} |")))
        .unwrap_or_else(|| panic!("no row for {first}"));
    line.trim_matches('|')
        .split('|')
        .map(|cell| cell.trim().to_owned())
        .collect()
}

#[test]
fn the_codes_table_lists_every_code() {
    let section = section();
    for code in Code::ALL {
        let cells = row(&section, &code.number().to_string());
        assert!(cells[1].starts_with(code.message()), "{code:?}: {cells:?}");
    }
}

#[test]
fn the_route_table_lists_every_route_with_its_login_and_partner_flags() {
    let section = section();
    for route in ROUTES {
        let cells = row(&section, &format!("`{}`", route.name));
        let yes_no = |flag: bool| if flag { "yes" } else { "no" };
        assert_eq!(cells[3], yes_no(route.needs_login), "{}", route.name);
        assert_eq!(
            cells[4],
            yes_no(route.may_be_opened_by(OriginTier::Partner)),
            "{}",
            route.name
        );
        for param in route.params {
            assert!(
                cells[2].contains(&format!("`{}`", param.name)),
                "{}",
                route.name
            );
        }
    }
}
