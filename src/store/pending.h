// Pending: the outcome of a write that the store's writer has queued and will commit.
//
// A write is answered once, after the batch that holds it has committed (its outcome is then
// durable) or after it was refused (its own failure, or the batch's). Nothing is reported
// before that, so a caller that acknowledges a user on an ok outcome never acknowledges a
// write that could still be lost.
//
// Two ways to take the outcome: Wait() blocks the calling thread (the CLI, tests); Then(f)
// hands it to `f` on the writer's thread (the server, which resumes the request's coroutine
// on its own I/O thread, see http/await.h) so that no thread waits for the disk.
// R is Status or Result<T>.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "core/status.h"

namespace ss::store {

template <class R>
class Promise;

template <class R>
class [[nodiscard]] Pending {
 public:
  // An outcome known at once: refused before anything was queued.
  static Pending Ready(R outcome) {
    auto s = std::make_shared<State>();
    s->outcome.emplace(std::move(outcome));
    return Pending(std::move(s));
  }

  // Blocks until the outcome is known.
  R Wait() && {
    std::unique_lock lock(s_->mu);
    s_->cv.wait(lock, [&] { return s_->outcome.has_value(); });
    return std::move(*s_->outcome);
  }

  // `f` gets the outcome once: at once when it is known, else on the writer's thread. `f`
  // must not block.
  void Then(std::function<void(R)> f) && {
    std::unique_lock lock(s_->mu);
    if (s_->outcome) {
      R r = std::move(*s_->outcome);
      lock.unlock();
      f(std::move(r));
      return;
    }
    s_->then = std::move(f);
  }

 private:
  friend class Promise<R>;
  struct State {
    std::mutex mu;
    std::condition_variable cv;
    std::optional<R> outcome;
    std::function<void(R)> then;
  };
  explicit Pending(std::shared_ptr<State> s) : s_(std::move(s)) {}
  std::shared_ptr<State> s_;
};

// The writer's side: sets the outcome once.
template <class R>
class Promise {
 public:
  Promise() : s_(std::make_shared<typename Pending<R>::State>()) {}
  Pending<R> pending() const { return Pending<R>(s_); }

  void Set(R outcome) {
    std::unique_lock lock(s_->mu);
    if (s_->then) {
      auto f = std::move(s_->then);
      lock.unlock();
      f(std::move(outcome));
      return;
    }
    s_->outcome.emplace(std::move(outcome));
    lock.unlock();
    s_->cv.notify_all();
  }

 private:
  std::shared_ptr<typename Pending<R>::State> s_;
};

// `p`'s outcome turned into another by `f` (run where the outcome is delivered).
template <class To, class From, class F>
Pending<To> Map(Pending<From> p, F f) {
  Promise<To> promise;
  Pending<To> out = promise.pending();
  std::move(p).Then([promise, f = std::move(f)](From outcome) mutable { promise.Set(f(std::move(outcome))); });
  return out;
}

// The failure inside an outcome (ok for a value).
inline const Status& StatusOf(const Status& s) { return s; }
template <class T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}

}  // namespace ss::store
