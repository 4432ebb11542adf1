// A body font by family name, as the machine has it installed (fontconfig). fontconfig
// always answers with *some* font; a style must get the family it asked for, in
// TrueType (which the PDF embeds as a subset), in both weights, or hear why not.
#pragma once
#include <string>

namespace bp::style {

struct FontFiles {
    std::string regular, bold;  // paths, when found
    std::string problem;        // "" when both were found
};

FontFiles find_installed_font(const std::string& family);

}  // namespace bp::style
