"""Fill empty Welsh entries of a .po catalogue from a Python dict of translations.

Usage: python scripts/fill_po.py PO_FILE TRANSLATIONS_PY   (the .py defines CY = {...})"""

import runpy
import sys

from babel.messages.pofile import read_po, write_po


def main(po_path, translations_path):
    translations = runpy.run_path(translations_path)["CY"]
    with open(po_path, "rb") as handle:
        catalog = read_po(handle)
    filled = missing = 0
    for message in catalog:
        if not message.id or message.string:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in translations:
            value = translations[key]
            message.string = value if isinstance(message.id, str) else tuple(value)
            message.flags.discard("fuzzy")
            filled += 1
        else:
            missing += 1
            print("untranslated:", key, file=sys.stderr)
    with open(po_path, "wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)
    print(f"filled {filled}, still missing {missing}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
