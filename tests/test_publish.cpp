// Outputs reach their names whole and are hashed as they are written: the PDF goes
// straight to a temporary file through AtomicOutput (never held whole in memory), and
// the hash it returns is what the manifest records.
#include <catch2/catch.hpp>

#include <ostream>

#include "compose/compose.hpp"
#include "core/sha256.hpp"
#include "load/load_programme.hpp"
#include "publish/publish.hpp"
#include "render/pdf/pdf_writer.hpp"
#include "support.hpp"

using namespace bp;
using namespace bp::test;

namespace {

size_t files_in(const std::string& dir) {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST_CASE("SHA-256 in pieces is SHA-256 of the whole", "[publish][sha256]") {
    // FIPS 180-2's own example.
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    std::string big;
    for (int i = 0; i < 200000; ++i) big += static_cast<char>('a' + i % 26);
    Sha256 h;
    for (size_t at = 0; at < big.size(); at += 777) h.update(big.data() + at, std::min<size_t>(777, big.size() - at));
    CHECK(h.hex() == sha256_hex(big));
}

TEST_CASE("an output written through AtomicOutput appears whole, with its hash", "[publish]") {
    Scratch s;
    const std::string target = s.write("out/report.pdf", "last month's");
    std::string bytes;
    for (int i = 0; i < 100000; ++i) bytes += "line " + std::to_string(i) + "\n";  // past the 64 KB buffer, many times
    publish::AtomicOutput file(target);
    std::ostream out(&file);
    out << bytes.substr(0, 5);
    out.write(bytes.data() + 5, static_cast<std::streamsize>(bytes.size() - 5));
    CHECK(slurp(target) == "last month's");  // nothing renamed before the commit
    CHECK(files_in(s.path("out")) == 2);     // the target and the temporary file beside it
    const std::string hash = file.commit();
    CHECK(slurp(target) == bytes);
    CHECK(hash == sha256_hex(bytes));
    CHECK(files_in(s.path("out")) == 1);
}

TEST_CASE("an output abandoned before its commit leaves the old file and no temporary", "[publish]") {
    Scratch s;
    const std::string target = s.write("out/report.pdf", "last month's");
    {
        publish::AtomicOutput file(target);
        std::ostream out(&file);
        out << std::string(200000, 'x');
        // a render that throws here: file goes out of scope uncommitted
    }
    CHECK(slurp(target) == "last month's");
    CHECK(files_in(s.path("out")) == 1);
}

TEST_CASE("the PDF written to a stream is byte for byte the PDF in memory", "[publish][pdf]") {
    Diagnostics diags;
    const std::string report = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/report.yaml";
    Programme prog = load::load_programme(report, diags);
    REQUIRE_FALSE(diags.has_errors());
    auto d = compose_programme(prog, compose::Options{templates_root()}, diags);
    REQUIRE(d);
    const auto in_memory = pdf::render_pdf(*d, pdf::FontPaths::defaults(), diags);
    REQUIRE(in_memory);
    Scratch s;
    publish::AtomicOutput file(s.path("r.pdf"));
    std::ostream out(&file);
    REQUIRE(pdf::render_pdf(*d, pdf::FontPaths::defaults(), diags, out));
    CHECK(file.commit() == sha256_hex(*in_memory));
    CHECK(slurp(s.path("r.pdf")) == *in_memory);
}

TEST_CASE("the manifest's output hashes are those of the files as written", "[publish][batch]") {
    Scratch s;
    const std::string out = s.path("out");
    const auto r = run_boardpack("build inputs/children-families-part2/report.yaml --quiet --out " + out);
    REQUIRE(r.status == 0);
    const std::string manifest = slurp(out + "/manifest.json");
    for (const char* name : {"children-families-part2.pdf", "children-families-part2.html", "children-families-part2.xlsx"}) {
        INFO(name);
        CHECK(manifest.find(sha256_file(out + "/" + name)) != std::string::npos);
    }
}
