// The workbook's calculation properties: keep the cached value of every formula.
#pragma once
#include <string>

namespace bp::xlsx {

// Rewrites the workbook at `path` (as libxlsxwriter 1.1.4 wrote it) so that Excel
// keeps the cached formula values instead of recalculating on open. Throws
// InternalError when the file is not what libxlsxwriter writes.
void trust_cached_values(const std::string& path);

}  // namespace bp::xlsx
