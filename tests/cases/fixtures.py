"""Small datasets with two versions, and watched populations, for the monitoring tests.

Version 1 holds the real BIS Denied Persons List (for realistic background names) and a custom
list; version 2 changes one custom entity and adds new ones. Building both takes seconds, not
the full dataset's minute.
"""

from __future__ import annotations

import csv
from pathlib import Path

from embargo.dataset.store import DatasetVersion, Store
from embargo.dataset.update import run_update

HEADER = ["id", "name", "aliases", "schema", "country", "birth_date", "id_numbers"]
LIST_V1 = [
    ["S1", "Viktor Zolotarev", "Viktor Petrovich Zolotaryov", "Person", "ru", "1961", ""],
    ["S2", "Orion Maritime Logistics LLC", "", "Company", "ae", "", ""],
    ["S3", "Kestrel Avionics Trading", "", "Company", "ir", "", ""],
]
# S2 gains an alias (changed), S4 and S5 are new listings.
LIST_V2 = [
    LIST_V1[0],
    ["S2", "Orion Maritime Logistics LLC", "Orion Marine Logistix", "Company", "ae", "", ""],
    LIST_V1[2],
    ["S4", "Baltic Quantum Systems", "", "Company", "lv", "", "LV40003999999"],
    ["S5", "Marat Gareyev", "", "Person", "ru", "1975", ""],
]
CUSTOM_ID = "custom-sanctioned-{}"  # how the custom source names its entities (see ids())

WATCHED_HEADER = ["customer_id", "name", "country", "type", "registration number"]
# Variants of listed names, among a crowd of ordinary customers.
WATCHED_SPECIAL = [
    ["W-ZOLO", "Viktor Zolotaryov", "ru", "person", ""],
    ["W-ORION", "Orion Maritime Logistics", "ae", "company", ""],
    ["W-ORIX", "Orion Marine Logistix", "ae", "company", ""],
    ["W-KEST", "Kestrel Avionics Trading", "ir", "company", ""],
    ["W-BALT", "Baltic Quantum Systems SIA", "lv", "company", ""],
    ["W-BALTID", "BQS Holding", "lv", "company", "LV40003999999"],
    ["W-MARAT", "Marat Gareev", "ru", "person", ""],
]
FIRST = ["John", "Maria", "Peter", "Anna", "Carlos", "Li", "Sofia", "James", "Hans", "Elena",
         "Marat", "Viktor", "Ahmed", "Olga", "Lucas"]  # fmt: skip
LAST = ["Smith", "Garcia", "Mueller", "Rossi", "Nguyen", "Kim", "Schmidt", "Lopez", "Brown",
        "Novak", "Jensen", "Dubois", "Silva", "Kowalski", "Berg"]  # fmt: skip
FIRMS = ["Alpine", "Harbor", "Nordic", "Sunrise", "Granite", "Silver", "Cedar", "Pioneer"]
KINDS = ["Logistics", "Trading", "Systems", "Foods", "Textiles", "Machinery"]


def write_list(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def build_versions(root: Path, lists_dir: Path) -> tuple[Path, DatasetVersion, DatasetVersion]:
    """A home with version 1 and version 2 (current) of the small dataset."""
    home = root / "home"
    source_dir = root / "from"
    source_dir.mkdir(parents=True)
    (source_dir / "us_bis_dpl").symlink_to((lists_dir / "us_bis_dpl").resolve())
    store = Store(home)
    v1, _ = run_update(
        store,
        from_dir=source_dir,
        custom={"sanctioned": write_list(root / "v1.csv", LIST_V1)},
        workers=1,
    )
    v2, _ = run_update(
        store,
        from_dir=source_dir,
        custom={"sanctioned": write_list(root / "v2.csv", LIST_V2)},
        workers=1,
    )
    return home, v1, v2


def crowd(n: int) -> list[list[str]]:
    """``n`` ordinary customers, deterministic."""
    rows = []
    for i in range(n):
        if i % 3 == 2:
            name = f"{FIRMS[i % len(FIRMS)]} {KINDS[(i // 8) % len(KINDS)]} {i}"
            rows.append([f"C-{i:05d}", name, "de", "company", ""])
        else:
            name = f"{FIRST[i % len(FIRST)]} {LAST[(i // 15) % len(LAST)]}"
            rows.append([f"C-{i:05d}", name, "fr", "person", ""])
    return rows


def write_watched(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(WATCHED_HEADER)
        writer.writerows(rows)
    return path
