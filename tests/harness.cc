#include "harness.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace e2e {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

bool exists(const std::string& path) { return fs::exists(path); }

Result run(const std::string& command) {
  TempDir tmp;
  std::string full = "cd " + quote(source_dir()) + " && { " + command + "; } >" +
                     quote(tmp / "out") + " 2>" + quote(tmp / "err") + " </dev/null";
  int raw = std::system(full.c_str());
  Result r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(tmp / "out");
  r.err = read_file(tmp / "err");
  return r;
}

bool have_tool(const std::string& name) {
  return run("command -v " + quote(name) + " >/dev/null").status == 0;
}

std::vector<std::string> list_files(const std::string& dir) {
  std::vector<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> list_all(const std::string& dir) {
  std::vector<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    out.push_back(fs::relative(e.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string job_spec(const std::string& name, const std::string& ns, int replicas) {
  return "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: " + name +
         (ns.empty() ? "" : ", namespace: " + ns) + "}\nspec: {image: a/b, command: [python], worker: {replicas: " +
         std::to_string(replicas) + "}}\n";
}

std::string mpijobc() { return MPIJOBC_BINARY; }
std::string source_dir() { return MPIJOBC_SOURCE_DIR; }

std::string upstream_dir() {
  if (const char* env = std::getenv("MPIJOBC_UPSTREAM")) return env;
  return source_dir() + "/../shared/upstream";
}

std::vector<std::string> samples() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(source_dir() + "/samples"))
    if (e.path().extension() == ".yaml") out.push_back("samples/" + e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

void skip(const std::string& why) {
  std::cout << "SKIPPED: " << why << std::endl;
  std::exit(77);
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "mpijobc-e2e-XXXXXX").string();
  path_ = ::mkdtemp(tmpl.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace e2e
