// libxlsxwriter 1.1.4 always writes <calcPr calcId="124519" fullCalcOnLoad="1"/>: Excel
// then recalculates on opening and asks to save a file nobody changed. Every formula
// here carries its computed value, so the workbook is rewritten to trust them, with
// minizip (Debian's, which `check` already reads workbooks with): xl/workbook.xml is
// read, its calcPr replaced and written again; every other entry is copied as it is
// stored (raw), with its own date, so the result is as deterministic as the input.
#include "render/xlsx/calc_props.hpp"

#include <unzip.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "core/diag.hpp"

namespace bp::xlsx {
namespace {

[[noreturn]] void fail(const std::string& why) { throw InternalError("Excel writer: rewriting calcPr: " + why); }

// The current entry of `in`, raw (still compressed) or inflated, read straight into a
// string of the size the zip's directory gives (a 64 KB buffer per entry, zeroed for
// each of the workbook's hundred entries, cost more than the copying).
std::string read_entry(unzFile in, const unz_file_info64& info, bool raw, int* method, int* level) {
    if (unzOpenCurrentFile2(in, method, level, raw ? 1 : 0) != UNZ_OK) fail("cannot open an entry");
    std::string data(static_cast<size_t>(raw ? info.compressed_size : info.uncompressed_size), '\0');
    size_t got = 0;
    for (int n; got < data.size() &&
                (n = unzReadCurrentFile(in, data.data() + got, static_cast<unsigned>(std::min<size_t>(data.size() - got, 1u << 30)))) > 0;)
        got += static_cast<size_t>(n);
    if (got != data.size() || unzCloseCurrentFile(in) != UNZ_OK) fail("an entry does not read back whole");
    return data;
}

}  // namespace

void trust_cached_values(const std::string& path) {
    const std::string out_path = path + ".calc";
    unzFile in = unzOpen64(path.c_str());
    if (!in) fail("cannot open " + path);
    zipFile out = zipOpen64(out_path.c_str(), APPEND_STATUS_CREATE);
    if (!out) {
        unzClose(in);
        fail("cannot create " + out_path);
    }
    bool found = false;
    for (int r = unzGoToFirstFile(in); r == UNZ_OK; r = unzGoToNextFile(in)) {
        char name[512];
        unz_file_info64 info;
        if (unzGetCurrentFileInfo64(in, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) fail("bad entry");
        zip_fileinfo zi{};
        zi.dosDate = info.dosDate;
        zi.internal_fa = info.internal_fa;
        zi.external_fa = info.external_fa;
        int method = 0, level = 0;
        if (std::string(name) != "xl/workbook.xml") {
            const std::string raw = read_entry(in, info, true, &method, &level);
            if (zipOpenNewFileInZip2(out, name, &zi, nullptr, 0, nullptr, 0, nullptr, method, level, 1) != ZIP_OK ||
                zipWriteInFileInZip(out, raw.data(), static_cast<unsigned>(raw.size())) != ZIP_OK ||
                zipCloseFileInZipRaw(out, static_cast<uLong>(info.uncompressed_size), info.crc) != ZIP_OK)
                fail(std::string("cannot copy ") + name);
            continue;
        }
        std::string xml = read_entry(in, info, false, &method, &level);
        const std::string from = "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/>";
        const size_t at = xml.find(from);
        if (at == std::string::npos) fail("no calcPr as libxlsxwriter 1.1.4 writes it");
        // 191029: Excel 2019 and 365's calculation engine, so that they keep the values.
        xml.replace(at, from.size(), "<calcPr calcId=\"191029\"/>");
        if (zipOpenNewFileInZip(out, name, &zi, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION) != ZIP_OK ||
            zipWriteInFileInZip(out, xml.data(), static_cast<unsigned>(xml.size())) != ZIP_OK || zipCloseFileInZip(out) != ZIP_OK)
            fail("cannot write xl/workbook.xml");
        found = true;
    }
    unzClose(in);
    if (zipClose(out, nullptr) != ZIP_OK) fail("cannot finish " + out_path);
    if (!found) fail("no xl/workbook.xml");
    std::error_code ec;
    std::filesystem::rename(out_path, path, ec);
    if (ec) fail("cannot replace " + path + ": " + ec.message());
}

}  // namespace bp::xlsx
