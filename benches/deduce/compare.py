"""Person references: zorgvuldig's person layer beside Deduce on the real-text set.

Deduce (PyPI `deduce`, LGPL-3.0, the Dutch de-identification tool of UMC Utrecht) finds person
names, institutions, dates and ages in Dutch text. This script runs it on every text of
`tests/realtexts/` and compares, per text, whether each tool finds a reference to a particular
person with the hand-made label `names_person` (does the text refer to some particular
individual: a party, a pseudonym, a named official or author), once with all of the layer's
references and once with its strong ones only (names, placeholders, roles used as names, ages:
what picks out one person without context). The core's answers come from
`target/realtexts/core.json`, written by `ZORGVULDIG_WRITE_REALTEXTS=1 cargo test --test
realtexts`. Deduce counts as finding a person when it tags anything `persoon` or `patient`.

Deduce is installed in a virtual environment under target/ by `benches/deduce/run.sh`; it is
never shipped with or linked into zorgvuldig.

    benches/deduce/run.sh            # install (once), write core.json, compare, print the table
    benches/deduce/run.sh --write    # also put the table into docs/detection.md
"""

import json
import os
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START, END = "<!-- deduce-table:start -->", "<!-- deduce-table:end -->"
PERSON_TAGS = {"persoon", "patient"}


def texts():
    out = []
    for path in sorted((ROOT / "tests" / "realtexts").glob("*.toml")):
        out.extend(tomllib.loads(path.read_text(encoding="utf-8"))["text"])
    return out


def score(pairs):
    """Precision and recall of (label, found) pairs, and the counts behind them."""
    tp = sum(1 for label, found in pairs if label and found)
    fp = sum(1 for label, found in pairs if not label and found)
    fn = sum(1 for label, found in pairs if label and not found)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return tp, fp, fn, precision, recall


def main():
    import deduce

    core = {entry["id"]: entry for entry in json.loads((ROOT / "target" / "realtexts" / "core.json").read_text())}
    started = time.perf_counter()
    model = deduce.Deduce()
    loaded = time.perf_counter() - started
    rows, core_pairs, strong_pairs, deduce_pairs, seconds = [], [], [], [], 0.0
    for text in texts():
        started = time.perf_counter()
        document = model.deidentify(text["text"])
        seconds += time.perf_counter() - started
        names = sorted({a.text for a in document.annotations if a.tag in PERSON_TAGS})
        persons = core[text["id"]]["persons"]
        strong = core[text["id"]]["strong"]
        label = text["names_person"]
        core_pairs.append((label, bool(persons)))
        strong_pairs.append((label, bool(strong)))
        deduce_pairs.append((label, bool(names)))
        if bool(persons) != label or bool(names) != label:
            rows.append(f"| {text['id']} | {'yes' if label else 'no'} | {', '.join(persons[:3]) or '–'} | {', '.join(names[:3]) or '–'} |")
    version = getattr(deduce, "__version__", "?")
    lines = [
        f"{len(core_pairs)} texts, {sum(label for label, _ in core_pairs)} labelled as referring to a particular person.",
        "",
        "| tool | found | true pos. | false pos. | missed | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    tools = (
        ("zorgvuldig person layer, all references", core_pairs),
        ("zorgvuldig person layer, strong references", strong_pairs),
        (f"Deduce {version} (`persoon`, `patient`)", deduce_pairs),
    )
    for name, pairs in tools:
        tp, fp, fn, precision, recall = score(pairs)
        lines.append(f"| {name} | {tp + fp} | {tp} | {fp} | {fn} | {precision:.2f} | {recall:.2f} |")
    lines += [
        "",
        f"Deduce: {loaded:.1f} s to load its lookup structures, {1000 * seconds / len(core_pairs):.1f} ms per text "
        f"(CPython, 2 cores, load average {os.getloadavg()[0]:.1f}: other work was running, so only a rough figure).",
        "",
        "Texts where either tool differs from the label (first three references each):",
        "",
        "| text | label | zorgvuldig | Deduce |",
        "|---|---|---|---|",
        *rows,
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    if "--write" in sys.argv:
        path = ROOT / "docs" / "detection.md"
        doc = path.read_text(encoding="utf-8")
        a, b = doc.index(START), doc.index(END)
        path.write_text(doc[:a] + START + "\n" + table + doc[b:], encoding="utf-8")


if __name__ == "__main__":
    main()
