"""Write data/annotations/voices.csv from the hand annotation below.

The annotation was made by reading every bundled document: each segment is given
by the words it starts with (searched from the previous segment's start), its
actor, speaker and kind; it ends where the next one starts. This script turns the
anchors into character offsets into the clean text and writes the CSV with an
``excerpt`` of each segment, which the loader checks against the text, so a change
of cleaning that moves the offsets is caught. Run it again only after such a change,
and read every segment it prints.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nkresearch as nk  # noqa: E402

EM, LAV, LUK, AFM = "Elmar Mammadyarov", "Sergey Lavrov", "Alexander Lukashevich", "Artsakh Foreign Ministry"

GOLD = {
    "mammadyarov-2019-report": [
        ("Elmar Mammadyarov: Negotiations", "Media", "Report", "headline"),
        ('"It is true', "Baku", EM, "quote"),
        ("Azerbaijani Foreign Minister Elmar Mammadyarov said in response", "Media", "Report", "narration"),
        ('"For this, all principles', "Baku", EM, "quote"),
        ("the Foreign Minister said.", "Media", "Report", "narration"),
    ],
    "artsakh-talks-2023-asbarez": [
        ("Asbarez: Artsakh Calls", "Media", "Asbarez", "headline"),
        ("The Lachin Corridor has been blocked", "Media", "Asbarez", "caption"),
        ("The Artsakh Foreign Ministry said on Thursday that", "Media", "Asbarez", "narration"),
        ("it was committed to a peaceful", "Stepanakert", AFM, "paraphrase"),
        ("Referring to discussions", "Media", "Asbarez", "narration"),
        ("such dialogue does not", "Stepanakert", AFM, "paraphrase"),
        ("“replace full-fledged", "Stepanakert", AFM, "quote"),
        ("the Artsakh foreign ministry said in response", "Media", "Asbarez", "narration"),
        ("“We have repeatedly", "Stepanakert", AFM, "quote"),
        ("explained the foreign ministry.", "Media", "Asbarez", "narration"),
        ("“Only after that", "Stepanakert", AFM, "quote"),
        ("the Foreign Ministry added.", "Media", "Asbarez", "narration"),
        ("“We would also like", "Stepanakert", AFM, "quote"),
        ("the Artsakh foreign ministry said.", "Media", "Asbarez", "narration"),
        ("Emma Jilavian:", "Readers", "Emma Jilavian", "byline"),
    ],
    "artsakh-mfa-2023-dialogue": [
        ("Starting a real dialogue", "Media", "unnamed outlet", "headline"),
        ("Regarding attempts", "Stepanakert", AFM, "statement"),
    ],
    "lavrov-baku-2017-xinhua": [
        ("Russia hopes", "Media", "Xinhua", "headline"),
        ("Visiting Russian Foreign Minister", "Media", "Xinhua", "caption"),
        ("BAKU, Nov. 20 (Xinhua) --", "Media", "Xinhua", "narration"),
        ("The decades-old", "Moscow", LAV, "paraphrase"),
        ("Russian Foreign Minister Sergey Lavrov said here on Monday.", "Media", "Xinhua", "narration"),
        ('"diplomacy can help', "Moscow", LAV, "quote"),
        ("he said.", "Media", "Xinhua", "narration"),
        ("Russia and Azerbaijan are strategic partners,", "Moscow", LAV, "paraphrase"),
        ("Lavrov said,", "Media", "Xinhua", "narration"),
        ('"We show common', "Moscow", LAV, "quote"),
        ("Mammadyarov said that", "Media", "Xinhua", "narration"),
        ('"the status quo', "Baku", EM, "quote"),
        ("About the negotiations with Lavrov, Mammadyarov noted that", "Media", "Xinhua", "narration"),
        ("the parties discussed the role", "Baku", EM, "paraphrase"),
        ('"I informed', "Baku", EM, "quote"),
        ("the Azerbaijani foreign minister said.", "Media", "Xinhua", "narration"),
    ],
    "torpedoing-2012-asbarez": [
        ("Azerbaijan ‘Torpedoing’ Talks", "Media", "Asbarez", "headline"),
        ("Nagorno-Karabakh Republic Foreign Ministry building", "Media", "Asbarez", "caption"),
        (
            "STEPANAKERT—The Nagorno-Karabakh Republic Foreign Ministry on Thursday accused",
            "Media",
            "Asbarez",
            "narration",
        ),
        ("Azerbaijan of torpedoing the peace talks", "Stepanakert", AFM, "paraphrase"),
        ("In a written statement the Foreign Ministry also called for", "Media", "Asbarez", "narration"),
        ("Karabakh’s inclusion in the talks", "Stepanakert", AFM, "paraphrase"),
        ("“Only through political dialogue", "Stepanakert", AFM, "quote"),
        ("said the Foreign Ministry statement.", "Media", "Asbarez", "narration"),
        ("“We have always had", "Stepanakert", AFM, "quote"),
        ("the Ministry said in the statement.", "Media", "Asbarez", "narration"),
        ("“At the same time", "Stepanakert", AFM, "quote"),
        ("the statement added.", "Media", "Asbarez", "narration"),
        ("“Unfortunately, official Baku", "Stepanakert", AFM, "quote"),
        ("said the statement.", "Media", "Asbarez", "narration"),
        ("the authorities of Azerbaijan will display", "Stepanakert", AFM, "paraphrase"),
        ("Meanwhile in Moscow, the Russian Foreign Ministry spokesperson", "Media", "Asbarez", "narration"),
        ("the meeting between the foreign ministers", "Moscow", LUK, "paraphrase"),
        ("He emphasized", "Media", "Asbarez", "narration"),
        ("the importance of the meeting", "Moscow", LUK, "paraphrase"),
        ("He said", "Media", "Asbarez", "narration"),
        ("the Russian side positively", "Moscow", LUK, "paraphrase"),
        ("Lukashevich said that", "Media", "Asbarez", "narration"),
        ("the Minsk Group Co-chairs will visit", "Moscow", LUK, "paraphrase"),
        ("1. GB said:", "Readers", "GB", "byline"),
        ("Azerpyjan is not", "Readers", "GB", "comment"),
        ("2. George said:", "Readers", "George", "byline"),
        ("To stay in power", "Readers", "George", "comment"),
        ("3. Truth said:", "Readers", "Truth", "byline"),
        ("A new apporche", "Readers", "Truth", "comment"),
        ("4. Robert said:", "Readers", "Robert", "byline"),
        ("All your hatefull", "Readers", "Robert", "comment"),
        ("• Avery said:", "Readers", "Avery", "byline"),
        ("You Turks and Azerbaijanis must:", "Readers", "Avery", "comment"),
        ("5. Shane said:", "Readers", "Shane", "byline"),
        ("How stupid we", "Readers", "Shane", "comment"),
        ("• Edward Demian said:", "Readers", "Edward Demian", "byline"),
        ("I am beggining", "Readers", "Edward Demian", "comment"),
    ],
}


def segments(doc_id: str, text: str) -> list[dict[str, object]]:
    spec = GOLD[doc_id]
    located = []
    for anchor, actor, speaker, kind in spec:
        hits = [i for i in range(len(text)) if text.startswith(anchor, i)]
        if not hits:
            raise SystemExit(f"{doc_id}: anchor not found: {anchor!r}")
        located.append((hits, anchor, actor, speaker, kind))
    # place anchors in order: each at its first occurrence after the previous one
    rows: list[dict[str, object]] = []
    pos = -1
    starts = []
    for hits, _anchor, actor, speaker, kind in sorted(located, key=lambda x: x[0][0]):
        start = next(h for h in hits if h > pos)
        starts.append((start, actor, speaker, kind))
        pos = start
    starts.sort()
    for i, (start, actor, speaker, kind) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        end = start + len(text[start:end].rstrip())
        rows.append(
            {
                "doc_id": doc_id,
                "seg_id": i,
                "start": start,
                "end": end,
                "actor": actor,
                "speaker": speaker,
                "kind": kind,
                "excerpt": text[start : min(end, start + 40)],
            }
        )
    return rows


def main() -> int:
    docs = nk.load_corpus()
    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        rows += segments(doc_id, text)
    out = ROOT / "data" / "annotations" / "voices.csv"
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for r in rows:
        text = docs.set_index("doc_id").at[r["doc_id"], "text"][r["start"] : r["end"]]
        print(f"--- {r['doc_id']} #{r['seg_id']} {r['actor']}/{r['kind']} ({r['speaker']})\n{text}")
    print(f"wrote {len(rows)} segments to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
