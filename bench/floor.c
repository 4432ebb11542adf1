/* The floor under boardpack's time for one report: a program that does nothing but
 * write a PDF and a zip (the workbook's container) with the same contents, at the
 * same zlib levels, as boardpack wrote them. No layout, no YAML, no font handling,
 * no XML: what is left is compression and writing, which no PDF or XLSX writer can
 * skip. bench/run.sh prints every figure beside this one.
 *
 *   floor extract REPORT.pdf REPORT.xlsx DIR   once: each compressed stream of the PDF
 *       (inflated, with the zlib level that reproduces its length) and each part of the
 *       workbook, into DIR; the PDF's other bytes as one file
 *   floor write DIR OUT                         timed: OUT.pdf and OUT.xlsx written again
 *   floor fault-cost                            the microseconds of one first touch of a
 *       fresh page on this machine (the median of 9 rounds of 64 MB), which sets the price
 *       of every page a report touches once
 *
 * C and zlib only (and minizip, which libxlsxwriter itself uses), so the floor is not
 * raised by anything C++ or boardpack adds. */
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <minizip/unzip.h>
#include <minizip/zip.h>

static char* slurp(const char* path, size_t* size) {
    FILE* f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char* b = malloc((size_t)n + 1);
    if (fread(b, 1, (size_t)n, f) != (size_t)n) { perror(path); exit(2); }
    fclose(f);
    *size = (size_t)n;
    return b;
}

static void spill(const char* path, const void* data, size_t size) {
    FILE* f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) { perror(path); exit(2); }
}

static size_t deflated_size(const unsigned char* in, size_t n, int level, unsigned char* out, size_t cap) {
    uLongf size = cap;
    if (compress2(out, &size, in, n, level) != Z_OK) return 0;
    return size;
}

static const char* find(const char* hay, size_t n, const char* needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; ++i)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0) return hay + i;
    return NULL;
}

static int extract(const char* pdf_path, const char* xlsx_path, const char* dir) {
    size_t n;
    char* pdf = slurp(pdf_path, &n);
    FILE* text = fopen(strcat(strcpy(malloc(strlen(dir) + 16), dir), "/pdf-text"), "wb");
    FILE* list = fopen(strcat(strcpy(malloc(strlen(dir) + 16), dir), "/pdf-streams"), "w");
    const char* at = pdf;
    int k = 0;
    for (;;) {
        const char* s = find(at, n - (size_t)(at - pdf), "stream\n");
        if (!s || (s > pdf && s[-1] == 'd')) {  /* "endstream\n": not a stream's start */
            if (!s) break;
            fwrite(at, 1, (size_t)(s + 7 - at), text);
            at = s + 7;
            continue;
        }
        const char* begin = s + 7;
        const char* end = find(begin, n - (size_t)(begin - pdf), "endstream");
        if (!end) break;
        fwrite(at, 1, (size_t)(begin - at), text);
        size_t len = (size_t)(end - begin);
        while (len > 0 && (begin[len - 1] == '\n' || begin[len - 1] == '\r')) --len;
        /* Inflate; a stream that is not zlib data (the XMP packet, a JPEG) is written raw. */
        uLongf cap = 64 * len + 1024;
        unsigned char* plain = malloc(cap);
        int level = -1;
        if (uncompress(plain, &cap, (const unsigned char*)begin, len) == Z_OK) {
            unsigned char* again = malloc(compressBound(cap));
            for (int l = 1; l <= 9 && level < 0; ++l)
                if (deflated_size(plain, cap, l, again, compressBound(cap)) == len) level = l;
            if (level < 0) level = 6;
            free(again);
        } else {
            memcpy(plain, begin, len);
            cap = len;
        }
        char name[4096];
        snprintf(name, sizeof name, "%s/pdf-%d", dir, k);
        spill(name, plain, cap);
        fprintf(list, "%d %d\n", k++, level);
        free(plain);
        at = end;
    }
    fwrite(at, 1, n - (size_t)(at - pdf), text);
    fclose(text);
    fclose(list);

    unzFile z = unzOpen(xlsx_path);
    if (!z) { fprintf(stderr, "%s: not a zip\n", xlsx_path); return 2; }
    FILE* parts = fopen(strcat(strcpy(malloc(strlen(dir) + 16), dir), "/xlsx-parts"), "w");
    int p = 0;
    for (int r = unzGoToFirstFile(z); r == UNZ_OK; r = unzGoToNextFile(z), ++p) {
        char entry[1024];
        unz_file_info info;
        unzGetCurrentFileInfo(z, &info, entry, sizeof entry, NULL, 0, NULL, 0);
        unsigned char* b = malloc(info.uncompressed_size + 1);
        unzOpenCurrentFile(z);
        int got = unzReadCurrentFile(z, b, (unsigned)info.uncompressed_size);
        unzCloseCurrentFile(z);
        char name[4096];
        snprintf(name, sizeof name, "%s/xlsx-%d", dir, p);
        spill(name, b, got > 0 ? (size_t)got : 0);
        fprintf(parts, "%d %s\n", p, entry);
        free(b);
    }
    unzClose(z);
    fclose(parts);
    return 0;
}

static int write_again(const char* dir, const char* out) {
    char name[4096];
    snprintf(name, sizeof name, "%s.pdf", out);
    FILE* pdf = fopen(name, "wb");
    snprintf(name, sizeof name, "%s/pdf-text", dir);
    size_t tn;
    char* text = slurp(name, &tn);
    snprintf(name, sizeof name, "%s/pdf-streams", dir);
    FILE* list = fopen(name, "r");
    /* The PDF's own bytes, with each stream compressed again where it stood. */
    const char* at = text;
    int k, level;
    while (fscanf(list, "%d %d", &k, &level) == 2) {
        const char* s = find(at, tn - (size_t)(at - text), "stream\n");
        while (s && s > text && s[-1] == 'd') s = find(s + 7, tn - (size_t)(s + 7 - text), "stream\n");
        if (!s) break;
        fwrite(at, 1, (size_t)(s + 7 - at), pdf);
        at = s + 7;
        snprintf(name, sizeof name, "%s/pdf-%d", dir, k);
        size_t pn;
        char* plain = slurp(name, &pn);
        if (level > 0) {
            uLongf cn = compressBound(pn);
            unsigned char* packed = malloc(cn);
            compress2(packed, &cn, (const unsigned char*)plain, pn, level);
            fwrite(packed, 1, cn, pdf);
            free(packed);
        } else {
            fwrite(plain, 1, pn, pdf);
        }
        free(plain);
    }
    fwrite(at, 1, tn - (size_t)(at - text), pdf);
    fclose(pdf);

    snprintf(name, sizeof name, "%s.xlsx", out);
    zipFile z = zipOpen(name, APPEND_STATUS_CREATE);
    snprintf(name, sizeof name, "%s/xlsx-parts", dir);
    FILE* parts = fopen(name, "r");
    char entry[1024];
    while (fscanf(parts, "%d %1023s", &k, entry) == 2) {
        snprintf(name, sizeof name, "%s/xlsx-%d", dir, k);
        size_t pn;
        char* b = slurp(name, &pn);
        zip_fileinfo zi;
        memset(&zi, 0, sizeof zi);
        zipOpenNewFileInZip(z, entry, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, Z_DEFAULT_COMPRESSION);
        zipWriteInFileInZip(z, b, (unsigned)pn);
        zipCloseFileInZip(z);
        free(b);
    }
    zipClose(z, NULL);
    return 0;
}

static int by_value(const void* a, const void* b) {
    double x = *(const double*)a, y = *(const double*)b;
    return (x > y) - (x < y);
}

static int fault_cost(void) {
    const size_t size = 64u << 20, page = 4096;
    double us[9];
    for (int r = 0; r < 9; ++r) {
        char* m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) { perror("mmap"); return 2; }
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (size_t i = 0; i < size; i += page) m[i] = 1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        us[r] = ((t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3) / (double)(size / page);
        munmap(m, size);
    }
    qsort(us, 9, sizeof us[0], by_value);
    printf("%.2f\n", us[4]);
    return 0;
}

int main(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "fault-cost") == 0) return fault_cost();
    if (argc == 5 && strcmp(argv[1], "extract") == 0) return extract(argv[2], argv[3], argv[4]);
    if (argc == 4 && strcmp(argv[1], "write") == 0) return write_again(argv[2], argv[3]);
    fprintf(stderr, "usage: floor extract REPORT.pdf REPORT.xlsx DIR | floor write DIR OUT | floor fault-cost\n");
    return 2;
}
