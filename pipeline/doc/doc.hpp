// The document IR: what compose/ builds and both writers walk. A table cell carries
// its exact value, display precision and how it was derived, so the PDF prints
// "(7,118)" while the workbook writes "=B12+B19" with the same cached value.
// Nothing in here knows YAML, PoDoFo or libxlsxwriter.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/image.hpp"
#include "core/num.hpp"

namespace bp::doc {

enum class NumStyle {
    count,       // 6,049
    accounting,  // 1,234 / (1,234) / -      (finance tables)
    percent,     // value is a percentage: 73.9 prints "73.9%"
    fixed,       // 4.60
    points,      // a change of a percentage, in percentage points: 5.9 prints "5.9 pts"
};

// A cell elsewhere in this document: table id, row and column index in that table.
struct CellRef {
    std::string table;
    size_t row = 0, col = 0;
};

// How a value was derived from other cells, for the workbook's formulas: an
// expression over cells and constants. A percentage cell's formula gives the
// fraction (a / b), as the workbook stores percentages.
struct Formula {
    enum class Op {
        none,
        cell,      // ref
        constant,  // constant
        sum,       // args added
        sub,       // args[0] - args[1]
        mul,       // args[0] x args[1]
        div,       // args[0] / args[1]
        change,    // args[0] / args[1] - 1
        range,     // the cells from ref to ref_end of one table, added: SUM(B5:B900)
    } op = Op::none;
    CellRef ref, ref_end;
    Num constant;
    std::vector<Formula> args;

    static Formula of_cell(CellRef r);
    static Formula of(Op op, std::vector<Formula> args);
    bool empty() const { return op == Op::none; }
};

struct Cell {
    enum class Kind { empty, text, number } kind = Kind::empty;
    // Why an empty cell of a column of figures has no figure: the workbook writes the
    // Analysis Function's shorthand for it, [x] or [z], and explains it on its Notes sheet.
    enum class Missing { none, not_available, not_applicable } missing = Missing::none;
    std::string text;            // kind text; also the display text of an empty cell ("-")
    Num value;                   // kind number
    int decimals = 0;
    NumStyle style = NumStyle::count;
    bool bold = false;
    bool show_plus = false;      // a change: "+16" (a figure that prints as zero has no sign)
    Formula derived;

    static Cell label(std::string t, bool bold = false);
    static Cell number(Num v, int decimals, NumStyle style, bool bold = false);
    static Cell none(std::string shown = "-", Missing why = Missing::not_available);
    std::string display() const;  // the text the PDF prints
};

struct Row {
    enum class Kind { header, section, body, total } kind = Kind::body;
    std::vector<Cell> cells;
    std::string group;  // the section heading a row falls under ("" outside any): the
                        // workbook carries it in a column of its own
};

struct Table {
    std::string id;
    int number = 0;
    std::string caption;           // without the "Table N: " prefix
    std::string sheet_name;        // "Table 1"
    size_t header_rows = 0;
    std::vector<Row> rows;
    std::string source_note;       // the note and "Data source: ..." printed under the table
    std::string note, data_source; // the two parts of it, for the workbook's Notes and Cover
    // Per column, a header for the workbook where the PDF's is empty or repeats another
    // ("Period before" for a second "Period"); "" keeps the PDF's.
    std::vector<std::string> workbook_headers;
};

struct Series {
    std::string name;
    std::vector<std::optional<Num>> values;  // one per category; none = no point
    std::vector<Cell::Missing> missing;      // per category: why a point is none
};

struct Chart {
    enum class Kind { column, stacked_column, bar, line, radar } kind = Kind::column;
    std::vector<std::string> categories;
    std::string category_heading = "Category";  // what the categories are, for the workbook's header
    std::vector<Series> series;
    std::string value_axis_title;  // with its unit: "£'000s", "Children"
    int decimals = 0;
    NumStyle style = NumStyle::count;  // how the values print in the chart's data table
};

struct Figure {
    std::string id;
    int number = 0;
    std::string caption;
    std::string alt;  // alternative text
    Chart chart;
    std::string data_table;  // id of the table holding the charted figures
};

struct Heading {
    int level = 1;  // 1 title, 2 section, 3 sub-section
    std::string text;
    std::string origin;
};

struct Paragraph {
    int number = 0;                  // 0: unnumbered
    std::string text;
    std::vector<std::string> items;  // lettered a., b., c.
    std::vector<std::string> bullets;
    bool bold = false;
    std::string origin;              // where its text came from, for messages: a template's path
};

struct PageBreak {};

// An image placed in the text ("@image FILE alt=...") or the house style's logo.
struct Picture {
    std::string name;  // as the author wrote it: "photos/hub.jpg"
    std::string alt;   // alternative text
    std::shared_ptr<const Image> image;
    double width_pt = 0;  // the width it prints at; 0: its natural width, at most the measure
};

using Block = std::variant<Heading, Paragraph, Table, Figure, PageBreak, Picture>;

struct Rgb {
    double r = 0, g = 0, b = 0;
};

// How the paper looks, from the house style (style/style.hpp): the writers' only
// source of colours, fonts, page size and footer.
struct Look {
    std::string organisation;
    Rgb accent{0, 0, 0};
    Rgb table_header{224 / 255.0, 232 / 255.0, 242 / 255.0};
    std::vector<Rgb> chart;  // the palette; never empty once composed
    std::string font_family = "Liberation Sans";
    std::string font_regular, font_bold;  // "" for the fonts boardpack was built with
    double page_width = 595.28, page_height = 841.89;
    double margin_left = 62, margin_right = 62, margin_top = 56, margin_bottom = 64;
    // Footer text with its fields filled in, but {{page}} and {{pages}}, which layout fills.
    std::string footer_left, footer_right = "Page {{page}} of {{pages}}";
    std::optional<Picture> logo;
    bool logo_in_header = false;
};

// An input the document was made from, as the About sheet lists it.
struct Source {
    std::string name;    // "mtfs.yaml", "templates/background.mustache", "boardpack templates/common/x.mustache"
    std::string path;    // where it was read
    std::string sha256;  // filled in by publish/
    std::string note;    // for an image: that the paper prints it, and its alternative text
};

// What the workbook's cover sheet tells a public reader, from the report spec.
struct Cover {
    std::string description;  // what the data are
    std::string coverage, period;
    std::string published;    // "20 November 2019"
    std::vector<std::string> contacts;  // one line each: name, role, telephone, email
};

struct Document {
    std::string title, author, subject, keywords;
    Cover cover;
    // Negative figures and zeros in the workbook: plain (-1,234 and 0, as the Analysis
    // Function asks of published spreadsheets) or accounting ((1,234) and "-", as the PDF).
    enum class WorkbookNumbers { plain, accounting } workbook_numbers = WorkbookNumbers::plain;
    bool html = true;  // write the HTML edition beside the PDF and the workbook
    std::string meeting;    // "Cabinet – Wednesday 20 November 2019"
    std::string generator;  // "boardpack 0.1.0"
    std::vector<Source> sources;
    std::string date_iso;   // the report's date, for metadata; never the wall clock
    Look look;
    int contents_after_pages = 0;  // a contents list when the paper runs longer; 0: never
    std::vector<Block> blocks;

    const Table* table(const std::string& id) const;
    std::vector<const Table*> tables() const;
    std::vector<const Figure*> figures() const;
    // Every image the paper prints, the logo first, for the workbook's provenance.
    std::vector<const Picture*> pictures() const;
};

}  // namespace bp::doc
