// Committed(pending): a store write awaited from a request's coroutine.
//
// The coroutine is suspended without holding any thread while the writer batches and syncs,
// and is resumed on its own executor (the connection's I/O thread) with the write's outcome
// once its batch has committed, or once the write was refused. So an ok outcome may be
// acknowledged to the user: it is durable.
//
// The store must outlive the wait and be closed (store::Store::Close) before the I/O
// threads' io_contexts are destroyed, so that every outcome is posted to a live executor.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "store/pending.h"

namespace ss::api {

template <class R>
boost::asio::awaitable<R> Committed(store::Pending<R> pending) {
  namespace asio = boost::asio;
  // Named and capturing by reference: GCC 12 mishandles temporaries with non-trivial
  // destructors inside a co_await expression (see http::Offload).
  auto start = [&pending](auto handler) {
    using Handler = decltype(handler);
    auto shared = std::make_shared<Handler>(std::move(handler));
    std::move(pending).Then([shared](R outcome) {
      auto executor = asio::get_associated_executor(*shared);
      asio::post(executor, [shared, outcome = std::move(outcome)]() mutable { std::move (*shared)(std::move(outcome)); });
    });
  };
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>, void(R)>(start, asio::use_awaitable);
}

}  // namespace ss::api
