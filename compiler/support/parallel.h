// Ordered parallel map: produce(i) for every i in [0, n) on worker threads,
// consume(i, result) on the calling thread in index order, each as soon as it
// and every result before it are ready. What consume sees, and when, does not
// depend on the number of threads, so output stays deterministic; at most
// `window` results wait to be consumed, so memory stays bounded however far
// the workers get ahead. An exception in produce or consume stops the workers
// and is rethrown here.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace mpijobc {

// The threads to use when asked for `requested`: 0 means one per CPU.
inline unsigned thread_count(unsigned requested) {
  if (requested != 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

template <typename Result, typename Produce, typename Consume>
void ordered_parallel(size_t n, unsigned threads, Produce produce, Consume consume,
                      size_t window = 64) {
  threads = static_cast<unsigned>(std::min<size_t>(threads, n));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) consume(i, produce(i));
    return;
  }
  struct Slot {
    std::optional<Result> result;
    std::exception_ptr error;
  };
  std::vector<Slot> slots(n);
  std::mutex mutex;
  std::condition_variable ready, room;
  size_t next = 0, consumed = 0;
  bool stop = false;

  auto work = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mutex);
        room.wait(lock, [&] { return stop || next >= n || next < consumed + window; });
        if (stop || next >= n) return;
        i = next++;
      }
      Slot slot;
      try {
        slot.result.emplace(produce(i));
      } catch (...) {
        slot.error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex);
      slots[i] = std::move(slot);
      ready.notify_all();
    }
  };
  std::vector<std::thread> workers;
  auto finish = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    room.notify_all();
    for (std::thread& t : workers) t.join();
  };
  try {
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);
    for (size_t i = 0; i < n; ++i) {
      Slot slot;
      {
        std::unique_lock<std::mutex> lock(mutex);
        ready.wait(lock, [&] { return slots[i].result || slots[i].error; });
        slot = std::move(slots[i]);
        slots[i] = Slot{};
        consumed = i + 1;
      }
      room.notify_all();
      if (slot.error) std::rethrow_exception(slot.error);
      consume(i, std::move(*slot.result));
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

}  // namespace mpijobc
