"""Build the bundled UN General Debate subset: data/raw/ungdc/ and data/metadata-ungdc.csv.

Run once from the project root with the archive of the shared corpora:
``.venv/bin/python scripts/build_ungdc_subset.py ../shared/corpora/ungdc/ungdc-1946-2024.tar.xz``.
It copies the speeches of Azerbaijan, Armenia, Russia, the United States, France and
Turkey, 1992-2024, unchanged, and writes their metadata with the speaker's name and
post from the archive's ``speakers_by_session.csv``. It never edits a file it copied.
"""

from __future__ import annotations

import csv
import io
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACTORS = {
    "AZE": "Baku",
    "ARM": "Yerevan",
    "RUS": "Moscow",
    "USA": "Washington",
    "FRA": "Paris",
    "TUR": "Ankara",
}
YEARS = range(1992, 2025)


def main(archive: str) -> int:
    with tarfile.open(archive) as tar:
        members = {Path(m.name).name: m for m in tar.getmembers() if m.isfile()}

        def read(name: str) -> bytes:
            handle = tar.extractfile(members[name])
            assert handle is not None
            return handle.read()

        meta = list(csv.DictReader(io.StringIO(read("metadata.csv").decode("utf-8-sig"))))
        speakers = {
            (r["ISO Code"].strip(), int(r["Year"])): r
            for r in csv.DictReader(io.StringIO(read("speakers_by_session.csv").decode("utf-8-sig")))
        }
        rows = []
        out_dir = ROOT / "data" / "raw" / "ungdc"
        out_dir.mkdir(parents=True, exist_ok=True)
        for r in meta:
            if r["country"] not in ACTORS or int(r["year"]) not in YEARS:
                continue
            target = out_dir / r["file"]
            if not target.exists():
                target.write_bytes(read(r["file"]))
            who = speakers.get((r["country"], int(r["year"])), {})
            country = who.get("Country", r["country"]).strip()
            rows.append(
                {
                    "doc_id": f"{r['country']}-{r['year']}",
                    "file": r["file"],
                    "title": f"General debate speech of {country}, {r['year']}",
                    "country": r["country"],
                    "country_name": who.get("Country", "").strip(),
                    "session": int(r["session"]),
                    "year": int(r["year"]),
                    "date": r["year"],
                    "actor": ACTORS[r["country"]],
                    "speaker": " ".join(who.get("Name of Person Speaking", "").split()),
                    "post": " ".join(who.get("Post", "").split()),
                    "genre": "UN General Debate speech",
                    "outlet": "",
                    "language": "en",
                    "n_words": int(r["n_words"]),
                }
            )
    rows.sort(key=lambda x: (x["country"], x["year"]))
    with open(ROOT / "data" / "metadata-ungdc.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} speeches, {sum(r['n_words'] for r in rows):,} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
