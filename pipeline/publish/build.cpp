#include "publish/build.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <memory>
#include <ostream>

#include "compose/compose.hpp"
#include "compute/figures.hpp"
#include "compute/tables.hpp"
#include "kinds/kinds.hpp"
#include "core/sha256.hpp"
#include "load/load_programme.hpp"
#include "publish/publish.hpp"
#include "render/figures/figures_json.hpp"
#include "render/figures/tables_csv.hpp"
#include "render/html/html_writer.hpp"
#include "render/pdf/pdf_writer.hpp"
#include "render/xlsx/xlsx_writer.hpp"
#include "validate/validate.hpp"

namespace fs = std::filesystem;

namespace bp {

Evaluated evaluate(const Programme& prog, Diagnostics& diags) { return evaluate(prog, prog.tables, diags); }

Evaluated evaluate(const Programme& prog, std::vector<DeclaredTable> data_tables, Diagnostics& diags) {
    const Figures figs = compute(prog);
    validate::check_stated(prog, figs, diags);
    // From here on, one table path: the kinds' tables and the data files' own,
    // evaluated together (a data file may refer to a kind's table).
    kinds::Declared declared = kinds::declare(prog, figs);
    std::vector<DeclaredTable> all = std::move(declared.tables);
    all.insert(all.end(), std::make_move_iterator(data_tables.begin()), std::make_move_iterator(data_tables.end()));
    for (const auto& spec : prog.spec.tables)
        if (!spec.row_labels.empty() || !spec.column_labels.empty())
            for (auto& t : all)
                if (t.id == spec.source.value) relabel(t, spec.row_labels, spec.column_labels, diags);
    // Rounding: the spec's entry for a table, else the table's own, else the spec's.
    auto policy = [](const Text& t) { return t.value == "displayed" ? DeclaredTable::Rounding::displayed : DeclaredTable::Rounding::exact; };
    for (auto& t : all) {
        if (!t.rounding_given && !prog.spec.rounding.value.empty()) t.rounding = policy(prog.spec.rounding);
        for (const auto& spec : prog.spec.tables)
            if (spec.source.value == t.id && !spec.rounding.value.empty()) t.rounding = policy(spec.rounding);
    }
    Evaluated out{evaluate_tables(std::move(all), std::move(declared.charts), diags, prog.previous.get()), std::move(declared.named)};
    validate::check_tables(out.tables, prog.checks, prog.facts, out.named, diags);
    validate::check_claims(out.tables, prog.claims, prog.facts, out.named, diags);
    if (prog.previous) validate::check_previous(out.tables, *prog.previous, diags);
    return out;
}

std::optional<doc::Document> compose_programme(const Programme& prog, const compose::Options& opts, Diagnostics& diags,
                                               TValue* names) {
    const Evaluated e = evaluate(prog, diags);
    return compose::compose(prog, e.tables, e.named, opts, diags, names);
}

ReportResult run_report(const std::string& report_path, const BuildOptions& opts) {
    ReportResult res;
    res.report = report_path;
    try {
        Programme prog = load::load_programme(report_path, res.diags, opts.previous_dir);
        res.id = prog.spec.id.value;
        if (res.diags.has_errors()) return res;
        validate::check_domain(prog, res.diags);
        if (res.diags.has_errors()) return res;
        // The data files' tables move into evaluation: nothing after it reads them, and a
        // 100,000-row table's copy was a quarter of a gigabyte.
        std::vector<DeclaredTable> data_tables = std::move(prog.tables);
        prog.tables.clear();
        std::optional<doc::Document> document;
        // Every output is complete, in a temporary file or in memory, before any is
        // renamed. The figures file is written while the evaluated tables are at hand;
        // the PDF goes straight to its temporary file, hashed on the way.
        std::error_code ec;
        bool made_dir = false;
        const std::string base = (fs::path(opts.out_dir) / prog.spec.id.value).string();
        std::unique_ptr<publish::AtomicOutput> figures_file;
        std::vector<std::unique_ptr<publish::AtomicOutput>> csv_files;  // --csv: a table each
        const std::string csv_dir = base + ".tables";
        std::vector<std::string> csv_paths;
        {
            const Evaluated evaluated = evaluate(prog, std::move(data_tables), res.diags);
            if (res.diags.has_errors()) return res;
            compose::Options copts{opts.templates_root};
            document = compose::compose(prog, evaluated.tables, evaluated.named, copts, res.diags);
            if (!document || res.diags.has_errors()) return res;
            if (!opts.render) {
                // validate: every check build makes, the layout's included (a character the
                // font cannot show), and nothing written.
                pdf::render_pdf(*document, pdf::FontPaths::defaults(), res.diags);
                return res;
            }
            document->generator = std::string("boardpack ") + BOARDPACK_VERSION;
            made_dir = fs::create_directories(opts.out_dir);
            figures_file = std::make_unique<publish::AtomicOutput>(base + ".figures.json");
            std::ostream figures_out(figures_file.get());
            figures::write_figures_json(prog, evaluated.tables, evaluated.named, *document, figures_out);
            if (opts.csv) {
                fs::create_directories(csv_dir);
                for (size_t t = 0; t < evaluated.tables.decls.size(); ++t) {
                    csv_paths.push_back((fs::path(csv_dir) / (evaluated.tables.decls[t].id + ".csv")).string());
                    csv_files.push_back(std::make_unique<publish::AtomicOutput>(csv_paths.back()));
                    std::ostream csv_out(csv_files.back().get());
                    figures::write_table_csv(evaluated.tables, t, csv_out);
                }
            }
        }  // the other writers read only the document: the evaluated tables go before they run
        for (auto& s : document->sources) {
            s.sha256 = sha256_file(s.path);
            res.inputs.push_back(InputHash{s.name, s.sha256});
        }
        const std::string xlsx_target = base + ".xlsx", xlsx_temp = publish::temp_path_for(xlsx_target);
        std::string pdf_hash, html_hash, xlsx_hash, figures_hash;
        std::vector<std::string> csv_hashes;
        bool rendered = false;
        try {
            publish::AtomicOutput pdf_file(base + ".pdf");
            std::ostream pdf_out(&pdf_file);
            rendered = pdf::render_pdf(*document, pdf::FontPaths::defaults(), res.diags, pdf_out);
            if (rendered) {  // else the temporary file goes with pdf_file
                const pdf::FontPaths fonts = pdf::FontPaths::defaults();
                std::string html_bytes;
                if (document->html) html_bytes = html::render_html(*document, html::Fonts{fonts.regular, fonts.bold});
                xlsx::render_xlsx(*document, xlsx_temp);
                // libxlsxwriter 1.1.4 writes only to a file: the workbook is the one output read back.
                xlsx_hash = sha256_file(xlsx_temp);
                pdf_hash = pdf_file.commit();
                if (document->html) {
                    publish::write_atomically(base + ".html", html_bytes);
                    html_hash = sha256_hex(html_bytes);
                }
                publish::commit(xlsx_temp, xlsx_target);
                figures_hash = figures_file->commit();
                for (auto& f : csv_files) csv_hashes.push_back(f->commit());
            }
        } catch (...) {
            std::remove(xlsx_temp.c_str());  // never leave half a workbook behind
            throw;
        }
        if (!rendered) {
            figures_file.reset();  // its temporary file goes with it
            csv_files.clear();
            if (made_dir) fs::remove(opts.out_dir, ec);  // only when empty: a new folder for nothing
            return res;
        }
        res.outputs = {base + ".pdf", xlsx_target, base + ".figures.json"};
        res.output_hashes = {pdf_hash, xlsx_hash, figures_hash};
        res.outputs.insert(res.outputs.end(), csv_paths.begin(), csv_paths.end());
        res.output_hashes.insert(res.output_hashes.end(), csv_hashes.begin(), csv_hashes.end());
        // A table's CSV from an earlier run, of a table gone or a run with --csv, must not
        // stay beside this run's figures.
        if (fs::is_directory(csv_dir, ec)) {
            std::vector<fs::path> stale;
            for (fs::directory_iterator it(csv_dir, ec), end; !ec && it != end; it.increment(ec))
                if (it->path().extension() == ".csv" &&
                    std::find(csv_paths.begin(), csv_paths.end(), it->path().string()) == csv_paths.end())
                    stale.push_back(it->path());
            for (const auto& p : stale) fs::remove(p, ec);
            if (!opts.csv) fs::remove(csv_dir, ec);  // only when empty
        }
        if (document->html) {
            res.outputs.insert(res.outputs.begin() + 1, base + ".html");
            res.output_hashes.insert(res.output_hashes.begin() + 1, html_hash);
        } else {
            // An edition the report no longer asks for must not stay beside the new ones
            // with last month's figures in it.
            fs::remove(base + ".html", ec);
        }
    } catch (const std::overflow_error& e) {
        // Input figures each fit, but a sum, product or scaling of them does not: the
        // input's fault, so an error of the report, not an internal one. (A declared
        // table's derivation says where; a kind's computation has no position to give.)
        res.diags.error(SourcePos{std::make_shared<const std::string>(report_path), 0, 0},
                        "a figure computed from this report's data is too large for exact arithmetic (" +
                            std::string(e.what()) + "); check for a value typed with too many digits");
    } catch (const std::exception& e) {
        res.failed_internally = true;
        res.internal_error = e.what();
    }
    return res;
}

}  // namespace bp
