import BlockfenceBase
import ControlAPI
import Dispatch
import OperatorCLI
import RPC
import Synchronization

/// The control core as one operator command sees it: a client on one channel, and a deadline
/// that every call of the command shares, so `--timeout` bounds the whole command.
struct ControlSession: Sendable {
    let client: Blockfence_Control_V1_ControlClient
    let deadline: ContinuousClock.Instant

    /// Connects (lazily: the first call dials) and runs `body` to completion on Swift's
    /// concurrency pool while this thread waits, since the commands themselves are synchronous.
    static func run<Value: Sendable>(
        _ options: CommonOptions, _ body: @escaping @Sendable (ControlSession) async throws(OperatorError) -> Value
    ) throws(OperatorError) -> Value {
        let channel: RPCChannel
        do {
            channel = try RPCChannel(target: options.address)
        } catch {
            throw .local("cannot prepare a connection to the control core: \(error)")
        }
        let session = ControlSession(
            client: Blockfence_Control_V1_ControlClient(channel: channel),
            deadline: .now + .milliseconds(Int64((options.timeoutSeconds * 1000).rounded(.up))))
        return try waitFor { () async throws(OperatorError) -> Value in try await body(session) }
    }

    /// One call, its failure described by `action` ("create volume 'pg-data'").
    func call<Response>(
        _ action: String,
        _ body: (Blockfence_Control_V1_ControlClient, CallOptions) async throws(RPCError) -> Response
    ) async throws(OperatorError) -> Response {
        // What is left of the command's time; at least a millisecond, so that a call made after
        // the deadline fails as DEADLINE_EXCEEDED rather than waiting without one.
        let remaining = max(deadline - .now, .milliseconds(1))
        do {
            return try await body(client, CallOptions(timeout: remaining))
        } catch {
            throw .control(action: action, error)
        }
    }
}

extension ControlSession {
    /// The volume once its primary serves it, that is once it has an `nbd_uri`: a new primary
    /// starts serving a moment after its assignment is minted. Read again every 100 ms for at most
    /// `patience` (and never past the command's deadline); the last reading if it is still not
    /// served by then, so that the output shows that.
    func whenServed(
        _ volume: Blockfence_Control_V1_Volume, patience: Duration = .seconds(5)
    ) async -> Blockfence_Control_V1_Volume {
        let giveUp = min(deadline, .now + patience)
        var latest = volume
        var request = Blockfence_Control_V1_GetVolumeRequest()
        request.volume = volume.id.isEmpty ? volume.name : volume.id
        while latest.nbdURI.isEmpty && ContinuousClock.now < giveUp {
            try? await Task.sleep(for: .milliseconds(100))
            let remaining = max(giveUp - .now, .milliseconds(1))
            guard let response = try? await client.getVolume(request, options: CallOptions(timeout: remaining)),
                let volume = response.volume
            else { continue }
            latest = volume
        }
        return latest
    }
}

/// Runs an asynchronous operation from synchronous code and waits for its result. The waiting
/// thread is the main thread, never one of the concurrency pool's, so the pool stays free.
private func waitFor<Value: Sendable>(
    _ operation: @escaping @Sendable () async throws(OperatorError) -> Value
) throws(OperatorError) -> Value {
    let outcome = Outcome<Value>()
    Task {
        let result: Result<Value, OperatorError>
        do throws(OperatorError) {
            result = .success(try await operation())
        } catch {
            result = .failure(error)
        }
        outcome.result.withLock { $0 = result }
        outcome.finished.signal()
    }
    outcome.finished.wait()
    guard let result = outcome.result.withLock({ $0 }) else {
        preconditionFailure("the operation signalled completion without a result")
    }
    return try result.get()
}

/// The result of `waitFor`'s task, handed from the task to the waiting thread.
private final class Outcome<Value: Sendable>: Sendable {
    let result = Mutex<Result<Value, OperatorError>?>(nil)
    let finished = DispatchSemaphore(value: 0)
}
