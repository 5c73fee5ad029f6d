#include "bench/nexmark/nexmark_reference.h"

#include <algorithm>
#include <climits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace nexmark {
namespace {

std::string row(std::initializer_list<std::string> cols) {
  std::string s;
  for (const auto& c : cols) s += (s.empty() ? "" : "|") + c;
  return s;
}

using std::to_string;

// The queries' watermark delay, and the bound of q4 / q6's join (bids up to 20 s after the
// auction opened): what the SQL says, applied here by hand.
constexpr int64_t kDelayMs = 1000, kJoinBoundMs = 20000;

int64_t floorTo(int64_t t, int64_t size) {
  return t - ((t % size) + size) % size;
}

// The watermark after the last batch: every input's newest event time less the delay, the
// smallest of them (Spark's min policy). The inputs arrive in time order, so no row is late.
template <typename... Vs>
int64_t finalWatermark(const Vs&... inputs) {
  int64_t wm = INT64_MAX;
  auto newest = [&](const auto& v) {
    int64_t m = INT64_MIN;
    for (const auto& x : v) m = std::max(m, x.dateTime);
    wm = std::min(wm, m - kDelayMs);
  };
  (newest(inputs), ...);
  return wm;
}

// q4 / q6: per auction the highest bid >= reserve placed in [dateTime, dateTime + 20 s] (the
// join), counted as the closing price when placed by `expires`; then per (minute of the
// auction's opening, category or seller) the count and truncated average of those prices.
// A minute is emitted once the join's output watermark (final watermark - 20 s) passes its end.
std::vector<std::string> winningBids(const Events& e, bool bySeller) {
  std::unordered_map<int64_t, std::vector<const Bid*>> bids;
  for (const Bid& b : e.bids) bids[b.auction].push_back(&b);
  struct Group {
    bool any = false;
    int64_t n = 0;
    double sum = 0;
  };
  std::map<std::pair<int64_t, int64_t>, Group> groups;
  for (const Auction& a : e.auctions) {
    bool joined = false;
    std::optional<int64_t> final;
    for (const Bid* b : bids[a.id]) {
      if (b->price < a.reserve || b->dateTime < a.dateTime ||
          b->dateTime > a.dateTime + kJoinBoundMs)
        continue;
      joined = true;
      if (b->dateTime <= a.expires) final = std::max(final.value_or(INT64_MIN), b->price);
    }
    if (!joined) continue;
    Group& g = groups[{floorTo(a.dateTime, 60000), bySeller ? a.seller : a.category}];
    g.any = true;
    if (final) {
      ++g.n;
      g.sum += static_cast<double>(*final);
    }
  }
  const int64_t closed = finalWatermark(e.auctions, e.bids) - kJoinBoundMs;
  std::vector<std::string> out;
  for (const auto& [key, g] : groups)
    if (key.first + 60000 <= closed)
      out.push_back(row({to_string(key.first / 1000), to_string(key.second), to_string(g.n),
                         g.n ? to_string(static_cast<int64_t>(g.sum / static_cast<double>(g.n)))
                             : std::string("NULL")}));
  return out;
}

// q5: bids per auction in each 10-second window sliding by 2 seconds; per window the auction
// with the most bids (ties: the highest auction id), once the watermark passes the window end.
std::vector<std::string> hotItems(const Events& e) {
  std::map<int64_t, std::unordered_map<int64_t, int64_t>> counts;
  for (const Bid& b : e.bids)
    for (int64_t s = floorTo(b.dateTime, 2000); s + 10000 > b.dateTime; s -= 2000)
      ++counts[s][b.auction];
  const int64_t wm = finalWatermark(e.bids);
  std::vector<std::string> out;
  for (const auto& [start, per] : counts) {
    if (start + 10000 > wm) continue;
    std::pair<int64_t, int64_t> best{INT64_MIN, INT64_MIN};  // (count, auction)
    for (const auto& [auction, n] : per) best = std::max(best, std::make_pair(n, auction));
    out.push_back(row({to_string(start / 1000), to_string(best.second), to_string(best.first)}));
  }
  return out;
}

// q7: per 10-second window the highest bid (ties: the highest auction, then bidder).
std::vector<std::string> highestBid(const Events& e) {
  std::map<int64_t, std::tuple<int64_t, int64_t, int64_t>> best;  // (price, auction, bidder)
  for (const Bid& b : e.bids) {
    auto [it, fresh] =
        best.emplace(floorTo(b.dateTime, 10000), std::make_tuple(b.price, b.auction, b.bidder));
    if (!fresh) it->second = std::max(it->second, std::make_tuple(b.price, b.auction, b.bidder));
  }
  const int64_t wm = finalWatermark(e.bids);
  std::vector<std::string> out;
  for (const auto& [start, b] : best)
    if (start + 10000 <= wm)
      out.push_back(row({to_string(start / 1000), to_string(std::get<0>(b)),
                         to_string(std::get<1>(b)), to_string(std::get<2>(b))}));
  return out;
}

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
  } else if (name == "q4" || name == "q6") {
    out = winningBids(e, name == "q6");
  } else if (name == "q5") {
    out = hotItems(e);
  } else if (name == "q7") {
    out = highestBid(e);
  } else {
    throw std::runtime_error("no reference for " + name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace nexmark
