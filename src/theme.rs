//! The default theme, embedded so a site without `themes/` builds.

macro_rules! theme_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = theme_files!(
    "base.html",
    "index.html",
    "briefing.html",
    "companies.html",
    "company.html",
    "deals.html",
    "deal.html",
    "tags.html",
    "tag.html",
    "page.html",
    "404.html",
    "people.html",
    "person.html",
    "search.html",
    "partials/briefing_item.html",
    "partials/deal_row.html",
    "partials/quote.html",
);

const STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "deals.js",
        include_bytes!("../themes/default/static/deals.js"),
    ),
];

pub fn templates() -> &'static [(&'static str, &'static str)] {
    TEMPLATES
}

pub fn static_files() -> &'static [(&'static str, &'static [u8])] {
    STATIC
}
