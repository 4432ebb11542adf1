#include "render/pdf/tagging.hpp"

#include <podofo/podofo.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/diag.hpp"
#include "core/text.hpp"

namespace bp::pdf {

using namespace PoDoFo;

namespace {

PdfString U(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

}  // namespace

ContentTagger::ContentTagger(const Layout& layout)
    : layout_(layout), kids_(layout.nodes.size()), placed_(layout.nodes.size(), false), settled_(layout.nodes.size(), 0),
      parent_tree_(layout.pages.size()) {}

// Makes `node` a kid of its parent (and so on up), after any earlier siblings that
// have not been placed yet (empty table cells, say), so kids stay in reading order.
// Each parent remembers how many of its first children are placed, so the siblings
// are looked at once in all, not once per child (a 100,000-row table's rows were
// scanned from the first for every row).
void ContentTagger::place_in_parent(int node) {
    for (int child = node, parent = layout_.nodes[static_cast<size_t>(node)].parent; parent >= 0 && !placed_[static_cast<size_t>(child)];
         child = parent, parent = layout_.nodes[static_cast<size_t>(parent)].parent) {
        const std::vector<int>& siblings = layout_.nodes[static_cast<size_t>(parent)].children;
        size_t& settled = settled_[static_cast<size_t>(parent)];
        // `child` is not placed, so it is at or after the settled ones.
        for (; settled < siblings.size() && siblings[settled] != child; ++settled) {
            const int sibling = siblings[settled];
            if (!placed_[static_cast<size_t>(sibling)]) {
                kids_[static_cast<size_t>(parent)].push_back(Kid{Kid::Kind::child, 0, 0, sibling, nullptr});
                placed_[static_cast<size_t>(sibling)] = true;
            }
        }
        kids_[static_cast<size_t>(parent)].push_back(Kid{Kid::Kind::child, 0, 0, child, nullptr});
        placed_[static_cast<size_t>(child)] = true;
        if (settled < siblings.size()) ++settled;  // past `child`
    }
}

void ContentTagger::add_annotation(int node, PdfObject* annotation) {
    kids_[static_cast<size_t>(node)].push_back(Kid{Kid::Kind::annotation, 0, 0, node, annotation});
    annotations_.push_back({annotation, node});
}

void ContentTagger::begin_page(size_t page) {
    page_ = page;
    open_ = -2;
}

void ContentTagger::before(ContentStream& content, const Op& op) {
    if (op.tag == open_) return;
    if (open_ != -2) content.raw("EMC\n");
    open_ = op.tag;
    if (op.tag < 0) {
        content.raw("/Artifact BMC\n");
        return;
    }
    auto& mcids = parent_tree_[page_];
    const int mcid = static_cast<int>(mcids.size());
    mcids.push_back(op.tag);
    kids_[static_cast<size_t>(op.tag)].push_back(Kid{Kid::Kind::content, page_, mcid, op.tag, nullptr});
    place_in_parent(op.tag);
    content.raw("/" + layout_.nodes[static_cast<size_t>(op.tag)].type + " <</MCID " + std::to_string(mcid) + ">> BDC\n");
}

void ContentTagger::end_page(ContentStream& content) {
    if (open_ != -2) content.raw("EMC\n");
    open_ = -2;
}

void ContentTagger::write_structure(PdfMemDocument& doc) {
    PdfVecObjects& objs = doc.GetObjects();
    std::vector<PdfReference> page_refs;  // looked up once: GetPage walks the page tree
    for (int i = 0; i < doc.GetPageCount(); ++i) page_refs.push_back(doc.GetPage(i)->GetObject()->Reference());
    PdfObject* root = objs.CreateObject("StructTreeRoot");
    std::vector<PdfObject*> elems;
    for (size_t i = 0; i < layout_.nodes.size(); ++i) elems.push_back(objs.CreateObject("StructElem"));
    // Table header scopes: one shared attribute object per scope, not one per cell.
    std::map<std::string, PdfReference> scopes;
    const PdfName kS("S"), kP("P"), kK("K"), kPg("Pg"), kA("A");
    for (size_t i = 0; i < layout_.nodes.size(); ++i) {
        const StructNode& n = layout_.nodes[i];
        PdfDictionary& d = elems[i]->GetDictionary();
        d.AddKey(kS, PdfName(n.type));
        d.AddKey(kP, n.parent < 0 ? root->Reference() : elems[static_cast<size_t>(n.parent)]->Reference());
        // Children that never drew anything (an empty cell) still belong, in order.
        for (int c : n.children)
            if (!placed_[static_cast<size_t>(c)]) {
                kids_[i].push_back(Kid{Kid::Kind::child, 0, 0, c, nullptr});
                placed_[static_cast<size_t>(c)] = true;
            }
        // The element's page (/Pg): its figure's page, else the page of its first marked
        // content. Content on that page is a bare MCID; on another, an MCR dictionary.
        size_t home = n.page;
        bool has_home = n.type == "Figure";
        for (const Kid& k : kids_[i])
            if (!has_home && k.kind == Kid::Kind::content) {
                home = k.page;
                has_home = true;
            }
        if (has_home) d.AddKey(kPg, page_refs[home]);
        PdfArray kids;
        for (const Kid& k : kids_[i]) {
            if (k.kind == Kid::Kind::child) {
                kids.push_back(elems[static_cast<size_t>(k.node)]->Reference());
            } else if (k.kind == Kid::Kind::content && k.page == home) {
                kids.push_back(PdfVariant(static_cast<pdf_int64>(k.mcid)));
            } else if (k.kind == Kid::Kind::content) {
                PdfDictionary mcr;
                mcr.AddKey("Type", PdfName("MCR"));
                mcr.AddKey(kPg, page_refs[k.page]);
                mcr.AddKey("MCID", PdfVariant(static_cast<pdf_int64>(k.mcid)));
                kids.push_back(mcr);
            } else {
                PdfDictionary objr;
                objr.AddKey("Type", PdfName("OBJR"));
                objr.AddKey("Obj", k.annotation->Reference());
                kids.push_back(objr);
            }
        }
        if (kids.size() == 1)
            d.AddKey(kK, kids[0]);  // a single kid needs no array
        else if (!kids.empty())
            d.AddKey(kK, kids);
        if (!n.alt.empty()) d.AddKey("Alt", U(n.alt));
        if (!n.scope.empty()) {
            auto it = scopes.find(n.scope);
            if (it == scopes.end()) {
                PdfObject* a = objs.CreateObject();
                a->GetDictionary().AddKey("O", PdfName("Table"));
                a->GetDictionary().AddKey("Scope", PdfName(n.scope));
                it = scopes.emplace(n.scope, a->Reference()).first;
            }
            d.AddKey(kA, it->second);
        }
        if (n.type == "Figure") {
            PdfArray bbox;
            for (double v : n.bbox) bbox.push_back(PdfVariant(v));
            PdfDictionary a;
            a.AddKey("O", PdfName("Layout"));
            a.AddKey("BBox", bbox);
            d.AddKey(kA, a);
        }
    }
    root->GetDictionary().AddKey("K", elems[0]->Reference());
    PdfArray nums;
    for (size_t pg = 0; pg < parent_tree_.size(); ++pg) {
        nums.push_back(PdfVariant(static_cast<pdf_int64>(pg)));
        PdfArray owners;
        for (int node : parent_tree_[pg]) owners.push_back(elems[static_cast<size_t>(node)]->Reference());
        nums.push_back(owners);
        PdfDictionary& page = doc.GetPage(static_cast<int>(pg))->GetObject()->GetDictionary();
        page.AddKey("StructParents", PdfVariant(static_cast<pdf_int64>(pg)));
        page.AddKey("Tabs", PdfName("S"));
    }
    pdf_int64 key = static_cast<pdf_int64>(parent_tree_.size());
    for (const auto& [annotation, node] : annotations_) {
        annotation->GetDictionary().AddKey("StructParent", PdfVariant(key));
        nums.push_back(PdfVariant(key++));
        nums.push_back(elems[static_cast<size_t>(node)]->Reference());
    }
    PdfDictionary parent_tree;
    parent_tree.AddKey("Nums", nums);
    root->GetDictionary().AddKey("ParentTree", parent_tree);
    root->GetDictionary().AddKey("ParentTreeNextKey", PdfVariant(key));
    PdfDictionary& catalog = doc.GetCatalog()->GetDictionary();
    catalog.AddKey("StructTreeRoot", root->Reference());
    PdfDictionary mark;
    mark.AddKey("Marked", PdfVariant(true));
    catalog.AddKey("MarkInfo", mark);
}

namespace {

// The ICC profile's bytes, read once per process: every report embeds the same one.
const std::string& icc_profile(const std::string& path) {
    static std::map<std::string, std::string> read;
    auto it = read.find(path);
    if (it != read.end()) return it->second;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InternalError("cannot read the sRGB ICC profile " + path);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return read.emplace(path, bytes.str()).first->second;
}

}  // namespace

void write_archival_metadata(PdfMemDocument& doc, const doc::Document& d, const std::string& icc_path) {
    const std::string when = d.date_iso + "T00:00:00Z";
    std::ostringstream x;
    x << "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      << "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      << " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      // No PDF/UA identification: no validator available here verifies it (README,
      // "Identification"), and the paper claims only what a validator has checked.
      << "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
      << " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\""
      << " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
      << "   <dc:format>application/pdf</dc:format>\n"
      << "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" << xml_escape(d.title) << "</rdf:li></rdf:Alt></dc:title>\n"
      << "   <dc:creator><rdf:Seq><rdf:li>" << xml_escape(d.author) << "</rdf:li></rdf:Seq></dc:creator>\n"
      << "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" << xml_escape(d.subject)
      << "</rdf:li></rdf:Alt></dc:description>\n"
      << "   <dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>\n"
      << "   <xmp:CreateDate>" << when << "</xmp:CreateDate>\n"
      << "   <xmp:ModifyDate>" << when << "</xmp:ModifyDate>\n"
      << "   <xmp:CreatorTool>boardpack</xmp:CreatorTool>\n"
      << "   <pdf:Producer>boardpack with PoDoFo 0.9.8</pdf:Producer>\n"
      << "   <pdf:Keywords>" << xml_escape(d.keywords) << "</pdf:Keywords>\n"
      << "   <pdfaid:part>2</pdfaid:part>\n"
      << "   <pdfaid:conformance>B</pdfaid:conformance>\n"
      << "  </rdf:Description>\n"
      << " </rdf:RDF>\n"
      << "</x:xmpmeta>\n"
      << "<?xpacket end=\"w\"?>";
    const std::string xmp = x.str();
    PdfObject* md = doc.GetObjects().CreateObject("Metadata");
    md->GetDictionary().AddKey("Subtype", PdfName("XML"));
    md->GetStream()->Set(xmp.data(), static_cast<pdf_long>(xmp.size()), TVecFilters());  // uncompressed, as readers expect
    PdfDictionary& catalog = doc.GetCatalog()->GetDictionary();
    catalog.AddKey("Metadata", md->Reference());

    const std::string& profile = icc_profile(icc_path);
    PdfObject* stream = doc.GetObjects().CreateObject();
    stream->GetDictionary().AddKey("N", PdfVariant(static_cast<pdf_int64>(3)));
    stream->GetStream()->Set(profile.data(), static_cast<pdf_long>(profile.size()));
    PdfDictionary intent;
    intent.AddKey("Type", PdfName("OutputIntent"));
    intent.AddKey("S", PdfName("GTS_PDFA1"));
    intent.AddKey("OutputConditionIdentifier", PdfString("sRGB IEC61966-2.1"));
    intent.AddKey("Info", PdfString("sRGB IEC61966-2.1"));
    intent.AddKey("DestOutputProfile", stream->Reference());
    PdfArray intents;
    intents.push_back(intent);
    catalog.AddKey("OutputIntents", intents);
}

}  // namespace bp::pdf
