import ControlAPI

/// The open Watch streams, by node. Each stream holds only the newest directives: every message
/// is the node's complete state, so an older one that was not sent yet is worth nothing.
///
/// Not thread-safe: the controller uses it under its lock.
final class DirectiveHub {
    typealias Stream = AsyncStream<Blockfence_Control_V1_NodeDirectives>

    private struct Watcher {
        let incarnation: String
        let continuation: Stream.Continuation
    }

    private var watchers: [String: [Int: Watcher]] = [:]
    private var nextIdentifier = 0

    func subscribe(node: String, incarnation: String) -> (identifier: Int, stream: Stream) {
        let (stream, continuation) = Stream.makeStream(bufferingPolicy: .bufferingNewest(1))
        let identifier = nextIdentifier
        nextIdentifier += 1
        watchers[node, default: [:]][identifier] = Watcher(incarnation: incarnation, continuation: continuation)
        return (identifier, stream)
    }

    func unsubscribe(node: String, identifier: Int) {
        watchers[node]?.removeValue(forKey: identifier)?.continuation.finish()
        if watchers[node]?.isEmpty == true { watchers.removeValue(forKey: node) }
    }

    var watchedNodes: [String] { Array(watchers.keys) }

    func push(_ directives: Blockfence_Control_V1_NodeDirectives, to node: String) {
        for watcher in watchers[node, default: [:]].values { watcher.continuation.yield(directives) }
    }

    /// Ends the streams a previous process of the node opened.
    func finishStreams(of node: String, except incarnation: String) {
        guard var nodeWatchers = watchers[node] else { return }
        for (identifier, watcher) in nodeWatchers where watcher.incarnation != incarnation {
            watcher.continuation.finish()
            nodeWatchers.removeValue(forKey: identifier)
        }
        watchers[node] = nodeWatchers.isEmpty ? nil : nodeWatchers
    }

    func finishAll() {
        for watcher in watchers.values.flatMap(\.values) { watcher.continuation.finish() }
        watchers.removeAll()
    }
}
