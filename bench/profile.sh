#!/usr/bin/env bash
# Where the instructions go, by stage, under valgrind's callgrind: the bundled example,
# and a batch of N generated reports rendered by one worker (per report). Instruction
# counts repeat exactly for the same binary and inputs, whatever else the machine is
# doing, so they show what a change saved where wall times cannot.
# Usage: bench/profile.sh [N]   (default 20)
# Note: under valgrind, OpenSSL hashes without the CPU's SHA instructions, so the
# SHA-256 line is several times what it costs on the real machine.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
command -v valgrind > /dev/null || { echo "bench/profile.sh needs valgrind" >&2; exit 2; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j"$(nproc)" --target boardpack bench_generate > /dev/null
work=$(mktemp -d /tmp/boardpack-profile-XXXXXX)
trap 'rm -rf "$work"' EXIT
./build/bench_generate "$work/batch" --name r --pilots 2 --families 10 --rows 8 --paragraphs 10 --seed 4 --copies "$n" > /dev/null

# profile NAME COUNT ARGS...: callgrind over `boardpack build ARGS`; prints a table per report.
profile() {
    local name=$1 count=$2; shift 2
    rm -f "$work"/cg.*
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.%p" ./build/boardpack build "$@" \
        --out "$work/out-$name" --force --quiet --jobs 1 > /dev/null 2>&1
    local total parent worker
    worker=$(ls -S "$work"/cg.* | head -1)
    parent=$(ls -S "$work"/cg.* | tail -1)
    callgrind_annotate --threshold=100 --inclusive=yes "$worker" > "$work/worker.txt" 2> /dev/null
    callgrind_annotate --threshold=100 --inclusive=yes "$parent" > "$work/parent.txt" 2> /dev/null
    # inclusive FILE NEEDLE: the instructions under the first function whose name starts so.
    inclusive() { grep -F -m1 "$2" "$1" | awk '{gsub(",", "", $1); print $1}'; }
    # The forked worker's profile begins with everything the parent did before the fork
    # (start-up included): adding the two files counted that twice. The whole run is the
    # parent's own profile and the worker's work after the fork (start_worker, into which
    # the worker's serve loop is inlined; before the fork it only makes two pipes).
    total=$(( $(awk '/^summary:/ {print $2}' "$parent") + $(inclusive "$work/worker.txt" "bp::cli::(anonymous namespace)::start_worker(") ))
    row() {
        local label=$1 value=${2:-0}
        awk -v l="$label" -v v="$value" -v c="$count" -v t="$total" \
            'BEGIN {printf "| %s | %.1f | %.0f%% |\n", l, v / c / 1e6, 100 * v / t}'
    }
    echo "### $name: $((total / count / 1000000)) M instructions per report"
    echo
    echo "| stage | M instructions per report | share |"
    echo "|---|---|---|"
    row "process start (dynamic loading, parent)" "$(inclusive "$work/parent.txt" "elf/rtld.c:_dl_start")"
    row "fingerprint (parses the spec, kept for the render)" "$(inclusive "$work/worker.txt" "bp::publish::fingerprint_report(")"
    row "load: data files, schema" "$(inclusive "$work/worker.txt" "bp::load::load_programme(")"
    row "yaml-cpp parsing, in the two above" "$(inclusive "$work/worker.txt" "YAML::Load(std::__cxx11::basic_string")"
    row "compose: tables, figures, narrative" "$(inclusive "$work/worker.txt" "bp::compose::compose(")"
    row "PDF: all" "$(inclusive "$work/worker.txt" "bp::pdf::render_pdf")"
    row "  layout" "$(inclusive "$work/worker.txt" "bp::pdf::layout_document(")"
    row "  structure tree" "$(inclusive "$work/worker.txt" "bp::pdf::ContentTagger::write_structure(")"
    row "  PoDoFo: serialise, subset fonts" "$(inclusive "$work/worker.txt" "PoDoFo::PdfMemDocument::Write(")"
    row "workbook: all" "$(inclusive "$work/worker.txt" "bp::xlsx::render_xlsx(")"
    row "  libxlsxwriter: XML and zip" "$(inclusive "$work/worker.txt" "workbook_close")"
    row "SHA-256 (inputs and outputs)" "$(inclusive "$work/worker.txt" "bp::sha256_file(")"
    echo
}

profile "bundled example" 1 inputs/children-families-part2/report.yaml
mapfile -t batch < <(ls "$work"/batch/*/report.yaml)
profile "batch of $n generated reports" "$n" "${batch[@]}"
