#include "bench/nexmark/nexmark_reference.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace nexmark {
namespace {

std::string row(std::initializer_list<std::string> cols) {
  std::string s;
  for (const auto& c : cols) s += (s.empty() ? "" : "|") + c;
  return s;
}

using std::to_string;

}  // namespace

std::vector<std::string> reference(const std::string& name, const Events& e) {
  std::vector<std::string> out;
  if (name == "q0") {
    for (const Bid& b : e.bids)
      out.push_back(
          row({to_string(b.auction), to_string(b.bidder), to_string(b.price), b.channel}));
  } else if (name == "q1") {
    for (const Bid& b : e.bids)
      out.push_back(
          row({to_string(b.auction), to_string(b.bidder), to_string(b.price * 908 / 1000)}));
  } else if (name == "q2") {
    for (const Bid& b : e.bids)
      if (b.auction % 123 == 0) out.push_back(row({to_string(b.auction), to_string(b.price)}));
  } else if (name == "q3") {
    std::unordered_map<int64_t, const Person*> persons;
    for (const Person& p : e.persons) persons[p.id] = &p;
    for (const Auction& a : e.auctions) {
      auto it = persons.find(a.seller);
      if (a.category != 10 || it == persons.end()) continue;
      const Person& p = *it->second;
      if (p.state == "OR" || p.state == "ID" || p.state == "CA")
        out.push_back(row({p.name, p.city, p.state, to_string(a.id)}));
    }
  } else if (name == "q8") {
    // Persons who opened an auction in the 10-second window they registered in.
    std::set<std::string> rows;
    std::unordered_map<int64_t, const Person*> persons;
    for (const Person& p : e.persons) persons[p.id] = &p;
    for (const Auction& a : e.auctions) {
      auto it = persons.find(a.seller);
      if (it == persons.end()) continue;
      const Person& p = *it->second;
      const int64_t pw = p.dateTime / 10000, aw = a.dateTime / 10000;
      if (pw == aw) rows.insert(row({to_string(p.id), p.name, to_string(pw * 10)}));
    }
    out.assign(rows.begin(), rows.end());
  } else {
    throw std::runtime_error("no reference for " + name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace nexmark
