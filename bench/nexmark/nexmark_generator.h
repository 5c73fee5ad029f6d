#pragma once
// The Nexmark event generator (after the Beam / Flink Nexmark generators): event i is a
// person, an auction or a bid in the standard proportions 1 : 3 : 46 per 50 events; ids are
// dense and increasing; auctions are sold by recent persons and bids go to recent ("hot")
// auctions by recent persons, as the reference generator skews them; event times advance
// by a fixed inter-event delay. Deterministic for a seed.
#include <cstdint>
#include <string>
#include <vector>

namespace nexmark {

struct Person {
  int64_t id;
  std::string name, email, creditCard, city, state;
  int64_t dateTime;  // ms since the epoch
};
struct Auction {
  int64_t id;
  std::string itemName;
  int64_t initialBid, reserve, dateTime, expires, seller, category;
};
struct Bid {
  int64_t auction, bidder, price;
  std::string channel;
  int64_t dateTime;
};

struct Events {
  std::vector<Person> persons;
  std::vector<Auction> auctions;
  std::vector<Bid> bids;
};

/// `n` events starting at `startMs`, `delayMs` apart (event time).
Events generate(int64_t n, uint64_t seed, int64_t startMs = 1704067200000, int64_t delayMs = 1);

/// JSON lines of each kind (timestamps as "yyyy-MM-dd HH:mm:ss.SSS" UTC).
std::string toJson(const Person& p);
std::string toJson(const Auction& a);
std::string toJson(const Bid& b);

}  // namespace nexmark
