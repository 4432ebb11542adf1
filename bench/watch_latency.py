#!/usr/bin/env python3
"""From a save to new outputs under `boardpack watch`, for the bundled example.

    bench/watch_latency.py [SAVES]   (default 21; build/boardpack must be built)

Starts `boardpack watch` on a copy of inputs/children-families-part2, then SAVES times
saves a template as editors do (a new file renamed over the old) with a new sentence
in it, and times each save until the HTML edition, the last output renamed into
place, holds that sentence (its PDF and workbook are renamed before it). Polls every
millisecond, so a figure is at most 1 ms late. Prints the median, the fastest and the
slowest, and watch's own "done in" times.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
saves = int(sys.argv[1]) if len(sys.argv) > 1 else 21

work = tempfile.mkdtemp(prefix="boardpack-watch-bench-")
try:
    prog = os.path.join(work, "prog")
    shutil.copytree(os.path.join(ROOT, "inputs", "children-families-part2"), prog)
    os.remove(os.path.join(prog, "report-select-committee.yaml"))
    out = os.path.join(work, "out")
    log_path = os.path.join(work, "watch.log")
    log = open(log_path, "w")
    watch = subprocess.Popen([os.path.join(ROOT, "build", "boardpack"), "watch", os.path.join(prog, "report.yaml"),
                              "--out", out, "--templates", os.path.join(ROOT, "templates")],
                             stdout=log, stderr=log)

    def renders():
        with open(log_path) as f:
            return f.read().count("watching for changes")

    deadline = time.monotonic() + 30
    while renders() < 1:
        if time.monotonic() > deadline:
            sys.exit("watch did not finish its first build:\n" + open(log_path).read())
        time.sleep(0.01)

    template = os.path.join(prog, "templates", "background.mustache")
    original = open(template).read()
    html = os.path.join(out, "prog.html")
    times = []
    for i in range(saves):
        marker = "Saved for the benchmark, time %d." % i
        with open(template + ".swp", "w") as f:
            f.write(marker + "\n\n" + original)
        t0 = time.monotonic()
        os.rename(template + ".swp", template)
        while True:
            with open(html, "rb") as f:
                if marker.encode() in f.read():
                    break
            if time.monotonic() - t0 > 30:
                sys.exit("no new output 30 s after a save")
            time.sleep(0.001)
        times.append((time.monotonic() - t0) * 1000)
        while renders() < i + 2:  # watch has finished with this save
            time.sleep(0.001)
        time.sleep(0.1)  # a pause between saves, as between an author's
    watch.terminate()
    watch.wait(timeout=20)
    own = [int(m) for m in re.findall(r"done in (\d+) ms", open(log_path).read())[1:]]
    print("save to new outputs, %d saves: median %.0f ms, fastest %.0f ms, slowest %.0f ms" %
          (saves, statistics.median(times), min(times), max(times)))
    print("watch's own render time: median %d ms (it waits %d ms for a save to be quiet first)" %
          (statistics.median(own), 30))
finally:
    shutil.rmtree(work, ignore_errors=True)
