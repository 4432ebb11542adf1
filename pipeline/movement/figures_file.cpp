#include "movement/figures_file.hpp"

#include <nlohmann/json.hpp>

#include <climits>
#include <cstdint>
#include <filesystem>
#include <string_view>
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

// What is wrong with the file's structure: reported at the place the key was found.
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

// The file read as a stream of JSON events, straight into a FiguresFile: no tree of the
// whole document is built, since a 100,000-row report's file is 135 MB and nlohmann's
// tree of it took a gigabyte and most of the time. Unknown keys are skipped (a later
// format may add some); a missing or mistyped one is the first Malformed, reported
// after the format and version have been judged.
class Reader : public nlohmann::json_sax<json> {
public:
    explicit Reader(FiguresFile& out) : out_(out) {}

    std::optional<std::string> format;
    std::optional<json> version;  // as given: judged by the caller
    std::optional<Malformed> problem;
    struct Damage {
        size_t byte = 0;
        std::string why;
    };
    std::optional<Damage> damage;

    bool null() override { return scalar(Kind::other, {}); }
    bool boolean(bool v) override { return scalar(Kind::flag, {}, v); }
    bool number_integer(number_integer_t v) override { return scalar(Kind::whole, {}, false, v); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(Kind::whole, {}, false, static_cast<long long>(v)); }
    bool number_float(number_float_t, const string_t&) override { return scalar(Kind::other, {}); }
    bool string(string_t& v) override { return scalar(Kind::text, std::move(v)); }
    bool binary(binary_t&) override { return scalar(Kind::other, {}); }
    bool key(string_t& k) override {
        key_ = std::move(k);
        key_bit_ = open_.empty() ? 0 : bit_of(open_.back().ctx, key_);  // once: a file has millions of keys
        return true;
    }
    bool start_object(std::size_t) override { return open(false); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(true); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& e) override {
        // nlohmann's message ends in its own description of the problem; its byte
        // offset is one past the character that stopped it.
        std::string why = e.what();
        if (why.find(": ") != std::string::npos) why = why.substr(why.rfind(": ") + 2);
        damage = Damage{byte > 0 ? byte - 1 : 0, why};
        return false;
    }

    // Root keys the file must have.
    void check_root() {
        for (const char* k : {"report", "generator", "tables", "named", "paragraphs"})
            if (!(root_seen_ & bit_of(Ctx::root, k))) fail("the file has no \"" + std::string(k) + "\"", k);
    }

private:
    enum class Ctx { root, report, table, line, cell, named, paragraph, other };
    enum class Kind { text, whole, flag, other };
    struct Open {
        bool array;
        std::string key;  // the key it is under in its parent object ("" in an array)
        Ctx ctx;
        unsigned seen = 0;  // an object's known keys given so far (bit_of)
    };

    FiguresFile& out_;
    std::vector<Open> open_;
    unsigned root_seen_ = 0;  // the root's keys, kept when the root closes
    std::string key_;
    unsigned key_bit_ = 0;  // key_'s bit in the object being read
    FiguresTable table_;
    Figure figure_;
    Line line_;
    Paragraph paragraph_;
    bool flag_given_ = false;

    void fail(std::string what, std::string key) {
        if (!problem) problem = Malformed{std::move(what), std::move(key)};
    }

    static const char* name_of(Ctx c) {
        switch (c) {
            case Ctx::root: return "the file";
            case Ctx::report: return "the report";
            case Ctx::table: return "a table";
            case Ctx::line: return "a table's row or column";
            case Ctx::cell: return "a cell";
            case Ctx::named: return "a named figure";
            case Ctx::paragraph: return "a paragraph";
            case Ctx::other: return "a part";
        }
        return "a part";
    }

    // A bit for each key an object of `c` must or may have; 0 for any other.
    static unsigned bit_of(Ctx c, std::string_view key) {
        static const std::vector<std::vector<std::string_view>> keys = {
            {"format", "version", "generator", "report", "tables", "named", "paragraphs"},  // root
            {"id", "title", "date"},                                                        // report
            {"id", "title", "unit", "rows", "columns", "cells"},                            // table
            {"id", "label"},                                                                // line
            {"row", "column", "kind", "unit", "value", "shown"},                            // cell
            {"name", "shown", "unit", "flag"},                                              // named
            {"section", "place", "number", "text"},                                         // paragraph
            {},
        };
        const auto& list = keys[static_cast<size_t>(c)];
        for (size_t i = 0; i < list.size(); ++i)
            if (key == list[i]) return 1u << i;
        return 0;
    }

    // The object a container opens: by where it sits.
    Ctx context_of(bool array) const {
        if (open_.empty()) return Ctx::root;
        const Open& parent = open_.back();
        if (!parent.array) {
            if (array) return parent.ctx;  // an array keeps its parent's context; its key says what it holds
            if (parent.ctx == Ctx::root && key_ == "report") return Ctx::report;
            return Ctx::other;
        }
        if (array) return Ctx::other;
        const Ctx holder = parent.ctx;
        if (holder == Ctx::root && parent.key == "tables") return Ctx::table;
        if (holder == Ctx::root && parent.key == "named") return Ctx::named;
        if (holder == Ctx::root && parent.key == "paragraphs") return Ctx::paragraph;
        if (holder == Ctx::table && (parent.key == "rows" || parent.key == "columns")) return Ctx::line;
        if (holder == Ctx::table && parent.key == "cells") return Ctx::cell;
        return Ctx::other;
    }

    // Whether the key being given in a known object must hold a list.
    static bool wants_list(Ctx in, std::string_view key) {
        if (in == Ctx::root) return key == "tables" || key == "named" || key == "paragraphs";
        if (in == Ctx::table) return key == "rows" || key == "columns" || key == "cells";
        return false;
    }

    // An array whose items are the objects above.
    bool holds_objects() const {
        if (open_.empty() || !open_.back().array || open_.size() < 2) return false;
        return wants_list(open_[open_.size() - 2].ctx, open_.back().key);
    }

    bool open(bool array) {
        if (open_.size() >= 64) {
            fail("it is nested more than 64 deep", "");
            return false;
        }
        const bool in_object = !open_.empty() && !open_.back().array;
        if (in_object) {
            const Ctx in = open_.back().ctx;
            open_.back().seen |= key_bit_;
            if (wants_list(in, key_) && !array) fail(std::string(name_of(in)) + "'s \"" + key_ + "\" is not a list", key_);
            if (in == Ctx::root && key_ == "report" && array) fail("the file's \"report\" is not an object", key_);
        }
        if (!array && holds_objects()) flag_given_ = false;
        if (holds_objects() && array) fail(std::string(name_of(open_[open_.size() - 2].ctx)) + "'s \"" + open_.back().key +
                                               "\" holds a list where an object belongs", open_.back().key);
        const Ctx ctx = context_of(array);
        if (!array) {  // a new object of its kind (an array keeps its holder's context)
            if (ctx == Ctx::table) table_ = FiguresTable{};
            if (ctx == Ctx::cell || ctx == Ctx::named) figure_ = Figure{};
            if (ctx == Ctx::line) line_ = Line{};
            if (ctx == Ctx::paragraph) paragraph_ = Paragraph{};
        }
        open_.push_back(Open{array, in_object ? key_ : std::string(), ctx});
        return true;
    }

    void need(const Open& o, std::string_view key) {
        if (!(o.seen & bit_of(o.ctx, key)))
            fail(std::string(name_of(o.ctx)) + " has no \"" + std::string(key) + "\"", std::string(key));
    }

    bool close() {
        const Open done = std::move(open_.back());
        open_.pop_back();
        if (done.array) return true;
        if (done.ctx == Ctx::root) root_seen_ = done.seen;
        switch (done.ctx) {
            case Ctx::report:
                for (const char* k : {"id", "title", "date"}) need(done, k);
                break;
            case Ctx::line:
                need(done, "id");
                need(done, "label");
                (open_.back().key == "rows" ? table_.rows : table_.columns).push_back(std::move(line_));
                return true;
            case Ctx::cell: {
                for (const char* k : {"row", "column", "kind", "shown"}) need(done, k);
                if (figure_.kind == "number") {
                    need(done, "unit");
                    need(done, "value");
                }
                table_.cells.push_back(std::move(figure_));
                return true;
            }
            case Ctx::table:
                for (const char* k : {"id", "title", "unit", "rows", "columns", "cells"}) need(done, k);
                for (Figure& f : table_.cells) f.table = table_.id;
                out_.tables.push_back(std::move(table_));
                break;
            case Ctx::named:
                need(done, "name");
                if (flag_given_) figure_.kind = "flag";
                else {
                    need(done, "shown");
                    figure_.kind = "text";
                }
                out_.named.push_back(std::move(figure_));
                break;
            case Ctx::paragraph:
                for (const char* k : {"section", "place", "number", "text"}) need(done, k);
                out_.paragraphs.push_back(std::move(paragraph_));
                break;
            default: break;
        }
        return true;
    }

    bool scalar(Kind kind, std::string text, bool flag = false, long long whole = 0) {
        if (open_.empty()) return true;  // a bare value: no "format", said by the caller
        Open& at = open_.back();
        if (at.array) {
            if (holds_objects()) fail(std::string(name_of(open_[open_.size() - 2].ctx)) + "'s \"" + at.key +
                                          "\" holds a value where an object belongs", at.key);
            return true;
        }
        const std::string_view k = key_;  // compared by length first
        const Ctx c = at.ctx;
        at.seen |= key_bit_;
        if (wants_list(c, k)) fail(std::string(name_of(c)) + "'s \"" + key_ + "\" is not a list", key_);
        auto text_into = [&](std::string& field) {
            if (kind != Kind::text) fail(std::string(name_of(c)) + "'s \"" + key_ + "\" is not text", key_);
            else field = std::move(text);
        };
        auto whole_into = [&](int& field) {
            if (kind != Kind::whole || whole < INT32_MIN || whole > INT32_MAX)
                fail(std::string(name_of(c)) + "'s \"" + key_ + "\" is not a whole number", key_);
            else field = static_cast<int>(whole);
        };
        switch (c) {
            case Ctx::root:
                if (k == "format" && kind == Kind::text) format = text;
                else if (k == "version") version = kind == Kind::whole ? json(whole) : json(text.empty() ? "?" : text);
                else if (k == "generator") text_into(out_.generator);
                else if (k == "report") fail("the file's \"report\" is not an object", key_);
                break;
            case Ctx::report:
                if (k == "id") text_into(out_.id);
                else if (k == "title") text_into(out_.title);
                else if (k == "date") text_into(out_.date);
                break;
            case Ctx::table:
                if (k == "id") text_into(table_.id);
                else if (k == "title") text_into(table_.title);
                else if (k == "unit") text_into(table_.unit);
                break;
            case Ctx::line:
                if (k == "id") text_into(line_.id);
                else if (k == "label") text_into(line_.label);
                break;
            case Ctx::cell:
                if (k == "row") text_into(figure_.row);
                else if (k == "column") text_into(figure_.column);
                else if (k == "kind") text_into(figure_.kind);
                else if (k == "unit") text_into(figure_.unit);
                else if (k == "shown") text_into(figure_.shown);
                else if (k == "value") {
                    std::string v;
                    text_into(v);
                    if (kind == Kind::text) {
                        figure_.value = parse_exact(v);
                        if (!figure_.value)
                            fail("cell " + table_.id + "." + figure_.row + "." + figure_.column + " has the value '" + v +
                                     "', which is not an exact number",
                                 "value");
                    }
                }
                break;
            case Ctx::named:
                if (k == "name") text_into(figure_.name);
                else if (k == "shown") text_into(figure_.shown);
                else if (k == "unit" && kind == Kind::text) figure_.unit = std::move(text);
                else if (k == "flag") {
                    if (kind != Kind::flag) fail("named figure '" + figure_.name + "' has a flag that is not true or false", "flag");
                    flag_given_ = true;
                    figure_.shown = flag ? "true" : "false";
                }
                break;
            case Ctx::paragraph:
                if (k == "section") text_into(paragraph_.section);
                else if (k == "text") text_into(paragraph_.text);
                else if (k == "place") whole_into(paragraph_.place);
                else if (k == "number") whole_into(paragraph_.number);
                break;
            case Ctx::other: break;
        }
        return true;
    }
};

}  // namespace

std::optional<FiguresFile> parse_figures_file(const std::string& text, const std::string& path, Diagnostics& diags) {
    const auto file = std::make_shared<const std::string>(path);
    FiguresFile out;
    out.path = path;
    Reader reader(out);
    json::sax_parse(text, &reader);
    if (reader.damage) {
        diags.error(pos_at(file, text, reader.damage->byte), "not a figures file: the JSON is damaged (" + reader.damage->why + ")");
        return std::nullopt;
    }
    if (reader.format != std::optional<std::string>("boardpack-figures")) {
        diags.error(pos_at(file, text, offset_of_key(text, "format")),
                    "not a boardpack figures file (it has no \"format\": \"boardpack-figures\"); name the "
                    "<id>.figures.json that boardpack build wrote beside a report's PDF");
        return std::nullopt;
    }
    if (!reader.version || !reader.version->is_number_integer()) {
        diags.error(pos_at(file, text, offset_of_key(text, "version")),
                    reader.version ? "not a well-formed figures file: the file's \"version\" is not a whole number"
                                   : "not a well-formed figures file: the file has no \"version\"");
        return std::nullopt;
    }
    const long long version = reader.version->get<long long>();
    if (version != figures_format_version()) {
        const bool older = version < figures_format_version();
        const std::string v = std::to_string(version), mine = std::to_string(figures_format_version());
        diags.error(pos_at(file, text, offset_of_key(text, "version")),
                    older ? "this figures file is format " + v + ", written by an older boardpack; this one reads format " +
                                mine + ": build that report again with this boardpack (its inputs, `boardpack build "
                                "REPORT.yaml --out DIR`, or `boardpack diff REV:path/report.yaml ...` for a committed "
                                "revision) to upgrade it"
                          : "this figures file is format " + v + ", written by a newer boardpack; this one reads format " +
                                mine + ": use the boardpack that wrote it, or a newer one");
        return std::nullopt;
    }
    out.version = static_cast<int>(version);
    reader.check_root();
    if (reader.problem) {
        diags.error(pos_at(file, text, offset_of_key(text, reader.problem->key)), "not a well-formed figures file: " + reader.problem->what);
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
    // Read in one go into a string of its size: a 135 MB file grown by doubling was
    // copied several times over.
    std::ifstream in(path, std::ios::binary);
    std::string text(static_cast<size_t>(std::filesystem::file_size(path, ec)), '\0');
    if (!in || ec || !in.read(text.data(), static_cast<std::streamsize>(text.size())) || in.peek() != EOF) {
        diags.error(whole, "cannot be read");
        return std::nullopt;
    }
    return parse_figures_file(text, path, diags);
}

}  // namespace bp::movement
