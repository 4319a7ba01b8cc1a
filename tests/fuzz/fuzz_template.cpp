// libFuzzer target for template expansion: the input is a user's --template, expanded over the view
// of a small notice with each of the three escapes. It must expand or be refused with a
// notice::Error (bad syntax, partials, past the output or step limits), never crash or run away.
#include "notice/error.hpp"
#include "notice/load.hpp"
#include "notice/render.hpp"
#include "notice/template.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

// Lists of several elements, so that nested sections multiply.
const char *const k_notice = R"(schema: 1
insurer:
  name: "ファズ健康保険組合 <b>&\u202E\e"
  kind: kenpo
title: "公表について *x* _y_ {{#categories}}"
revisions:
  - effective: 2021-09-01
data:
  - id: applications
    name: 届出
parties:
  - id: employer
    name: 事業主
    kind: employer
categories:
  - id: a
    number: 1
    title: 保険給付
    intro: [一, 二, 三]
    buckets:
      - id: a-internal
        kind: internal
        heading: 【内部】
        items:
          - {id: a1, text: "一\n二", data: [applications]}
          - {id: a2, text: 三, data: [applications], notes: [注1, 注2]}
          - {id: a3, text: 四, data: [applications]}
  - id: b
    number: 2
    title: 保険料
    buckets:
      - id: b-external
        kind: external
        heading: 【外部】
        items:
          - {id: b1, text: 五, parties: [employer], data: [applications]}
)";

const notice::TemplateValue &data() {
  static const notice::TemplateValue value = [] {
    const auto loaded = notice::load_text("fuzz.yaml", k_notice);
    if (!loaded.notice) {
      __builtin_trap(); // the fixture itself must load
    }
    return notice::to_template_value(notice::make_view(*loaded.notice, {2021, 9, 1}));
  }();
  return value;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const auto escape = static_cast<notice::TemplateEscape>(bytes[0] % 3);
  const std::string_view text(reinterpret_cast<const char *>(bytes) + 1, size - 1);
  try {
    (void)notice::expand_template(text, "fuzz.mustache", data(), escape);
  } catch (const notice::Error &) {
  }
  return 0;
}
