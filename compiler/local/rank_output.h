// Reads what mpirun prints with tagged output (OMPI_MCA_orte_tag_output=1)
// and turns it into one "[rank N] text" line per line a rank printed. Open
// MPI tags pieces, not lines: "[1,1]<stdout>:hello[1,0]<stdout>:hi\n" then
// "[1,1]<stdout>:\n" is rank 1's "hello" and rank 0's "hi"; each rank's
// pieces are joined until its newline. Untagged lines (mpirun's own) pass
// as they are; from them it keeps what Open MPI says about a failed rank
// ("Process name: [[1234,1],1]" then "Exit code: 3") or a killed one
// ("... process rank 1 with PID 0 on node vm exited on signal 9 (Killed).")
// for the summary.
// Pure: fed chunks, returns complete lines.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace mpijobc {

class RankOutput {
 public:
  // Appends `chunk`; returns the complete lines it finished, rewritten.
  std::string feed(std::string_view chunk);
  // Whatever is left after the stream ended, as complete lines.
  std::string finish();

  const std::set<int>& ranks_seen() const { return ranks_seen_; }
  const std::map<int, int>& failed() const { return failed_; }  // rank -> exit code
  const std::map<int, int>& killed() const { return killed_; }  // rank -> signal

 private:
  static constexpr int kUntagged = -1;
  std::string raw_line(std::string_view text);
  std::string append(int rank, std::string_view text, bool line_ends);
  void note_failure(const std::string& line);

  std::string pending_;                 // a raw line still without its newline
  std::map<int, std::string> partial_;  // per rank (or kUntagged): a line in pieces
  std::set<int> ranks_seen_;
  std::map<int, int> failed_, killed_;
  std::optional<int> reported_rank_;  // from the last "Process name:" line
};

}  // namespace mpijobc
