#include "render/html/html_writer.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/text.hpp"
#include "render/html/face_metrics.hpp"
#include "render/html/markup.hpp"
#include "render/html/svg.hpp"

namespace bp::html {

namespace {

// The chart's box in points: the PDF's measure and figure height, so the SVG is the
// PDF's drawing at the same proportions (the browser scales it to the column).
double chart_width(const doc::Look& look) { return look.page_width - look.margin_left - look.margin_right; }
constexpr double kChartHeight = 230;

// Each heading's level in the edition and its id. The leading level-1 headings (the
// meeting and the title) are the page's one h1; a later level-1 heading is a section
// (h2); no level is skipped ("h1 then h3" becomes "h1 then h2").
struct HeadingPlan {
    size_t title_lines = 0;  // blocks [first_title, first_title + title_lines) form the h1
    size_t first_title = 0;
    std::map<size_t, int> level;  // block index -> 2 or 3
    std::map<size_t, std::string> id;
};

HeadingPlan plan_headings(const doc::Document& d) {
    HeadingPlan plan;
    // The first run of level-1 headings, when no other heading comes before it (a
    // council's name or "Local Members' Interest" may come first, as on the paper).
    size_t i = 0;
    while (i < d.blocks.size() && !std::holds_alternative<doc::Heading>(d.blocks[i])) ++i;
    plan.first_title = i;
    for (; i < d.blocks.size(); ++i) {
        auto h = std::get_if<doc::Heading>(&d.blocks[i]);
        if (!h || h->level != 1) break;
        ++plan.title_lines;
    }
    if (plan.title_lines == 0) plan.first_title = 0;  // the document's title is the h1, first
    std::set<std::string> used{"main", "contents"};
    int last = 1;
    for (size_t b = 0; b < d.blocks.size(); ++b) {
        auto h = std::get_if<doc::Heading>(&d.blocks[b]);
        if (!h || (b >= plan.first_title && b < plan.first_title + plan.title_lines)) continue;
        const int level = std::min(std::max(2, std::min(3, h->level)), last + 1);
        last = level;
        plan.level[b] = level;
        std::string id;
        if (h->text.rfind("Appendix ", 0) == 0) {
            const auto [at, len] = next_reference(h->text, 0);
            if (at == 0) id = slug(h->text.substr(0, len));
        }
        if (id.empty() || used.count(id)) id = slug(h->text);
        const std::string base = id;
        for (int n = 2; used.count(id); ++n) id = base + "-" + std::to_string(n);
        used.insert(id);
        plan.id[b] = id;
    }
    return plan;
}

class Writer {
public:
    Writer(const doc::Document& d, const draw::Metrics& m) : d_(d), m_(m), plan_(plan_headings(d)) {
        for (const auto& c : d.look.chart) palette_.push_back(draw::Color{c.r, c.g, c.b});
        // What references can lead to: every numbered table and figure, every appendix.
        for (size_t b = 0; b < d.blocks.size(); ++b) {
            if (auto t = std::get_if<doc::Table>(&d.blocks[b])) targets_["Table " + std::to_string(t->number)] = table_id(*t);
            if (auto f = std::get_if<doc::Figure>(&d.blocks[b])) targets_["Figure " + std::to_string(f->number)] = figure_id(*f);
            if (auto h = std::get_if<doc::Heading>(&d.blocks[b]); h && h->text.rfind("Appendix ", 0) == 0 && plan_.id.count(b)) {
                const auto [at, len] = next_reference(h->text, 0);
                if (at == 0) targets_.emplace(h->text.substr(0, len), plan_.id[b]);
            }
        }
    }

    std::string write();

private:
    const doc::Document& d_;
    const draw::Metrics& m_;
    HeadingPlan plan_;
    std::vector<draw::Color> palette_;
    std::map<std::string, std::string> targets_;  // "Table 3" -> "table-3"
    std::string out_;

    static std::string table_id(const doc::Table& t) { return "table-" + std::to_string(t.number); }
    static std::string figure_id(const doc::Figure& f) { return "figure-" + std::to_string(f.number); }

    // Text with its references to tables, figures and appendices as links.
    std::string linked(const std::string& s) const;
    void masthead();
    void title();
    void contents();
    void heading(size_t block, const doc::Heading& h);
    void paragraph(const doc::Paragraph& p);
    void table(const doc::Table& t);
    void figure(const doc::Figure& f);
    void picture(const doc::Picture& p, const std::string& cls);
    void footer();
};

std::string Writer::linked(const std::string& s) const {
    std::string out;
    size_t pos = 0;
    for (auto [at, len] = next_reference(s, 0); at != std::string::npos; std::tie(at, len) = next_reference(s, at + len)) {
        const std::string label = s.substr(at, len);
        auto it = targets_.find(label);
        if (it == targets_.end()) continue;
        out += escape(s.substr(pos, at - pos)) + "<a href=\"#" + it->second + "\">" + escape(label) + "</a>";
        pos = at + len;
    }
    return out + escape(s.substr(pos));
}

std::string Writer::write() {
    out_ += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<title>" + escape(d_.title) + "</title>\n";
    if (!d_.author.empty()) out_ += "<meta name=\"author\" content=\"" + escape(d_.author) + "\">\n";
    if (!d_.subject.empty()) out_ += "<meta name=\"description\" content=\"" + escape(d_.subject) + "\">\n";
    if (!d_.keywords.empty()) out_ += "<meta name=\"keywords\" content=\"" + escape(d_.keywords) + "\">\n";
    if (!d_.date_iso.empty()) out_ += "<meta name=\"dcterms.date\" content=\"" + escape(d_.date_iso) + "\">\n";
    if (!d_.generator.empty()) out_ += "<meta name=\"generator\" content=\"" + escape(d_.generator) + "\">\n";
    out_ += "<style>\n" + stylesheet(d_.look) + "</style>\n</head>\n<body>\n";
    out_ += "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n";
    masthead();
    out_ += "<main id=\"main\">\n";
    bool contents_done = false;
    if (d_.blocks.empty()) title();
    for (size_t b = 0; b < d_.blocks.size(); ++b) {
        if (b == plan_.first_title) {
            title();
            b += plan_.title_lines;
            if (b >= d_.blocks.size()) break;
        }
        const doc::Block& block = d_.blocks[b];
        if (auto h = std::get_if<doc::Heading>(&block)) {
            // The contents go before the first section, as in the PDF.
            if (!contents_done && plan_.level[b] == 2) {
                contents();
                contents_done = true;
            }
            heading(b, *h);
        } else if (auto p = std::get_if<doc::Paragraph>(&block)) {
            paragraph(*p);
        } else if (auto t = std::get_if<doc::Table>(&block)) {
            table(*t);
        } else if (auto f = std::get_if<doc::Figure>(&block)) {
            figure(*f);
        } else if (auto pic = std::get_if<doc::Picture>(&block)) {
            picture(*pic, "picture");
        } else {
            out_ += "<div class=\"page-break\"></div>\n";
        }
    }
    out_ += "</main>\n";
    footer();
    out_ += "</body>\n</html>\n";
    return std::move(out_);
}

void Writer::masthead() {
    const auto& look = d_.look;
    if (look.organisation.empty() && !look.logo) return;
    // The organisation's name, unless the paper itself prints it (a style's front page).
    bool printed = false;
    for (const auto& b : d_.blocks)
        if (auto p = std::get_if<doc::Paragraph>(&b); p && p->text == look.organisation) printed = true;
    out_ += "<header class=\"masthead\">\n";
    if (!look.organisation.empty() && !printed) out_ += "<p class=\"organisation\">" + escape(look.organisation) + "</p>\n";
    if (look.logo) picture(*look.logo, "logo");
    out_ += "</header>\n";
}

void Writer::title() {
    out_ += "<h1>";
    if (plan_.title_lines == 0) {
        out_ += escape(d_.title);
    } else {
        for (size_t i = 0; i < plan_.title_lines; ++i) {
            const auto& h = std::get<doc::Heading>(d_.blocks[plan_.first_title + i]);
            if (i > 0) out_ += " ";
            out_ += plan_.title_lines == 1 ? escape(h.text) : "<span class=\"line\">" + escape(h.text) + "</span>";
        }
    }
    out_ += "</h1>\n";
}

void Writer::contents() {
    std::vector<size_t> sections;
    for (const auto& [b, level] : plan_.level)
        if (level == 2) sections.push_back(b);
    if (sections.size() < 2) return;
    out_ += "<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n";
    for (size_t b : sections)
        out_ += "<li><a href=\"#" + plan_.id[b] + "\">" + escape(std::get<doc::Heading>(d_.blocks[b]).text) + "</a></li>\n";
    out_ += "</ol>\n</nav>\n";
}

void Writer::heading(size_t b, const doc::Heading& h) {
    const std::string tag = "h" + std::to_string(plan_.level[b]);
    out_ += "<" + tag + " id=\"" + plan_.id[b] + "\">" + escape(h.text) + "</" + tag + ">\n";
}

void Writer::paragraph(const doc::Paragraph& p) {
    auto text = [&](const std::string& s) { return p.bold ? "<strong>" + linked(s) + "</strong>" : linked(s); };
    if (!p.text.empty()) {
        if (p.number > 0) {
            const std::string n = std::to_string(p.number);
            out_ += "<p class=\"numbered\" id=\"para-" + n + "\"><span class=\"para-num\">" + n + ".</span> " + text(p.text) + "</p>\n";
        } else {
            out_ += "<p>" + text(p.text) + "</p>\n";
        }
    }
    const std::string under = p.number > 0 ? " under-number" : "";
    auto list = [&](const std::vector<std::string>& entries, const std::string& open, const std::string& close) {
        if (entries.empty()) return;
        out_ += open;
        for (const auto& e : entries) out_ += "<li>" + text(e) + "</li>\n";
        out_ += close;
    };
    list(p.items, "<ol class=\"items" + under + "\" type=\"a\">\n", "</ol>\n");
    list(p.bullets, "<ul class=\"bullets" + under + "\">\n", "</ul>\n");
}

void Writer::table(const doc::Table& t) {
    size_t cols = 0;
    for (const auto& r : t.rows) cols = std::max(cols, r.cells.size());
    if (cols == 0) return;
    // A column of figures is right-aligned, its header with it.
    std::vector<bool> numeric(cols, false);
    for (const auto& r : t.rows)
        if (r.kind == doc::Row::Kind::body || r.kind == doc::Row::Kind::total)
            for (size_t c = 1; c < r.cells.size(); ++c)
                if (r.cells[c].kind == doc::Cell::Kind::number) numeric[c] = true;
    const std::string id = table_id(t);
    out_ += "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"" + id + "-caption\">\n";
    out_ += "<table id=\"" + id + "\">\n<caption id=\"" + id + "-caption\">Table " + std::to_string(t.number) + ": " +
            escape(t.caption) + "</caption>\n";
    auto cell = [&](const doc::Cell& c, size_t col, const std::string& tag, const std::string& scope) {
        std::string cls = numeric[col] ? "num" : "";
        if (c.bold) cls += cls.empty() ? "strong" : " strong";
        std::string open = "<" + tag;
        if (!scope.empty()) open += " scope=\"" + scope + "\"";
        if (!cls.empty()) open += " class=\"" + cls + "\"";
        return open + ">" + escape(c.display()) + "</" + tag + ">";
    };
    bool in_body = false;
    for (size_t i = 0; i < t.rows.size(); ++i) {
        const doc::Row& r = t.rows[i];
        if (r.kind == doc::Row::Kind::header) {
            if (i == 0) out_ += "<thead>\n";
            out_ += "<tr>";
            for (size_t c = 0; c < r.cells.size(); ++c)
                out_ += r.cells[c].display().empty() ? std::string("<td></td>") : cell(r.cells[c], c, "th", "col");
            out_ += "</tr>\n";
            if (i + 1 == t.rows.size() || t.rows[i + 1].kind != doc::Row::Kind::header) out_ += "</thead>\n";
            continue;
        }
        if (r.kind == doc::Row::Kind::section) {
            // A section opens a row group of its own, so its heading can be the group's.
            if (in_body) out_ += "</tbody>\n";
            out_ += "<tbody>\n<tr class=\"section\"><th scope=\"rowgroup\" colspan=\"" + std::to_string(cols) + "\">" +
                    escape(r.cells.empty() ? std::string() : r.cells[0].display()) + "</th></tr>\n";
            in_body = true;
            continue;
        }
        if (!in_body) {
            out_ += "<tbody>\n";
            in_body = true;
        }
        out_ += r.kind == doc::Row::Kind::total ? "<tr class=\"total\">" : "<tr>";
        for (size_t c = 0; c < r.cells.size(); ++c) {
            const bool row_header = c == 0 && !r.cells[c].display().empty();
            out_ += cell(r.cells[c], c, row_header ? "th" : "td", row_header ? "row" : "");
        }
        out_ += "</tr>\n";
    }
    if (in_body) out_ += "</tbody>\n";
    out_ += "</table>\n</div>\n";
    if (!t.source_note.empty()) out_ += "<p class=\"source-note\">" + linked(t.source_note) + "</p>\n";
}

void Writer::figure(const doc::Figure& f) {
    const std::string id = figure_id(f);
    out_ += "<figure id=\"" + id + "\">\n<figcaption id=\"" + id + "-caption\">Figure " + std::to_string(f.number) + ": " + escape(f.caption) +
            "</figcaption>\n";
    // On a narrow screen the chart keeps a readable size and scrolls in its own region,
    // as a wide table does.
    out_ += "<div class=\"chart-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"" + id + "-caption\">\n";
    out_ += chart_svg(f, id, chart_width(d_.look), kChartHeight, m_, palette_, d_.look.font_family);
    out_ += "</div>\n";
    out_ += "</figure>\n";
}

void Writer::picture(const doc::Picture& p, const std::string& cls) {
    if (!p.image) return;
    const Image& img = *p.image;
    // Its width as the PDF prints it, in CSS pixels (96 an inch, 72 points).
    const double width_px = p.width_pt > 0 ? p.width_pt / 0.75 : static_cast<double>(img.width);
    const double height_px = width_px * img.height / std::max(1u, img.width);
    const std::string mime = img.format == Image::Format::jpeg ? "image/jpeg" : "image/png";
    const std::string tag = "<img src=\"data:" + mime + ";base64," + base64(img.file) + "\" alt=\"" + escape(p.alt) +
                            "\" width=\"" + coord(std::round(width_px)) + "\" height=\"" + coord(std::round(height_px)) + "\">";
    if (cls == "logo") out_ += tag + "\n";
    else out_ += "<p class=\"" + cls + "\">" + tag + "</p>\n";
}

void Writer::footer() {
    // The footer's words without its page fields, which a screen has no use for; the
    // print style sheet puts the whole footer, page numbers included, on every page.
    std::vector<std::string> lines;
    for (const auto& s : {d_.look.footer_left, d_.look.footer_right})
        if (!s.empty() && s.find("{{page") == std::string::npos) lines.push_back(s);
    if (lines.empty()) return;
    out_ += "<footer class=\"page-foot\">\n";
    for (const auto& l : lines) out_ += "<p>" + escape(l) + "</p>\n";
    out_ += "</footer>\n";
}

}  // namespace

std::string render_html(const doc::Document& d, const Fonts& fonts) {
    const bool own_font = !d.look.font_regular.empty();
    const FaceMetrics metrics(own_font ? d.look.font_regular : fonts.regular, own_font ? d.look.font_bold : fonts.bold);
    return Writer(d, metrics).write();
}

}  // namespace bp::html
