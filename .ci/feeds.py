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
    for entry in parsed.entries:
        assert entry.id and entry.link and entry.title and entry.updated, (path, entry)
        assert entry.content[0].value, (path, entry.id)
    checked += 1
site = feedparser.parse((public / "atom.xml").read_bytes())
dates = [e.updated_parsed for e in site.entries]
assert dates == sorted(dates, reverse=True), "site feed is newest first"
print(f"feedparser: {checked} feeds parsed, site feed has {len(site.entries)} entries")
