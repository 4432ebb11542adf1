#!/usr/bin/env python3
"""Every figures file given is valid against schema/figures.schema.json (python3-jsonschema),
and the schema is not a rubber stamp: the same file with a cell's value that is not an
exact number, with a version it does not know, or with a cell lacking its origin, is
invalid. Usage: figures_schema.py SCHEMA_DIR FILE.figures.json ... Exit 1 on any surprise."""
import copy
import json
import os
import sys

import jsonschema

schema = json.load(open(os.path.join(sys.argv[1], "figures.schema.json"), encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema)
surprises = 0
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    errors = list(validator.iter_errors(doc))
    for e in errors[:5]:
        print(f"{path}: {'/'.join(str(p) for p in e.absolute_path)}: {e.message}")
    surprises += bool(errors)
    numbered = [(t, c) for t in doc["tables"] for c in t["cells"] if c["kind"] == "number"]
    if not numbered:
        print(f"{path}: no number cells to break")
        surprises += 1
        continue
    broken = []
    b = copy.deepcopy(doc); b["version"] = 3; broken.append(("version 3", b))
    b = copy.deepcopy(doc); b.pop("paragraphs"); broken.append(("no paragraphs", b))
    b = copy.deepcopy(doc); b["tables"][0]["cells"][0].pop("origin"); broken.append(("a cell without origin", b))
    b = copy.deepcopy(doc)
    t = doc["tables"].index(numbered[0][0]); c = numbered[0][0]["cells"].index(numbered[0][1])
    b["tables"][t]["cells"][c]["value"] = "1,234"; broken.append(("a value with a separator", b))
    for what, bad in broken:
        if validator.is_valid(bad):
            print(f"{path}: {what} passed the schema")
            surprises += 1
print(f"{len(sys.argv) - 2} figures files checked, {surprises} surprises")
sys.exit(1 if surprises else 0)
