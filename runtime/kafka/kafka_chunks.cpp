#include "runtime/kafka/kafka_chunks.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/kafka/kafka_record_batch.h"

namespace sluice {
namespace {

// A queue of one batch between the fetching thread and the consuming one.
class Handoff {
 public:
  // Fetch side: waits until the slot is free; false when the consumer gave up.
  bool put(ColumnBatch&& b) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !slot_ || cancelled_; });
    if (cancelled_) return false;
    slot_ = std::move(b);
    cv_.notify_all();
    return true;
  }
  // Fetch side: no more batches; `error` is what stopped the fetch, if anything.
  void close(std::exception_ptr error) {
    std::lock_guard lock(mu_);
    closed_ = true;
    error_ = error;
    cv_.notify_all();
  }
  // Consumer side: the next batch, or nothing at the end (rethrows the fetch's error).
  std::optional<ColumnBatch> take() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return slot_ || closed_; });
    if (slot_) {
      std::optional<ColumnBatch> b = std::move(slot_);
      slot_.reset();
      cv_.notify_all();
      return b;
    }
    if (error_) std::rethrow_exception(error_);
    return std::nullopt;
  }
  // Consumer side: stop the fetch (it ends at its next record or batch).
  void cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    slot_.reset();
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<ColumnBatch> slot_;
  bool closed_ = false, cancelled_ = false;
  std::exception_ptr error_;
};

// Thrown inside the fetch to unwind it when the consumer gave up.
struct Cancelled {};

}  // namespace

void fetchChunks(KafkaClient& consumer, const std::vector<FetchRange>& ranges,
                 const DataLossPolicy& loss, int64_t pollTimeoutMs, bool includeHeaders,
                 int64_t chunkRecords, const BatchConsumer& consume) {
  Handoff handoff;
  std::thread fetcher([&] {
    std::exception_ptr error;
    try {
      KafkaRecordBatch records(includeHeaders);
      bool sent = false;
      fetchRanges(consumer, ranges, loss, pollTimeoutMs, [&](rd_kafka_message_t* m) {
        records.add(m);  // owned from here on, also if we unwind
        if (records.size() >= chunkRecords) {
          if (!handoff.put(records.finish(/*zeroCopy=*/true))) throw Cancelled{};
          sent = true;
        }
        return true;
      });
      if ((records.size() > 0 || !sent) && !handoff.put(records.finish(/*zeroCopy=*/true)))
        throw Cancelled{};
    } catch (const Cancelled&) {
    } catch (...) {
      error = std::current_exception();
    }
    handoff.close(error);
  });
  try {
    while (std::optional<ColumnBatch> b = handoff.take()) consume(std::move(*b));
  } catch (...) {
    handoff.cancel();
    fetcher.join();
    throw;
  }
  fetcher.join();
}

}  // namespace sluice
