"""Write the encoding variants: one page, saved in the encodings outlets get wrong.

Run from this folder: python make.py (the files are committed; this says how they were made).
"""

from pathlib import Path

TITLE = "Kafe Kopi Lokal Ramaikan Braga"
BODY = [
    "Sebuah café di Jalan Braga, Bandung, menjual kopi arabika Priangan seharga Rp 1,5 juta "
    "per kilogram untuk biji pilihan. Pemiliknya menyebut pembeli datang dari Jakarta dan "
    "Singapura.",
    "\u201cKami ingin kopi lokal dihargai setara kopi impor,\u201d kata pemilik café itu, "
    "Andi Kurniawan, yang akrab disapa \u2018Andi Braga\u2019.",
    "Pemerintah Kota Bandung berencana menjadikan kawasan itu jalur pedestrian penuh pada "
    "akhir pekan.",
]
LATIN1_BODY = [
    p.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    for p in BODY
]

APOSTROPHE_BODY = [p.replace("\u201c", "\u2018").replace("\u201d", "\u2019") for p in BODY]


def as_windows_1252(data: bytes) -> str:
    """Bytes read as a browser reads windows-1252: its five unused bytes as C1 controls."""
    return "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in data
    )


def page(head: str, body: list[str]) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return (
        f'<!DOCTYPE html>\n<html lang="id"><head>{head}<title>{TITLE}</title></head>\n'
        f"<body><article><h1>{TITLE}</h1>\n{paragraphs}\n</article></body></html>\n"
    )


files = {
    "latin1-undeclared.html": page("", LATIN1_BODY).encode("latin-1"),
    "cp1252-undeclared.html": page("", BODY).encode("cp1252"),
    "cp1252-declared-utf8.html": page('<meta charset="utf-8">', BODY).encode("cp1252"),
    "cp1252-http-equiv.html": page(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', BODY
    ).encode("cp1252"),
    "latin1-http-equiv-iso.html": page(
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', BODY
    ).encode("cp1252"),
    "utf16le-bom.html": b"\xff\xfe" + page('<meta charset="utf-16">', BODY).encode("utf-16-le"),
    "utf16be-bom.html": b"\xfe\xff" + page("", BODY).encode("utf-16-be"),
    "utf8-declared-latin1.html": page('<meta charset="iso-8859-1">', BODY).encode("utf-8"),
    # Valid UTF-8 whose bytes also read as windows-1252 ("’" is E2 80 99: "â€™"): no
    # undefined byte makes the wrong label fail.
    "utf8-http-latin1-no-meta.html": page("", APOSTROPHE_BODY).encode("utf-8"),
    # Mojibake already in the page: UTF-8 text once read as windows-1252 (or Latin-1, whose
    # C1 controls keep the bytes windows-1252 lacks) and saved again as UTF-8.
    "mojibake-in-utf8.html": page(
        '<meta charset="utf-8">', [p.encode().decode("latin-1") for p in BODY]
    ).encode("utf-8"),
    "mojibake-cp1252-in-utf8.html": page(
        '<meta charset="utf-8">', [as_windows_1252(p.encode()) for p in BODY]
    ).encode("utf-8"),
    "cp1252-undeclared.txt": (TITLE + "\n\n" + "\n\n".join(BODY) + "\n").encode("cp1252"),
}
for name, data in files.items():
    Path(name).write_bytes(data)
