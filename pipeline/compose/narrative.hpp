// Narrative: Mustache templates rendered by kainjow over figures that are already
// formatted text. kainjow renders an unknown name as an empty string and reports
// errors as byte offsets; a published paper can afford neither, so every template is
// first checked here, name by name, and problems are reported at file:line:col.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diag.hpp"

namespace bp::compose {

// The data a template sees: text, objects, lists and flags. Never a number: numbers
// reach templates already formatted (kainjow would turn a number into `true`).
struct TValue {
    enum class Kind { text, object, list, flag, helper } kind = Kind::object;
    std::string text;
    std::map<std::string, TValue> fields;
    std::vector<TValue> items;
    bool flag = false;

    static TValue str(std::string s);
    static TValue boolean(bool b);
    static TValue list(std::vector<TValue> items);
    static TValue helper(std::string name);  // a formatting helper (helpers.hpp), used as a section
    // Sets a dotted path ("mtfs.break_even_year"), creating objects on the way.
    void set(const std::string& path, TValue v);
    const TValue* find(const std::string& key) const;
};

// Where a template's text came from, so offsets map back to file:line:col.
struct TemplateSource {
    std::string name;
    std::string text;
    SourcePos origin;  // position of the first character of `text`
};

using PartialFinder = std::function<std::optional<TemplateSource>(const std::string& name)>;

// Checks names, sections and partials, then renders with kainjow. Returns nullopt
// (with errors in diags) when the template is not fit to publish.
std::optional<std::string> render_template(const TemplateSource& src, const TValue& data,
                                           const PartialFinder& partials, Diagnostics& diags);

// Rendered narrative is a light markup: blocks separated by blank lines; a block is a
// paragraph, "## heading", "@table ID" or "@figure ID"; lines of a paragraph that
// start "- " are its lettered sub-items (a., b., c.), "* " its bullets.
struct MarkupBlock {
    enum class Kind { paragraph, heading, table, figure } kind = Kind::paragraph;
    std::string text;  // paragraph text, heading text, or the table/figure id
    std::vector<std::string> items, bullets;
};
std::vector<MarkupBlock> parse_markup(const std::string& rendered);

}  // namespace bp::compose
