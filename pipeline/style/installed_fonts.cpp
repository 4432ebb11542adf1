#include "style/installed_fonts.hpp"

#include <fontconfig/fontconfig.h>

#include <cctype>
#include <map>

namespace bp::style {

namespace {

bool same_name(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

// The file fontconfig matches for the family at a weight, or why it is not that family.
std::string match(const std::string& family, bool bold, std::string& problem) {
    FcPattern* want = FcPatternCreate();
    FcPatternAddString(want, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(want, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(want, FC_SLANT, FC_SLANT_ROMAN);
    FcConfigSubstitute(nullptr, want, FcMatchPattern);
    FcDefaultSubstitute(want);
    FcResult result = FcResultNoMatch;
    FcPattern* got = FcFontMatch(nullptr, want, &result);
    FcPatternDestroy(want);
    std::string path;
    if (!got) {
        problem = "no font is installed";
        return path;
    }
    bool family_matches = false;
    FcChar8* s = nullptr;
    for (int i = 0; FcPatternGetString(got, FC_FAMILY, i, &s) == FcResultMatch; ++i)
        family_matches = family_matches || same_name(reinterpret_cast<const char*>(s), family);
    int weight = 0;
    FcPatternGetInteger(got, FC_WEIGHT, 0, &weight);
    std::string format;
    if (FcPatternGetString(got, FC_FONTFORMAT, 0, &s) == FcResultMatch) format = reinterpret_cast<const char*>(s);
    if (FcPatternGetString(got, FC_FILE, 0, &s) == FcResultMatch) path = reinterpret_cast<const char*>(s);
    FcPatternDestroy(got);
    if (!family_matches) problem = "is not installed on this machine (fc-list lists the fonts that are)";
    else if (format != "TrueType") problem = "is installed as " + (format.empty() ? std::string("an unknown format") : format) +
                                              ", not TrueType, which boardpack embeds";
    else if (bold && weight < FC_WEIGHT_DEMIBOLD) problem = "has no bold face installed";
    else if (!bold && weight > FC_WEIGHT_MEDIUM) problem = "has no regular face installed";
    if (!problem.empty()) path.clear();
    return path;
}

}  // namespace

FontFiles find_installed_font(const std::string& family) {
    static std::map<std::string, FontFiles> memo;  // fontconfig's first call reads its cache: once a run
    if (auto it = memo.find(family); it != memo.end()) return it->second;
    FontFiles f;
    f.regular = match(family, false, f.problem);
    if (f.problem.empty()) f.bold = match(family, true, f.problem);
    return memo[family] = f;
}

}  // namespace bp::style
