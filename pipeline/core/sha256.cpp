#include "core/sha256.hpp"

#include <openssl/evp.h>

#include <fstream>

#include "core/diag.hpp"

namespace bp {

namespace {

// The SHA-256 implementation, fetched from OpenSSL's provider once per process:
// EVP_sha256() makes EVP_DigestInit look it up again on every call, which was half of
// OpenSSL's share of a report (issue 18). Never freed: it lives as long as the process.
const EVP_MD* sha256_md() {
    static const EVP_MD* md = [] {
        EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        if (!m) throw InternalError("OpenSSL has no SHA-256");
        return m;
    }();
    return md;
}

std::string to_hex(const unsigned char* digest, unsigned int len) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * len);
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

}  // namespace

std::string sha256_hex(const std::string& bytes) {
    Sha256 h;
    h.update(bytes.data(), bytes.size());
    return h.hex();
}

std::string sha256_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InternalError("cannot read " + path);
    Sha256 h;
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        h.update(buf, static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) throw InternalError("cannot read " + path);
    return h.hex();
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_, sha256_md(), nullptr) != 1) {
        EVP_MD_CTX_free(ctx_);
        throw InternalError("SHA-256 failed");
    }
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

void Sha256::update(const char* data, size_t size) {
    if (size > 0 && EVP_DigestUpdate(ctx_, data, size) != 1) throw InternalError("SHA-256 failed");
}

std::string Sha256::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx_, digest, &len) != 1) throw InternalError("SHA-256 failed");
    return to_hex(digest, len);
}

}  // namespace bp
