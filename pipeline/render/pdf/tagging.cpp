#include "render/pdf/tagging.hpp"

#include <podofo/podofo.h>
#include <zlib.h>

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
    content.raw("/" + std::string(layout_.nodes[static_cast<size_t>(op.tag)].type) + " <</MCID " + std::to_string(mcid) + ">> BDC\n");
}

void ContentTagger::end_page(ContentStream& content) {
    if (open_ != -2) content.raw("EMC\n");
    open_ = -2;
}

namespace {

// Structure elements are written as finished bytes, one string each, in PoDoFo's clean
// write mode (PdfDictionary::Write, PdfArray::Write): "/Type" first, then the keys in
// name order, one a line; arrays "[ a b ]" with a line break after every tenth item.
// Held as dictionaries of PdfObjects until the document was written, a 100,000-row
// table's 800,000 elements took 0.8 GB; as text, a fifth of that. Byte for byte what
// PoDoFo wrote (the golden PDFs did not change).
class CleanText {
public:
    void ref(const PdfReference& r) {
        s_ += std::to_string(r.ObjectNumber());
        s_ += ' ';
        s_ += std::to_string(r.GenerationNumber());
        s_ += " R";
    }
    void integer(long long n) { s_ += std::to_string(n); }
    void name(std::string_view n) {  // structure types: letters and digits only
        s_ += '/';
        s_ += n;
    }
    void raw(const std::string& t) { s_ += t; }
    // A value PoDoFo formats itself (a text string, real numbers).
    void variant(const PdfVariant& v) {
        std::string t;
        v.ToString(t, ePdfWriteMode_Clean);
        s_ += t;
    }
    void key(const char* k) {
        s_ += '/';
        s_ += k;
        s_ += ' ';
    }
    void end_value() { s_ += '\n'; }
    void open_dict() { s_ += "<<\n"; }
    void close_dict() { s_ += ">>"; }
    // Arrays: open, then item_done() after each item, then close.
    void open_array() {
        s_ += "[ ";
        items_.push_back(0);
    }
    void item_done() { s_ += (++items_.back() % 10 == 0) ? '\n' : ' '; }
    void close_array() {
        s_ += ']';
        items_.pop_back();
    }
    std::string take() { return std::move(s_); }

private:
    std::string s_;
    std::vector<int> items_;  // per open array: items written
};

}  // namespace

void ContentTagger::write_structure(PdfMemDocument& doc, const std::vector<PdfObject*>& pages) {
    PdfVecObjects& objs = doc.GetObjects();
    std::vector<PdfReference> page_refs;
    for (PdfObject* p : pages) page_refs.push_back(p->Reference());
    PdfObject* root = objs.CreateObject("StructTreeRoot");
    // Each element's number, reserved now in node order; its bytes are filled in below.
    std::vector<PdfObject*> elems;
    elems.reserve(layout_.nodes.size());
    for (size_t i = 0; i < layout_.nodes.size(); ++i) elems.push_back(objs.CreateObject());
    auto ref_of = [&](int node) { return elems[static_cast<size_t>(node)]->Reference(); };
    // Table header scopes: one shared attribute object per scope, not one per cell.
    std::map<std::string, PdfReference> scopes;
    for (size_t i = 0; i < layout_.nodes.size(); ++i) {
        const StructNode& n = layout_.nodes[i];
        // Children that never drew anything (an empty cell) still belong, in order.
        for (int c : n.children)
            if (!placed_[static_cast<size_t>(c)]) {
                kids_[i].push_back(Kid{Kid::Kind::child, 0, 0, c, nullptr});
                placed_[static_cast<size_t>(c)] = true;
            }
        // The element's page (/Pg): its figure's page, else the page of its first marked
        // content. Content on that page is a bare MCID; on another, an MCR dictionary.
        const FigureNode* figure = n.figure >= 0 ? &layout_.figures[static_cast<size_t>(n.figure)] : nullptr;
        size_t home = figure ? figure->page : 0;
        bool has_home = figure != nullptr;
        for (const Kid& k : kids_[i])
            if (!has_home && k.kind == Kid::Kind::content) {
                home = k.page;
                has_home = true;
            }
        const PdfReference* scope = nullptr;
        if (n.scope != StructNode::Scope::none) {
            const std::string name = n.scope == StructNode::Scope::column ? "Column" : "Row";
            auto it = scopes.find(name);
            if (it == scopes.end()) {
                PdfObject* a = objs.CreateObject();
                a->GetDictionary().AddKey("O", PdfName("Table"));
                a->GetDictionary().AddKey("Scope", PdfName(name));
                it = scopes.emplace(name, a->Reference()).first;
            }
            scope = &it->second;
        }

        CleanText t;
        t.open_dict();
        t.raw("/Type /StructElem\n");
        if (figure) {
            PdfArray bbox;
            for (double v : figure->bbox) bbox.push_back(PdfVariant(v));
            t.key("A");
            t.open_dict();
            t.key("BBox");
            t.variant(bbox);
            t.end_value();
            t.raw("/O /Layout\n");
            t.close_dict();
            t.end_value();
        } else if (scope) {
            t.key("A");
            t.ref(*scope);
            t.end_value();
        }
        if (figure && !figure->alt.empty()) {
            t.key("Alt");
            t.variant(U(figure->alt));
            t.end_value();
        }
        auto kid = [&](const Kid& k) {
            if (k.kind == Kid::Kind::child) {
                t.ref(ref_of(k.node));
            } else if (k.kind == Kid::Kind::content && k.page == home) {
                t.integer(k.mcid);
            } else if (k.kind == Kid::Kind::content) {
                t.open_dict();
                t.raw("/Type /MCR\n");
                t.key("MCID");
                t.integer(k.mcid);
                t.end_value();
                t.key("Pg");
                t.ref(page_refs[k.page]);
                t.end_value();
                t.close_dict();
            } else {
                t.open_dict();
                t.raw("/Type /OBJR\n");
                t.key("Obj");
                t.ref(k.annotation->Reference());
                t.end_value();
                t.close_dict();
            }
        };
        const std::vector<Kid>& kids = kids_[i];
        if (kids.size() == 1) {  // a single kid needs no array
            t.key("K");
            kid(kids[0]);
            t.end_value();
        } else if (!kids.empty()) {
            t.key("K");
            t.open_array();
            for (const Kid& k : kids) {
                kid(k);
                t.item_done();
            }
            t.close_array();
            t.end_value();
        }
        t.key("P");
        t.ref(n.parent < 0 ? root->Reference() : ref_of(n.parent));
        t.end_value();
        if (has_home) {
            t.key("Pg");
            t.ref(page_refs[home]);
            t.end_value();
        }
        t.key("S");
        t.name(n.type);
        t.end_value();
        t.close_dict();
        const std::string bytes = t.take();
        static_cast<PdfVariant&>(*elems[i]) = PdfVariant(PdfData(bytes.data(), bytes.size()));
        std::vector<Kid>().swap(kids_[i]);  // done with: let it go now
    }
    root->GetDictionary().AddKey("K", elems[0]->Reference());
    // The ParentTree's number tree, as text too: a key and the owners of its marked
    // content for each page, then a key and an owner for each annotation.
    CleanText nums;
    nums.open_array();
    for (size_t pg = 0; pg < parent_tree_.size(); ++pg) {
        nums.integer(static_cast<long long>(pg));
        nums.item_done();
        nums.open_array();
        for (int node : parent_tree_[pg]) {
            nums.ref(ref_of(node));
            nums.item_done();
        }
        nums.close_array();
        nums.item_done();
        PdfDictionary& page = pages[pg]->GetDictionary();
        page.AddKey("StructParents", PdfVariant(static_cast<pdf_int64>(pg)));
        page.AddKey("Tabs", PdfName("S"));
    }
    pdf_int64 key = static_cast<pdf_int64>(parent_tree_.size());
    for (const auto& [annotation, node] : annotations_) {
        annotation->GetDictionary().AddKey("StructParent", PdfVariant(key));
        nums.integer(key++);
        nums.item_done();
        nums.ref(ref_of(node));
        nums.item_done();
    }
    nums.close_array();
    const std::string nums_bytes = nums.take();
    PdfDictionary parent_tree;
    parent_tree.AddKey("Nums", PdfVariant(PdfData(nums_bytes.data(), nums_bytes.size())));
    root->GetDictionary().AddKey("ParentTree", parent_tree);
    root->GetDictionary().AddKey("ParentTreeNextKey", PdfVariant(key));
    PdfDictionary& catalog = doc.GetCatalog()->GetDictionary();
    catalog.AddKey("StructTreeRoot", root->Reference());
    PdfDictionary mark;
    mark.AddKey("Marked", PdfVariant(true));
    catalog.AddKey("MarkInfo", mark);
}

namespace {

// The ICC profile, read and compressed once per process: every report embeds the same
// one. zlib at its default level, as PoDoFo's own Flate filter would have written it
// (the same bytes: deflate's output does not depend on how its input was handed over).
const std::string& icc_profile_deflated(const std::string& path) {
    static std::map<std::string, std::string> done;
    auto it = done.find(path);
    if (it != done.end()) return it->second;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InternalError("cannot read the sRGB ICC profile " + path);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string raw = bytes.str();
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::string packed(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                  static_cast<uLong>(raw.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
        throw InternalError("cannot compress the sRGB ICC profile");
    packed.resize(size);
    return done.emplace(path, std::move(packed)).first->second;
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

    const std::string& profile = icc_profile_deflated(icc_path);
    PdfObject* stream = doc.GetObjects().CreateObject();
    stream->GetDictionary().AddKey("N", PdfVariant(static_cast<pdf_int64>(3)));
    PdfMemoryInputStream raw(profile.data(), static_cast<pdf_long>(profile.size()));
    stream->GetStream()->SetRawData(&raw);
    stream->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
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
