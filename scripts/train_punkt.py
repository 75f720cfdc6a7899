"""Train the shipped Punkt parameters (nkresearch/resources/punkt/) once.

Run from the project root: ``.venv/bin/python scripts/train_punkt.py``. It trains
NLTK's PunktTrainer on every bundled raw text (data/raw/**/*.txt, English) and
writes the four punkt_tab text files. The shipped abbreviation list is added when
the parameters are loaded, not here, so editing that list needs no retraining.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nltk.tabdata import TabEncoder
from nltk.tokenize.punkt import PunktTrainer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "nkresearch" / "resources" / "punkt"


def main() -> int:
    files = sorted((ROOT / "data" / "raw").rglob("*.txt"))
    trainer = PunktTrainer()
    for path in files:
        trainer.train(path.read_text(encoding="utf-8-sig"), finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    enc = TabEncoder()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "collocations.tab").write_text(enc.tups2tab(sorted(params.collocations)), encoding="utf-8")
    (OUT / "sent_starters.txt").write_text(enc.set2txt(sorted(params.sent_starters)), encoding="utf-8")
    (OUT / "abbrev_types.txt").write_text(enc.set2txt(sorted(params.abbrev_types)), encoding="utf-8")
    (OUT / "ortho_context.tab").write_text(
        enc.ivdict2tab(dict(sorted(params.ortho_context.items()))), encoding="utf-8"
    )
    print(
        f"trained on {len(files)} files; {len(params.abbrev_types)} abbreviations, "
        f"{len(params.collocations)} collocations, {len(params.sent_starters)} sentence starters"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
