// A report that never finishes, for tests: loaded with LD_PRELOAD, it makes opening any
// file whose path holds "SLOW-REPORT" sleep for a minute first, as a report stuck on a
// slow network share would. Everything else opens as usual.
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace {
template <typename Fn>
Fn real(const char* name) {
    return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}
void maybe_stall(const char* path) {
    if (path && std::strstr(path, "SLOW-REPORT")) ::sleep(60);
}
}  // namespace

extern "C" FILE* fopen(const char* path, const char* mode) {
    maybe_stall(path);
    return real<FILE* (*)(const char*, const char*)>("fopen")(path, mode);
}

extern "C" FILE* fopen64(const char* path, const char* mode) {
    maybe_stall(path);
    return real<FILE* (*)(const char*, const char*)>("fopen64")(path, mode);
}

extern "C" int open(const char* path, int flags, ...) {
    maybe_stall(path);
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = static_cast<mode_t>(va_arg(ap, int));
    va_end(ap);
    return real<int (*)(const char*, int, ...)>("open")(path, flags, mode);
}

extern "C" int open64(const char* path, int flags, ...) {
    maybe_stall(path);
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = static_cast<mode_t>(va_arg(ap, int));
    va_end(ap);
    return real<int (*)(const char*, int, ...)>("open64")(path, flags, mode);
}
