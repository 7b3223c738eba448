import ProtocolBuffers

/// The one place where failures become gRPC status codes, on both sides of a call.
///
/// | condition | code | what the caller should do |
/// |---|---|---|
/// | handler threw `RPCError` | its code and message | as that code says (services document theirs) |
/// | method path not served here | UNIMPLEMENTED | check the service and method names; do not retry |
/// | request bytes are not a valid message | INVALID_ARGUMENT | fix the client or schema; do not retry |
/// | request larger than the receive limit | RESOURCE_EXHAUSTED (from the C core) | send less |
/// | server at its concurrent-call limit | RESOURCE_EXHAUSTED | retry later with backoff |
/// | server shutting down | UNAVAILABLE | retry, possibly against another server |
/// | handler saw cancellation (`CancellationError`) | CANCELLED | nothing; the call was abandoned |
/// | deadline passed (either side) | DEADLINE_EXCEEDED | retry with a longer deadline if idempotent |
/// | client cancelled its task | CANCELLED | nothing |
/// | no connection could be made | UNAVAILABLE (from the C core) | retry with backoff, or set `waitForReady` |
/// | response bytes are not a valid message | INTERNAL | report; client and server schemas differ |
/// | handler threw any other error | UNKNOWN, with the error's description | report; a service maps its errors first |
///
/// Services map their own domain errors to `RPCError` at their boundary; an error reaching this
/// table unmapped is a service bug, answered as UNKNOWN so that nothing is silently retried.
public enum StatusMapping {
    /// The status a server sends for an error a handler threw.
    public static func status(for error: any Error) -> RPCError {
        switch error {
        case let error as RPCError: error
        case is CancellationError: RPCError(.cancelled, "the call was cancelled")
        default: RPCError(.unknown, "\(error)")
        }
    }

    static func unimplemented(method: String) -> RPCError {
        RPCError(.unimplemented, "method \(method) is not implemented by this server")
    }

    static func undecodableRequest(_ error: DecodingError) -> RPCError {
        RPCError(.invalidArgument, "the request is not a valid message: \(error)")
    }

    static func missingRequest() -> RPCError {
        RPCError(.invalidArgument, "the client sent no request message")
    }

    static func concurrencyLimit(_ limit: Int) -> RPCError {
        RPCError(.resourceExhausted, "the server is handling its limit of \(limit) calls; retry later")
    }

    static func shuttingDown() -> RPCError {
        RPCError(.unavailable, "the server is shutting down")
    }

    static func undecodableResponse(_ error: DecodingError) -> RPCError {
        RPCError(.internal, "the response is not a valid message: \(error)")
    }

    static func callNotStarted(method: String) -> RPCError {
        RPCError(.internal, "the gRPC core refused to start a call to \(method)")
    }

    static func concurrentSend() -> RPCError {
        RPCError(.internal, "a response stream was written from two tasks at once")
    }

    static func responseStreamClosed() -> RPCError {
        RPCError(.cancelled, "the call ended before the response could be sent")
    }
}
