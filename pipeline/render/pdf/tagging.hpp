// Tagged PDF (as PDF/UA-1 asks) and archival identification (PDF/A-2B), by hand: PoDoFo
// 0.9.8 has no API for either. While pages are painted, each run of ops with the same
// structure node becomes one marked-content sequence with its MCID, and furniture is
// marked as an artifact; afterwards the structure tree, its ParentTree, MarkInfo, the
// XMP packet and the sRGB output intent are written as plain PDF objects.
#pragma once
#include <string>
#include <vector>

#include "doc/doc.hpp"
#include "render/pdf/content_stream.hpp"
#include "render/pdf/layout.hpp"

namespace PoDoFo {
class PdfMemDocument;
class PdfObject;
}  // namespace PoDoFo

namespace bp::pdf {

class ContentTagger {
public:
    explicit ContentTagger(const Layout& layout);
    void begin_page(size_t page);
    // Call before painting each op: closes and opens marked content as the tag changes.
    void before(ContentStream& content, const Op& op);
    void end_page(ContentStream& content);
    // A link annotation belongs to its Link element (an OBJR kid) and gets a
    // ParentTree key of its own, after the pages'.
    void add_annotation(int node, PoDoFo::PdfObject* annotation);
    // After every page exists (`pages`: their objects, in order): StructTreeRoot,
    // ParentTree, MarkInfo, /StructParents.
    void write_structure(PoDoFo::PdfMemDocument& doc, const std::vector<PoDoFo::PdfObject*>& pages);

private:
    // A structure element's kids in reading order: marked content, child elements
    // and annotation references, as painting meets them.
    struct Kid {
        enum class Kind { content, child, annotation } kind;
        size_t page = 0;
        int mcid = 0;
        int node = -1;
        PoDoFo::PdfObject* annotation = nullptr;
    };
    const Layout& layout_;
    std::vector<std::vector<Kid>> kids_;
    std::vector<bool> placed_;                   // already a kid of its parent
    std::vector<size_t> settled_;                // per node: its first children, all placed
    std::vector<std::vector<int>> parent_tree_;  // per page: the node of each MCID
    std::vector<std::pair<PoDoFo::PdfObject*, int>> annotations_;
    size_t page_ = 0;
    int open_ = -2;  // -2: nothing open; -1: an artifact; else a node

    void place_in_parent(int node);
};

// XMP metadata (Dublin Core and PDF/A-2B identification) kept in step with
// the Info dictionary, and an sRGB output intent from the ICC profile at `icc_path`.
void write_archival_metadata(PoDoFo::PdfMemDocument& doc, const doc::Document& d, const std::string& icc_path);

}  // namespace bp::pdf
