"""Writes src/content/given_names.txt: the given names the person layer recognises.

The names come from the MIT-licensed Python package `faker` (the nl_NL, nl_BE, en_US, en_GB and
tr_TR person providers). A name that is also an ordinary English word ("Will", "May", "Server")
is left out, as judged by Debian's word list (package wamerican, /usr/share/dict), unless it is
a common Dutch name kept by hand (KEEP); names that are ordinary Dutch words ("Ben", "Dan",
"Elke", "Kader") are left out by hand (ORDINARY_DUTCH: the Dutch word list holds too many real
names to judge by). The rest are folded (lower case, no diacritics) and sorted.

    python3 -m venv target/py && target/py/bin/pip install faker
    apt-get install wamerican
    target/py/bin/python scripts/given-names.py

Neither the package nor the word list is shipped; only the resulting list is.
"""

import importlib
import unicodedata
from pathlib import Path

import faker

LOCALES = ["nl_NL", "nl_BE", "en_US", "en_GB", "tr_TR"]
DICTIONARY = "/usr/share/dict/american-english"
KEEP = set("""
amir billy bob bobby bonnie brad carol chad colleen derrick dirk eddy emir frank greet harry hector
iris jack jasper jet jimmy john josh ken lea lien maria marina mark martin mason mike nick noel
peter ray rick rob robin roger sander sandy savannah tom tony troy victor warren jade
""".split())
ORDINARY_DUTCH = set("""
abdis adem akkerman allen april baba barak bas ben beren bergen beste bo dan el elke els gazel gok
gul gunden helen kader kenter kent koker leen lex lieve linde mihrab nas nazi omer peren puk
ramadan sep sultane toon tule
""".split())
OUT = Path(__file__).resolve().parent.parent / "src" / "content" / "given_names.txt"


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def main() -> None:
    names = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            value = getattr(provider, attribute, ())
            names.update(value.keys() if isinstance(value, dict) else value)
    english = {fold(w) for w in Path(DICTIONARY).read_text(encoding="utf-8", errors="ignore").splitlines() if w[:1].islower()}
    ordinary = (english - KEEP) | ORDINARY_DUTCH
    kept = sorted({fold(n) for n in names if " " not in n and "-" not in n} - ordinary)
    kept = [n for n in kept if len(n) >= 3 and n.isalpha() and n.isascii()]
    licence = Path(faker.__file__).resolve().parent.parent.glob("faker-*.dist-info/licenses/LICENSE.txt")
    notice = next(licence).read_text(encoding="utf-8").strip().splitlines()
    header = [
        "# Given names the person layer recognises (src/content/person.rs): a capitalised word in",
        "# this list is a name. Folded (lower case, no diacritics), sorted, one a line.",
        "#",
        f"# From the person providers ({', '.join(LOCALES)}) of the Python package faker {faker.VERSION};",
        "# names that are also ordinary Dutch or English words are left out. Regenerate with",
        "# scripts/given-names.py. The package's licence:",
        "#",
    ] + [f"# {line}".rstrip() for line in notice]
    OUT.write_text("\n".join(header + kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} names written to {OUT}")


if __name__ == "__main__":
    main()
