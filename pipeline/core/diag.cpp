#include "core/diag.hpp"

#include <algorithm>
#include <stdexcept>

namespace bp {

std::string SourcePos::str() const {
    std::string s = file ? *file : std::string("<input>");
    s += line > 0 ? ":" + std::to_string(line) + ":" + std::to_string(std::max(col, 1)) : std::string(":1:1");
    return s;
}

std::string Diagnostic::str() const {
    return pos.str() + (severity == Severity::error ? ": error: " : ": warning: ") + message;
}

void Diagnostics::error(const SourcePos& pos, std::string msg) { add({Severity::error, pos, std::move(msg)}); }
void Diagnostics::warning(const SourcePos& pos, std::string msg) { add({Severity::warning, pos, std::move(msg)}); }

void Diagnostics::add(Diagnostic d) {
    // The same finding, from a template rendered twice say, is reported once.
    if (seen_.insert(d.str()).second) items_.push_back(std::move(d));
}
void Diagnostics::append(const Diagnostics& other) {
    for (const auto& d : other.items_) add(d);
}

size_t Diagnostics::error_count() const {
    return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::error;
    }));
}
size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        const std::string fa = a.pos.file ? *a.pos.file : "", fb = b.pos.file ? *b.pos.file : "";
        if (fa != fb) return fa < fb;
        if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
        return a.pos.col < b.pos.col;
    });
    return out;
}

}  // namespace bp
