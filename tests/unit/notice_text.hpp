// A small valid notice that tests start from and vary.
#pragma once

#include <stdexcept>
#include <string>

namespace notice::test {

inline const std::string k_minimal = R"(schema: 1
insurer:
  name: テスト健康保険組合
  kind: kenpo
title: テスト健康保険組合が保有する個人情報の利用目的の公表について
revisions:
  - effective: 2021-09-01
    wording: 令和３年９月１日施行
  - effective: 2022-04-01
    wording: 令和４年４月１日から改正施行する。
data:
  - id: applications
    name: 各種届出や申請書などに記載されている個人情報
  - id: checkups
    name: 健診結果
    sensitive: true
parties:
  - id: employer
    name: 事業主
    kind: employer
categories:
  - id: benefits
    number: 1
    marker: "1．"
    title: 被保険者等に対する保険給付に必要な利用目的
    buckets:
      - id: benefits-internal
        kind: internal
        heading: 【健保組合等の内部での利用に係る事例】
        items:
          - id: benefit-payment
            text: 保険給付及び付加給付の実施
            data: [applications]
      - id: benefits-external
        kind: external
        added: 2022-04-01
        heading: 【他の事業者等への情報提供を伴う事例】
        items:
          - id: collabo-health
            text: コラボヘルスの一環である健診結果の事業者への提供
            parties: [employer]
            data: [checkups]
            basis:
              - law: consent
            added: 2022-04-01
published_elsewhere:
  - matters: [address, representative, request-procedure, security-measures, complaints]
    where: 当組合の「個人情報保護方針」
)";

/// `text` with the first occurrence of `from` replaced by `to`; fails loudly if `from` is absent.
inline std::string replaced(std::string text, const std::string &from, const std::string &to) {
  const auto at = text.find(from);
  if (at == std::string::npos) {
    throw std::logic_error("test fixture does not contain: " + from);
  }
  return text.replace(at, from.size(), to);
}

} // namespace notice::test

#include "notice/source.hpp"

#include <catch2/catch.hpp>

namespace Catch {
template <> struct StringMaker<notice::Position> {
  static std::string convert(const notice::Position &p) {
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};
} // namespace Catch
