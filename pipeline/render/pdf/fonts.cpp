#include "render/pdf/fonts.hpp"

#include <podofo/podofo.h>

#include <cstring>

#include "core/diag.hpp"
#include "core/text.hpp"

namespace bp::pdf {

using namespace PoDoFo;

static PdfFont* load(PdfMemDocument& doc, const std::string& path, const std::string& family, bool bold) {
    // An explicit file path: a name lookup through fontconfig can silently fall back to
    // another font (or throw), and the output must not depend on the machine's fonts.
    PdfFont* f = doc.CreateFontSubset(family.c_str(), bold, false, false, new PdfIdentityEncoding(0, 0xffff, true),
                                      path.c_str());
    if (!f) throw InternalError("cannot load font " + path);
    return f;
}

FontSet::FontSet(PdfMemDocument& doc, const std::string& regular_path, const std::string& bold_path, const std::string& family)
    : regular_(load(doc, regular_path, family, false)), bold_(load(doc, bold_path, family, true)) {}

FontSet::Glyph& FontSet::glyph(char32_t cp, bool bold) const {
    const int b = bold ? 1 : 0;
    if (cp >= kFlat) return other_[b][cp];
    if (flat_[b].empty()) flat_[b].assign(kFlat, Glyph{});
    return flat_[b][cp];
}

double FontSet::glyph_width(char32_t cp, bool bold) const {
    if (cp > 0xFFFF) return 0.0;  // layout refuses such text: covers() is false
    Glyph& g = glyph(cp, bold);
    if (g.width < 0) {
        PdfFont* f = font(bold);
        f->SetFontSize(1000.0f);
        g.width = f->GetFontMetrics()->UnicodeCharWidth(static_cast<unsigned short>(cp)) / 1000.0;
    }
    return g.width;
}

double FontSet::width(const std::string& s, bool bold, double size) const {
    double w = 0;
    for (size_t i = 0; i < s.size();) w += glyph_width(next_code_point(s, i), bold);
    return w * size;
}

bool FontSet::covers(char32_t cp) const {
    if (cp > 0xFFFF) return false;
    return regular_->GetFontMetrics()->GetGlyphId(static_cast<long>(cp)) != 0 &&
           bold_->GetFontMetrics()->GetGlyphId(static_cast<long>(cp)) != 0;
}

int FontSet::glyph_id(char32_t cp, bool bold) {
    if (cp > 0xFFFF) return 0;
    Glyph& g = glyph(cp, bold);
    if (g.id < 0) {  // the first time this character is drawn
        g.id = static_cast<int>(font(bold)->GetFontMetrics()->GetGlyphId(static_cast<long>(cp)));
        drawn_[bold ? 1 : 0].push_back(cp);
    }
    return g.id;
}

void FontSet::append_glyph_ids(std::string& out, const std::string& s, bool bold) {
    static const char hex[] = "0123456789ABCDEF";
    for (char32_t cp : utf32(s)) {
        const int g = glyph_id(cp, bold);
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(g >> shift) & 0xF];
    }
}

void FontSet::register_used_glyphs() {
    for (int b = 0; b < 2; ++b) {
        // Big-endian UTF-16 bytes, as PdfString keeps them, whatever the host's order.
        std::vector<unsigned char> bytes;
        for (char32_t cp : drawn_[b]) {
            bytes.push_back(static_cast<unsigned char>(cp >> 8));
            bytes.push_back(static_cast<unsigned char>(cp & 0xFF));
        }
        if (bytes.empty()) continue;  // a weight that drew nothing (and memcpy of nothing from null is undefined)
        std::vector<pdf_utf16be> used(drawn_[b].size());
        std::memcpy(used.data(), bytes.data(), bytes.size());
        const PdfString chars(used.data(), static_cast<pdf_long>(used.size()));
        font(b == 1)->AddUsedSubsettingGlyphs(chars, static_cast<long>(used.size()));
    }
}

}  // namespace bp::pdf
