#include "render/figures/figures_json.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

#include "compose/tables.hpp"

namespace bp::figures {

using json = nlohmann::ordered_json;  // keys in the order written: the file reads top-down
namespace fs = std::filesystem;

namespace {

// Compact JSON text; a byte that is not UTF-8 (none should reach here) becomes U+FFFD
// rather than throwing.
std::string text(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string kind_of(TableCell::Kind k) {
    switch (k) {
        case TableCell::Kind::number: return "number";
        case TableCell::Kind::dash: return "dash";
        case TableCell::Kind::blank: return "blank";
        case TableCell::Kind::text: return "text";
    }
    return "blank";
}

// JSON string text: quotes, backslashes and control characters escaped; UTF-8 as it is.
void quoted(std::string& out, const std::string& s) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (unsigned char ch : s) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += static_cast<char>(ch);
        } else if (ch < 0x20) {
            out += "\\u00";
            out += hex[ch >> 4];
            out += hex[ch & 15];
        } else {
            out += static_cast<char>(ch);
        }
    }
    out += '"';
}

// Where a value was typed or a derivation declared, relative to the report's folder
// (data files sit in it), so the file does not depend on where boardpack ran; null
// where there is no such place.
void position(std::string& out, const SourcePos* p, const std::string& report_dir) {
    if (!p || !p->known()) {
        out += "null";
        return;
    }
    // One path for thousands of values: made relative once per file (by its text: a
    // freed path's address may be another's in the next report).
    static thread_local std::string last_file, last_dir, last_rel;
    if (*p->file != last_file || report_dir != last_dir) {
        last_file = *p->file;
        last_dir = report_dir;
        last_rel = *p->file;
        const fs::path rel = fs::path(*p->file).lexically_relative(fs::path(report_dir).lexically_normal());
        if (!rel.empty() && rel.native().rfind("..", 0) != 0) last_rel = rel.string();
    }
    out += "{\"file\":";
    quoted(out, last_rel);
    out += ",\"line\":";
    out += std::to_string(p->line);
    out += ",\"column\":";
    out += std::to_string(p->col);
    out += '}';
}

// A derivation as a reader would write it, over cells named table.row.column.
std::string expression(const CellExpr& e, const TableSet& set, bool nested = false) {
    auto wrap = [&](const std::string& s) { return nested ? "(" + s + ")" : s; };
    auto join = [&](const char* op) {
        std::string s;
        for (size_t i = 0; i < e.args.size(); ++i) s += (i ? op : "") + expression(e.args[i], set, true);
        return wrap(s);
    };
    switch (e.op) {
        case CellExpr::Op::cell: return set.name_of(e.at);
        case CellExpr::Op::constant: return exact_text(e.constant);
        case CellExpr::Op::sum: return join(" + ");
        case CellExpr::Op::sub: return join(" - ");
        case CellExpr::Op::mul: return join(" * ");
        case CellExpr::Op::div: return join(" / ");
        case CellExpr::Op::change: return wrap(e.args.size() == 2 ? expression(e.args[0], set, true) + " / " +
                                                                         expression(e.args[1], set, true) + " - 1"
                                                                   : std::string("?"));
        case CellExpr::Op::range: return "sum(" + set.name_of(e.at) + " to " + set.name_of(e.to) + ")";
    }
    return "?";
}

// The report's tables each declared table is shown as ("Table 3"), from the spec's
// entries that take it as their source and the numbers the document gave them.
json placed_as(const std::string& decl_id, const Programme& prog, const doc::Document& d) {
    json out = json::array();
    for (const TableSpec& spec : prog.spec.tables) {
        if (spec.source.value != decl_id) continue;
        if (const doc::Table* t = d.table(spec.id.value); t && t->number > 0) out.push_back("Table " + std::to_string(t->number));
    }
    return out;
}

void write_table(std::ostream& out, size_t t, const TableSet& set, const Programme& prog, const doc::Document& d) {
    const DeclaredTable& decl = set.decls[t];
    const EvaluatedTable& e = set.evaluated[t];
    json head;
    head["id"] = decl.id;
    head["title"] = decl.title;
    head["unit"] = decl.unit.word();
    head["placed_as"] = placed_as(decl.id, prog, d);
    json rows = json::array(), cols = json::array();
    for (const TableRow& r : decl.rows)
        if (r.kind != TableRow::Kind::section) rows.push_back(json{{"id", r.id}, {"label", r.label}});
    for (const TableColumn& c : decl.columns) cols.push_back(json{{"id", c.id}, {"label", c.label}});
    head["rows"] = rows;
    head["columns"] = cols;
    // The head's text without its closing brace, then the cells a line each.
    std::string line = text(head);
    line.pop_back();
    out << "  " << line << ", \"cells\": [";
    bool first = true;
    std::string line_buf;
    for (size_t r = 0; r < decl.rows.size(); ++r) {
        const TableRow& row = decl.rows[r];
        if (row.kind == TableRow::Kind::section) continue;
        for (size_t c = 0; c < decl.columns.size(); ++c) {
            const TableCell& cell = e.cells[r][c];
            const CellSource src = source_of(decl, r, c);
            // Written by hand, not through a json object: a 100,000-row table has
            // 800,000 cells, and building an object for each cost more than the PDF.
            std::string& x = line_buf;
            x.clear();
            x += "{\"row\":";
            quoted(x, row.id);
            x += ",\"column\":";
            quoted(x, decl.columns[c].id);
            x += ",\"kind\":\"";
            x += kind_of(cell.kind);
            x += '"';
            if (cell.kind == TableCell::Kind::number) {
                // A percentage's value is its fraction (73.9% is 0.739), as the workbook
                // stores it; "shown" is what the paper prints.
                x += ",\"unit\":";
                quoted(x, cell.unit.word());
                x += ",\"value\":\"";
                x += exact_text(cell.value);
                x += '"';
            }
            x += ",\"shown\":";
            quoted(x, compose::doc_cell(cell).display());
            const SourcePos* at = nullptr;
            if (src.derive) {
                x += ",\"origin\":\"derived\"";
                if (cell.formula) {
                    x += ",\"from\":";
                    quoted(x, expression(*cell.formula, set));
                }
                at = &src.derive->pos;
            } else if (src.input && (src.input->pos.known() || decl.kind.empty())) {
                x += ",\"origin\":\"typed\"";
                at = &src.input->pos;
            } else if (src.input && cell.kind == TableCell::Kind::number) {
                // A programme kind's own computation (a pilot's mean score), not a value
                // anyone typed: said so, with no place to point at.
                x += ",\"origin\":\"computed\",\"by\":";
                quoted(x, decl.kind);
            } else {
                x += ",\"origin\":\"none\"";
                at = &row.pos;
            }
            x += ",\"at\":";
            position(x, at, prog.spec.dir);
            x += '}';
            out << (first ? "\n" : ",\n") << "    " << x;
            first = false;
        }
    }
    out << "\n  ]}";
}

// Every text and flag the kinds name ("brfc.families_attached"), in name order.
void named_figures(const TValue& v, const std::string& name, json& out) {
    switch (v.kind) {
        case TValue::Kind::text: {
            if (!v.refusal.empty()) return;  // no true reading for this data
            json x{{"name", name}, {"shown", v.text}};
            if (!v.unit.empty()) x["unit"] = v.unit;
            out.push_back(x);
            return;
        }
        case TValue::Kind::flag: out.push_back(json{{"name", name}, {"flag", v.flag}}); return;
        case TValue::Kind::list:
            for (size_t i = 0; i < v.items.size(); ++i) named_figures(v.items[i], name + "." + std::to_string(i), out);
            return;
        case TValue::Kind::object:
            for (const auto& [key, field] : v.fields) named_figures(field, name.empty() ? key : name + "." + key, out);
            return;
        case TValue::Kind::helper: return;
    }
}

// A paragraph's whole text as the reader sees it: its sentence, then its lettered
// items and bullets a line each.
std::string paragraph_text(const doc::Paragraph& p) {
    std::string out = p.text;
    for (size_t i = 0; i < p.items.size(); ++i) out += "\n" + std::string(1, static_cast<char>('a' + i % 26)) + ". " + p.items[i];
    for (const std::string& b : p.bullets) out += "\n\xE2\x80\xA2 " + b;  // U+2022 BULLET
    return out;
}

// Every paragraph of the narrative with the section it is in and its place there,
// which is how `diff` pairs last month's paragraph with this month's: by section and
// place, so a paragraph added in one section moves no other section's numbers.
void paragraphs(const doc::Document& d, std::ostream& out) {
    std::string section;
    int place = 0;
    bool first = true;
    for (const doc::Block& b : d.blocks) {
        if (const auto* h = std::get_if<doc::Heading>(&b)) {
            if (h->level >= 2) section = h->text, place = 0;
            continue;
        }
        const auto* p = std::get_if<doc::Paragraph>(&b);
        if (!p) continue;
        json x{{"section", section}, {"place", ++place}, {"number", p->number}, {"text", paragraph_text(*p)}};
        out << (first ? "\n" : ",\n") << "    " << text(x);
        first = false;
    }
}

}  // namespace

void write_figures_json(const Programme& prog, const TableSet& set, const TValue& named, const doc::Document& d,
                        std::ostream& out) {
    json report{{"id", prog.spec.id.value}, {"title", d.title}, {"date", d.date_iso}};
    out << "{\n  \"format\": \"boardpack-figures\",\n  \"version\": " << kFormatVersion << ",\n  \"report\": " << text(report)
        << ",\n  \"generator\": " << text(json(d.generator)) << ",\n  \"tables\": [";
    for (size_t t = 0; t < set.decls.size(); ++t) {
        out << (t ? ",\n" : "\n");
        write_table(out, t, set, prog, d);
    }
    out << "\n  ],\n  \"named\": [";
    json all = json::array();
    named_figures(named, "", all);
    for (size_t i = 0; i < all.size(); ++i) out << (i ? ",\n" : "\n") << "    " << text(all[i]);
    out << "\n  ],\n  \"paragraphs\": [";
    paragraphs(d, out);
    out << "\n  ]\n}\n";
}

}  // namespace bp::figures
