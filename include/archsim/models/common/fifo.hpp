// A first-in first-out queue on a ring buffer that grows by doubling: after the
// backlog's high-water mark, pushing and popping allocate nothing.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace archsim::models {

// Thrown when a queue would hold more than Fifo's limit: a design whose
// arrivals outrun its capacity with no bound on its queue would otherwise eat
// all memory before the run ends.
class QueueLimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <typename T>
class Fifo {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void push(const T& item) {
    if (size_ == buffer_.size()) grow();
    buffer_[(head_ + size_) & (buffer_.size() - 1)] = item;
    ++size_;
  }
  T& front() { return buffer_[head_]; }  // precondition: !empty()
  T& back() { return buffer_[(head_ + size_ - 1) & (buffer_.size() - 1)]; }  // precondition: !empty()
  T pop() {  // precondition: !empty()
    T item = buffer_[head_];
    head_ = (head_ + 1) & (buffer_.size() - 1);
    --size_;
    return item;
  }
  template <typename F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < size_; ++i) f(buffer_[(head_ + i) & (buffer_.size() - 1)]);
  }

 public:
  static constexpr std::size_t kMaxEntries = std::size_t{1} << 24;  // 16.8 million batches, about 0.8 GB

 private:
  void grow() {
    if (buffer_.size() >= kMaxEntries)
      throw QueueLimitExceeded("a queue grew past " + std::to_string(kMaxEntries) + " waiting batches");
    std::vector<T> bigger(buffer_.empty() ? 16 : buffer_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buffer_[(head_ + i) & (buffer_.size() - 1)];
    buffer_.swap(bigger);
    head_ = 0;
  }
  std::vector<T> buffer_;
  std::size_t head_ = 0, size_ = 0;
};

}  // namespace archsim::models
