// The tagged PDF: structure, reading order, artifacts and metadata, read back with the
// same tools a reviewer would use (pdfinfo, qpdf).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <sstream>

#include "support.hpp"

namespace {

std::string run(const std::string& cmd) { return bp::test::capture(cmd); }

const std::string kPdf = std::string(BOARDPACK_SOURCE_DIR) + "/outputs/children-families-part2.pdf";

// poppler takes seconds to extract the text of every structure element; read it once.
const std::string& structure() {
    static const std::string tree = run("pdfinfo -struct-text '" + kPdf + "'");
    return tree;
}

size_t count(const std::string& hay, const std::string& needle) {
    size_t n = 0;
    for (size_t i = hay.find(needle); i != std::string::npos; i = hay.find(needle, i + needle.size())) ++n;
    return n;
}

}  // namespace

TEST_CASE("the tagged structure: types, heading levels, reading order, artifacts", "[pdf][tagged]") {
    // One case, several sections: poppler needs seconds for -struct-text, read once.
    SECTION("every structure type the paper uses") {
    CHECK(run("pdfinfo '" + kPdf + "'").find("Tagged:          yes") != std::string::npos);
    const std::string& tree = structure();
    REQUIRE(tree.rfind("Document", 0) == 0);
    for (const char* type : {"\n  H1 ", "\n  H2 ", "\n  H3 ", "\n  P ", "\n  L ", "\n    LI ", "\n      Lbl ",
                             "\n      LBody ", "\n  Table ", "\n    Caption", "\n    TR", "\n      TH", "\n      TD",
                             "\n  Figure", "\n  Caption"})
        CHECK(tree.find(type) != std::string::npos);
    CHECK(tree.find("/Scope /Column") != std::string::npos);
    CHECK(tree.find("/Scope /Row") != std::string::npos);
    CHECK(tree.find("/BBox") != std::string::npos);
    }
    SECTION("headings never skip a level") {
    std::istringstream tree(structure());
    int previous = 0, seen = 0;
    const std::regex heading("^  H([1-6]) ");
    for (std::string line; std::getline(tree, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, heading)) continue;
        const int level = std::stoi(m[1]);
        INFO("heading " << seen << ": " << line);
        CHECK(level <= previous + 1);
        previous = level;
        ++seen;
    }
    CHECK(seen > 10);
    }
    SECTION("the text in reading order, without page furniture") {
    const std::string& tree = structure();
    const size_t rec = tree.find("That Cabinet endorse the Staffordshire model and the required investment of £8.1m, note the impact");
    const size_t para = tree.find("\"1. Between 2016 and 2019 Cabinet received papers");
    const size_t cell = tree.find("\"Family Group Conferencing\"");
    REQUIRE(rec != std::string::npos);
    REQUIRE(para != std::string::npos);
    REQUIRE(cell != std::string::npos);
    CHECK(rec < para);
    CHECK(para < cell);
    // Words on either side of a line break stay apart.
    CHECK(tree.find("confident, independent adults") != std::string::npos);
    // Footers are artifacts: outside the structure.
    CHECK(tree.find("Page 1 of") == std::string::npos);
    CHECK(run("pdftotext '" + kPdf + "' -").find("Page 1 of") != std::string::npos);
    }
}

namespace {

std::string base64_decode(const std::string& in) {
    static const std::string abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int n = 0;
    for (char c : in) {
        const size_t v = abc.find(c);
        if (v == std::string::npos) continue;  // '=' padding
        bits = (bits << 6) | static_cast<unsigned>(v);
        n += 6;
        if (n >= 8) {
            n -= 8;
            out += static_cast<char>((bits >> n) & 0xFF);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("every marked-content ID is claimed by one structure element, and the ParentTree agrees", "[pdf][tagged]") {
    // The whole file as qpdf's JSON, streams decoded: a reader's view, not ours.
    const nlohmann::json objects = nlohmann::json::parse(
        run("qpdf --json --json-key=qpdf --json-stream-data=inline --decode-level=generalized '" + kPdf + "' -"))["qpdf"][1];
    auto dict = [&](const std::string& ref) -> const nlohmann::json& {
        const auto& o = objects.at("obj:" + ref);
        return o.contains("value") ? o["value"] : o["stream"]["dict"];
    };
    // What the pages' content marks: page object -> its MCIDs, in order.
    std::map<std::string, std::vector<int>> marked;
    std::map<std::string, int> struct_parents;
    const std::regex mcid("<</MCID ([0-9]+)>> BDC");
    for (const auto& [key, o] : objects.items()) {
        if (!o.contains("value") || !o["value"].is_object() || o["value"].value("/Type", "") != "/Page") continue;
        const std::string page = key.substr(4);
        struct_parents[page] = o["value"].at("/StructParents");
        const std::string content = base64_decode(objects.at("obj:" + o["value"]["/Contents"].get<std::string>())["stream"]["data"]);
        for (std::sregex_iterator it(content.begin(), content.end(), mcid), end; it != end; ++it)
            marked[page].push_back(std::stoi((*it)[1]));
    }
    REQUIRE(marked.size() > 10);
    // What the structure elements claim: (page, MCID) -> element, from bare MCIDs (on
    // the element's /Pg) and from MCR dictionaries.
    std::map<std::pair<std::string, int>, std::vector<std::string>> claims;
    for (const auto& [key, o] : objects.items()) {
        if (!o.contains("value") || !o["value"].is_object() || o["value"].value("/Type", "") != "/StructElem") continue;
        const auto& e = o["value"];
        if (!e.contains("/K")) continue;
        const nlohmann::json kids = e["/K"].is_array() ? e["/K"] : nlohmann::json::array({e["/K"]});
        for (const auto& k : kids) {
            if (k.is_number_integer()) claims[{e.at("/Pg").get<std::string>(), k.get<int>()}].push_back(key.substr(4));
            else if (k.is_object() && k.value("/Type", "") == "/MCR")
                claims[{k.at("/Pg").get<std::string>(), k.at("/MCID").get<int>()}].push_back(key.substr(4));
        }
    }
    const auto& root = dict(dict(objects.at("trailer")["value"]["/Root"]).at("/StructTreeRoot"));
    const auto& nums = root.at("/ParentTree").at("/Nums");
    std::map<int, nlohmann::json> parent_tree;
    for (size_t i = 0; i + 1 < nums.size(); i += 2) parent_tree[nums[i].get<int>()] = nums[i + 1];
    size_t total = 0;
    for (const auto& [page, ids] : marked) {
        const auto& owners = parent_tree.at(struct_parents.at(page));
        REQUIRE(owners.size() == ids.size());
        for (size_t i = 0; i < ids.size(); ++i) {
            INFO("page " << page << ", MCID " << ids[i]);
            CHECK(ids[i] == static_cast<int>(i));  // numbered from 0 in content order
            const auto& by = claims[{page, ids[i]}];
            REQUIRE(by.size() == 1);
            CHECK(owners[i] == by[0]);
            ++total;
        }
    }
    CHECK(total > 100);
    size_t claimed = 0;
    for (const auto& [where, by] : claims) claimed += by.size();
    CHECK(claimed == total);  // no element claims content that is not there

    const std::string qdf = run("qpdf --qdf --object-streams=disable '" + kPdf + "' -");
    CHECK(qdf.find("/StructParents 0") != std::string::npos);
    CHECK(qdf.find("/Marked true") != std::string::npos);
    CHECK(qdf.find("/Tabs /S") != std::string::npos);
    CHECK(qdf.find("/Lang (en-GB)") != std::string::npos);
    CHECK(qdf.find("/DisplayDocTitle true") != std::string::npos);
    CHECK(qdf.find("/Alt ") != std::string::npos);
    CHECK(qdf.find("/S /GTS_PDFA1") != std::string::npos);
}

TEST_CASE("the XMP identifies PDF/A-2B, the one claim a validator checks, and agrees with the Info dictionary", "[pdf][tagged]") {
    const std::string meta = run("pdfinfo -meta '" + kPdf + "'");
    CHECK(meta.find("pdfuaid") == std::string::npos);  // PDF/UA: no validator here, so no claim
    CHECK(meta.find("<pdfaid:part>2</pdfaid:part>") != std::string::npos);
    CHECK(meta.find("<pdfaid:conformance>B</pdfaid:conformance>") != std::string::npos);
    CHECK(meta.find("Children and Families System Transformation Part 2</rdf:li>") != std::string::npos);
    CHECK(meta.find("<xmp:CreateDate>2019-11-20T00:00:00Z</xmp:CreateDate>") != std::string::npos);
    const std::string info = run("pdfinfo '" + kPdf + "'");
    CHECK(info.find("CreationDate:    Wed Nov 20 00:00:00 2019 UTC") != std::string::npos);
}

TEST_CASE("references to tables, figures and appendices are tagged links to them", "[pdf][links]") {
    const std::string qdf = run("qpdf --qdf --object-streams=disable '" + kPdf + "' -");
    const size_t links = count(qdf, "/Subtype /Link");
    CHECK(links > 20);
    CHECK(count(qdf, "/Type /OBJR") == links);     // every annotation is in the structure
    CHECK(count(qdf, "/StructParent ") == links);  // with its ParentTree key
    CHECK(count(qdf, "/Contents (Go to ") + count(qdf, "/Contents <") >= links);
    CHECK(qdf.find("/M (") == std::string::npos);  // no wall-clock dates on annotations
}

TEST_CASE("the contents list gives the page each section starts on", "[pdf][contents]") {
    // The bundled example sets contents_after_pages: 10 and runs longer.
    const std::string text = run("pdftotext -layout -f 1 -l 1 '" + kPdf + "' -");
    REQUIRE(text.find("Contents") != std::string::npos);
    const std::regex entry("\\n(\\S.*?\\S)\\s{2,}([0-9]+)(?=\\n)");
    size_t checked = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), entry), end; it != end; ++it) {
        const std::string title = (*it)[1];
        const std::string page = (*it)[2];
        const std::string on_page = "\n" + run("pdftotext -f " + page + " -l " + page + " '" + kPdf + "' -");
        INFO(title << " on page " << page);
        CHECK(on_page.find("\n" + title.substr(0, 30)) != std::string::npos);
        ++checked;
    }
    CHECK(checked >= 12);
}
