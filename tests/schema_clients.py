#!/usr/bin/env python3
"""The JSON Schema as a common client reads it: PyYAML (a YAML 1.1 loader, as js-yaml
and most editors' tools are) and python3-jsonschema. Every YAML file given must be
valid against schema/boardpack.schema.json, except those after --invalid, which must
not be. Report files are report*.yaml, house styles style.yaml; the rest are data files. Exit 1 on any surprise."""
import json
import os
import sys

import jsonschema
import yaml

schema_dir = sys.argv[1]
base = json.load(open(os.path.join(schema_dir, "boardpack.schema.json"), encoding="utf-8"))


def validator(kind):
    schema = {"$ref": "boardpack.schema.json#/$defs/" + kind}
    try:  # jsonschema >= 4.18
        from referencing import Registry, Resource
        registry = Registry().with_resource("boardpack.schema.json", Resource.from_contents(base))
        return jsonschema.Draft202012Validator(schema, registry=registry)
    except ImportError:  # Debian bookworm's 4.10
        resolver = jsonschema.RefResolver("", schema, store={"boardpack.schema.json": base})
        return jsonschema.Draft202012Validator(schema, resolver=resolver)


surprises = 0
expect_valid = True
for path in sys.argv[2:]:
    if path == "--invalid":
        expect_valid = False
        continue
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    name = os.path.basename(path)
    kind = "report" if name.startswith("report") else "style" if name == "style.yaml" else "data_file"
    errors = list(validator(kind).iter_errors(doc))
    if expect_valid and errors:
        surprises += 1
        for e in errors[:5]:
            print(f"{path}: {'/'.join(str(p) for p in e.absolute_path)}: {e.message}")
    elif not expect_valid and not errors:
        surprises += 1
        print(f"{path}: accepted, but it is invalid")
print(f"schema_clients: {len(sys.argv) - 2 - (0 if expect_valid else 1)} files, {surprises} surprises")
sys.exit(1 if surprises else 0)
