// SHA-256 of a file or of bytes, as lowercase hex: what the About sheet and the
// manifest record of every input and output. OpenSSL's libcrypto does the hashing.
#pragma once
#include <cstddef>
#include <string>

struct evp_md_ctx_st;

namespace bp {

std::string sha256_hex(const std::string& bytes);
// Throws InternalError when the file cannot be read.
std::string sha256_file(const std::string& path);

// Bytes hashed as they pass, for an output hashed while it is written rather than
// read back from disk afterwards.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(const char* data, size_t size);
    std::string hex();  // once, at the end

private:
    evp_md_ctx_st* ctx_;
};

}  // namespace bp
