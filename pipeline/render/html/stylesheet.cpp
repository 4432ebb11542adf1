// The edition's CSS. Screen: one readable column (about 70 characters), tables that
// scroll inside their own region when wider than a phone. Print: A4 pages with the
// house style's margins and footer (page numbers from CSS counters), table headers
// repeated on each page, rows and figures never split.
#include "render/html/html_writer.hpp"
#include "render/html/markup.hpp"

#include <algorithm>

namespace bp::html {

namespace {

// A CSS string literal.
std::string css_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') { out += "\\a "; continue; }
        out += c;
    }
    return out + "\"";
}

// A footer text as the content of a page-margin box: {{page}} and {{pages}} become
// the print counters.
std::string margin_content(const std::string& text) {
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t page = text.find("{{page}}", pos), pages = text.find("{{pages}}", pos);
        const size_t at = std::min(page, pages);
        if (at == std::string::npos) {
            out += (out.empty() ? "" : " ") + css_string(text.substr(pos));
            break;
        }
        if (at > pos) out += (out.empty() ? "" : " ") + css_string(text.substr(pos, at - pos));
        out += std::string(out.empty() ? "" : " ") + (at == pages ? "counter(pages)" : "counter(page)");
        pos = at + (at == pages ? 9 : 8);
    }
    return out.empty() ? "none" : out;
}

std::string mm(double pt) { return coord(pt * 25.4 / 72) + "mm"; }

}  // namespace

std::string stylesheet(const doc::Look& look) {
    std::string css;
    css += ":root{--accent:" + hex(look.accent) + ";--table-header:" + hex(look.table_header) + "}\n";
    css += "html{font-family:'" + escape(look.font_family) +
           "',Arial,Helvetica,sans-serif;font-size:100%;line-height:1.5;color:#0b0c0c;background:#fff;"
           "-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
           "body{margin:0}\n"
           ".skip-link{position:absolute;left:.5rem;top:-3rem;padding:.5rem .75rem;background:#ffdd00;color:#0b0c0c;z-index:1}\n"
           ".skip-link:focus{top:.5rem}\n"
           "header.masthead,main,footer.page-foot{max-width:48rem;margin:0 auto;padding:0 1rem}\n"
           "header.masthead{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:1rem;"
           "padding-top:1rem;padding-bottom:.5rem;border-bottom:4px solid var(--accent)}\n"
           "header.masthead img{max-height:4rem;width:auto}\n"
           ".organisation{margin:0;font-weight:bold}\n"
           "h1,h2,h3{color:var(--accent);line-height:1.25;margin:1.75rem 0 .75rem}\n"
           "h1{font-size:1.75rem}h1 .line{display:block}h1 .line+.line{margin-top:.25rem}\n"
           "h2{font-size:1.375rem}h3{font-size:1.125rem}\n"
           "p{margin:0 0 .75rem}\n"
           "p.numbered{position:relative;padding-left:2.75rem}\n"
           ".para-num{position:absolute;left:0}\n"
           "ol.items,ul.bullets{margin:0 0 .75rem;padding-left:2rem}\n"
           "ol.items.under-number,ul.bullets.under-number{padding-left:4.75rem}\n"
           "li{margin-bottom:.35rem}\n"
           "a{color:#1d70b8;text-decoration:underline;text-underline-offset:.15em}\n"
           "a:visited{color:#4c2c92}\n"
           "a:focus{outline:3px solid #ffdd00;background:#ffdd00;color:#0b0c0c;text-decoration:none}\n"
           "nav.contents ol{list-style:none;padding-left:0}\n"
           ".table-wrap{overflow-x:auto;margin:1.25rem 0 .5rem;max-width:100%}\n"
           ".table-wrap:focus{outline:3px solid #ffdd00}\n"
           "table{border-collapse:collapse;font-size:.875rem;font-variant-numeric:tabular-nums lining-nums;min-width:100%}\n"
           "caption{text-align:left;font-weight:bold;font-size:1rem;padding-bottom:.5rem;color:#0b0c0c}\n"
           "th,td{padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
           "th{font-weight:normal}\n"
           "thead th,thead td{background:var(--table-header);font-weight:bold;border-bottom:1px solid #333}\n"
           ".num{text-align:right;white-space:nowrap}\n"
           "tbody tr{border-bottom:1px solid #d8d8d8}\n"
           "tr.section th{font-weight:bold;padding-top:.6rem}\n"
           "tr.total th,tr.total td{font-weight:bold;border-top:2px solid #333}\n"
           ".strong{font-weight:bold}\n"
           ".source-note{color:#505a5f;font-size:.875rem}\n"
           "figure{margin:1.5rem 0}\n"
           "figcaption{font-weight:bold;margin-bottom:.5rem}\n"
           ".chart-wrap{overflow-x:auto}\n"
           ".chart-wrap:focus{outline:3px solid #ffdd00}\n"
           "figure svg{display:block;width:100%;min-width:32rem;height:auto}\n"
           ".picture img{max-width:100%;height:auto}\n"
           "footer.page-foot{margin-top:2.5rem;padding-top:.75rem;padding-bottom:2rem;border-top:1px solid #b1b4b6;"
           "color:#505a5f;font-size:.875rem}\n";
    css += "@media print{\n";
    css += "@page{size:" + mm(look.page_width) + " " + mm(look.page_height) + ";margin:" + mm(look.margin_top) + " " +
           mm(look.margin_right) + " " + mm(look.margin_bottom) + " " + mm(look.margin_left) + ";\n";
    css += "@bottom-left{content:" + margin_content(look.footer_left) + ";font-size:8.5pt;color:#595959}\n";
    css += "@bottom-right{content:" + margin_content(look.footer_right) + ";font-size:8.5pt;color:#595959}}\n";
    css += "html{font-size:10.5pt}\n"
           "header.masthead,main,footer.page-foot{max-width:none;padding:0}\n"
           ".skip-link,footer.page-foot{display:none}\n"
           "a,a:visited{color:inherit;text-decoration:none}\n"
           ".table-wrap,.chart-wrap{overflow:visible}\n"
           "figure svg{min-width:0}\n"
           "thead{display:table-header-group}\n"
           "tr,figure,.picture{break-inside:avoid}\n"
           "h1,h2,h3,caption,figcaption{break-after:avoid}\n"
           ".page-break{break-after:page}\n"
           "}\n";
    return css;
}

}  // namespace bp::html
