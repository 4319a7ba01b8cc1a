#include "notice/rule_docs.hpp"

#include <cstddef>

namespace notice {
namespace detail {
struct EmbeddedPage {
  std::string_view name;
  std::string_view text;
};
extern const EmbeddedPage k_rule_pages[];
extern const std::size_t k_rule_page_count;
} // namespace detail

std::optional<std::string_view> rule_page(std::string_view id) {
  for (std::size_t i = 0; i < detail::k_rule_page_count; ++i) {
    if (detail::k_rule_pages[i].name == id) {
      return detail::k_rule_pages[i].text;
    }
  }
  return std::nullopt;
}

} // namespace notice
