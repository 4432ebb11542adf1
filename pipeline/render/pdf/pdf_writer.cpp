#include "render/pdf/pdf_writer.hpp"

#include <podofo/podofo.h>
#include <zlib.h>

#include <functional>
#include <map>
#include <memory>
#include <ostream>

#include "render/pdf/content_stream.hpp"
#include "render/pdf/fonts.hpp"
#include "render/pdf/layout.hpp"
#include "render/pdf/tagging.hpp"

namespace bp::pdf {

using namespace PoDoFo;

FontPaths FontPaths::defaults() { return FontPaths{BOARDPACK_FONT_REGULAR, BOARDPACK_FONT_BOLD, BOARDPACK_SRGB_ICC}; }

namespace {

// PoDoFo 0.9.8 reads a plain char* as PdfDocEncoding; UTF-8 must be said to be UTF-8.
PdfString U(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

// "2019-11-20" -> "D:20191120000000Z": a literal, never the wall clock or local time.
std::string pdf_date(const std::string& iso) {
    std::string digits;
    for (char c : iso) if (c != '-') digits += c;
    return "D:" + digits + "000000Z";
}

// Page content is compressed here at zlib level 3 rather than by PoDoFo at its fixed
// level 6: on the bundled example, 2.9 ms instead of 6.9 ms for streams a quarter
// larger (7 KB more on a 265 KB file). Text of glyph IDs compresses well either way.
std::string deflate(const std::string& in) {
    uLongf size = compressBound(static_cast<uLong>(in.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(in.data()),
                  static_cast<uLong>(in.size()), 3) != Z_OK)
        throw InternalError("cannot compress a page's content");
    out.resize(size);
    return out;
}

// An image XObject, once per document however many pages draw it. A PNG's samples are
// compressed here (laid on white when read, so no soft mask); a JPEG's bytes are
// embedded as they are, for the reader to decode.
PdfObject* image_object(PdfMemDocument& doc, const Image& img) {
    PdfObject* o = doc.GetObjects().CreateObject("XObject");
    PdfDictionary& d = o->GetDictionary();
    d.AddKey("Subtype", PdfName("Image"));
    d.AddKey("Width", PdfVariant(static_cast<pdf_int64>(img.width)));
    d.AddKey("Height", PdfVariant(static_cast<pdf_int64>(img.height)));
    d.AddKey("ColorSpace", PdfName(img.components == 1 ? "DeviceGray" : "DeviceRGB"));
    d.AddKey("BitsPerComponent", PdfVariant(static_cast<pdf_int64>(8)));
    const bool jpeg = img.format == Image::Format::jpeg;
    const std::string packed = jpeg ? img.file : deflate(img.pixels);
    PdfMemoryInputStream raw(packed.data(), static_cast<pdf_long>(packed.size()));
    o->GetStream()->SetRawData(&raw);
    d.AddKey("Filter", PdfName(jpeg ? "DCTDecode" : "FlateDecode"));
    return o;
}

// The page's fonts and images under the names ContentStream uses, and its content, compressed.
void finish_page(PdfPage* page, const ContentStream& content, const FontSet& fonts, const std::vector<PdfObject*>& images) {
    PdfDictionary used;
    for (bool bold : {false, true})
        if (content.used_font(bold)) used.AddKey(bold ? "F2" : "F1", fonts.font(bold)->GetObject()->Reference());
    if (used.GetSize() > 0) page->GetResources()->GetDictionary().AddKey("Font", used);
    PdfDictionary xobjects;
    for (int i : content.images_used()) xobjects.AddKey(PdfName("Im" + std::to_string(i)), images[static_cast<size_t>(i)]->Reference());
    if (xobjects.GetSize() > 0) page->GetResources()->GetDictionary().AddKey("XObject", xobjects);
    const std::string packed = deflate(content.str());
    PdfMemoryInputStream raw(packed.data(), static_cast<pdf_long>(packed.size()));
    PdfObject* stream = page->GetContents();
    stream->GetStream()->SetRawData(&raw);
    stream->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
}

// Every item open, as PDF/A wants it said: /Count on the outline dictionary (all items)
// and on each item with children (its descendants). PoDoFo writes none. Returns the
// number of items under `item`.
int count_outline(PdfOutlineItem* item) {
    int n = 0;
    for (PdfOutlineItem* c = item->First(); c; c = c->Next()) n += 1 + count_outline(c);
    if (n > 0) item->GetObject()->GetDictionary().AddKey("Count", PdfVariant(static_cast<pdf_int64>(n)));
    return n;
}

void add_outline(PdfMemDocument& doc, const std::string& title, const Layout& layout, const std::vector<std::unique_ptr<PdfPage>>& pages) {
    PdfOutlineItem* root = doc.GetOutlines()->CreateRoot(U(title));
    // last[k]: the most recent item at depth k (0 = root), to hang children and siblings on.
    std::map<int, PdfOutlineItem*> last{{0, root}};
    for (const Bookmark& b : layout.bookmarks) {
        const int level = b.level;
        PdfDestination dest(pages[b.page].get(), 0, b.y + 4, 0);
        int parent = level - 1;
        while (parent > 0 && !last.count(parent)) --parent;
        PdfOutlineItem* item = nullptr;
        if (last.count(level) && last.count(parent) && last[level]->GetParentOutline() == last[parent])
            item = last[level]->CreateNext(U(b.title), dest);
        else
            item = last[parent]->CreateChild(U(b.title), dest);
        last[level] = item;
        for (auto it = last.upper_bound(level); it != last.end();) it = last.erase(it);
    }
    count_outline(doc.GetOutlines());
}

// Builds the whole document and hands it to `write`; false (nothing written) when
// layout found errors.
bool render(const doc::Document& d, const FontPaths& font_paths, Diagnostics& diags,
            const std::function<void(PdfMemDocument&)>& write) {
    PdfError::EnableLogging(false);
    try {
        PdfMemDocument doc;
        doc.SetPdfVersion(ePdfVersion_1_7);  // PoDoFo's default is 1.3
        // PDF/A wants an end-of-line after "N 0 obj" (ISO 19005-2 6.1.9); PoDoFo's
        // default compact mode writes "N 0 obj<<", its clean mode the line end.
        doc.SetWriteMode(ePdfWriteMode_Clean);
        // The house style's font, else the one boardpack was built with.
        const bool own_font = !d.look.font_regular.empty();
        FontSet fonts(doc, own_font ? d.look.font_regular : font_paths.regular, own_font ? d.look.font_bold : font_paths.bold,
                      d.look.font_family);
        const PageGeometry geometry = PageGeometry::of(d.look);
        const size_t errors_before = diags.error_count();
        Layout layout = layout_document(d, fonts, geometry, diags);
        if (diags.error_count() > errors_before) return false;

        std::vector<PdfObject*> images;
        for (const auto& img : layout.images) images.push_back(image_object(doc, *img));
        ContentTagger tagger(layout);
        // Pages are made here and put in the page tree together at the end: PoDoFo's
        // CreatePage walks the tree's Kids and copies the whole array to add one page,
        // which made a 2,500-page table quadratic (11% of its time). The objects come in
        // the same order as CreatePage's, each page then its content stream.
        std::vector<std::unique_ptr<PdfPage>> pages;
        for (size_t i = 0; i < layout.pages.size(); ++i) {
            const PageGeometry g = layout.pages[i].landscape ? geometry.turned() : geometry;
            pages.push_back(std::make_unique<PdfPage>(PdfRect(0, 0, g.width, g.height), &doc.GetObjects()));
            PdfPage* page = pages.back().get();
            ContentStream content(fonts);
            tagger.begin_page(i);
            for (const Op& o : layout.pages[i].ops) {
                tagger.before(content, o);
                content.paint(o);
            }
            tagger.end_page(content);
            finish_page(page, content, fonts, images);
            std::vector<Op>().swap(layout.pages[i].ops);  // painted: a long table's pages need not all stay
        }
        std::vector<PdfObject*> page_objects;
        for (const auto& p : pages) page_objects.push_back(p->GetObject());
        if (!page_objects.empty()) doc.GetPagesTree()->InsertPages(-1, page_objects);  // after none: the first
        fonts.register_used_glyphs();
        for (const Link& l : layout.links) {
            PdfAnnotation* a = pages[l.page]->CreateAnnotation(ePdfAnnotation_Link, PdfRect(l.x, l.y, l.w, l.h));
            a->SetDestination(PdfDestination(pages[l.target_page].get(), 0, l.target_y + 4, 0));
            a->SetBorderStyle(0, 0, 0);  // else viewers draw a box round the words
            a->SetFlags(ePdfAnnotationFlags_Print);  // PDF/A: an annotation is printed as it is shown
            a->SetContents(U("Go to " + l.target));
            a->GetObject()->GetDictionary().RemoveKey("M");  // the wall clock: never in the output
            tagger.add_annotation(l.node, a->GetObject());
        }
        tagger.write_structure(doc, page_objects);
        add_outline(doc, d.title, layout, pages);

        PdfInfo* info = doc.GetInfo();
        info->SetTitle(U(d.title));
        info->SetAuthor(U(d.author));
        info->SetSubject(U(d.subject));
        info->SetKeywords(U(d.keywords));
        info->SetCreator(U("boardpack"));
        info->SetProducer(U("boardpack with PoDoFo 0.9.8"));
        // PdfInfo stamps "now"; the report's own date keeps the bytes reproducible.
        const std::string date = pdf_date(d.date_iso);
        info->GetObject()->GetDictionary().AddKey("CreationDate", PdfString(date));
        info->GetObject()->GetDictionary().AddKey("ModDate", PdfString(date));
        doc.SetLanguage("en-GB");
        doc.SetDisplayDocTitle();
        write_archival_metadata(doc, d, font_paths.srgb_icc);
        write(doc);
        return true;
    } catch (const PdfError& e) {
        throw InternalError(std::string("PDF writer failed: ") + PdfError::ErrorMessage(e.GetError()));
    }
}

}  // namespace

std::optional<std::string> render_pdf(const doc::Document& d, const FontPaths& font_paths, Diagnostics& diags) {
    std::string bytes;
    const bool ok = render(d, font_paths, diags, [&](PdfMemDocument& doc) {
        PdfRefCountedBuffer buffer;
        PdfOutputDevice device(&buffer);
        doc.Write(&device);
        bytes.assign(buffer.GetBuffer(), device.Tell());
    });
    if (!ok) return std::nullopt;
    return bytes;
}

bool render_pdf(const doc::Document& d, const FontPaths& font_paths, Diagnostics& diags, std::ostream& out) {
    return render(d, font_paths, diags, [&](PdfMemDocument& doc) {
        PdfOutputDevice device(&out);
        doc.Write(&device);
        out.flush();  // a write that failed is the stream's to report (AtomicOutput::commit says why)
    });
}

}  // namespace bp::pdf
