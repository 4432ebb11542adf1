// Text measured in the house font without a PDF: the HTML edition's charts are the
// PDF's drawing (render/draw), placed by widths, so they are measured in the same
// TrueType files, read with FreeType (which PoDoFo itself uses for them).
#pragma once
#include <memory>
#include <string>

#include "render/draw/draw.hpp"

namespace bp::html {

class FaceMetrics : public draw::Metrics {
public:
    // Throws InternalError when a font file cannot be read.
    FaceMetrics(const std::string& regular_path, const std::string& bold_path);
    ~FaceMetrics() override;
    double width(const std::string& utf8, bool bold, double size) const override;
    bool covers(char32_t cp) const override;

private:
    struct Faces;
    std::unique_ptr<Faces> faces_;
};

}  // namespace bp::html
