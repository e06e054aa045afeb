//! `sitemap.xml` (a sitemap index with numbered parts past 30,000 URLs) and `robots.txt`.

use crate::escape::escape_xml;

use crate::plan::SitemapEntry;

pub fn urlset(entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        xml.push_str(&format!("  <url><loc>{}</loc>", escape_xml(&e.loc)));
        if let Some(day) = &e.lastmod {
            xml.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        for (lang, href) in &e.alternates {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape_xml(lang),
                escape_xml(href)
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn index(base_url: &crate::url::SiteUrl, parts: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for n in 1..=parts {
        xml.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape_xml(&base_url.join(&format!("sitemap-{n}.xml")))
        ));
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

pub fn robots(config: &crate::config::Config) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n\n");
    for lang in config.all_languages() {
        if lang == config.default_language || config.is_multilingual() {
            text.push_str(&format!(
                "Sitemap: {}sitemap.xml\n",
                config.language_url(&lang)
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlset_lists_pages_with_lastmod_and_alternates() {
        let xml = urlset(&[SitemapEntry {
            loc: "https://x.org/a/?q=1&b".into(),
            lastmod: Some("2025-06-10".into()),
            alternates: vec![("en".into(), "https://x.org/en/a/".into())],
        }]);
        assert!(xml.contains("<url><loc>https://x.org/a/?q=1&amp;b</loc><lastmod>2025-06-10</lastmod><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://x.org/en/a/\"/></url>"));
        roxmltree::Document::parse(&xml).unwrap();
    }

    #[test]
    fn a_sitemap_index_names_its_parts() {
        let xml = index(&crate::url::SiteUrl::parse("https://x.org/").unwrap(), 2);
        assert!(xml.contains("<sitemap><loc>https://x.org/sitemap-1.xml</loc></sitemap>"));
        assert!(xml.contains("<sitemap><loc>https://x.org/sitemap-2.xml</loc></sitemap>"));
        roxmltree::Document::parse(&xml).unwrap();
    }
}
