// The floor under boardpack's start: a program that does nothing but link PoDoFo
// 0.9.8 as Debian builds it (which brings in fontconfig, FreeType, libtiff, libjpeg,
// libpng, libidn, OpenSSL and more) and makes one call into it. bench/run.sh times it
// beside `boardpack --version`.
#include <podofo/podofo.h>

int main() {
    PoDoFo::PdfError::EnableLogging(false);
    return 0;
}
