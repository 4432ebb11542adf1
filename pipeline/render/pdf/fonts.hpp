// The house font, embedded as a subset with an Identity-H encoding (so £, –, ’ and ŵ
// survive text extraction), and measured with its own metrics. PoDoFo 0.9.8 draws a
// silent .notdef box for a character the font lacks; covers() lets the layout refuse
// such text instead.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "render/draw/draw.hpp"

namespace PoDoFo {
class PdfFont;
class PdfMemDocument;
}  // namespace PoDoFo

namespace bp::pdf {

using draw::Metrics;  // what layout needs to know about text, independent of PoDoFo

class FontSet : public Metrics {
public:
    FontSet(PoDoFo::PdfMemDocument& doc, const std::string& regular_path, const std::string& bold_path,
            const std::string& family = "Liberation Sans");
    double width(const std::string& utf8, bool bold, double size) const override;
    bool covers(char32_t cp) const override;
    PoDoFo::PdfFont* font(bool bold) const { return bold ? bold_ : regular_; }
    // Appends the text's glyph IDs as hex, four digits a character (Identity-H), and
    // remembers the characters for the font subset.
    void append_glyph_ids(std::string& out, const std::string& utf8, bool bold);
    // Tells PoDoFo which characters each font drew, once, before the document is written.
    void register_used_glyphs();

private:
    PoDoFo::PdfFont* regular_;
    PoDoFo::PdfFont* bold_;
    // What is known of each character, looked up in the font once, when first needed:
    // a flat table for the code points council text uses most (Latin, punctuation,
    // £ – ’ “ ”), a map for the rest.
    struct Glyph {
        double width = -1;  // per 1 pt of size
        int id = -1;        // glyph ID; looked up when first drawn
    };
    static constexpr char32_t kFlat = 0x2100;
    mutable std::vector<Glyph> flat_[2];
    mutable std::unordered_map<char32_t, Glyph> other_[2];
    std::vector<char32_t> drawn_[2];  // the characters drawn, for the subset
    Glyph& glyph(char32_t cp, bool bold) const;
    double glyph_width(char32_t cp, bool bold) const;
    int glyph_id(char32_t cp, bool bold);
};


}  // namespace bp::pdf
