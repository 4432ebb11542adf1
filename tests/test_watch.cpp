// `boardpack watch`, driven as an author drives it: the real binary in the background,
// files saved as editors save them, Ctrl-C at the end. The browser side of --serve is
// tests/watch_serve.js.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "support.hpp"

using namespace bp::test;

namespace {

// A running `boardpack watch`, its stderr in a file.
class Watching {
public:
    Watching(const Scratch& s, const std::vector<std::string>& args) : log_(s.path("watch.log")) {
        std::vector<std::string> argv{BOARDPACK_EXE, "watch"};
        argv.insert(argv.end(), args.begin(), args.end());
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            std::vector<char*> c;
            for (auto& a : argv) c.push_back(a.data());
            c.push_back(nullptr);
            ::execv(c[0], c.data());
            ::_exit(127);
        }
    }
    ~Watching() {
        if (pid_ > 0 && !stopped_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    std::string log() const { return slurp(log_); }
    // Waits (at most 20 s, for a loaded CI machine) until `text` has been printed
    // `times` times in all.
    bool printed(const std::string& text, size_t times = 1) const {
        for (int i = 0; i < 2000; ++i) {
            const std::string l = log();
            size_t n = 0;
            for (size_t at = l.find(text); at != std::string::npos; at = l.find(text, at + 1)) ++n;
            if (n >= times) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }
    // Ctrl-C: the exit status, or -1 if it did not exit within 20 s.
    int interrupt() {
        ::kill(pid_, SIGINT);
        for (int i = 0; i < 2000; ++i) {
            int st = 0;
            if (::waitpid(pid_, &st, WNOHANG) == pid_) {
                stopped_ = true;
                return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return -1;
    }

private:
    std::string log_;
    pid_t pid_ = -1;
    bool stopped_ = false;
};

// Saves as many editors do: the new text to a temporary file, renamed over the old.
void save_by_rename(const std::string& path, const std::string& text) {
    const std::string temp = path + ".swp";
    std::ofstream(temp, std::ios::binary) << text;
    REQUIRE(std::rename(temp.c_str(), path.c_str()) == 0);
}

std::string programme(const Scratch& s) {
    const fs::path src = fs::path(BOARDPACK_SOURCE_DIR) / "inputs/children-families-part2";
    const fs::path dst = s.dir() / "prog";
    fs::create_directories(dst);
    for (const char* f : {"report.yaml", "mtfs.yaml", "brfc.yaml", "pilots.yaml", "cohorts.yaml"}) fs::copy(src / f, dst / f);
    fs::copy(src / "templates", dst / "templates");
    return (dst / "report.yaml").string();
}

}  // namespace

TEST_CASE("watch renders on save, keeps the last good outputs through errors, and stops cleanly", "[watch]") {
    Scratch s;
    const std::string report = programme(s);
    const std::string out = s.path("out");
    Watching w(s, {report, "--out", out, "--templates", templates_root()});
    REQUIRE(w.printed("watching for changes"));
    INFO(w.log());
    REQUIRE(fs::exists(out + "/prog.html"));
    CHECK(slurp(out + "/prog.html").find("A sentence saved a moment ago.") == std::string::npos);

    // A template saved by renaming a new file over it: a new inode, seen all the same.
    const std::string tpl = s.path("prog/templates/background.mustache");
    save_by_rename(tpl, "A sentence saved a moment ago.\n\n" + slurp(tpl));
    REQUIRE(w.printed("watching for changes", 2));
    CHECK(w.log().find("background.mustache changed") != std::string::npos);
    CHECK(slurp(out + "/prog.html").find("A sentence saved a moment ago.") != std::string::npos);
    CHECK(capture("pdftotext '" + out + "/prog.pdf' - | tr '\\n' ' '").find("A sentence saved a moment ago.") != std::string::npos);

    // A save with an error: said at its file:line:col, and the outputs stay as they were.
    const auto good = std::make_pair(slurp(out + "/prog.pdf"), slurp(out + "/prog.html"));
    const std::string data = s.path("prog/brfc.yaml");
    const std::string fine = slurp(data);
    std::ofstream(data, std::ios::binary) << fine << "\nbrfc: [unclosed\n";
    REQUIRE(w.printed("watching for changes", 3));
    CHECK(w.log().find("brfc.yaml:") != std::string::npos);
    CHECK(w.log().find("'prog' has errors, so its last good outputs stay in " + out) != std::string::npos);
    CHECK(slurp(out + "/prog.pdf") == good.first);
    CHECK(slurp(out + "/prog.html") == good.second);

    // Fixed: rendered again.
    std::ofstream(data, std::ios::binary) << fine;
    REQUIRE(w.printed("watching for changes", 4));
    CHECK(w.log().rfind("0 failed") > w.log().rfind("has errors"));

    // A template deleted: said so, and when it comes back it is rendered again.
    const std::string risks = s.path("prog/templates/risks.mustache");
    const std::string risks_text = slurp(risks);
    fs::remove(risks);
    REQUIRE(w.printed("watching for changes", 5));
    CHECK(w.log().find(risks + " was deleted; watching for it to come back") != std::string::npos);
    CHECK(w.log().find("no template named 'risks'") != std::string::npos);
    std::ofstream(risks, std::ios::binary) << risks_text;
    REQUIRE(w.printed("watching for changes", 6));
    CHECK(w.log().find("risks.mustache appeared") != std::string::npos);

    // Its own outputs being written start no render: still six after a pause.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::string log = w.log();
    size_t renders = 0;
    for (size_t at = log.find("watching for changes"); at != std::string::npos; at = log.find("watching for changes", at + 1)) ++renders;
    CHECK(renders == 6);

    CHECK(w.interrupt() == 0);
    CHECK(w.log().find("boardpack watch: stopped") != std::string::npos);
    CHECK(w.log().find("\033[") == std::string::npos);  // not a terminal: no screen control
    for (const auto& e : fs::directory_iterator(out)) CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("watch --serve on a port in use is an error, exit 2", "[watch]") {
    Scratch s;
    const std::string report = programme(s);
    Watching first(s, {report, "--out", s.path("out"), "--templates", templates_root(), "--serve", "0"});
    REQUIRE(first.printed("watching for changes"));
    const std::string log = first.log();
    const size_t at = log.find("http://127.0.0.1:");
    REQUIRE(at != std::string::npos);
    const std::string port = log.substr(at + 17, log.find('/', at + 17) - at - 17);
    // timeout: were the port shared, the second would serve on it, not exit.
    const Run second = run_boardpack("watch '" + report + "' --out '" + s.path("out2") + "' --serve " + port, "timeout 20");
    CHECK(second.status == 2);
    CHECK(second.out.find("cannot listen on 127.0.0.1:" + port + ": the port is in use") != std::string::npos);
    CHECK_FALSE(fs::exists(s.path("out2/prog.pdf")));  // nothing built before the error
    CHECK(first.interrupt() == 0);
}

TEST_CASE("watch --serve needs a port it can use", "[watch]") {
    const Run r = run_boardpack("watch --serve 70000");
    CHECK(r.status == 1);
    CHECK(r.out.find("--serve needs a port from 0 to 65535, got '70000'") != std::string::npos);
}

TEST_CASE("on a terminal, watch shows one screen per render", "[watch]") {
    Scratch s;
    const std::string report = programme(s);
    // script(1) gives it a terminal; a save two seconds in makes a second render, and
    // SIGINT ends it ("watc[h]": the pattern must not match the shell's own command).
    const std::string tpl = s.path("prog/templates/risks.mustache");
    // Braces: without them `&` would put the cd in the background too, and script(1)
    // would run in the test's own folder.
    const std::string cmd = "cd '" + s.dir().string() + "' && { (sleep 2; echo 'Saved.' >> '" + tpl + "'; sleep 2; pkill -INT -f 'boardpack watc[h] " +
                            report + "') & timeout 30 script -qfec \"'" + std::string(BOARDPACK_EXE) + "' watch " + report +
                            " --out out --templates " + templates_root() + "\" /dev/null; }";
    const std::string out = capture(cmd);
    INFO(out);
    // Each render starts by clearing the screen.
    size_t clears = 0;
    for (size_t at = out.find("\033[2J\033[H"); at != std::string::npos; at = out.find("\033[2J\033[H", at + 1)) ++clears;
    CHECK(clears == 2);
    CHECK(out.find("risks.mustache changed") != std::string::npos);
    CHECK(out.find("boardpack watch: stopped") != std::string::npos);
    CHECK(fs::exists(s.path("out/prog.pdf")));  // in the scratch folder, nowhere else
}
