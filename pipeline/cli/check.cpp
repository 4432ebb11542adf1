// boardpack check: render into a temporary folder and compare with outputs/, for CI.
// A difference is shown as a reader would see it: the changed lines of a PDF's text
// (through pdftotext, where poppler-utils is installed) and the changed cells of a
// workbook, sheet by sheet.
#include "cli/check.hpp"


#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "core/sha256.hpp"
#include "core/shell.hpp"
#include "render/xlsx/zip_parts.hpp"

namespace fs = std::filesystem;

namespace bp::cli {
namespace {

constexpr size_t kShown = 25;  // differences listed per file

std::string run(const std::string& cmd) { return shell_output(cmd); }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

// Lines removed (-) and added (+), as diff orders them: old before new. The common
// head and tail are set aside first; the rest is matched by a longest common
// subsequence unless it is too large to tabulate, when it is shown as replaced whole.
std::vector<std::string> line_diff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    constexpr size_t kMaxCells = 16u << 20;  // 64 MB of table
    size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    const size_t n = a.size() - head - tail, m = b.size() - head - tail;
    auto A = [&](size_t i) -> const std::string& { return a[head + i]; };
    auto B = [&](size_t j) -> const std::string& { return b[head + j]; };
    std::vector<std::string> out;
    if (n != 0 && m != 0 && (n + 1) * (m + 1) > kMaxCells) {
        for (size_t i = 0; i < n; ++i) out.push_back("  - " + A(i));
        for (size_t j = 0; j < m; ++j) out.push_back("  + " + B(j));
        return out;
    }
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;) lcs[i][j] = A(i) == B(j) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && A(i) == B(j)) { ++i; ++j; }
        else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) out.push_back("  - " + A(i++));
        else out.push_back("  + " + B(j++));
    }
    return out;
}

std::vector<std::string> pdf_difference(const std::string& old_pdf, const std::string& new_pdf) {
    if (run("command -v pdftotext").empty()) return {"  (install poppler-utils to see the changed text)"};
    auto text = [](const std::string& f) { return lines_of(run("pdftotext -layout '" + f + "' - 2>/dev/null")); };
    auto d = line_diff(text(old_pdf), text(new_pdf));
    if (d.empty()) d.push_back("  the text is the same; drawing or metadata changed");
    return d;
}

// A report's output (not the manifest): PDF, workbook, HTML edition, figures file.
bool is_output(const fs::path& p) {
    const std::string name = p.filename().string();
    const std::string figures = ".figures.json";
    return p.extension() == ".pdf" || p.extension() == ".xlsx" || p.extension() == ".html" || p.extension() == ".csv" ||
           (name.size() > figures.size() && name.compare(name.size() - figures.size(), figures.size(), figures) == 0);
}

// The changed lines of the HTML edition or the figures file, as they are in the file
// (long lines cut short: an embedded image is one line of base64).
std::vector<std::string> text_difference(const std::string& old_html, const std::string& new_html) {
    auto text = [](const std::string& f) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        auto lines = lines_of(ss.str());
        for (auto& l : lines)
            if (l.size() > 200) l = l.substr(0, 197) + "...";
        return lines;
    };
    return line_diff(text(old_html), text(new_html));
}

// "Sheet!B13" -> "=SUM(B6:B12) 632" or "'text'", from a workbook's XML.
std::map<std::string, std::string> cells_of(const std::string& path) {
    const auto files = xlsx::unzip_all(path);
    std::map<std::string, std::string> cells;
    std::vector<std::string> strings;
    if (auto s = files.find("xl/sharedStrings.xml"); s != files.end()) {
        static const std::regex si("<si>(?:<t[^>]*>([^<]*)</t>|.*?)</si>");
        for (std::sregex_iterator it(s->second.begin(), s->second.end(), si), end; it != end; ++it) strings.push_back((*it)[1]);
    }
    std::vector<std::string> sheets;
    if (auto w = files.find("xl/workbook.xml"); w != files.end()) {
        static const std::regex sheet("<sheet name=\"([^\"]+)\"");
        for (std::sregex_iterator it(w->second.begin(), w->second.end(), sheet), end; it != end; ++it) sheets.push_back((*it)[1]);
    }
    static const std::regex cell("<c r=\"([A-Z]+[0-9]+)\"([^>]*?)(?:/>|>(?:<f>([^<]*)</f>)?(?:<v>([^<]*)</v>)?</c>)");
    for (size_t i = 0; i < sheets.size(); ++i) {
        auto x = files.find("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
        if (x == files.end()) continue;
        for (std::sregex_iterator it(x->second.begin(), x->second.end(), cell), end; it != end; ++it) {
            const std::string attrs = (*it)[2], formula = (*it)[3], value = (*it)[4];
            std::string shown = value;
            if (attrs.find("t=\"s\"") != std::string::npos && !value.empty() && std::stoul(value) < strings.size())
                shown = "'" + strings[std::stoul(value)] + "'";
            if (!formula.empty()) shown = "=" + formula + " " + shown;
            cells[sheets[i] + "!" + (*it)[1].str()] = shown;
        }
    }
    return cells;
}

std::vector<std::string> xlsx_difference(const std::string& old_xlsx, const std::string& new_xlsx) {
    const auto a = cells_of(old_xlsx), b = cells_of(new_xlsx);
    std::vector<std::string> out;
    for (const auto& [ref, v] : a) {
        auto it = b.find(ref);
        if (it == b.end()) out.push_back("  " + ref + ": " + v + " -> (empty)");
        else if (it->second != v) out.push_back("  " + ref + ": " + v + " -> " + it->second);
    }
    for (const auto& [ref, v] : b)
        if (!a.count(ref)) out.push_back("  " + ref + ": (empty) -> " + v);
    if (out.empty()) out.push_back("  every cell is the same; formatting or properties changed");
    return out;
}

}  // namespace

int run_check(const std::vector<std::string>& reports, const BatchOptions& opts) {
    char tmpl[] = "/tmp/boardpack-check-XXXXXX";
    if (!::mkdtemp(tmpl)) {
        std::cerr << "boardpack: cannot make a temporary folder\n";
        return kInternal;
    }
    const std::string fresh = tmpl;
    BatchOptions render = opts;
    render.out_dir = fresh;
    render.force = true;
    render.quiet = true;
    render.shards = 1;
    render.manifest_name = "manifest.json";
    const int status = run_batch(reports, render);
    int result = kOk;
    if (status != kOk) {
        std::cerr << "boardpack check: the reports did not render (see above)\n";
        result = status;
    } else {
        size_t differing = 0, same = 0;
        std::vector<fs::path> produced;
        for (const auto& e : fs::recursive_directory_iterator(fresh))  // a report's tables/ too
            if (e.is_regular_file() && is_output(e.path())) produced.push_back(e.path());
        std::sort(produced.begin(), produced.end());
        for (const auto& p : produced) {
            const fs::path golden = fs::path(opts.out_dir) / p.lexically_relative(fresh);
            if (!fs::exists(golden)) {
                std::cout << golden.string() << ": missing (this build makes it)\n";
                ++differing;
                continue;
            }
            if (sha256_file(golden.string()) == sha256_file(p.string())) { ++same; continue; }
            ++differing;
            std::cout << golden.string() << " differs:\n";
            const auto diff = p.extension() == ".pdf"                              ? pdf_difference(golden.string(), p.string())
                              : p.extension() == ".html" || p.extension() == ".json" || p.extension() == ".csv" ? text_difference(golden.string(), p.string())
                                                                                     : xlsx_difference(golden.string(), p.string());
            for (size_t i = 0; i < diff.size() && i < kShown; ++i) std::cout << diff[i] << "\n";
            if (diff.size() > kShown) std::cout << "  ... and " << diff.size() - kShown << " more\n";
        }
        std::cerr << "boardpack check: " << same << " outputs as in " << opts.out_dir << ", " << differing << " different\n";
        result = differing > 0 ? kInvalid : kOk;
    }
    fs::remove_all(fresh);
    return result;
}

}  // namespace bp::cli
