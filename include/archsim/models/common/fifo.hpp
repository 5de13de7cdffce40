// A first-in first-out queue on a ring buffer that grows by doubling: after the
// backlog's high-water mark, pushing and popping allocate nothing.
#pragma once
#include <cstddef>
#include <vector>

namespace archsim::models {

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

 private:
  void grow() {
    std::vector<T> bigger(buffer_.empty() ? 16 : buffer_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buffer_[(head_ + i) & (buffer_.size() - 1)];
    buffer_.swap(bigger);
    head_ = 0;
  }
  std::vector<T> buffer_;
  std::size_t head_ = 0, size_ = 0;
};

}  // namespace archsim::models
