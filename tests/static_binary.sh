#!/usr/bin/env bash
# The static binary (scripts/build-static) against the dynamic one: every bundled
# example rendered by both must be byte for byte the same, a report with errors must
# get the same diagnostics, and the static binary must load no shared library at all.
# Usage: tests/static_binary.sh DYNAMIC STATIC   (exit 77, "skipped", when STATIC is absent)
set -euo pipefail
dynamic=$1 static=$2
if [ ! -x "$static" ]; then
    echo "no static binary at $static (scripts/build-static builds it): skipped"
    exit 77
fi
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/boardpack-static-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail=0

if readelf -l "$static" | grep -q INTERP || readelf -d "$static" | grep -q NEEDED; then
    echo "FAIL: $static is not statically linked:"; readelf -d "$static" | grep NEEDED || true
    fail=1
fi

"$dynamic" build --out "$work/dynamic" --quiet
"$static" build --out "$work/static" --quiet
n=0
for f in "$work"/dynamic/*.pdf "$work"/dynamic/*.xlsx "$work"/dynamic/*.html "$work"/dynamic/*.figures.json; do
    n=$((n + 1))
    if ! cmp -s "$f" "$work/static/$(basename "$f")"; then
        echo "FAIL: $(basename "$f") differs between the dynamic and the static binary"
        fail=1
    fi
done
[ "$n" -ge 12 ] || { echo "FAIL: only $n outputs rendered"; fail=1; }

# The same errors, word for word, for a report that cannot be built.
mkdir -p "$work/bad"
cp -r inputs/children-families-part2/. "$work/bad/"
perl -0pi -e 's/^(\s*[a-z_]+: )[0-9]+/${1}twelve/m' "$work/bad/mtfs.yaml"  # a word where a number goes
"$dynamic" validate "$work/bad/report.yaml" > "$work/dynamic.txt" 2>&1 && { echo "FAIL: the broken report validated"; fail=1; }
"$static" validate "$work/bad/report.yaml" > "$work/static.txt" 2>&1 || true
if ! diff "$work/dynamic.txt" "$work/static.txt"; then
    echo "FAIL: the two binaries' diagnostics differ"
    fail=1
fi
grep -q "error:" "$work/static.txt" || { echo "FAIL: no error for the broken report"; fail=1; }

[ "$fail" -eq 0 ] && echo "static binary: $n outputs byte-identical to the dynamic build's, same diagnostics"
exit "$fail"
