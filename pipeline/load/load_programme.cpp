#include "load/load_programme.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "core/confine.hpp"
#include "load/loaders.hpp"
#include "movement/figures_file.hpp"

namespace fs = std::filesystem;

namespace bp::load {

namespace {

Programme read_spec(const std::string& report_path, Diagnostics& diags) {
    Programme prog;
    Ctx ctx{std::make_shared<const std::string>(report_path), &diags};
    YAML::Node root = parse_file(report_path, ctx);
    prog.input_files.push_back(report_path);
    if (!root.IsDefined()) return prog;
    prog.spec = load_report_spec(ctx, root);
    // A report named without a folder ("report.yaml") is in the current one.
    const fs::path dir = fs::path(report_path).has_parent_path() ? fs::path(report_path).parent_path() : fs::path(".");
    prog.spec.dir = dir.string();
    const bool named = !prog.spec.id.value.empty();
    if (!named) {
        // The folder names the report: inputs/<id>/report.yaml renders to outputs/<id>.*
        // ("." is the current folder: its own name, not "").
        fs::path folder = fs::absolute(dir).lexically_normal();
        if (folder.filename().empty()) folder = folder.parent_path();
        prog.spec.id = Text{folder.filename().empty() ? "report" : folder.filename().string(), prog.spec.pos};
    }
    // The id names files in the output folder: it is checked before anything is written.
    if (auto why = output_name_problem(prog.spec.id.value); !why.empty())
        diags.error(prog.spec.id.pos, "the report's id '" + prog.spec.id.value + "' " + why +
                                          (named ? "" : "; it comes from the folder's name, so give the report an 'id:'"));
    // Only files the confinement rule lets it read (core/confine.hpp); load_programme
    // says what is wrong with the others.
    for (const Text& name : prog.spec.data_files)
        if (auto f = confined_file(dir.string(), name.value); f.path) prog.input_files.push_back(fs::path(*f.path).lexically_normal().string());
    return prog;
}

// The previous report's figures file, confined like a data file: read, and checked to
// be of the report the spec says (this one, unless it names another), and earlier.
// Where the previous figures file is, when it may be read (nullopt: absent or refused).
std::optional<std::string> previous_path(const ReportSpec& spec) {
    if (!spec.previous.given()) return std::nullopt;
    if (spec.previous.from_command_line) {
        std::error_code ec;
        if (!fs::exists(spec.previous.figures.value, ec)) return std::nullopt;
        return spec.previous.figures.value;
    }
    const ConfinedFile f = confined_file(spec.dir, spec.previous.figures.value, movement::kMaxFiguresBytes);
    if (!f.path) return std::nullopt;
    return fs::path(*f.path).lexically_normal().string();
}

std::shared_ptr<const PreviousReport> read_previous(const ReportSpec& spec, Diagnostics& diags) {
    const Text& name = spec.previous.figures;
    if (spec.previous.from_command_line && !previous_path(spec)) {
        // A report new this month has no figures in last month's folder.
        diags.warning(spec.pos, "no previous figures for report '" + spec.id.value + "' (--previous: looked for " +
                                    name.value + "); nothing is compared with a previous report");
        return nullptr;
    }
    const ConfinedFile file = spec.previous.from_command_line ? ConfinedFile{name.value, ""}
                                                              : confined_file(spec.dir, name.value, movement::kMaxFiguresBytes);
    if (!file.problem.empty()) {
        diags.error(name.pos, "previous figures file '" + name.value + "' " + file.problem);
        return nullptr;
    }
    if (!file.path) {
        diags.error(name.pos, "previous figures file '" + name.value + "' does not exist (looked for " +
                                  (fs::path(spec.dir) / name.value).lexically_normal().string() +
                                  "); name the <id>.figures.json that boardpack build wrote for the last report");
        return nullptr;
    }
    auto read = movement::read_figures_file(fs::path(*file.path).lexically_normal().string(), diags);
    if (!read) return nullptr;
    const std::string& want = spec.previous.report.value.empty() ? spec.id.value : spec.previous.report.value;
    if (read->id != want) {
        const SourcePos at = spec.previous.report.value.empty() ? name.pos : spec.previous.report.pos;
        diags.error(at, "previous figures file '" + name.value + "' is of report '" + read->id + "', not of " +
                            (spec.previous.report.value.empty() ? "this report, '" + want + "'"
                                                                : "'" + want + "', the report 'previous' names") +
                            (spec.previous.report.value.empty() && !spec.previous.from_command_line
                                 ? "; if that is the report this one follows, say so: previous: {figures: " + name.value +
                                       ", report: " + read->id + "}"
                                 : ""));
        return nullptr;
    }
    // Dates as ISO text compare as dates. A previous report of the same date (a
    // re-issued paper) is allowed; one after this report is not a previous one.
    if (!read->date.empty() && spec.meeting_date.year > 0 && read->date > spec.meeting_date.iso()) {
        diags.error(name.pos, "previous figures file '" + name.value + "' is of the report for " + read->date +
                                  ", after this report's meeting (" + spec.meeting_date.iso() + ")");
        return nullptr;
    }
    auto prev = std::make_shared<PreviousReport>();
    prev->file = std::move(*read);
    prev->named_at = name.pos;
    prev->index();
    return prev;
}

// A batch worker reads each spec twice: for its fingerprint, then to render it. The
// last spec read is kept, by path and exact bytes, so its YAML is parsed only once.
struct SpecMemo {
    std::string path, bytes;
    Programme prog;
    Diagnostics diags;
};

}  // namespace

// `build --previous DIR`: DIR/<id>.figures.json in place of the spec's previous:.
void previous_from(const std::string& previous_dir, Programme& prog) {
    if (previous_dir.empty()) return;
    PreviousSpec& p = prog.spec.previous;
    const std::string path = (fs::path(previous_dir) / (prog.spec.id.value + ".figures.json")).string();
    p.figures = Text{path, SourcePos{std::make_shared<const std::string>(path), 1, 1}};
    p.report = Text{};
    p.from_command_line = true;
}

Programme load_spec(const std::string& report_path, Diagnostics& diags, const std::string& previous_dir) {
    static std::optional<SpecMemo> memo;
    if (auto problem = readable_file_problem(report_path); !problem.empty()) {
        Programme empty;
        diags.error(SourcePos{std::make_shared<const std::string>(report_path), 0, 0}, "the report spec " + problem);
        empty.input_files.push_back(report_path);
        return empty;
    }
    std::ifstream in(report_path, std::ios::binary);
    std::stringstream bytes;
    if (in) bytes << in.rdbuf();
    Programme prog;
    if (in && memo && memo->path == report_path && memo->bytes == bytes.str()) {
        diags.append(memo->diags);
        prog = memo->prog;
    } else {
        SpecMemo fresh{report_path, bytes.str(), {}, {}};
        fresh.prog = read_spec(report_path, fresh.diags);
        diags.append(fresh.diags);
        if (in) memo = fresh;
        prog = std::move(fresh.prog);
    }
    previous_from(previous_dir, prog);
    if (auto path = previous_path(prog.spec)) prog.input_files.push_back(*path);
    return prog;
}

Programme load_programme(const std::string& report_path, Diagnostics& diags, const std::string& previous_dir) {
    Programme prog = load_spec(report_path, diags, previous_dir);
    if (diags.has_errors() && prog.spec.data_files.empty()) return prog;
    const fs::path dir = prog.spec.dir;
    prog.input_files = {report_path};  // from here, the files actually read

    // Which file each top-level part came from, so that a part given twice is reported.
    std::map<std::string, SourcePos> seen;
    for (const Text& name : prog.spec.data_files) {
        const std::string path = (dir / name.value).lexically_normal().string();
        Ctx dctx{std::make_shared<const std::string>(path), &diags};
        const ConfinedFile file = confined_file(dir.string(), name.value);
        if (!file.problem.empty()) {
            diags.error(name.pos, "data file '" + name.value + "' " + file.problem);
            continue;
        }
        if (!file.path) {
            diags.error(name.pos, "data file '" + name.value + "' does not exist (looked for " + path + ")");
            continue;
        }
        prog.input_files.push_back(path);
        YAML::Node data = parse_file(path, dctx);
        if (!data.IsDefined()) continue;
        Obj o(dctx, data, "data_file");
        if (!data.IsMap()) continue;
        for (const auto& kv : data) {
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
            // Any data file may declare tables and checks; they add up.
            if (key == "tables") {
                for (auto& t : load_tables(dctx, kv.second)) prog.tables.push_back(std::move(t));
                continue;
            }
            if (key == "claims") {
                for (auto& c : load_claims(dctx, kv.second)) prog.claims.push_back(std::move(c));
                continue;
            }
            if (key == "checks") {
                for (auto& c : load_checks(dctx, kv.second)) prog.checks.push_back(std::move(c));
                continue;
            }
            auto [it, fresh] = seen.emplace(key, dctx.pos(kv.first));
            if (!fresh) {
                if (it->second.file != dctx.pos(kv.first).file)  // same-file duplicates: Obj said so
                    dctx.error(kv.first, "'" + key + "' is already given in " + it->second.str());
                continue;
            }
            const YAML::Node& v = kv.second;
            if (key == "mtfs") prog.mtfs = load_mtfs(dctx, v);
            else if (key == "outstanding_savings") prog.outstanding_savings = load_outstanding_savings(dctx, v);
            else if (key == "figures") prog.facts = load_facts(dctx, v);
            else if (key == "differences") prog.differences = load_differences(dctx, v);
            else if (key == "brfc") prog.brfc = load_brfc(dctx, v);
            else if (key == "pilots") prog.pilots = load_pilots(dctx, v);
            else if (key == "cohorts") prog.cohorts = load_cohorts(dctx, v);
        }
    }
    if (prog.spec.previous.given()) {
        prog.previous = read_previous(prog.spec, diags);
        if (prog.previous) prog.input_files.push_back(*previous_path(prog.spec));
    }
    return prog;
}

}  // namespace bp::load
