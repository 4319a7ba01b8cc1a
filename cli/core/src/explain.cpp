#include "notice/explain.hpp"

#include "notice/law.hpp"
#include "notice/legal.hpp"

namespace notice {
namespace {

std::string refs(const std::vector<Ref> &list) {
  std::string out;
  for (const Ref &r : list) {
    out += (out.empty() ? "" : ", ") + r.id;
  }
  return out;
}

std::string words(const std::vector<std::string> &list) {
  std::string out;
  for (const auto &w : list) {
    out += (out.empty() ? "" : ", ") + w;
  }
  return out;
}

std::string basis_text(const Basis &b) {
  if (b.law == "consent" || b.law == "implied_consent" || b.law == "other") {
    return b.law + (b.note.empty() ? "" : " (" + b.note.value + ")");
  }
  std::string cite = "第" + b.article + "条";
  cite += b.paragraph.empty() ? "" : "第" + b.paragraph + "項";
  cite += b.item.empty() ? "" : "第" + b.item + "号";
  return b.law + " " + cite;
}

} // namespace

void write_explanation(std::ostream &out, const Notice &view, Date date, const std::string &label, Lang lang) {
  const bool ja = lang == Lang::ja;
  out << "\n"
      << (ja ? "読み取った内容（--explain）: " : "What the validator read (--explain): ") << label << "\n"
      << (ja ? "  YAML に書かれていないものは文言と見出しから読み取っています。違う場合はキー（flow, parties, "
               "data, basis）を書いて上書きしてください。\n"
             : "  What the YAML does not state is read from the wording and the bucket heading; where a reading "
               "is wrong, write the key (flow, parties, data, basis) to override it.\n");
  for (const Category &c : view.categories) {
    for (const Bucket &b : c.buckets) {
      for (const UseCase &u : b.items) {
        const legal::Assessment a = legal::assess(view, b, u, date);
        out << "\n  " << u.id << " (" << u.pos.line << ":" << u.pos.column << ") " << u.text.value << "\n";
        std::string how;
        switch (a.flow_reading.source) {
        case FlowReading::Source::stated:
          how = ja ? "flow: に記載" : "stated in flow:";
          break;
        case FlowReading::Source::bucket:
          how = (ja ? "見出しの種別 " : "from the bucket kind ") + std::string(to_string(b.kind)) +
                (b.kind_inferred ? (ja ? "（見出し「" + b.heading.value + "」から読み取り）"
                                       : " (read from the heading 「" + b.heading.value + "」)")
                                 : "");
          break;
        case FlowReading::Source::wording:
          how = (ja ? "文言「" : "read from the wording 「") + a.flow_reading.word + (ja ? "」から" : "」");
          break;
        }
        out << "    flow: " << to_string(a.flow) << " — " << how << "\n";
        if (!u.parties.empty()) {
          out << "    parties: " << refs(u.parties) << (ja ? "（記載）" : " (stated)") << "\n";
        } else if (!a.read_parties.empty()) {
          out << "    parties: " << words(a.read_parties) << (ja ? "（文言から読み取り）" : " (read from the wording)")
              << "\n";
        } else {
          out << "    parties: —\n";
        }
        if (!u.data.empty()) {
          out << "    data: " << refs(u.data) << (ja ? "（記載）" : " (stated)")
              << (a.sensitive ? (ja ? "、要配慮" : ", sensitive") : "")
              << (a.my_number ? (ja ? "、特定個人情報" : ", My Number") : "") << "\n";
        } else if (!a.read_data.empty()) {
          out << "    data: " << words(a.read_data) << (ja ? "（文言から読み取り）" : " (read from the wording)")
              << "\n";
        } else {
          out << "    data: —\n";
        }
        std::string bases;
        for (const Basis &basis : u.basis) {
          bases += (bases.empty() ? "" : "; ") + basis_text(basis) + (ja ? "（記載）" : " (stated)");
        }
        const auto cited_in_wording = law::find_citations(u.text.value);
        for (const law::Citation &cited : cited_in_wording) {
          bases += (bases.empty() ? "" : "; ") + cited.cite.law + " " + law::format_cite(cited.cite) +
                   (ja ? "（文言で引用）" : " (cited in the wording)");
        }
        if (u.basis.empty() && cited_in_wording.empty() && !a.inferred_from.empty()) {
          for (const law::Provision *p : a.mynumber_bases) {
            bases += (bases.empty() ? "" : "; ") + (ja ? p->ja : p->en) + (ja ? "（文言「" : " (read from 「") +
                     a.inferred_from + (ja ? "」から）" : "」)");
          }
        }
        out << "    " << (ja ? "根拠" : "bases") << ": " << (bases.empty() ? "—" : bases) << "\n";
      }
    }
  }
}

} // namespace notice
