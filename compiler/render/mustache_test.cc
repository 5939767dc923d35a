#include "render/mustache.h"

#include <catch2/catch.hpp>

using namespace mpijobc;

namespace {

std::string bracket(const std::string& s) { return "[" + s + "]"; }

std::string render(const std::string& text, const TemplateData& data) {
  std::string error;
  auto tmpl = MustacheTemplate::parse(text, error);
  INFO(error);
  REQUIRE(tmpl);
  std::optional<std::string> out = tmpl->render(data, bracket);
  REQUIRE(out);
  return *out;
}

std::string parse_error(const std::string& text) {
  std::string error;
  CHECK_FALSE(MustacheTemplate::parse(text, error));
  return error;
}

}  // namespace

TEST_CASE("mustache: variables are escaped, raw ones are not, missing ones are empty") {
  TemplateData data;
  data["a"] = "x y";
  data["flag"] = true;
  CHECK(render("<{{a}}> <{{ a }}> <{{{a}}}> <{{& a}}> <{{b}}> <{{flag}}>", data) ==
        "<[x y]> <[x y]> <x y> <x y> <> <>");
  CHECK(render("no tags\n", data) == "no tags\n");
  // A value that is not an object becomes one when a member is set.
  data["a"]["b"] = "c";
  CHECK(render("{{a.b}}", data) == "[c]");
}

TEST_CASE("mustache: sections over lists, objects and truth values, inverted sections") {
  TemplateData data;
  data["list"] = TemplateData::list();
  data["list"].push_back("a");
  data["list"].push_back("b");
  data["empty"] = TemplateData::list();
  data["yes"] = true;
  data["no"] = false;
  data["obj"]["name"] = "inner";
  data["name"] = "outer";
  CHECK(render("{{#list}}({{.}}){{/list}}", data) == "([a])([b])");
  CHECK(render("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", data) == "none");
  CHECK(render("{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{^no}}!n{{/no}}{{^missing}}m{{/missing}}", data) ==
        "y!nm");
  // A section's object shadows outer names; outer ones stay visible.
  CHECK(render("{{#obj}}{{name}}/{{yes}}{{#yes}}{{name}}{{/yes}}{{/obj}} {{name}}", data) ==
        "[inner]/[inner] [outer]");
  CHECK(render("{{obj.name}} {{obj.nope}} {{#obj}}{{obj.name}}{{/obj}}", data) ==
        "[inner]  [inner]");
  // Nested sections of the same name close in order.
  CHECK(render("{{#yes}}1{{#yes}}2{{/yes}}3{{/yes}}", data) == "123");
}

TEST_CASE("mustache: a tag alone on its line takes the line, comments and delimiters") {
  TemplateData data;
  data["yes"] = true;
  data["v"] = "v";
  CHECK(render("a\n  {{#yes}}  \nb\n{{/yes}}\nc\n", data) == "a\nb\nc\n");
  CHECK(render("a\n{{#no}}\nb\n{{/no}}\nc", data) == "a\nc");
  CHECK(render("a\r\n{{! note }}\r\nb", data) == "a\r\nb");
  // Not alone: the line stays, tag removed.
  CHECK(render("a {{#yes}}\nb{{/yes}} c\n", data) == "a \nb c\n");
  CHECK(render("{{v}} {{! x }}\n", data) == "[v] \n");
  // A multi-line comment alone on its lines goes whole.
  CHECK(render("a\n{{! one\ntwo }}\nb\n", data) == "a\nb\n");
  CHECK(render("{{=<% %>=}}\n<%v%> {{v}} <%={{ }}=%>{{v}}", data) == "[v] {{v}} [v]");
}

TEST_CASE("mustache: syntax errors say what and where") {
  CHECK(parse_error("ok\n  {{#a}}\n") == "2:3: section 'a' is not closed");
  CHECK(parse_error("{{#a}}{{/b}}") == "1:7: 'b' closes section 'a', opened at 1:1");
  CHECK(parse_error("x{{/a}}") == "1:2: 'a' closes no section");
  CHECK(parse_error("a\nb {{name") == "2:3: unclosed tag: no '}}' after this '{{'");
  CHECK(parse_error("{{{raw}}") == "1:1: unclosed tag: no '}}}' after this '{{'");
  CHECK(parse_error("{{> part}}") == "1:1: partials ('{{>name}}') are not supported");
  CHECK(parse_error("{{=<%>=}}") == "1:1: set delimiters as {{=<% %>=}}");
  CHECK(parse_error("{{ }}") == "1:1: empty tag '{{ }}'");
  CHECK(parse_error("{{#}}") == "1:1: empty tag '{{#}}'");
  std::string deep;
  for (int i = 0; i < 101; ++i) deep += "{{#a}}";
  CHECK(parse_error(deep) == "1:601: sections nested deeper than 100");
}

TEST_CASE("mustache: a template renders the same on every call, data unchanged") {
  std::string error;
  auto tmpl = MustacheTemplate::parse("{{#items}}{{.}},{{/items}}{{^items}}none{{/items}}", error);
  REQUIRE(tmpl);
  TemplateData data;
  data["items"] = TemplateData::list();
  CHECK(tmpl->render(data, bracket) == "none");
  data["items"].push_back("a");
  CHECK(tmpl->render(data, bracket) == "[a],");
  CHECK(tmpl->render(data, bracket) == "[a],");
}

TEST_CASE("mustache: rendering stops at its size limit") {
  // Sections nested over a list multiply the text: 2^n copies of "x".
  auto nested = [](int n) {
    std::string text;
    for (int i = 0; i < n; ++i) text += "{{#l}}";
    text += "x";
    for (int i = 0; i < n; ++i) text += "{{/l}}";
    return text;
  };
  TemplateData data;
  data["l"] = TemplateData::list();
  data["l"].push_back(true);
  data["l"].push_back(true);
  std::string error;
  auto three = MustacheTemplate::parse(nested(3), error);
  REQUIRE(three);
  CHECK(three->render(data, bracket, nullptr, 8) == std::string(8, 'x'));
  CHECK_FALSE(three->render(data, bracket, nullptr, 7));
  // 2^40 bytes: stopped at the default limit, not after a terabyte.
  auto forty = MustacheTemplate::parse(nested(40), error);
  REQUIRE(forty);
  CHECK_FALSE(forty->render(data, bracket));
}
