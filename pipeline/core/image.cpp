#include "core/image.hpp"

#include <png.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "core/sha256.hpp"

namespace bp {

namespace {

ImageRead refused(std::string why) { return ImageRead{nullptr, std::move(why)}; }

ImageRead read_png(const std::string& bytes) {
    png_image img;
    std::memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, bytes.data(), bytes.size()))
        return refused(std::string("is not a PNG image libpng can read (") + img.message + ")");
    if (static_cast<unsigned long long>(img.width) * img.height > kMaxImagePixels) {
        png_image_free(&img);
        return refused("is " + std::to_string(img.width) + " x " + std::to_string(img.height) +
                       " pixels, more than boardpack embeds (" + std::to_string(kMaxImagePixels / 1'000'000) +
                       " million); scale it down");
    }
    const bool grey = (img.format & PNG_FORMAT_FLAG_COLOR) == 0;
    img.format = grey ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
    auto out = std::make_shared<Image>();
    out->format = Image::Format::png;
    out->width = img.width;
    out->height = img.height;
    out->components = grey ? 1 : 3;
    out->pixels.assign(PNG_IMAGE_SIZE(img), '\0');
    png_color white{255, 255, 255};  // what transparent parts become: the page
    if (!png_image_finish_read(&img, &white, out->pixels.data(), 0, nullptr))
        return refused(std::string("is a corrupt PNG image (") + img.message + ")");
    return ImageRead{out, ""};
}

unsigned be16(const std::string& s, size_t at) {
    return (static_cast<unsigned char>(s[at]) << 8) | static_cast<unsigned char>(s[at + 1]);
}

// The frame header is all a PDF needs besides the bytes: size and components. The
// scan data is not decoded here; a file cut short is refused by its missing end marker.
ImageRead read_jpeg(const std::string& bytes) {
    size_t i = 2;
    while (i + 4 <= bytes.size()) {
        if (static_cast<unsigned char>(bytes[i]) != 0xFF) return refused("is a corrupt JPEG image (no marker where one belongs)");
        const unsigned marker = static_cast<unsigned char>(bytes[i + 1]);
        if (marker == 0xFF) { ++i; continue; }  // fill byte
        const unsigned length = be16(bytes, i + 2);
        if (length < 2 || i + 2 + length > bytes.size()) return refused("is a corrupt JPEG image (a segment runs past the end)");
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame) {
            if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2)
                return refused("is a JPEG image of a kind PDF readers may not show (lossless, hierarchical or arithmetic "
                               "coded); save it as a baseline or progressive JPEG or as a PNG");
            if (length < 8) return refused("is a corrupt JPEG image (a short frame header)");
            const unsigned precision = static_cast<unsigned char>(bytes[i + 4]);
            auto out = std::make_shared<Image>();
            out->format = Image::Format::jpeg;
            out->height = be16(bytes, i + 5);
            out->width = be16(bytes, i + 7);
            out->components = static_cast<unsigned char>(bytes[i + 9]);
            if (precision != 8) return refused("is a " + std::to_string(precision) + "-bit JPEG image; save it with 8 bits");
            if (out->components == 4) return refused("is a CMYK JPEG image; save it as RGB");
            if (out->components != 1 && out->components != 3) return refused("is a corrupt JPEG image (its colour components)");
            if (out->width == 0 || out->height == 0) return refused("is a corrupt JPEG image (no width or height)");
            if (static_cast<unsigned long long>(out->width) * out->height > kMaxImagePixels)
                return refused("is " + std::to_string(out->width) + " x " + std::to_string(out->height) +
                               " pixels, more than boardpack embeds; scale it down");
            size_t end = bytes.size();
            while (end > 0 && (bytes[end - 1] == '\0' || bytes[end - 1] == '\n')) --end;  // padding some tools add
            if (end < 2 || static_cast<unsigned char>(bytes[end - 2]) != 0xFF || static_cast<unsigned char>(bytes[end - 1]) != 0xD9)
                return refused("is a JPEG image cut short (no end-of-image marker)");
            return ImageRead{out, ""};
        }
        if (marker == 0xDA) break;  // scan data before any frame header
        i += 2 + length;
    }
    return refused("is a corrupt JPEG image (no frame header)");
}

}  // namespace

ImageRead read_image(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return refused("cannot be read");
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string bytes = buf.str();
    static std::map<std::string, std::pair<std::string, ImageRead>> memo;  // path -> (bytes, result)
    if (auto it = memo.find(path); it != memo.end() && it->second.first == bytes) return it->second.second;
    static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    ImageRead r;
    if (bytes.size() >= 8 && std::memcmp(bytes.data(), png_magic, 8) == 0) r = read_png(bytes);
    else if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8)
        r = read_jpeg(bytes);
    else r = refused("is not a PNG or JPEG image");
    if (r.image) {  // made above, not yet shared
        auto& img = *std::const_pointer_cast<Image>(r.image);
        img.sha256 = sha256_hex(bytes);
        img.file = bytes;
    }
    // Kept while they are few: a batch that shows many large photographs must not hold
    // them all (16 million pixels are 48 MB decoded).
    static size_t kept_bytes = 0;
    const size_t size = bytes.size() + (r.image ? r.image->pixels.size() : 0);
    if (kept_bytes + size > (64u << 20)) {
        memo.clear();
        kept_bytes = 0;
    }
    memo[path] = {bytes, r};
    kept_bytes += size;
    return r;
}

}  // namespace bp
