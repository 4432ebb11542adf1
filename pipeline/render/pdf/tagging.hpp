// Tagged PDF (PDF/UA-1) and archival identification (PDF/A-2B), by hand: PoDoFo
// 0.9.8 has no API for either. While pages are painted, each run of ops with the same
// structure node becomes one marked-content sequence with its MCID, and furniture is
// marked as an artifact; afterwards the structure tree, its ParentTree, MarkInfo, the
// XMP packet and the sRGB output intent are written as plain PDF objects.
#pragma once
#include <string>
#include <vector>

#include "doc/doc.hpp"
#include "render/pdf/layout.hpp"

namespace PoDoFo {
class PdfMemDocument;
class PdfPainter;
}  // namespace PoDoFo

namespace bp::pdf {

class ContentTagger {
public:
    explicit ContentTagger(const Layout& layout);
    void begin_page(size_t page);
    // Call before painting each op: closes and opens marked content as the tag changes.
    void before(PoDoFo::PdfPainter& p, const Op& op);
    void end_page(PoDoFo::PdfPainter& p);
    // After every page exists: StructTreeRoot, ParentTree, MarkInfo, /StructParents.
    void write_structure(PoDoFo::PdfMemDocument& doc) const;

private:
    struct Mcr {
        size_t page;
        int mcid;
    };
    const Layout& layout_;
    std::vector<std::vector<Mcr>> content_;      // per node: its marked content, in order
    std::vector<std::vector<int>> parent_tree_;  // per page: the node of each MCID
    size_t page_ = 0;
    int open_ = -2;  // -2: nothing open; -1: an artifact; else a node
};

// XMP metadata (Dublin Core, PDF/A-2B and PDF/UA-1 identification) kept in step with
// the Info dictionary, and an sRGB output intent from the ICC profile at `icc_path`.
void write_archival_metadata(PoDoFo::PdfMemDocument& doc, const doc::Document& d, const std::string& icc_path);

}  // namespace bp::pdf
