// Stage 6a, the PDF writer: lays out the document IR and paints it with PoDoFo 0.9.8.
// The result is bytes in memory, or written to a stream as PoDoFo serialises it.
#pragma once
#include <optional>
#include <ostream>
#include <string>

#include "core/diag.hpp"
#include "doc/doc.hpp"

namespace bp::pdf {

struct FontPaths {
    std::string regular, bold;
    std::string srgb_icc;         // the output intent's colour profile (PDF/A)
    static FontPaths defaults();  // the files found when boardpack was built
};

// Returns the PDF, or nullopt with errors (e.g. a character the font cannot show).
// Throws InternalError when PoDoFo fails.
std::optional<std::string> render_pdf(const doc::Document& d, const FontPaths& fonts, Diagnostics& diags);
// The same PDF written to `out` (a build's temporary file, hashed on the way), never
// held whole in memory; false, with nothing written, on errors.
bool render_pdf(const doc::Document& d, const FontPaths& fonts, Diagnostics& diags, std::ostream& out);

}  // namespace bp::pdf
