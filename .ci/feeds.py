"""Parses every feed of a built site with feedparser, a real-world feed parser."""
import pathlib
import sys

import feedparser

public = pathlib.Path(sys.argv[1])
feeds = sorted(public.rglob("atom.xml")) + sorted(public.rglob("feed.json"))
checked = 0
for path in feeds:
    if path.suffix == ".json":
        import json
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["version"] == "https://jsonfeed.org/version/1.1", path
        # JSON Feed 1.1: every item has an id and content_html or content_text.
        assert all(
            "id" in item and ("content_html" in item or "content_text" in item)
            for item in data["items"]
        ), path
        checked += 1
        continue
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        sys.exit(f"{path}: {parsed.bozo_exception}")
    assert parsed.version == "atom10", (path, parsed.version)
    assert parsed.entries, f"{path} has no entries"
    # The site feed carries whole bodies; company, deal, tag and person feeds
    # may carry summaries only ([feeds] entity_content), valid Atom too.
    site_feed = path.parent == public or path.parent.parent == public and len(path.parent.name) == 2
    for entry in parsed.entries:
        assert entry.id and entry.link and entry.title and entry.updated, (path, entry)
        body = entry.get("content") and entry.content[0].value
        if site_feed:
            assert body, (path, entry.id)
        else:
            assert body or entry.get("summary"), (path, entry.id)
    checked += 1
assert checked, "no feeds found"
if (public / "atom.xml").exists():
    site = feedparser.parse((public / "atom.xml").read_bytes())
    entries = site.entries
    dates = [e.updated_parsed for e in entries]
else:  # [feeds] formats = ["json"]
    import json
    entries = json.loads((public / "feed.json").read_text(encoding="utf-8"))["items"]
    dates = [e["date_modified"] for e in entries]
assert dates == sorted(dates, reverse=True), "site feed is newest first"
print(f"feedparser: {checked} feeds parsed, site feed has {len(entries)} entries")
