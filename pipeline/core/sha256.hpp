// SHA-256 of a file or of bytes, as lowercase hex: what the About sheet and the
// manifest record of every input. OpenSSL's libcrypto does the hashing.
#pragma once
#include <string>

namespace bp {

std::string sha256_hex(const std::string& bytes);
// Throws InternalError when the file cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace bp
