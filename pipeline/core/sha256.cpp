#include "core/sha256.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <sstream>

#include "core/diag.hpp"

namespace bp {

std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1)
        throw InternalError("SHA-256 failed");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

std::string sha256_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InternalError("cannot read " + path);
    std::stringstream s;
    s << in.rdbuf();
    return sha256_hex(s.str());
}

}  // namespace bp
