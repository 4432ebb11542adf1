// Diagnostics are values. Each carries the source position it is about until the CLI
// prints it as `file:line:col: error: message`, the form editors and CI understand.
#pragma once
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace bp {

struct SourcePos {
    std::shared_ptr<const std::string> file;  // shared: thousands of values, one path
    int line = 0;                             // 1-based; 0 means "the whole file"
    int col = 0;                              // 1-based
    // "file:line:col"; a finding about the whole file is at 1:1, so that every
    // diagnostic has the form editors' and CI's error parsers expect.
    std::string str() const;
    bool known() const { return file != nullptr; }
};

enum class Severity { warning, error };

struct Diagnostic {
    Severity severity;
    SourcePos pos;
    std::string message;
    std::string str() const;  // "file:line:col: error: message"
};

class Diagnostics {
public:
    void error(const SourcePos& pos, std::string msg);
    void warning(const SourcePos& pos, std::string msg);
    void add(Diagnostic d);
    void append(const Diagnostics& other);

    const std::vector<Diagnostic>& items() const { return items_; }
    size_t error_count() const;
    size_t warning_count() const;
    bool has_errors() const { return error_count() > 0; }

    // Stable, position-ordered listing: same input, same text.
    std::vector<Diagnostic> sorted() const;

private:
    std::vector<Diagnostic> items_;
    std::set<std::string> seen_;
};

// Thrown only for failures that are not the input's fault (I/O, library errors).
struct InternalError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace bp
