#include "render/pdf/layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "core/text.hpp"

namespace bp::pdf {

PageGeometry PageGeometry::of(const doc::Look& look) {
    PageGeometry g;
    g.width = look.page_width;
    g.height = look.page_height;
    g.margin_left = look.margin_left;
    g.margin_right = look.margin_right;
    g.margin_top = look.margin_top;
    g.margin_bottom = look.margin_bottom;
    return g;
}

namespace {

// The house style, in points.
constexpr double kBody = 10.5;
constexpr double kLeading = 1.32;
constexpr double kParaGap = 6;
constexpr double kNumberIndent = 30;   // paragraph text after "12."
constexpr double kItemIndent = 22;     // sub-item text after "a."
constexpr double kTableSize = 8.5;
constexpr double kCellPad = 3;
constexpr double kFigureHeight = 230;
const Color kBlack{0, 0, 0};
const Color kGrey{0.35, 0.35, 0.35};
const Color kRule{0.2, 0.2, 0.2};

double heading_size(int level) { return level == 1 ? 15 : level == 2 ? 12.5 : kBody; }

std::string codepoint_name(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

// One line of a paragraph, ready to place.
struct LineBox {
    double x = 0;
    std::string text;
    bool bold = false;
    double size = kBody;
    std::string label;  // "12." or "a." drawn at label_x on this line
    double label_x = 0;
    double gap_before = 0;
    int tag = -1, label_tag = -1;  // structure nodes of the text and of the label
    bool continues = false;        // the text goes on at the next line
};

// The space a line break swallowed, drawn at the end of the line: invisible, but it
// keeps words apart when the text is extracted or read aloud.
std::string with_break_space(const std::string& line, bool continues) { return continues ? line + " " : line; }

class Flow {
public:
    Flow(const Metrics& m, const PageGeometry& g, const doc::Look& look, Diagnostics& d, std::set<std::string> targets)
        : m_(m), g_(g), portrait_(g), look_(look), diags_(d), targets_(std::move(targets)) {
        for (const auto& c : look.chart) palette_.push_back(Color{c.r, c.g, c.b});
        out_.nodes.push_back(StructNode{"Document", -1, StructNode::Scope::none, -1, {}});
        new_page();
    }

    void heading(const doc::Heading& h);
    // "Contents": each entry a link to its heading, with the page it is on.
    void contents(const std::vector<std::pair<std::string, size_t>>& entries);
    void paragraph(const doc::Paragraph& p);
    void table(const doc::Table& t);
    void figure(const doc::Figure& f);
    // An image as a Figure with its alternative text; `at_right` places it against the
    // right margin (the logo), else at the left.
    void picture(const doc::Picture& p, bool at_right = false);
    void page_break() {
        if (!fresh_) new_page();
    }
    Layout finish();

private:
    const Metrics& m_;
    PageGeometry g_;          // the current page's geometry
    const PageGeometry portrait_;
    const doc::Look& look_;
    std::vector<Color> palette_;
    Diagnostics& diags_;
    std::set<std::string> targets_;  // "Table 3" ... that exist, so references can link
    Layout out_;
    double y_ = 0;       // top of the free space on the current page
    bool fresh_ = true;  // nothing placed on this page yet
    std::set<std::pair<char32_t, std::string>> reported_;
    std::string origin_;  // where the block being laid out came from, for messages

    std::vector<std::string> sources_;            // the input files, to find a character in
    std::map<std::string, std::string> source_text_;  // read when first needed

public:
    void set_origin(std::string o) { origin_ = std::move(o); }
    void set_sources(std::vector<std::string> paths) { sources_ = std::move(paths); }

private:

    Page& page() { return out_.pages.back(); }
    void new_page() {
        out_.pages.emplace_back();
        out_.pages.back().landscape = g_.width > g_.height;
        y_ = g_.height - g_.margin_top;
        fresh_ = true;
    }
    // Column widths and font size that fit `t` into `width`; false when even the
    // smallest size leaves the label column too narrow to read.
    bool fit_columns(const doc::Table& t, double width, std::vector<double>& widths, double& size) const;
    double room() const { return y_ - g_.margin_bottom; }
    void need(double h) {
        if (h > room() && !fresh_) new_page();
    }
    void text(double x, double baseline, const std::string& s, double size, bool bold, int tag, Color c = kBlack);
    // As text(), turning references to tables, figures and appendices into links.
    void linked_text(double x, double baseline, const std::string& s, double size, bool bold, int tag);
    int node(std::string_view type, int parent) {  // type: a string literal (StructNode)
        out_.nodes.push_back(StructNode{type, parent, StructNode::Scope::none, -1, {}});
        const int id = static_cast<int>(out_.nodes.size() - 1);
        out_.nodes[static_cast<size_t>(parent)].children.push_back(id);
        return id;
    }
    void rule(double x1, double x2, double y, double width = 0.5, Color c = kRule) {
        page().ops.push_back(Op::line_between(x1, y, x2, y, width, c));
    }
    void fill(double x, double y, double w, double h, Color c) { page().ops.push_back(Op::filled_rect(x, y, w, h, c)); }
    void place_lines(const std::vector<LineBox>& lines);
    void check_coverage(const std::string& s);
};

// A character the font lacks is an error where it was typed: the layout sees text
// after templates and data have been joined, so the input files are searched for it.
// Only when it is in none (it came from a helper, say) is the block's origin named.
void Flow::check_coverage(const std::string& s) {
    for (char32_t cp : utf32(s)) {
        if (cp < 0x80 || m_.covers(cp)) continue;
        const std::string context = s.size() > 60 ? s.substr(0, 57) + "..." : s;
        if (!reported_.insert({cp, ""}).second) continue;
        const std::string utf8 = utf8_of(cp);
        const std::string message = "the house font cannot show the character " + codepoint_name(cp) + " in \"" + context + "\"" +
                                    "; replace it (for a non-breaking hyphen, use '-')";
        bool found = false;
        for (const auto& path : sources_) {
            auto it = source_text_.find(path);
            if (it == source_text_.end()) {
                std::ifstream in(path, std::ios::binary);
                std::stringstream text;
                text << in.rdbuf();
                it = source_text_.emplace(path, text.str()).first;
            }
            const size_t at = it->second.find(utf8);
            if (at == std::string::npos) continue;
            const auto [line, col] = line_col(it->second, at);
            diags_.error(SourcePos{std::make_shared<const std::string>(path), line, col}, message);
            found = true;
        }
        if (found) continue;
        SourcePos where;
        if (!origin_.empty() && origin_.find('\'') == std::string::npos)
            where.file = std::make_shared<const std::string>(origin_);
        diags_.error(where, message + (where.known() || origin_.empty() ? std::string() : " (in " + origin_ + ")"));
    }
}

void Flow::text(double x, double baseline, const std::string& s, double size, bool bold, int tag, Color c) {
    if (s.empty()) return;
    check_coverage(s);
    Op o = Op::text_at(x, baseline, s, size, bold, c);
    o.tag = tag;
    page().ops.push_back(o);
    fresh_ = false;
}

void Flow::linked_text(double x, double baseline, const std::string& s, double size, bool bold, int tag) {
    size_t pos = 0;
    double cx = x;
    for (auto [at, len] = next_reference(s, 0); at != std::string::npos; std::tie(at, len) = next_reference(s, at + len)) {
        const std::string label = s.substr(at, len);
        if (!targets_.count(label)) continue;
        const std::string before = s.substr(pos, at - pos);
        text(cx, baseline, before, size, bold, tag);
        cx += m_.width(before, bold, size);
        const int link = node("Link", tag);
        text(cx, baseline, label, size, bold, link);
        const double w = m_.width(label, bold, size);
        out_.links.push_back(Link{out_.pages.size() - 1, cx, baseline - size * 0.25, w, size * 1.15, link, label, false, 0, 0});
        cx += w;
        pos = at + label.size();
    }
    text(cx, baseline, s.substr(pos), size, bold, tag);
}

void Flow::contents(const std::vector<std::pair<std::string, size_t>>& entries) {
    heading(doc::Heading{2, "Contents", ""});
    const int toc = node("TOC", 0);
    const double right = g_.margin_left + g_.content_width();
    for (const auto& [title, page] : entries) {
        const std::string number = std::to_string(page);
        const double nw = m_.width(number, false, kBody);
        auto lines = break_lines(title, g_.content_width() - nw - 24, false, kBody, m_);
        need(kBody * kLeading * static_cast<double>(lines.size()));
        const int item = node("TOCI", toc);
        const int link = node("Link", item);
        for (size_t k = 0; k < lines.size(); ++k) {
            const double baseline = y_ - kBody;
            text(g_.margin_left, baseline, with_break_space(lines[k], k + 1 < lines.size()), kBody, false, link);
            out_.links.push_back(Link{out_.pages.size() - 1, g_.margin_left, baseline - kBody * 0.25,
                                      m_.width(lines[k], false, kBody), kBody * 1.15, link, title, true, 0, 0});
            if (k + 1 == lines.size()) {
                text(right - nw, baseline, number, kBody, false, item);
                out_.contents_numbers.push_back({out_.pages.size() - 1, out_.pages.back().ops.size() - 1});
            }
            y_ -= kBody * kLeading;
        }
    }
    y_ -= kParaGap;
}

void Flow::heading(const doc::Heading& h) {
    const double size = heading_size(h.level);
    const double lead = size * kLeading;
    const auto lines = break_lines(h.text, g_.content_width(), true, size, m_);
    const double space_before = h.level == 1 ? 4 : 10;
    // Keep a heading with at least three lines of what follows.
    need(space_before + lead * static_cast<double>(lines.size()) + 3 * kBody * kLeading);
    if (!fresh_) y_ -= space_before;
    out_.bookmarks.push_back(Bookmark{h.level, h.text, out_.pages.size() - 1, y_});
    static constexpr std::string_view kHeadings[] = {"H1", "H2", "H3"};
    const int tag = node(kHeadings[std::min(3, std::max(1, h.level)) - 1], 0);
    for (size_t k = 0; k < lines.size(); ++k) {
        text(g_.margin_left, y_ - size, with_break_space(lines[k], k + 1 < lines.size()), size, true, tag,
             Color{look_.accent.r, look_.accent.g, look_.accent.b});
        y_ -= lead;
    }
    y_ -= 3;
}

void Flow::place_lines(const std::vector<LineBox>& lines) {
    size_t i = 0;
    while (i < lines.size()) {
        // How many of the remaining lines fit on this page.
        size_t fit = 0;
        double used = 0;
        for (size_t k = i; k < lines.size(); ++k) {
            const double h = lines[k].gap_before + lines[k].size * kLeading;
            if (used + h > room()) break;
            used += h;
            ++fit;
        }
        const size_t left = lines.size() - i;
        if (fit < left) {
            // No single line alone at the foot of a page, nor alone at the head of the next.
            if (fit == 1 && left > 1) fit = 0;
            else if (fit >= 2 && left - fit == 1) --fit;
            if (fit == 0) {
                if (fresh_) fit = 1;  // a page that cannot take even two lines: place one
                else { new_page(); continue; }
            }
        }
        for (size_t k = i; k < i + fit; ++k) {
            const LineBox& l = lines[k];
            if (k != i) y_ -= l.gap_before;
            const double baseline = y_ - l.size;
            if (!l.label.empty()) text(l.label_x, baseline, l.label + " ", l.size, l.bold, l.label_tag);
            linked_text(l.x, baseline, with_break_space(l.text, l.continues), l.size, l.bold, l.tag);
            y_ -= l.size * kLeading;
        }
        i += fit;
        if (i < lines.size()) new_page();
    }
}

void Flow::paragraph(const doc::Paragraph& p) {
    std::vector<LineBox> lines;
    const double left = g_.margin_left;
    const double text_x = p.number > 0 ? left + kNumberIndent : left;
    const double width = g_.margin_left + g_.content_width() - text_x;
    // Structure: the paragraph is a P (its number inside it); sub-items and bullets
    // are a list after it: L > LI > Lbl ("a.") + LBody.
    auto add = [&](const std::string& s, double x, double w, const std::string& label, double label_x, double gap,
                   int tag, int label_tag) {
        const auto broken = break_lines(s, w, p.bold, kBody, m_);
        for (size_t k = 0; k < broken.size(); ++k) {
            LineBox b;
            b.x = x;
            b.text = broken[k];
            b.bold = p.bold;
            b.tag = tag;
            b.continues = k + 1 < broken.size();
            if (k == 0) { b.label = label; b.label_x = label_x; b.gap_before = gap; b.label_tag = label_tag; }
            lines.push_back(b);
        }
    };
    if (!p.text.empty()) {
        const int tag = node("P", 0);
        add(p.text, text_x, width, p.number > 0 ? std::to_string(p.number) + "." : "", left, 0, tag, tag);
    }
    auto list = [&](const std::vector<std::string>& entries, bool lettered) {
        if (entries.empty()) return;
        const int l = node("L", 0);
        for (size_t i = 0; i < entries.size(); ++i) {
            const int li = node("LI", l), lbl = node("Lbl", li), body = node("LBody", li);
            if (lettered)
                add(entries[i], text_x + kItemIndent, width - kItemIndent,
                    std::string(1, static_cast<char>('a' + i % 26)) + ".", text_x, 3, body, lbl);
            else
                add(entries[i], text_x + 14, width - 14, "\u2022", text_x + 2, 3, body, lbl);
        }
    };
    list(p.items, true);
    list(p.bullets, false);
    if (lines.empty()) return;
    place_lines(lines);
    y_ -= kParaGap;
}

bool Flow::fit_columns(const doc::Table& t, double width, std::vector<double>& widths, double& size) const {
    size_t cols = 0;
    for (const auto& r : t.rows) cols = std::max(cols, r.cells.size());
    widths.assign(cols, 0.0);
    size = kTableSize;
    // Numeric columns fit their widest content (a header its widest word, since
    // headers wrap at spaces); the label column takes the rest, and any width the
    // labels do not need is shared out over the other columns.
    auto widest_word = [&](const std::string& s, bool bold) {
        double w = 0;
        size_t i = 0;
        while (i <= s.size()) {
            size_t j = s.find(' ', i);
            if (j == std::string::npos) j = s.size();
            w = std::max(w, m_.width(s.substr(i, j - i), bold, size));
            i = j + 1;
        }
        return w;
    };
    for (int attempt = 0; attempt < 3; ++attempt) {
        std::fill(widths.begin(), widths.end(), 0.0);
        double label_natural = 0;
        for (const auto& r : t.rows) {
            const bool header = r.kind == doc::Row::Kind::header;
            for (size_t c = 0; c < r.cells.size(); ++c) {
                const auto& cell = r.cells[c];
                const bool bold = cell.bold || r.kind != doc::Row::Kind::body;
                const double w = header ? widest_word(cell.display(), true) : m_.width(cell.display(), bold, size);
                if (c == 0) label_natural = std::max(label_natural, m_.width(cell.display(), bold, size) + 2 * kCellPad);
                else widths[c] = std::max(widths[c], std::max(w + 2 * kCellPad, 28.0));
            }
        }
        double rest = width;
        for (size_t c = 1; c < cols; ++c) rest -= widths[c];
        widths[0] = rest;
        if (label_natural < rest && cols > 1) {
            widths[0] = std::min(rest, std::max(label_natural, width * 0.45));
            const double spare = (rest - widths[0]) / static_cast<double>(cols - 1);
            for (size_t c = 1; c < cols; ++c) widths[c] += spare;
        }
        if (widths[0] >= 110) return true;
        if (attempt == 2) return false;
        size -= 1;
    }
    return false;
}

void Flow::table(const doc::Table& t) {
    size_t cols = 0;
    for (const auto& r : t.rows) cols = std::max(cols, r.cells.size());
    if (cols == 0) return;
    double size = kTableSize;
    std::vector<double> widths;
    if (!fit_columns(t, g_.content_width(), widths, size)) {
        // Too wide for portrait: the table gets landscape pages of its own.
        std::vector<double> w2;
        double s2 = kTableSize;
        if (fit_columns(t, portrait_.turned().content_width(), w2, s2)) {
            if (!fresh_) new_page();
            g_ = portrait_.turned();
            out_.pages.back() = Page{};
            out_.pages.back().landscape = true;
            y_ = g_.height - g_.margin_top;
            widths = w2;
            size = s2;
        }
    }
    const double lead = size * 1.25;
    // Every cell broken into lines once: heights, page breaks and drawing all use them.
    std::vector<std::vector<std::vector<std::string>>> broken(t.rows.size());
    for (size_t i = 0; i < t.rows.size(); ++i) {
        const doc::Row& r = t.rows[i];
        for (size_t c = 0; c < r.cells.size(); ++c) {
            const bool bold = r.cells[c].bold || r.kind != doc::Row::Kind::body;
            broken[i].push_back(break_lines(r.cells[c].display(), widths[c] - 2 * kCellPad, bold, size, m_));
        }
    }
    auto lines_of = [&](const doc::Row& r) -> const std::vector<std::vector<std::string>>& {
        return broken[static_cast<size_t>(&r - t.rows.data())];
    };
    auto row_height = [&](const doc::Row& r) {
        size_t n = 1;
        for (const auto& l : lines_of(r)) n = std::max(n, l.size());
        return static_cast<double>(n) * lead + 2 * kCellPad;
    };
    // Structure: Table > Caption, TR > TH (header rows: column headers; first column:
    // row headers) / TD. Header rows repeated on a continuation page are artifacts.
    const int table_tag = node("Table", 0);
    struct RowTags {
        int tr = -1;
        std::vector<int> cells;
    };
    auto tags_for = [&](const doc::Row& r, bool repeat) {
        RowTags tags;
        tags.cells.assign(r.cells.size(), -1);
        if (repeat) return tags;
        tags.tr = node("TR", table_tag);
        for (size_t c = 0; c < r.cells.size(); ++c) {
            const bool header = r.kind == doc::Row::Kind::header || c == 0;
            tags.cells[c] = node(header ? "TH" : "TD", tags.tr);
            if (header)
                out_.nodes[static_cast<size_t>(tags.cells[c])].scope =
                    r.kind == doc::Row::Kind::header ? StructNode::Scope::column : StructNode::Scope::row;
        }
        return tags;
    };
    // Draws lines [from, to) of every cell of a row: all of them, or one page's slice of
    // a row taller than a page.
    auto draw_slice = [&](const doc::Row& r, const RowTags& tags, const std::vector<std::vector<std::string>>& lines,
                          size_t from, size_t to) {
        const double h = static_cast<double>(to - from) * lead + 2 * kCellPad;
        const double top = y_;
        const double x0 = g_.margin_left;
        if (r.kind == doc::Row::Kind::header) fill(x0, top - h, g_.content_width(), h, Color{look_.table_header.r, look_.table_header.g, look_.table_header.b});
        if (r.kind == doc::Row::Kind::total && from == 0) rule(x0, x0 + g_.content_width(), top, 0.8);
        double x = x0;
        for (size_t c = 0; c < r.cells.size(); ++c) {
            const bool bold = r.cells[c].bold || r.kind != doc::Row::Kind::body;
            double baseline = top - kCellPad - size;
            for (size_t k = from; k < to && k < lines[c].size(); ++k) {
                const std::string& l = lines[c][k];
                const double lx = c == 0 ? x + kCellPad : x + widths[c] - kCellPad - m_.width(l, bold, size);
                text(lx, baseline, with_break_space(l, k + 1 < lines[c].size()), size, bold, tags.cells[c]);
                baseline -= lead;
            }
            x += widths[c];
        }
        y_ -= h;
        if (r.kind == doc::Row::Kind::header) rule(x0, x0 + g_.content_width(), y_, 0.6);
    };
    auto all_lines = [&](const doc::Row& r, size_t& most) -> const std::vector<std::vector<std::string>>& {
        const auto& lines = lines_of(r);
        most = 1;
        for (const auto& l : lines) most = std::max(most, l.size());
        return lines;
    };
    auto draw_row = [&](const doc::Row& r, bool repeat) {
        size_t most = 0;
        const auto& lines = all_lines(r, most);
        draw_slice(r, tags_for(r, repeat), lines, 0, most);
    };
    const std::string caption = "Table " + std::to_string(t.number) + ": " + t.caption;
    const auto cap_lines = break_lines(caption, g_.content_width(), true, 10, m_);
    double header_h = 0;
    for (size_t i = 0; i < t.header_rows && i < t.rows.size(); ++i) header_h += row_height(t.rows[i]);
    const double first_body = t.rows.size() > t.header_rows ? row_height(t.rows[t.header_rows]) : 0;
    double whole = header_h;
    for (size_t i = t.header_rows; i < t.rows.size(); ++i) whole += row_height(t.rows[i]);
    const double caption_h = 8 + static_cast<double>(cap_lines.size()) * 10 * kLeading;
    // A short table is kept whole; a long one keeps its caption with the header and
    // first row, and repeats the header on each page it continues to.
    // The source note goes with the table's last row: never alone at the head of a page.
    const auto note_lines = t.source_note.empty() ? std::vector<std::string>{}
                                                  : break_lines(t.source_note, g_.content_width(), false, 8.5, m_);
    const double note_h = static_cast<double>(note_lines.size()) * 8.5 * kLeading;
    const double usable = g_.height - g_.margin_top - g_.margin_bottom;
    need(caption_h + (caption_h + whole < usable / 3 ? whole + 4 + note_h : header_h + first_body));
    if (!fresh_) y_ -= 4;
    out_.bookmarks.push_back(Bookmark{4, caption, out_.pages.size() - 1, y_});
    const int caption_tag = node("Caption", table_tag);
    for (size_t k = 0; k < cap_lines.size(); ++k) {
        text(g_.margin_left, y_ - 10, with_break_space(cap_lines[k], k + 1 < cap_lines.size()), 10, true, caption_tag);
        y_ -= 10 * kLeading;
    }
    y_ -= 2;
    for (size_t i = 0; i < t.header_rows && i < t.rows.size(); ++i) draw_row(t.rows[i], false);
    auto continue_on_new_page = [&] {
        new_page();
        text(g_.margin_left, y_ - 9, "Table " + std::to_string(t.number) + " (continued)", 9, false, -1, kGrey);
        y_ -= 9 * kLeading + 2;
        for (size_t k = 0; k < t.header_rows; ++k) draw_row(t.rows[k], true);
    };
    for (size_t i = t.header_rows; i < t.rows.size(); ++i) {
        const doc::Row& r = t.rows[i];
        size_t most = 0;
        const auto& lines = all_lines(r, most);
        const double h = static_cast<double>(most) * lead + 2 * kCellPad;
        // A row is never split across pages, unless it alone is taller than a page; the
        // last row takes the source note with it.
        const double with_note = i + 1 == t.rows.size() ? 4 + note_h : 0;
        if (h > room() || (h + with_note > room() && h + with_note <= usable)) continue_on_new_page();
        const RowTags tags = tags_for(r, false);
        size_t from = 0;
        while (from < most) {
            const auto fit = static_cast<size_t>(std::max(1.0, std::floor((room() - 2 * kCellPad) / lead)));
            const size_t to = std::min(most, from + fit);
            draw_slice(r, tags, lines, from, to);
            from = to;
            if (from < most) continue_on_new_page();
        }
    }
    rule(g_.margin_left, g_.margin_left + g_.content_width(), y_, 0.6);
    y_ -= 4;
    if (!t.source_note.empty()) {
        const int note = node("P", 0);
        for (const auto& l : note_lines) {
            need(8.5 * kLeading);
            text(g_.margin_left, y_ - 8.5, l, 8.5, false, note, kGrey);
            y_ -= 8.5 * kLeading;
        }
    }
    y_ -= kParaGap + 4;
    if (g_.width > g_.height) {
        g_ = portrait_;
        new_page();
    }
}

void Flow::figure(const doc::Figure& f) {
    const std::string caption = "Figure " + std::to_string(f.number) + ": " + f.caption;
    const auto cap_lines = break_lines(caption, g_.content_width(), true, 10, m_);
    need(8 + static_cast<double>(cap_lines.size()) * 10 * kLeading + kFigureHeight);
    if (!fresh_) y_ -= 4;
    out_.bookmarks.push_back(Bookmark{4, caption, out_.pages.size() - 1, y_});
    // Structure: Caption, then the Figure with its alternative text; the chart's
    // drawing is the Figure's content.
    const int caption_tag = node("Caption", 0);
    for (size_t k = 0; k < cap_lines.size(); ++k) {
        text(g_.margin_left, y_ - 10, with_break_space(cap_lines[k], k + 1 < cap_lines.size()), 10, true, caption_tag);
        y_ -= 10 * kLeading;
    }
    y_ -= 4;
    for (const auto& cat : f.chart.categories) check_coverage(cat);
    for (const auto& s : f.chart.series) check_coverage(s.name);
    const int fig = node("Figure", 0);
    out_.nodes[static_cast<size_t>(fig)].figure = static_cast<int>(out_.figures.size());
    FigureNode& fn = out_.figures.emplace_back();
    fn.alt = f.alt;
    fn.page = out_.pages.size() - 1;
    const double box[4] = {g_.margin_left, y_ - kFigureHeight, g_.margin_left + g_.content_width(), y_};
    std::copy(box, box + 4, fn.bbox);
    const size_t first_op = page().ops.size();
    draw_chart(f.chart, g_.margin_left, y_ - kFigureHeight, g_.content_width(), kFigureHeight, m_, palette_, page().ops);
    for (size_t i = first_op; i < page().ops.size(); ++i) page().ops[i].tag = fig;
    fresh_ = false;
    y_ -= kFigureHeight + kParaGap + 6;
}

// An image op: the image drawn into the box (x, y) lower-left, w x h.
Op image_op(int index, double x, double y, double w, double h) {
    Op o;
    o.kind = Op::Kind::image;
    o.image = index;
    o.x = x; o.y = y; o.w = w; o.h = h;
    return o;
}

void Flow::picture(const doc::Picture& p, bool at_right) {
    if (!p.image) return;
    // Its width as asked, else its natural width at 96 pixels an inch; never wider than
    // the measure, nor taller than half the page.
    double w = p.width_pt > 0 ? p.width_pt : p.image->width * 0.75;
    w = std::min(w, g_.content_width());
    double h = w * p.image->height / std::max(1u, p.image->width);
    const double tallest = (portrait_.height - portrait_.margin_top - portrait_.margin_bottom) / 2;
    if (h > tallest) {
        w *= tallest / h;
        h = tallest;
    }
    need(h + kParaGap);
    const double x = at_right ? g_.margin_left + g_.content_width() - w : g_.margin_left;
    out_.images.push_back(p.image);
    const int fig = node("Figure", 0);
    out_.nodes[static_cast<size_t>(fig)].figure = static_cast<int>(out_.figures.size());
    FigureNode& fn = out_.figures.emplace_back();
    fn.alt = p.alt;
    fn.page = out_.pages.size() - 1;
    const double box[4] = {x, y_ - h, x + w, y_};
    std::copy(box, box + 4, fn.bbox);
    Op o = image_op(static_cast<int>(out_.images.size() - 1), x, y_ - h, w, h);
    o.tag = fig;
    page().ops.push_back(o);
    fresh_ = false;
    y_ -= h + kParaGap + 4;
}

// "{{page}}" and "{{pages}}" of a footer text filled in.
std::string page_fields(std::string s, size_t page, size_t pages) {
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"{{page}}", std::to_string(page)},
                                     {"{{pages}}", std::to_string(pages)}})
        for (size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size())) s.replace(at, key.size(), value);
    return s;
}

Layout Flow::finish() {
    if (out_.pages.size() > 1 && out_.pages.back().ops.empty()) out_.pages.pop_back();
    // Each link leads to its table's or figure's caption, or its appendix's heading.
    for (Link& l : out_.links)
        for (const Bookmark& b : out_.bookmarks)
            if (l.exact ? b.title == l.target
                        : b.title.rfind(l.target + ":", 0) == 0 || b.title.rfind(l.target + " \u2013", 0) == 0) {
                l.target_page = b.page;
                l.target_y = b.y;
                break;
            }
    const size_t n = out_.pages.size();
    for (size_t i = 0; i < n; ++i) {
        Page& p = out_.pages[i];
        const PageGeometry g_ = p.landscape ? portrait_.turned() : portrait_;
        const std::string right = page_fields(look_.footer_right, i + 1, n), left = page_fields(look_.footer_left, i + 1, n);
        const double size = 8.5;
        const double baseline = g_.margin_bottom - 28;
        check_coverage(left);
        check_coverage(right);
        if (!right.empty()) p.ops.push_back(Op::text_at(g_.width - g_.margin_right - m_.width(right, false, size), baseline, right, size, false, kGrey));
        if (!left.empty()) p.ops.push_back(Op::text_at(g_.margin_left, baseline, left, size, false, kGrey));
        // The logo again at the head of every later page: furniture, as the footer is,
        // so read once (on the first page, with its alternative text), not on every page.
        if (i > 0 && look_.logo_in_header && look_.logo && look_.logo->image) {
            const Image& img = *look_.logo->image;
            const double h = std::min(24.0, g_.margin_top - 20);
            const double w = h * img.width / std::max(1u, img.height);
            if (out_.images.empty() || out_.images.front() != look_.logo->image) continue;  // placed first, as image 0
            p.ops.push_back(image_op(0, g_.width - g_.margin_right - w, g_.height - g_.margin_top + 8, w, h));
        }
    }
    return std::move(out_);
}

}  // namespace

namespace {

using Entries = std::vector<std::pair<std::string, size_t>>;

Layout lay_out(const doc::Document& d, const Metrics& m, const PageGeometry& g, Diagnostics& diags, const Entries* toc) {
    // What references can lead to: every numbered table and figure, every appendix.
    std::set<std::string> targets;
    for (const auto& b : d.blocks) {
        if (auto t = std::get_if<doc::Table>(&b)) targets.insert("Table " + std::to_string(t->number));
        if (auto f = std::get_if<doc::Figure>(&b)) targets.insert("Figure " + std::to_string(f->number));
        if (auto h = std::get_if<doc::Heading>(&b); h && h->text.rfind("Appendix ", 0) == 0)
            targets.insert(h->text.substr(0, h->text.find(" \u2013")));
    }
    Flow flow(m, g, d.look, diags, targets);
    std::vector<std::string> sources;
    for (const auto& src : d.sources) sources.push_back(src.path);
    flow.set_sources(std::move(sources));
    bool toc_done = toc == nullptr;
    if (d.look.logo) {
        flow.set_origin("the house style's logo");
        flow.picture(*d.look.logo, true);
    }
    for (const auto& b : d.blocks) {
        auto h = std::get_if<doc::Heading>(&b);
        if (!toc_done && h && h->level == 2) {  // the contents go before the first section heading
            flow.contents(*toc);
            toc_done = true;
        }
        if (h) {
            flow.set_origin(h->origin);
            flow.heading(*h);
        } else if (auto p = std::get_if<doc::Paragraph>(&b)) {
            flow.set_origin(p->origin);
            flow.paragraph(*p);
        } else if (auto t = std::get_if<doc::Table>(&b)) {
            flow.set_origin("table '" + t->id + "'");
            flow.table(*t);
        } else if (auto f = std::get_if<doc::Figure>(&b)) {
            flow.set_origin("figure '" + f->id + "'");
            flow.figure(*f);
        } else if (auto p = std::get_if<doc::Picture>(&b)) {
            flow.set_origin("image '" + p->name + "'");
            flow.picture(*p);
        } else {
            flow.page_break();
        }
    }
    return flow.finish();
}

// The section headings (level 2) and the pages they fall on, numbered from 1.
Entries contents_of(const Layout& l) {
    Entries e;
    for (const auto& b : l.bookmarks)
        if (b.level == 2 && b.title != "Contents") e.push_back({b.title, b.page + 1});
    return e;
}

}  // namespace

Layout layout_document(const doc::Document& d, const Metrics& m, const PageGeometry& g, Diagnostics& diags) {
    Diagnostics first;  // kept only from the pass that is returned: passes repeat problems
    Layout plain = lay_out(d, m, g, first, nullptr);
    if (d.contents_after_pages <= 0 || plain.pages.size() <= static_cast<size_t>(d.contents_after_pages)) {
        diags.append(first);
        return plain;
    }
    // The contents take room and so move what follows: lay out again with the page
    // numbers found, until they stop changing. The first guess is the pages without the
    // list. When a pass finds numbers as wide as those it drew (the same digits count,
    // the font's digits being of one width), another pass would lay out exactly the same
    // lines: the numbers are put right in place instead, saving a whole pass.
    Entries entries = contents_of(plain);
    auto same_widths = [&](const Entries& a, const Entries& b) {
        for (size_t i = 0; i < a.size(); ++i)
            if (m.width(std::to_string(a[i].second), false, kBody) != m.width(std::to_string(b[i].second), false, kBody))
                return false;
        return true;
    };
    for (int pass = 0; pass < 4; ++pass) {
        Diagnostics pass_diags;
        Layout l = lay_out(d, m, g, pass_diags, &entries);
        const Entries found = contents_of(l);
        const bool patchable = found.size() == entries.size() && l.contents_numbers.size() == found.size() &&
                               same_widths(found, entries);
        if (found == entries || patchable || pass == 3) {
            if (found != entries && patchable)
                for (size_t i = 0; i < found.size(); ++i) {
                    const auto [page, op] = l.contents_numbers[i];
                    l.pages[page].ops[op].text = std::to_string(found[i].second);
                }
            diags.append(pass_diags);
            return l;
        }
        entries = found;
    }
    return plain;  // not reached
}

}  // namespace bp::pdf
