// Images a paper shows (a logo, a photograph, a diagram), read once and checked: PNG
// decoded and laid on a white page (no transparency, which PDF/A-1 readers refuse and
// a white paper does not need), JPEG kept as it is (a PDF reader decodes it). What
// cannot be shown is refused with the reason, never drawn as a broken box.
#pragma once
#include <memory>
#include <string>

namespace bp {

struct Image {
    enum class Format { png, jpeg } format = Format::png;
    unsigned width = 0, height = 0;  // pixels
    unsigned components = 3;         // 1 grey, 3 RGB
    std::string pixels;              // PNG: 8-bit samples, rows top to bottom, on white
    std::string file;                // the file's bytes: a JPEG is embedded as they are, and
                                     // the HTML edition embeds either format as they are
    std::string sha256;              // of the file, for the workbook's provenance
};

struct ImageRead {
    std::shared_ptr<const Image> image;  // null when `problem` says why
    std::string problem;                 // "is not a PNG or JPEG image", "is corrupt: ..."
};

// At most this many pixels: a 4,000 x 4,000 photograph, far more than a page prints.
constexpr unsigned long long kMaxImagePixels = 16'000'000;

// Reads and checks an image file. Results are kept by path and content for the run,
// since a logo is read by every report of a batch.
ImageRead read_image(const std::string& path);

}  // namespace bp
