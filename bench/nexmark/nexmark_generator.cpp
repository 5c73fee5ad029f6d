#include "bench/nexmark/nexmark_generator.h"

#include <ctime>
#include <random>

namespace nexmark {
namespace {

const char* kStates[] = {"AZ", "CA", "ID", "OR", "WA", "WY"};
const char* kCities[] = {"Phoenix",  "Los Angeles", "San Francisco", "Boise",
                         "Portland", "Bend",        "Redmond",       "Seattle"};
const char* kFirst[] = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie"};
const char* kLast[] = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith"};
const char* kChannels[] = {"Google", "Facebook", "Baidu", "Apple"};

std::string time(int64_t ms) {
  const time_t s = static_cast<time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03d", static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace

Events generate(int64_t n, uint64_t seed, int64_t startMs, int64_t delayMs) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  Events e;
  constexpr int64_t kFirstPerson = 1000, kFirstAuction = 1000;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t t = startMs + i * delayMs;
    const int64_t slot = i % 50;  // 0: person, 1..3: auction, 4..49: bid
    if (slot == 0) {
      Person p;
      p.id = kFirstPerson + static_cast<int64_t>(e.persons.size());
      p.name = std::string(kFirst[pick(0, 7)]) + " " + kLast[pick(0, 6)];
      p.email = "p" + std::to_string(p.id) + "@example.com";
      p.creditCard = std::to_string(pick(1000, 9999)) + " " + std::to_string(pick(1000, 9999));
      const int64_t c = pick(0, 7);
      p.city = kCities[c];
      p.state = kStates[pick(0, 5)];
      p.dateTime = t;
      e.persons.push_back(std::move(p));
    } else if (slot <= 3) {
      Auction a;
      a.id = kFirstAuction + static_cast<int64_t>(e.auctions.size());
      a.itemName = "item" + std::to_string(a.id);
      a.initialBid = pick(1, 1000);
      a.reserve = a.initialBid + pick(0, 1000);
      a.dateTime = t;
      a.expires = t + pick(1000, 20000);
      // Sellers are recent persons (hot sellers) or any person.
      const int64_t persons = std::max<int64_t>(1, static_cast<int64_t>(e.persons.size()));
      a.seller =
          kFirstPerson + (pick(0, 3) ? persons - 1 - pick(0, std::min<int64_t>(persons - 1, 10))
                                     : pick(0, persons - 1));
      a.category = 10 + pick(0, 4);
      e.auctions.push_back(std::move(a));
    } else {
      Bid b;
      const int64_t auctions = std::max<int64_t>(1, static_cast<int64_t>(e.auctions.size()));
      const int64_t persons = std::max<int64_t>(1, static_cast<int64_t>(e.persons.size()));
      b.auction =
          kFirstAuction + (pick(0, 1) ? auctions - 1 - pick(0, std::min<int64_t>(auctions - 1, 20))
                                      : pick(0, auctions - 1));
      b.bidder = kFirstPerson + persons - 1 - pick(0, std::min<int64_t>(persons - 1, 50));
      b.price = pick(100, 100000);
      b.channel = kChannels[pick(0, 3)];
      b.dateTime = t;
      e.bids.push_back(std::move(b));
    }
  }
  return e;
}

std::string toJson(const Person& p) {
  return "{\"id\":" + std::to_string(p.id) + ",\"name\":\"" + p.name + "\",\"emailAddress\":\"" +
         p.email + "\",\"creditCard\":\"" + p.creditCard + "\",\"city\":\"" + p.city +
         "\",\"state\":\"" + p.state + "\",\"dateTime\":\"" + time(p.dateTime) + "\"}";
}

std::string toJson(const Auction& a) {
  return "{\"id\":" + std::to_string(a.id) + ",\"itemName\":\"" + a.itemName +
         "\",\"initialBid\":" + std::to_string(a.initialBid) +
         ",\"reserve\":" + std::to_string(a.reserve) + ",\"dateTime\":\"" + time(a.dateTime) +
         "\",\"expires\":\"" + time(a.expires) + "\",\"seller\":" + std::to_string(a.seller) +
         ",\"category\":" + std::to_string(a.category) + "}";
}

std::string toJson(const Bid& b) {
  return "{\"auction\":" + std::to_string(b.auction) + ",\"bidder\":" + std::to_string(b.bidder) +
         ",\"price\":" + std::to_string(b.price) + ",\"channel\":\"" + b.channel +
         "\",\"dateTime\":\"" + time(b.dateTime) + "\"}";
}

}  // namespace nexmark
