#include "dsl/lexer.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "MpiJobLexer.h"

using namespace mpijobc;
using L = dsl::gen::MpiJobLexer;

TEST_CASE("dsl lexer: the tokens of each rule, as ANTLR makes them") {
  const std::string text = "MPIJob pi {\n  mem 1.5Gi, x -3 # c\n}";
  dsl::Lexer lexer(text);
  std::vector<std::tuple<size_t, std::string, size_t, size_t, size_t>> got;
  for (;;) {
    std::unique_ptr<antlr4::Token> t = lexer.nextToken();
    got.emplace_back(t->getType(), t->getText(), t->getChannel(), t->getLine(),
                     t->getCharPositionInLine());
    if (t->getType() == antlr4::Token::EOF) break;
  }
  using T = decltype(got)::value_type;
  CHECK(got == std::vector<T>{T{L::WORD, "MPIJob", 0, 1, 0}, T{L::WORD, "pi", 0, 1, 7},
                              T{L::LBRACE, "{", 0, 1, 10}, T{L::WORD, "mem", 0, 2, 2},
                              T{L::UNIT, "1.5Gi", 0, 2, 6}, T{L::COMMA, ",", 0, 2, 11},
                              T{L::WORD, "x", 0, 2, 13}, T{L::INT, "-3", 0, 2, 15},
                              T{L::COMMENT, "# c", 1, 2, 18}, T{L::RBRACE, "}", 0, 3, 0},
                              T{antlr4::Token::EOF, "", 0, 3, 1}});
}

TEST_CASE("dsl lexer: the same tokens as ANTLR's lexer for every DSL file in the repository") {
  size_t files = 0;
  for (const char* dir : {"samples", "tests", "docs", "bench"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(
             std::filesystem::path(MPIJOBC_SOURCE_DIR) / dir)) {
      if (e.path().extension() != ".mpijob") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      INFO(e.path());
      CHECK(dsl::difference_from_generated_lexer(text.str()) == "");
      ++files;
    }
  }
  CHECK(files > 10);
}

// Every rule's edges: fragments that start, continue, end or break each
// token, strung together at random (a fixed seed: the same inputs each run).
TEST_CASE("dsl lexer: the same tokens as ANTLR's lexer on random strings of token fragments") {
  const std::vector<std::string> fragments = {
      "{", "}", "[", "]", ",", " ", "\t", "\n", "\r", "\"", "\\", "'", "#", "//", "/", "0", "7",
      "9", "0x", "0o", "1e", "E", "e5", "+", "-", ".", "inf", "Inf", "INF", "nan", "NaN", "NAN",
      "Gi", "m", "a", "Z", "_", "\xC3\xA9", "\xF0\x9F\x98\x80", ":", "=", "$", "x", "8", "f",
      "u{41}", "\\n", "\\\"", "..", "1.5", "2d", "-", "\xEF\xBB\xBF"};
  std::mt19937 random(1);
  std::uniform_int_distribution<size_t> pick(0, fragments.size() - 1), count(1, 12);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (size_t n = count(random); n > 0; --n) text += fragments[pick(random)];
    INFO(text);
    REQUIRE(dsl::difference_from_generated_lexer(text) == "");
  }
}

TEST_CASE("dsl lexer: a byte order mark that starts the text is skipped, as ANTLR's input stream does") {
  // Found by the DSL fuzzer: ANTLR counts code points from after the mark.
  for (std::string text : {"\xEF\xBB\xBFMPIJob a {}", "\xEF\xBB\xBF", "a \xEF\xBB\xBF b"})
    CHECK(dsl::difference_from_generated_lexer(text) == "");
}
