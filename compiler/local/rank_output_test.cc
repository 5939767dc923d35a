#include "local/rank_output.h"

#include <catch2/catch.hpp>

using namespace mpijobc;

TEST_CASE("rank output: tagged lines become [rank N], split across chunks") {
  RankOutput r;
  CHECK(r.feed("[4242,1]<stdout>:hello from 1 of 2\n[4242,0]<std") == "[rank 1] hello from 1 of 2\n");
  CHECK(r.feed("out>:hello from 0 of 2\nplain line\n[9,12]<stderr>:warn") ==
        "[rank 0] hello from 0 of 2\nplain line\n");
  CHECK(r.finish() == "[rank 12] warn\n");
  CHECK(r.finish().empty());
  CHECK(r.ranks_seen() == std::set<int>{0, 1, 12});
}

TEST_CASE("rank output: Open MPI's pieces are joined per rank until each one's newline") {
  RankOutput r;
  // What mpirun 4.1 really printed for two ranks' "hello ...\n" lines.
  CHECK(r.feed("[1,0]<stdout>:hello from rank 0\n[1,1]<stdout>:hello from rank 1"
               "[1,0]<stdout>:sum = 1\n[1,1]<stdout>:\n") ==
        "[rank 0] hello from rank 0\n[rank 0] sum = 1\n[rank 1] hello from rank 1\n");
  CHECK(r.feed("[1,1]<stdout>:no newline yet") == "");
  CHECK(r.finish() == "[rank 1] no newline yet\n");
}

TEST_CASE("rank output: Open MPI's report of a failed rank is kept") {
  RankOutput r;
  r.feed("mpirun detected that one or more processes exited with non-zero status, thus causing\n"
         "the job to be terminated. The first process to do so was:\n\n"
         "  Process name: [[53421,1],1]\n  Exit code:    3\n");
  CHECK(r.failed() == std::map<int, int>{{1, 3}});
  CHECK(r.ranks_seen().empty());
}

TEST_CASE("rank output: Open MPI's report of a rank killed by a signal is kept") {
  RankOutput r;
  // What mpirun 4.1 printed when rank 1 was sent SIGKILL.
  r.feed("--------------------------------------------------------------------------\n"
         "mpirun noticed that process rank 1 with PID 0 on node vm exited on signal 9 (Killed).\n");
  CHECK(r.killed() == std::map<int, int>{{1, 9}});
  CHECK(r.failed().empty());
}

TEST_CASE("rank output: an exit code without a process name is not a rank's") {
  RankOutput r;
  r.feed("Exit code: 5\n[1,0]<stdout>:Exit code: 7\n");
  CHECK(r.failed().empty());
}
