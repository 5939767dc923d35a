#include "local/rank_output.h"

#include <regex>

namespace mpijobc {

std::string RankOutput::feed(std::string_view chunk) {
  pending_.append(chunk);
  std::string out;
  size_t start = 0;
  for (size_t nl; (nl = pending_.find('\n', start)) != std::string::npos; start = nl + 1)
    out += raw_line(std::string_view(pending_).substr(start, nl - start));
  pending_.erase(0, start);
  return out;
}

std::string RankOutput::finish() {
  std::string out = pending_.empty() ? std::string() : raw_line(pending_);
  pending_.clear();
  for (auto& [rank, text] : partial_)
    if (!text.empty()) out += append(rank, {}, true);
  return out;
}

// One line of mpirun's output: untagged text, then pieces each starting
// with a tag; the newline ends the last piece.
std::string RankOutput::raw_line(std::string_view text) {
  static const std::regex tag(R"(\[\d+,(\d+)\]<std(?:out|err)>:)");
  std::string out;
  int rank = kUntagged;
  size_t pos = 0;
  using It = std::regex_iterator<std::string_view::const_iterator>;
  for (It m(text.begin(), text.end(), tag), end; m != end; ++m) {
    out += append(rank, text.substr(pos, m->position() - pos), false);
    rank = std::stoi((*m)[1].str());
    ranks_seen_.insert(rank);
    pos = m->position() + m->length();
  }
  return out + append(rank, text.substr(pos), true);
}

std::string RankOutput::append(int rank, std::string_view text, bool line_ends) {
  std::string& line = partial_[rank];
  line.append(text);
  if (!line_ends) return {};
  std::string out = rank == kUntagged ? line : "[rank " + std::to_string(rank) + "] " + line;
  if (rank == kUntagged) note_failure(line);
  line.clear();
  return out + "\n";
}

void RankOutput::note_failure(const std::string& line) {
  static const std::regex process(R"(^\s*Process name:\s*\[\[\d+,\d+\],(\d+)\])");
  static const std::regex exit_code(R"(^\s*Exit code:\s*(-?\d+))");
  static const std::regex signal(
      R"(noticed that process rank (\d+) with PID \d+ on node \S+ exited on signal (\d+))");
  std::smatch m;
  if (std::regex_search(line, m, signal)) {
    killed_[std::stoi(m[1])] = std::stoi(m[2]);
  } else if (std::regex_search(line, m, process)) {
    reported_rank_ = std::stoi(m[1]);
  } else if (reported_rank_ && std::regex_search(line, m, exit_code)) {
    failed_[*reported_rank_] = std::stoi(m[1]);
    reported_rank_.reset();
  }
}

}  // namespace mpijobc
