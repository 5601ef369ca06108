"""One local Spark session for the whole test session, and customer files built from the lists."""

from __future__ import annotations

import csv
import os
import random
import sys
from pathlib import Path

import pytest

from embargo.screen.pipeline import ScreenOptions, screen_file

HEADERS = ["Customer ID", "Name", "Company", "Type", "Country", "Date of Birth", "Notes"]
FIRST = "James Maria Hans Sophie Luca Carmen Piet Ingrid Kaori Wei Raj Ana Tiago Olav".split()
LAST = "Smith Garcia Müller Dubois Rossi Jansen Nielsen Tanaka Chen Patel Silva Costa".split()
WORDS = "Nordic Alpine Coastal Summit Horizon Cedar Granite Apex Harbor Meadow".split()
TRADES = "Logistics Foods Textiles Plastics Optics Paper Dairy Timber Software".split()
FORMS = ("GmbH", "Ltd", "LLC", "S.A.", "B.V.", "AB")


@pytest.fixture(scope="session")
def spark():
    """``local[2]``, no UI; the workers run this interpreter (which has embargo)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        pytest.fail("pyspark is not installed: pip install -e '.[spark]' (and Java 17)")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("embargo-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.log.level", "ERROR")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="session")
def index_archive(dataset_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared dataset's index packed once, outside the shared home."""
    from embargo.dataset.store import Store
    from embargo.spark.archive import pack_index

    return pack_index(Store(dataset_home).require_current(), tmp_path_factory.mktemp("archive"))


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def listed_rows(screener, n: int, rng: random.Random) -> list[tuple[list[str], str]]:
    """(row, entity id) for listed names as clerks type them: exact, re-cased, reordered, typo."""
    index = screener.index
    out: list[tuple[list[str], str]] = []
    picks = rng.sample(range(len(index)), 4000)
    for i in picks:
        if len(out) >= n:
            break
        if index.name_weak[i]:
            continue
        name = index.raw_name(i)
        if len(name.split()) < 2 or len(name) > 60:
            continue
        entity = index.entity(int(index.name_entity[i]))
        if entity.schema not in ("Person", "Company", "Organization"):
            continue
        kind = "individual" if entity.schema == "Person" else "company"
        variant = len(out) % 4
        words = name.split()
        if variant == 1:
            name = name.lower()
        elif variant == 2 and entity.schema == "Person":
            name = " ".join(words[1:] + words[:1])
        elif variant == 3:
            name = " ".join(_typo(w, rng) if len(w) > 6 else w for w in words)
        dob = entity.birth_dates[0] if entity.birth_dates and rng.random() < 0.5 else ""
        country = entity.countries[0].upper() if entity.countries and rng.random() < 0.5 else ""
        out.append(([name, "", kind, country, dob], entity.id))
    return out


def ordinary_rows(n: int, rng: random.Random) -> list[list[str]]:
    rows = []
    for i in range(n):
        if i % 3 == 2:
            company = f"{rng.choice(WORDS)} {rng.choice(TRADES)} {rng.choice(FORMS)}"
            rows.append([company, "", "company", rng.choice(("DE", "FR", "NL", "Japan")), ""])
        else:
            dob = f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            employer = f"{rng.choice(WORDS)} {rng.choice(TRADES)} {rng.choice(FORMS)}"
            rows.append([person, employer if i % 4 == 0 else "", "individual", "SE", dob])
    return rows


@pytest.fixture(scope="session")
def customers(screener, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, str]]:
    """A CSV of 320 rows (120 listed-name variants, 200 ordinary names, awkward cells).

    Returns the file and, for each row with an exactly typed listed name, its entity id.
    """
    rng = random.Random(20240611)
    listed = listed_rows(screener, 120, rng)
    rows: list[list[str]] = [r for r, _ in listed] + ordinary_rows(200, rng)
    order = list(range(len(rows)))
    rng.shuffle(order)
    exact: dict[int, str] = {}
    written: list[list[str]] = []
    for number, k in enumerate(order, start=1):
        row = rows[k]
        if k < len(listed) and k % 4 == 0:
            exact[number] = listed[k][1]
        notes = ""
        if number % 37 == 0:
            notes = "line one\nline two, with a comma"  # a quoted cell spanning lines
        elif number % 41 == 0:
            notes = 'said "hello"'
        written.append([f"K{number:05d}", *row, notes])
    written[9] = ["K00010", "", "", "company", "DE", "", "no name at all"]  # → errors file
    written[10] = list(written[11])  # a repeated row
    written[10][0] = "K00011"
    exact.pop(10, None)
    exact.pop(11, None)
    path = tmp_path_factory.mktemp("customers") / "customers.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        writer.writerows(written)
    return path, exact


@pytest.fixture(scope="session")
def local_jsonl(customers, dataset_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local engine's output on the customers file (one process), with its errors file."""
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    screen_file(customers[0], ScreenOptions(out=out, workers=1), home=dataset_home)
    return out
