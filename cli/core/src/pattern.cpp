#include "pattern.hpp"

#include "notice/error.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <cstdint>
#include <memory>
#include <pcre2.h>
#include <string>

namespace notice::detail {
namespace {

// Far above what the schema's patterns need on any text the loader lets through (scalars are capped),
// far below a hang.
constexpr std::uint32_t k_match_limit = 1'000'000;

struct ThreadState {
  pcre2_match_data *data = pcre2_match_data_create(1, nullptr); // only "matched or not" is wanted
  pcre2_match_context *context = [] {
    pcre2_match_context *c = pcre2_match_context_create(nullptr);
    if (c) {
      pcre2_set_match_limit(c, k_match_limit);
    }
    return c;
  }();
  ThreadState() = default;
  ThreadState(const ThreadState &) = delete;
  ThreadState &operator=(const ThreadState &) = delete;
  ~ThreadState() {
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
};

} // namespace

Pattern::Pattern(std::string_view pattern) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code *code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_BSUX, &error, &offset, nullptr);
  if (!code) {
    PCRE2_UCHAR reason[256];
    pcre2_get_error_message(error, reason, sizeof reason);
    throw Error("the pattern `" + std::string(pattern) + "` cannot be compiled at offset " + std::to_string(offset) +
                ": " + reinterpret_cast<const char *>(reason));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); // falls back to the interpreter where JIT is unavailable
  m_code = code;
}

Pattern::~Pattern() {
  pcre2_code_free(static_cast<pcre2_code *>(m_code));
}

bool Pattern::search(std::string_view subject) const {
  thread_local ThreadState state;
  if (!state.data || !state.context) {
    throw Error("out of memory while matching a schema pattern");
  }
  const int rc = pcre2_match(static_cast<const pcre2_code *>(m_code), reinterpret_cast<PCRE2_SPTR>(subject.data()),
                             subject.size(), 0, 0, state.data, state.context);
  return rc >= 0; // 0: matched, with more groups than the match data records
}

} // namespace notice::detail
