// The house style as data: a style folder holds style.yaml and templates. A report
// names its style (`style: cabinet`, or a folder of its own: `style: house`); a
// style.yaml may `extends:` another, inheriting every setting it does not make and
// every template it does not replace, so a council's style can be five lines.
//
// Looked up by name: a folder of the report's own folder holding style.yaml, else a
// built-in style (<templates root>/<name>/style.yaml). Everything a style reads, its
// templates and logo included, is read under the confinement rule (core/confine.hpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/diag.hpp"
#include "model/model.hpp"

namespace bp::style {

struct Rgb {
    double r = 0, g = 0, b = 0;  // 0..1, as PDF colour operators take them
    std::string hex() const;     // "#1F4E79"
};

// WCAG 2's contrast ratio of two colours, 1 to 21.
double contrast(const Rgb& a, const Rgb& b);
// "#1F4E79" or "1F4E79"; nullopt for anything else.
std::optional<Rgb> parse_hex(const std::string& s);

struct Logo {
    std::string path;  // confined, readable
    std::string name;  // as written in style.yaml, for messages and the workbook
    std::string alt;
    double width_mm = 40;
    bool in_header = false;  // also small at the top of every page after the first
    SourcePos at;            // the logo's `file:` in its style.yaml
};

struct HouseStyle {
    std::string name = "cabinet";   // as the report names it
    std::vector<std::string> folders;  // where templates are looked up, most specific first
    std::vector<std::string> files;    // each style.yaml read, for hashes and provenance
    std::string organisation;
    std::optional<Logo> logo;
    // Colours. The defaults are those templates/cabinet/style.yaml writes out.
    Rgb accent{0, 0, 0};                  // headings
    Rgb table_header{224 / 255.0, 232 / 255.0, 242 / 255.0};  // table header rows' fill: #E0E8F2
    std::vector<Rgb> chart;               // the chart palette, series in order
    // The body font: a family fontconfig finds, TrueType, regular and bold.
    std::string font_family = "Liberation Sans";
    std::string font_regular, font_bold;  // "" for the font boardpack was built with
    // The page, in points.
    double page_width = 595.28, page_height = 841.89;  // A4
    double margin_left = 62, margin_right = 62, margin_top = 56, margin_bottom = 64;
    // Footer text; fields {{committee}}, {{date}}, {{organisation}}, {{title}},
    // {{page}} and {{pages}}.
    std::string footer_left = "{{committee}} – {{date}}";
    std::string footer_right = "Page {{page}} of {{pages}}";
    bool numbered_paragraphs = true;
    bool html = true;  // write the HTML edition unless a report says otherwise
    std::string committee_question = "What is the {{committee}} being asked to do and why?";
    std::string workbook_numbers = "plain";
};

// The built-in palette: the Analysis Function's categorical colours, each at least
// 3:1 against a white page.
std::vector<Rgb> default_palette();

// The report's style, resolved through its `extends` chain. Problems (an unknown
// style, a cycle, a colour without contrast, a font that is not installed, a missing
// logo) are errors at their file:line:col; what could be read is still returned.
HouseStyle load_style(const Text& name, const std::string& report_dir, const std::string& builtin_root,
                      Diagnostics& diags);

// The style's text with its fields filled in; `page`/`pages` stay as they are when
// not given (the footer's are filled in at layout).
std::string fill_fields(const std::string& text, const std::string& committee, const std::string& date,
                        const std::string& organisation, const std::string& title);

// The fields a style's texts may use, and the first unknown one in `text` ("" if none).
std::string unknown_field(const std::string& text);

}  // namespace bp::style
