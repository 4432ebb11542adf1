#include "publish/manifest.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace bp::publish {

using nlohmann::ordered_json;

const ReportEntry* Manifest::find(const std::string& report) const {
    for (const auto& r : reports)
        if (r.report == report) return &r;
    return nullptr;
}

void Manifest::put(ReportEntry e) {
    for (auto& r : reports)
        if (r.report == e.report) {
            r = std::move(e);
            return;
        }
    reports.push_back(std::move(e));
}

namespace {

ordered_json files(const std::vector<FileHash>& fs) {
    ordered_json a = ordered_json::array();
    for (const auto& f : fs) a.push_back({{"path", f.path}, {"sha256", f.sha256}});
    return a;
}

std::vector<FileHash> files_of(const ordered_json& a) {
    std::vector<FileHash> out;
    for (const auto& f : a) out.push_back({f.at("path").get<std::string>(), f.at("sha256").get<std::string>()});
    return out;
}

}  // namespace

std::string to_json(const Manifest& m) {
    std::vector<ReportEntry> sorted = m.reports;
    std::sort(sorted.begin(), sorted.end(), [](const ReportEntry& a, const ReportEntry& b) { return a.report < b.report; });
    ordered_json j;
    j["boardpack"] = m.boardpack;
    j["reports"] = ordered_json::array();
    for (const auto& r : sorted)
        j["reports"].push_back({{"report", r.report},
                                {"id", r.id},
                                {"status", r.status},
                                {"errors", r.errors},
                                {"warnings", r.warnings},
                                {"warning_messages", r.warning_messages},
                                {"fingerprint", r.fingerprint},
                                {"inputs", files(r.inputs)},
                                {"outputs", files(r.outputs)}});
    return j.dump(2) + "\n";
}

std::optional<Manifest> read_manifest(const std::string& path, std::string* why) {
    std::ifstream in(path);
    if (!in) {
        if (why) *why = "no manifest at " + path;
        return std::nullopt;
    }
    try {
        const ordered_json j = ordered_json::parse(in);
        Manifest m;
        m.boardpack = j.at("boardpack").get<std::string>();
        for (const auto& r : j.at("reports")) {
            ReportEntry e;
            e.report = r.at("report").get<std::string>();
            e.id = r.at("id").get<std::string>();
            e.status = r.at("status").get<std::string>();
            e.errors = r.at("errors").get<size_t>();
            e.warnings = r.at("warnings").get<size_t>();
            if (r.contains("warning_messages")) e.warning_messages = r.at("warning_messages").get<std::vector<std::string>>();
            e.fingerprint = r.at("fingerprint").get<std::string>();
            e.inputs = files_of(r.at("inputs"));
            e.outputs = files_of(r.at("outputs"));
            m.reports.push_back(std::move(e));
        }
        return m;
    } catch (const std::exception& e) {
        if (why) *why = path + " is not a boardpack manifest: " + e.what();
        return std::nullopt;
    }
}

Manifest merge(const std::vector<Manifest>& parts) {
    Manifest out;
    for (const auto& p : parts) {
        if (out.boardpack.empty()) out.boardpack = p.boardpack;
        for (const auto& r : p.reports) out.put(r);
    }
    return out;
}

}  // namespace bp::publish
