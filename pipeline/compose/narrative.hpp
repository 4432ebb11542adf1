// Narrative: Mustache templates rendered by kainjow over figures that are already
// formatted text. kainjow renders an unknown name as an empty string and reports
// errors as byte offsets; a published paper can afford neither, so every template is
// first checked here, name by name, and problems are reported at file:line:col.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diag.hpp"
#include "core/tvalue.hpp"

namespace bp::compose {

// Where a template's text came from, so offsets map back to file:line:col.
struct TemplateSource {
    std::string name;
    std::string text;
    SourcePos origin;  // position of the first character of `text`
};

using PartialFinder = std::function<std::optional<TemplateSource>(const std::string& name)>;

// The data of a render as kainjow's context, converted once and shared by every
// template rendered over the same data: converting it again for each template was
// most of the time spent composing a paper.
class TemplateContext {
public:
    // With `mark_data`, every text value is rendered between kDataOpen and kDataClose,
    // its line ends folded to spaces, so that parse_markup() can never read data as
    // markup: a title cannot add a heading, a page break or a table.
    explicit TemplateContext(const TValue& data, bool mark_data = false);
    ~TemplateContext();
    TemplateContext(const TemplateContext&) = delete;
    TemplateContext& operator=(const TemplateContext&) = delete;
    const TValue& data() const { return data_; }

private:
    friend std::optional<std::string> render_template(const TemplateSource&, TemplateContext&, const PartialFinder&,
                                                      Diagnostics&);
    struct Impl;
    const TValue& data_;
    bool mark_data_ = false;
    std::unique_ptr<Impl> impl_;
};

// Checks names, sections and partials, then renders with kainjow. Returns nullopt
// (with errors in diags) when the template is not fit to publish.
std::optional<std::string> render_template(const TemplateSource& src, TemplateContext& context,
                                           const PartialFinder& partials, Diagnostics& diags);
// The same, for a single template over its own data.
std::optional<std::string> render_template(const TemplateSource& src, const TValue& data,
                                           const PartialFinder& partials, Diagnostics& diags);

// Private-use characters that bracket data in a marked render (TemplateContext): never
// in a paper (text.hpp refuses them in input), removed by parse_markup().
inline const std::string kDataOpen = "\xEE\x80\x80";   // U+E000
inline const std::string kDataClose = "\xEE\x80\x81";  // U+E001
std::string strip_data_marks(std::string s);

// Rendered narrative is a light markup: blocks separated by blank lines. A block is
//   a paragraph (numbered or not, as the house style has it; "**...**" makes it bold),
//     whose lines starting "- " are lettered sub-items (a., b., c.) and "* " bullets;
//   a heading: "# " level 1, "## " level 2, "### " level 3;
//   "@table ID" or "@figure ID": the place of a table or figure;
//   "@image FILE alt=\"...\" [width=NNmm]": an image from the programme's folder;
//   a directive for house styles: "@numbering on|off", "@sections [LEVEL]",
//     "@appendices", "@pagebreak".
struct MarkupBlock {
    enum class Kind { paragraph, heading, table, figure, directive, image } kind = Kind::paragraph;
    std::string text;  // paragraph or heading text, table/figure id, the directive, or what follows "@image "
    std::vector<std::string> items, bullets;
    int level = 0;     // heading level
    bool bold = false;
};
// A line that begins with data (after a marked render) is text, whatever it holds.
std::vector<MarkupBlock> parse_markup(const std::string& rendered);

}  // namespace bp::compose
