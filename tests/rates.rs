//! `data/rates.csv`: figures converted at the rate of their mention's day, in
//! the API, the totals and the pages; `check`'s warning about a stated
//! equivalent that the rates contradict.

mod common;

use common::{CONFIG, Fixture};
use serde_json::Value;

const RATES: &str =
    "# test rates\ndate,currency,rate\n2023-01-01,KRW,0.0008\n2024-01-01,KRW,0.0007\n";

fn deal<'a>(deals: &'a Value, id: &str) -> &'a Value {
    deals["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no deal {id}"))
}

fn company<'a>(companies: &'a Value, id: &str) -> &'a Value {
    companies["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no company {id}"))
}

#[test]
fn one_amount_converts_at_the_rate_of_each_briefings_year() {
    let f = Fixture::new(CONFIG);
    f.write("data/rates.csv", RATES);
    f.briefing(
        "a.md",
        "title: A\ndate: 2023-06-10\ndeals:\n  - id: first\n    investors: [naver]\n    target: x\n    amount: \"1조원\"\n",
        "Body.\n",
    );
    f.briefing(
        "b.md",
        "title: B\ndate: 2024-06-10\ndeals:\n  - id: second\n    investors: [naver]\n    target: y\n    amount: \"1조원\"\n",
        "Body.\n",
    );
    f.build();
    let deals = f.json("api/deals.json");
    assert_eq!(deal(&deals, "first")["amount"]["display"], 800_000_000);
    assert_eq!(deal(&deals, "second")["amount"]["display"], 700_000_000);
    let companies = f.json("api/companies.json");
    let total = &company(&companies, "naver")["invested_total"];
    assert_eq!(total["value"], 1_500_000_000, "{total}");
    assert_eq!(total["currency"], "USD");
    // The deal's page shows the figure converted at its own year's rate, in Korean.
    let page = f.read("deals/first/index.html");
    assert!(page.contains("(약 8억 달러)"), "{page}");
}

#[test]
fn a_deal_mentioned_again_later_keeps_the_conversion_of_its_amount() {
    let f = Fixture::new(CONFIG);
    f.write("data/rates.csv", RATES);
    f.briefing(
        "a.md",
        "title: A\ndate: 2023-06-10\ndeals:\n  - id: d\n    investors: [naver]\n    target: x\n    amount: \"1조원\"\n",
        "Body.\n",
    );
    f.briefing(
        "b.md",
        "title: B\ndate: 2024-06-10\ndeals:\n  - id: d\n    status: closed\n",
        "Body.\n",
    );
    f.build();
    let deals = f.json("api/deals.json");
    let d = deal(&deals, "d");
    assert_eq!(d["date"], "2024-06-10");
    assert_eq!(d["amount"]["display"], 800_000_000, "{d}");
    assert_eq!(d["history"][0]["amount"]["display"], 800_000_000);
    let companies = f.json("api/companies.json");
    assert_eq!(
        company(&companies, "naver")["invested_total"]["value"],
        800_000_000
    );
}

#[test]
fn before_the_first_row_the_site_toml_rate_applies() {
    let f = Fixture::new(CONFIG);
    f.write("data/rates.csv", RATES);
    f.briefing(
        "a.md",
        "title: A\ndate: 2022-06-10\ndeals:\n  - id: d\n    investors: [naver]\n    target: x\n    amount: \"1조원\"\n",
        "Body.\n",
    );
    f.build();
    // CONFIG's [money.rates] KRW = 0.00073.
    assert_eq!(
        deal(&f.json("api/deals.json"), "d")["amount"]["display"],
        730_000_000
    );
}

#[test]
fn a_site_toml_rate_converts_with_every_digit_it_was_written_with() {
    // Through an f64 the rate would be 1380.123456789012 and the display
    // 1380123456789012 (the last four digits of the rate lost).
    let f = Fixture::new(&CONFIG.replace("EUR = 1.08", "EUR = 1380.123456789012346"));
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-06-10\ndeals:\n  - id: d\n    investors: [naver]\n    target: x\n    amount: \"€1T\"\n",
        "Body.\n",
    );
    f.build();
    // serde_json's Value would read the number as an f64: look at the digits.
    let deals = f.read("api/deals.json");
    assert!(
        deals.contains("\"display\": 1380123456789012.35,"),
        "{deals}"
    );
}

#[test]
fn a_currency_with_no_rate_at_its_date_is_an_error_naming_the_amount() {
    let f = Fixture::new(
        "title = \"T\"\nbase_url = \"https://example.com/\"\n[money]\ndisplay_currency = \"USD\"\n",
    );
    f.write(
        "data/rates.csv",
        "date,currency,rate\n2024-01-01,KRW,0.0007\n",
    );
    f.briefing(
        "a.md",
        "title: A\ndate: 2023-06-10\ndeals:\n  - id: d\n    investors: [naver]\n    target: x\n    amount: \"1조원\"\n",
        "Body.\n",
    );
    let errors = f.build_errors();
    assert!(
        errors.contains(
            "error: content/briefings/a.md:8:13: no rate for KRW on 2023-06-10: data/rates.csv starts later and site.toml has none"
        ),
        "{errors}"
    );
    assert!(errors.contains("8 |     amount: \"1조원\""), "{errors}");
}

fn check_warnings(f: &Fixture) -> Vec<String> {
    match briefly::check(&f.options()) {
        Ok(warnings) => warnings.iter().map(ToString::to_string).collect(),
        Err(briefly::Failure::Input(d)) => panic!("check failed:\n{d}"),
        Err(briefly::Failure::Environment(e)) => panic!("check failed: {e}"),
    }
}

#[test]
fn a_stated_equivalent_ten_times_off_is_a_warning_naming_both_figures() {
    let f = Fixture::new(CONFIG);
    f.write(
        "data/rates.csv",
        "date,currency,rate\n2025-01-01,KRW,0.00073\n",
    );
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-06-10\nsummary: S\nsource: {name: X, url: \"https://x.org/\"}\ndeals:\n  - id: slip\n    investors: [meta]\n    target: x\n    amount: \"10억달러 (약 13조원)\"\n",
        "Body.\n",
    );
    f.briefing(
        "b.md",
        "title: B\ndate: 2025-06-10\nsummary: S\nsource: {name: X, url: \"https://x.org/\"}\ndeals:\n  - id: right\n    investors: [meta]\n    target: y\n    amount: \"100억달러 (약 13조원)\"\n",
        "Body.\n",
    );
    let warnings = check_warnings(&f);
    let about: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("stated equivalent"))
        .collect();
    assert_eq!(about.len(), 1, "{warnings:#?}");
    assert_eq!(
        about[0].lines().next().unwrap(),
        "warning: content/briefings/a.md:10:13: amount `10억달러 (약 13조원)`: the stated equivalent 약 13조 원 \
         is about 9× the amount converted at 2025-06-10 (약 1조 3700억 원); check the figures"
    );
    assert!(
        about[0].contains("= help: the rates used: 1 KRW = 0.00073 USD"),
        "{}",
        about[0]
    );

    // `briefly check` prints it and still passes.
    let (code, _, stderr) = f.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("the stated equivalent 약 13조 원 is about 9× the amount"),
        "{stderr}"
    );
    assert!(!stderr.contains("100억달러 (약 13조원)`"), "{stderr}");
}
