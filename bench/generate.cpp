// Synthetic but realistic programmes for the benchmarks, seeded and deterministic:
//   bench_generate DIR --pilots N --families F --years Y --rows R --paragraphs P --seed S [--copies C]
//                  [--declared D]   (a declared table of D rows with shares and running totals)
// writes DIR/<name>/report.yaml and its data files (C copies: DIR/<name>-0000 ...),
// shaped like the bundled example: an MTFS table of R investment lines over Y
// financial years, N pilots with F families' Outcome Star readings each, and a
// narrative of P paragraphs whose figures come from the data.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace fs = std::filesystem;

namespace {

// A small deterministic generator (SplitMix64): the same seed, the same programme.
struct Rng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
};

struct Shape {
    int pilots = 3, families = 20, years = 7, rows = 10, paragraphs = 20, copies = 1;
    int declared = 0;  // rows of a declared table (shares, running totals, differences); 0: none
    uint64_t seed = 1;
    std::string name = "synthetic";
};

const char* kAreas[] = {"Physical health", "Your well-being", "Meeting emotional needs", "Keeping your children safe",
                        "Social networks", "Education and learning", "Boundaries and behaviour", "Family routine",
                        "Home and money", "Progress to work"};

std::string year_label(int start) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d/%02d", start, (start + 1) % 100);
    return buf;
}

void write_programme(const fs::path& dir, const Shape& sh, Rng rng) {
    fs::create_directories(dir / "templates");
    std::ofstream mtfs(dir / "mtfs.yaml");
    mtfs << "mtfs:\n  unit: \"£'000s\"\n  years: [";
    for (int y = 0; y < sh.years; ++y) mtfs << (y ? ", " : "") << year_label(2019 + y);
    mtfs << "]\n  investment:\n    label: Investment Total\n    groups:\n";
    const int groups = 2;
    for (int g = 0; g < groups; ++g) {
        mtfs << "      - name: Investment group " << g + 1 << "\n        total_label: Group " << g + 1 << " total\n        lines:\n";
        for (int r = 0; r < sh.rows / groups + (g < sh.rows % groups); ++r) {
            mtfs << "          - {label: Investment line " << g + 1 << "." << r + 1 << ", nature: "
                 << (r % 3 ? "one_off" : "ongoing") << ", values: [";
            for (int y = 0; y < sh.years; ++y) mtfs << (y ? ", " : "") << rng.between(0, 900);
            mtfs << "]}\n";
        }
    }
    mtfs << "  savings:\n    name: Savings\n    total_label: Savings Total\n    lines:\n";
    for (const char* s : {"Avoidance of Growth", "Placements", "Workforce"}) {
        mtfs << "      - {label: " << s << ", nature: " << (s[0] == 'A' ? "non_cashable" : "cashable") << ", values: [";
        for (int y = 0; y < sh.years; ++y) mtfs << (y ? ", " : "") << -rng.between(0, 3000) * (y + 1);
        mtfs << "]}\n";
    }
    mtfs << "  return_on_investment: {label: \"Return on Investment: (Surplus)/Deficit\"}\n"
            "  position:\n    label: Impact on MTFS\n    lines:\n      - {label: Forecast overspend, values: [";
    for (int y = 0; y < sh.years; ++y) mtfs << (y ? ", " : "") << rng.between(1000, 5000);
    mtfs << "]}\n";

    std::ofstream pilots(dir / "pilots.yaml");
    pilots << "pilots:\n";
    for (int p = 0; p < sh.pilots; ++p) {
        pilots << "  - id: pilot" << p << "\n    district: District " << p << "\n    name: Pilot " << p
               << "\n    status: running\n    referrals:\n      - source: School " << p
               << "\n        before: {period: Apr–Aug 2016, count: " << rng.between(10, 40)
               << "}\n        after: {period: Apr–Aug 2017, count: " << rng.between(1, 30) << "}\n"
               << "    outcome_star:\n      edition: Family Star Plus\n      areas: [";
        for (int a = 0; a < 10; ++a) pilots << (a ? ", " : "") << kAreas[a];
        pilots << "]\n      stages:\n        - {label: Stuck, scores: [1, 2]}\n        - {label: Accepting help, scores: [3, 4]}\n"
                  "        - {label: Trying, scores: [5, 6]}\n        - {label: Learning what works, scores: [7, 8]}\n"
                  "        - {label: Effective parenting, scores: [9, 10]}\n      families:\n";
        for (int f = 0; f < sh.families; ++f) {
            pilots << "        - family: F" << f << "\n          stars:\n";
            const int stars = rng.between(1, 3);
            int base[10];
            for (int& b : base) b = rng.between(1, 8);
            for (int s = 0; s < stars; ++s) {
                pilots << "            - [";
                for (int a = 0; a < 10; ++a) pilots << (a ? ", " : "") << std::min(10, base[a] + s * rng.between(0, 2));
                pilots << "]\n";
            }
        }
    }

    if (sh.declared > 0) {
        // A programme's own table, declared in YAML: every derivation that ranges over
        // the rows (a share of the total, a running total) in every row.
        std::ofstream decl(dir / "declared.yaml");
        decl << "tables:\n  - id: districts\n    title: Families attached by district\n    unit: count\n"
                "    rows_heading: District\n    columns:\n"
                "      - {id: target, label: Target}\n      - {id: attached, label: Attached}\n"
                "      - {id: gap, label: Above target, difference: [attached, target]}\n"
                "      - {id: rate, label: Of target, unit: \"%\", percentage: [attached, target]}\n"
                "      - {id: share, label: Share, unit: \"%\", decimals: 2, share: attached}\n"
                "      - {id: to_date, label: Running total, running_total: attached}\n    rows:\n";
        for (int r = 0; r < sh.declared; ++r)
            decl << "      - {id: d" << r << ", label: District " << r + 1 << ", values: [" << rng.between(20, 90) << ", "
                 << rng.between(10, 100) << "]}\n";
        decl << "      - {id: total, label: Total, total: true, sum: all}\n";
    }

    std::ofstream narrative(dir / "templates" / "narrative.mustache");
    for (int i = 0; i < sh.paragraphs; ++i) {
        narrative << "The programme invests {{mtfs.investment_total}} from {{mtfs.first_year}} to {{mtfs.last_year}}, "
                     "and the return on investment reaches {{mtfs.roi_final_exact}} in {{mtfs.last_year}}; this paragraph "
                     "stands for the narrative a report author writes round the figures, long enough to wrap over "
                     "several lines of the page as real committee prose does.\n";
        if (i % 7 == 3) narrative << "- A lettered point that follows the paragraph.\n- Another point.\n";
        narrative << "\n";
        if (i == sh.paragraphs / 3) narrative << "@table finance\n\n";
        if (i == sh.paragraphs / 2) narrative << "@figure investment\n\n";
        if (i == sh.paragraphs / 2 && sh.declared > 0) narrative << "@table districts\n\n";
    }
    std::ofstream report(dir / "report.yaml");
    report << "boardpack: 1\nstyle: cabinet\ncommittee: Cabinet\nmeeting_date: 2019-11-20\n"
              "title: Synthetic programme " << sh.name << "\nreport_of: Director for Benchmarks\n"
              "recommendations: [That the figures be noted.]\ndata: [mtfs.yaml, pilots.yaml"
           << (sh.declared > 0 ? ", declared.yaml" : "") << "]\n"
              "sections:\n  - {heading: Narrative, template: narrative}\n"
              "tables:\n  - {id: finance, source: mtfs.investment, caption: Investment and savings}\n";
    if (sh.declared > 0) report << "  - {id: districts}\n";
    for (int p = 0; p < sh.pilots; ++p)
        report << "  - {id: stages" << p << ", source: pilot.pilot" << p << ".stages_recent, caption: Pilot " << p
               << " stages}\n  - {id: means" << p << ", source: pilot.pilot" << p << ".means, caption: Pilot " << p << " means}\n";
    report << "figures:\n  - {id: investment, source: mtfs.investment_by_year, data_table: finance, caption: Investment by year,"
              " alt: A stacked column chart of the investment in each year}\n"
              "appendices:\n  - title: Pilot results\n    tables: [";
    for (int p = 0; p < sh.pilots; ++p) report << (p ? ", " : "") << "stages" << p << ", means" << p;
    report << "]\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_generate DIR [--name N] [--pilots N] [--families F] [--years Y] [--rows R]"
                     " [--paragraphs P] [--seed S] [--copies C] [--declared D]\n";
        return 1;
    }
    Shape sh;
    const fs::path out = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--name") sh.name = v;
        else if (k == "--pilots") sh.pilots = std::stoi(v);
        else if (k == "--families") sh.families = std::stoi(v);
        else if (k == "--years") sh.years = std::stoi(v);
        else if (k == "--rows") sh.rows = std::stoi(v);
        else if (k == "--paragraphs") sh.paragraphs = std::stoi(v);
        else if (k == "--seed") sh.seed = std::stoull(v);
        else if (k == "--copies") sh.copies = std::stoi(v);
        else if (k == "--declared") sh.declared = std::stoi(v);
        else { std::cerr << "unknown option " << k << "\n"; return 1; }
    }
    for (int c = 0; c < sh.copies; ++c) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "-%04d", c);
        write_programme(out / (sh.name + (sh.copies > 1 ? suffix : "")), sh, Rng{sh.seed * 1000003u + static_cast<uint64_t>(c)});
    }
    return 0;
}
