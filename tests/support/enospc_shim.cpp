// A full disk, for tests: loaded with LD_PRELOAD, it lets files whose path holds ".tmp."
// (boardpack's temporary outputs) take BOARDPACK_TEST_FREE_BYTES bytes in all, then
// fails every further write to them with ENOSPC, as a full filesystem would.
#include <dlfcn.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

namespace {
std::set<FILE*>& watched() {
    static std::set<FILE*> files;
    return files;
}
long long& left() {
    static long long bytes = [] {
        const char* v = std::getenv("BOARDPACK_TEST_FREE_BYTES");
        return v ? std::atoll(v) : -1;
    }();
    return bytes;
}
template <typename Fn>
Fn real(const char* name) {
    return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}
FILE* watch(FILE* f, const char* path, const char* mode) {
    if (f && path && std::strstr(path, ".tmp.") && (std::strchr(mode, 'w') || std::strchr(mode, 'a'))) watched().insert(f);
    return f;
}
}  // namespace

extern "C" FILE* fopen(const char* path, const char* mode) {
    return watch(real<FILE* (*)(const char*, const char*)>("fopen")(path, mode), path, mode);
}

extern "C" FILE* fopen64(const char* path, const char* mode) {
    return watch(real<FILE* (*)(const char*, const char*)>("fopen64")(path, mode), path, mode);
}

extern "C" size_t fwrite(const void* data, size_t size, size_t n, FILE* f) {
    static auto next = real<size_t (*)(const void*, size_t, size_t, FILE*)>("fwrite");
    if (left() >= 0 && watched().count(f)) {
        const long long want = static_cast<long long>(size * n);
        if (want > left()) {
            left() = 0;
            errno = ENOSPC;
            return 0;
        }
        left() -= want;
    }
    return next(data, size, n, f);
}

extern "C" int fclose(FILE* f) {
    watched().erase(f);
    return real<int (*)(FILE*)>("fclose")(f);
}
