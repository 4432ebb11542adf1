#!/usr/bin/env bash
# The schema as a second, independent client reads it: ajv-cli (Ajv, JSON Schema
# draft 2020-12), whose YAML comes through js-yaml, a YAML 1.1 loader. Every file
# before --invalid must be valid, every file after it invalid. Report files are
# report*.yaml, house styles style.yaml, the rest data files.
set -uo pipefail
root=$1
shift
ajv="$root/tests/js/node_modules/.bin/ajv"
[ -x "$ajv" ] || { echo "schema_ajv: $ajv is missing; run scripts/install-deps" >&2; exit 1; }
expect=valid surprises=0 count=0
for f in "$@"; do
  if [ "$f" = --invalid ]; then expect=invalid; continue; fi
  case $(basename "$f") in
    report*.yaml) kind=report ;;
    style.yaml) kind=style ;;
    *) kind=data ;;
  esac
  count=$((count + 1))
  out=$("$ajv" validate --spec=draft2020 -s "$root/schema/$kind.schema.json" \
        -r "$root/schema/boardpack.schema.json" -d "$f" 2>&1)
  status=$?
  if [ "$expect" = valid ] && [ $status -ne 0 ]; then
    surprises=$((surprises + 1)); echo "$f: rejected: $out" | head -20
  elif [ "$expect" = invalid ] && [ $status -eq 0 ]; then
    surprises=$((surprises + 1)); echo "$f: accepted, but it is invalid"
  fi
done
echo "schema_ajv: $count files, $surprises surprises"
[ $surprises -eq 0 ]
