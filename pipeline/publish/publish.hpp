// Stage 7, publish: outputs reach their final name only whole. Each is written to a
// temporary file beside its target and renamed into place, so a crash, a kill or a
// full disk leaves the previous output as it was.
#pragma once
#include <cstdio>
#include <streambuf>
#include <string>

#include "core/sha256.hpp"

namespace bp::publish {

// A temporary path in the target's folder (rename is atomic only within a filesystem).
std::string temp_path_for(const std::string& target);

// Writes bytes to a temporary file, flushes them to disk and renames it over target.
// Throws InternalError on any failure, leaving target untouched.
void write_atomically(const std::string& target, const std::string& bytes);

// Renames a finished temporary file over target (fsyncing it first).
void commit(const std::string& temp, const std::string& target);

// An output written straight into its temporary file and hashed on the way, for one
// that need not be held whole in memory first (a 100,000-row table's PDF is 110 MB).
// commit() renames it over the target and returns its SHA-256; destroyed without a
// commit (an exception), it removes the temporary file and the target is untouched.
class AtomicOutput : public std::streambuf {
public:
    explicit AtomicOutput(std::string target);
    ~AtomicOutput() override;
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;
    std::string commit();

private:
    int_type overflow(int_type c) override;
    int sync() override;
    void drain();  // the buffer, hashed and handed to the file

    std::string target_, temp_;
    std::FILE* file_ = nullptr;
    Sha256 hash_;
    char buffer_[1 << 16];
    int error_ = 0;  // errno of the first write that failed
};

}  // namespace bp::publish
