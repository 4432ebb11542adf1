#include "render/html/face_metrics.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <unordered_map>

#include "core/diag.hpp"
#include "core/text.hpp"

namespace bp::html {

struct FaceMetrics::Faces {
    FT_Library lib = nullptr;
    FT_Face face[2] = {nullptr, nullptr};
    mutable std::unordered_map<char32_t, double> widths[2];  // advance per 1 pt of size

    ~Faces() {
        for (FT_Face f : face)
            if (f) FT_Done_Face(f);
        if (lib) FT_Done_FreeType(lib);
    }
    double advance(char32_t cp, int b) const {
        auto it = widths[b].find(cp);
        if (it != widths[b].end()) return it->second;
        double w = 0;
        // Unscaled design units over units per em: the hmtx advance PoDoFo reads too.
        if (FT_Load_Char(face[b], cp, FT_LOAD_NO_SCALE) == 0)
            w = static_cast<double>(face[b]->glyph->metrics.horiAdvance) / face[b]->units_per_EM;
        return widths[b].emplace(cp, w).first->second;
    }
};

FaceMetrics::FaceMetrics(const std::string& regular_path, const std::string& bold_path) : faces_(std::make_unique<Faces>()) {
    if (FT_Init_FreeType(&faces_->lib) != 0) throw InternalError("cannot start FreeType");
    const std::string paths[2] = {regular_path, bold_path};
    for (int b = 0; b < 2; ++b)
        if (FT_New_Face(faces_->lib, paths[b].c_str(), 0, &faces_->face[b]) != 0)
            throw InternalError("cannot read the font " + paths[b]);
}

FaceMetrics::~FaceMetrics() = default;

double FaceMetrics::width(const std::string& s, bool bold, double size) const {
    double w = 0;
    for (size_t i = 0; i < s.size();) w += faces_->advance(next_code_point(s, i), bold ? 1 : 0);
    return w * size;
}

bool FaceMetrics::covers(char32_t cp) const {
    return FT_Get_Char_Index(faces_->face[0], cp) != 0 && FT_Get_Char_Index(faces_->face[1], cp) != 0;
}

}  // namespace bp::html
