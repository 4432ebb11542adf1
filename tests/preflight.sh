#!/usr/bin/env bash
# Validates PDFs with Apache PDFBox Preflight (Debian's libpdfbox2-java), in one JVM:
# every PDF the test suite rendered (kept by tests/support.hpp, one per content) and
# the PDFs given. Preflight checks PDF/A-1b; the papers claim PDF/A-2b, and the one
# rule where the two differ that it reports is allowed below, with its clause. Any
# other finding fails, naming the file and the rule.
set -euo pipefail
rendered=$1
shift
jars=/usr/share/java
cp="$jars/preflight.jar:$jars/pdfbox2.jar:$jars/xmpbox.jar:$jars/fontbox2.jar:$jars/commons-logging.jar"
cp="$cp:$jars/javax.activation.jar:$jars/jaxb-api.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
list="$work/pdfs"
{ [ -d "$rendered" ] && find "$rendered" -name '*.pdf' | sort; for f in "$@"; do echo "$f"; done; } > "$list"
count=$(wc -l < "$list")
[ "$count" -gt 0 ] || { echo "preflight: no PDFs to validate" >&2; exit 1; }
java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b xml group "$list" > "$work/out" 2>&1 || true
report="$list.preflight.xml"
[ -s "$report" ] || { echo "preflight did not run:" >&2; cat "$work/out" >&2; exit 1; }
# Allowed: 7.11.2 "part must be 1". The XMP says pdfaid:part 2, as a PDF/A-2 file must
# (ISO 19005-2 6.6.4); Preflight knows only PDF/A-1 (ISO 19005-1 6.7.11).
awk -v count="$count" '
  /<preflight name=/ { match($0, /name="[^"]*"/); file = substr($0, RSTART + 6, RLENGTH - 7); seen++ }
  /<code>/ { gsub(/.*<code>|<\/code>.*/, ""); code = $0 }
  /<details>/ {
    gsub(/.*<details>|<\/details>.*/, "")
    if (!(code == "7.11.2" && $0 == "Error on MetaData, part must be 1")) {
      if (bad < 30) print file ": " code " : " substr($0, 1, 200)
      bad++
    }
  }
  END {
    if (seen != count) { print "preflight reported on " seen " of " count " PDFs"; exit 1 }
    if (bad) { print bad " finding(s) in " count " PDFs"; exit 1 }
    print "preflight: " count " PDFs, no finding beyond the PDF/A-1 part number"
  }' "$report"
