#include "movement/figures_file.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>


namespace bp::movement {

using json = nlohmann::json;

int figures_format_version() { return kFiguresFormatVersion; }

std::optional<Num> parse_exact(const std::string& text) {
    const size_t slash = text.find('/');
    if (slash == std::string::npos) return parse_decimal(text);
    const auto n = parse_decimal(text.substr(0, slash));
    const auto d = parse_decimal(text.substr(slash + 1));
    if (!n || !d || n->den() != 1 || d->den() != 1 || d->num() <= 0) return std::nullopt;
    return Num::ratio(n->num(), d->num());
}

namespace {

// What is wrong with the file's structure, thrown up to parse_figures_file, which
// reports it at the place the key was found.
struct Malformed {
    std::string what;
    std::string key;  // the key to point at, when there is one
};

SourcePos pos_at(const std::shared_ptr<const std::string>& file, const std::string& text, size_t offset) {
    SourcePos p;
    p.file = file;
    p.line = 1;
    p.col = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') ++p.line, p.col = 1;
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++p.col;  // count characters, not bytes
    }
    return p;
}

// Where "key": first appears, or the start of the file.
size_t offset_of_key(const std::string& text, const std::string& key) {
    if (key.empty()) return 0;
    const size_t at = text.find("\"" + key + "\"");
    return at == std::string::npos ? 0 : at;
}

const json& member(const json& obj, const char* key, const char* where) {
    if (!obj.is_object() || !obj.contains(key)) throw Malformed{std::string(where) + " has no \"" + key + "\"", key};
    return obj[key];
}

std::string str(const json& obj, const char* key, const char* where) {
    const json& v = member(obj, key, where);
    if (!v.is_string()) throw Malformed{std::string(where) + "'s \"" + key + "\" is not text", key};
    return v.get<std::string>();
}

int integer(const json& obj, const char* key, const char* where) {
    const json& v = member(obj, key, where);
    if (!v.is_number_integer()) throw Malformed{std::string(where) + "'s \"" + key + "\" is not a whole number", key};
    return v.get<int>();
}

const json& array(const json& obj, const char* key, const char* where) {
    const json& v = member(obj, key, where);
    if (!v.is_array()) throw Malformed{std::string(where) + "'s \"" + key + "\" is not a list", key};
    return v;
}

std::vector<Line> lines(const json& obj, const char* key, const char* where) {
    std::vector<Line> out;
    for (const json& l : array(obj, key, where)) out.push_back({str(l, "id", key), str(l, "label", key)});
    return out;
}

Figure cell(const json& c, const std::string& table) {
    Figure f;
    f.table = table;
    f.row = str(c, "row", "a cell");
    f.column = str(c, "column", "a cell");
    f.kind = str(c, "kind", "a cell");
    f.shown = str(c, "shown", "a cell");
    if (f.kind == "number") {
        f.unit = str(c, "unit", "a number cell");
        const std::string v = str(c, "value", "a number cell");
        f.value = parse_exact(v);
        if (!f.value) throw Malformed{"cell " + f.key() + " has the value '" + v + "', which is not an exact number", "value"};
    }
    return f;
}

Figure named(const json& n) {
    Figure f;
    f.name = str(n, "name", "a named figure");
    if (n.contains("flag")) {
        if (!n["flag"].is_boolean()) throw Malformed{"named figure '" + f.name + "' has a flag that is not true or false", "flag"};
        f.kind = "flag";
        f.shown = n["flag"].get<bool>() ? "true" : "false";
    } else {
        f.kind = "text";
        f.shown = str(n, "shown", "a named figure");
        if (n.contains("unit") && n["unit"].is_string()) f.unit = n["unit"].get<std::string>();
    }
    return f;
}

}  // namespace

std::optional<FiguresFile> parse_figures_file(const std::string& text, const std::string& path, Diagnostics& diags) {
    const auto file = std::make_shared<const std::string>(path);
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        // nlohmann's message ends in its own description of the problem; its byte
        // offset is one past the character that stopped it.
        std::string why = e.what();
        if (const size_t at = why.find(": "); at != std::string::npos) why = why.substr(why.rfind(": ") + 2);
        diags.error(pos_at(file, text, e.byte > 0 ? e.byte - 1 : 0), "not a figures file: the JSON is damaged (" + why + ")");
        return std::nullopt;
    }
    if (!j.is_object() || !j.contains("format") || j["format"] != "boardpack-figures") {
        diags.error(pos_at(file, text, offset_of_key(text, "format")),
                    "not a boardpack figures file (it has no \"format\": \"boardpack-figures\"); name the "
                    "<id>.figures.json that boardpack build wrote beside a report's PDF");
        return std::nullopt;
    }
    FiguresFile out;
    out.path = path;
    try {
        out.version = integer(j, "version", "the file");
        if (out.version != figures_format_version()) {
            const bool older = out.version < figures_format_version();
            const std::string v = std::to_string(out.version), mine = std::to_string(figures_format_version());
            diags.error(pos_at(file, text, offset_of_key(text, "version")),
                        older ? "this figures file is format " + v + ", written by an older boardpack; this one reads format " +
                                    mine + ": build that report again with this boardpack (its inputs, `boardpack build "
                                    "REPORT.yaml --out DIR`, or `boardpack diff REV:path/report.yaml ...` for a committed "
                                    "revision) to upgrade it"
                              : "this figures file is format " + v + ", written by a newer boardpack; this one reads format " +
                                    mine + ": use the boardpack that wrote it, or a newer one");
            return std::nullopt;
        }
        const json& report = member(j, "report", "the file");
        out.id = str(report, "id", "the report");
        out.title = str(report, "title", "the report");
        out.date = str(report, "date", "the report");
        out.generator = str(j, "generator", "the file");
        for (const json& t : array(j, "tables", "the file")) {
            FiguresTable table;
            table.id = str(t, "id", "a table");
            table.title = str(t, "title", "a table");
            table.unit = str(t, "unit", "a table");
            table.rows = lines(t, "rows", "a table");
            table.columns = lines(t, "columns", "a table");
            for (const json& c : array(t, "cells", "a table")) table.cells.push_back(cell(c, table.id));
            out.tables.push_back(std::move(table));
        }
        for (const json& n : array(j, "named", "the file")) out.named.push_back(named(n));
        for (const json& p : array(j, "paragraphs", "the file"))
            out.paragraphs.push_back({str(p, "section", "a paragraph"), integer(p, "place", "a paragraph"),
                                      integer(p, "number", "a paragraph"), str(p, "text", "a paragraph")});
    } catch (const Malformed& m) {
        diags.error(pos_at(file, text, offset_of_key(text, m.key)), "not a well-formed figures file: " + m.what);
        return std::nullopt;
    } catch (const json::exception& e) {
        diags.error(pos_at(file, text, 0), std::string("not a well-formed figures file: ") + e.what());
        return std::nullopt;
    }
    return out;
}

std::optional<FiguresFile> read_figures_file(const std::string& path, Diagnostics& diags) {
    const auto file = std::make_shared<const std::string>(path);
    SourcePos whole;
    whole.file = file;
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        diags.error(whole, "no such figures file");
        return std::nullopt;
    }
    if (!std::filesystem::is_regular_file(status)) {
        diags.error(whole, "not a figures file: it is not a regular file");
        return std::nullopt;
    }
    if (std::filesystem::file_size(path, ec) > kMaxFiguresBytes) {
        diags.error(whole, "this figures file is larger than boardpack reads (" + std::to_string(kMaxFiguresBytes >> 20) + " MB)");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        diags.error(whole, "cannot be read");
        return std::nullopt;
    }
    return parse_figures_file(text.str(), path, diags);
}

}  // namespace bp::movement
