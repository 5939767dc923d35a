#include "frontend/documents.h"

#include <cerrno>
#include <cstring>
#include <mutex>

#include "dsl/parser.h"
#include "dsl/to_node.h"
#include "support/file_text.h"
#include "support/text_checks.h"
#include "support/yaml_reader.h"

namespace mpijobc {

bool is_dsl_path(std::string_view path) {
  constexpr std::string_view ext = ".mpijob";
  return path.size() > ext.size() && path.substr(path.size() - ext.size()) == ext;
}

uint32_t load_file(SourceManager& sources, const std::string& path, DiagnosticEngine& diags) {
  uint32_t file = sources.add_path(path);
  return read_file(sources, file, diags) ? file : 0;
}

bool read_file(SourceManager& sources, uint32_t file, DiagnosticEngine& diags) {
  const std::string& path = sources.path(file);
  // One byte past the limit is enough for check_text to refuse the file.
  std::optional<std::string> text = read_file_text(path, TextLimits{}.max_bytes + 1);
  if (!text) {
    diags.error({}, {}, "cannot read " + path + ": " + std::strerror(errno), {}, "io/read");
    return false;
  }
  sources.set_text(file, std::move(*text));
  return true;
}

std::vector<Node> read_documents(const SourceManager& sources, uint32_t file,
                                 DiagnosticEngine& diags) {
  if (!is_dsl_path(sources.path(file))) return read_yaml(sources, file, diags);
  static std::mutex antlr;
  std::unique_lock<std::mutex> lock(antlr);
  std::optional<dsl::File> parsed = dsl::parse(sources, file, diags);
  lock.unlock();
  return parsed ? dsl::to_documents(*parsed, diags) : std::vector<Node>{};
}

}  // namespace mpijobc
