import CSIAPI
import Foundation
import Synchronization

@testable import CSIPlugin

/// Always finds the volume on one server.
struct FakeLocator: PrimaryLocating {
    func target(ofVolume volume: String) async throws(CSIError) -> NBDTarget {
        NBDTarget(host: "127.0.0.1", port: 10809, exportName: volume)
    }
}

/// Hands out /dev/nbd0, /dev/nbd1, … and remembers what is connected. `holdAttach` makes the
/// next attach wait until `release()`, to keep an operation running.
final class FakeAttacher: BlockDeviceAttaching {
    struct State {
        var connected: [String: String] = [:]
        var nextIndex = 0
        var attachCalls = 0
        var detachCalls = 0
        var holding = false
        var attachStarted = false
        var waiter: CheckedContinuation<Void, Never>?
        var supervised = Set<String>()
        var adoptCalls = 0
        var refreshCalls = 0
        var failAttach = false
    }

    let state = Mutex(State())

    func holdAttach() { state.withLock { $0.holding = true } }

    func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.holding = false
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    var attachStarted: Bool { state.withLock { $0.attachStarted } }
    var connected: [String: String] { state.withLock { $0.connected } }
    var attachCalls: Int { state.withLock { $0.attachCalls } }
    var detachCalls: Int { state.withLock { $0.detachCalls } }

    func reserveDevice(volume: String, excluding: Set<String>) async throws(CSIError) -> String {
        state.withLock { state in
            var device = "/dev/nbd\(state.nextIndex)"
            while excluding.contains(device) || state.connected[device] != nil {
                state.nextIndex += 1
                device = "/dev/nbd\(state.nextIndex)"
            }
            state.nextIndex += 1
            return device
        }
    }

    func attach(volume: String, device: String, target: NBDTarget) async throws(CSIError) {
        if state.withLock({ $0.failAttach }) { throw .system(action: "connect \(device)", reason: "refused") }
        let holding = state.withLock { state -> Bool in
            state.attachStarted = true
            return state.holding
        }
        if holding {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    guard state.holding else { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
        state.withLock { state in
            state.attachCalls += 1
            state.connected[device] = target.exportName
            state.supervised.insert(device)
        }
    }

    /// A device stays connected across a plugin restart (a new FakeAttacher sharing `state`
    /// with `restarted()`), but is no longer supervised until adopted.
    func adopt(volume: String, device: String, exportName: String) async -> Bool {
        state.withLock { state in
            state.adoptCalls += 1
            guard state.connected[device] == exportName else { return false }
            state.supervised.insert(device)
            return true
        }
    }

    func detach(device: String) async throws(CSIError) {
        state.withLock { state in
            state.detachCalls += 1
            state.connected[device] = nil
            state.supervised.remove(device)
        }
    }

    func refreshSize(device: String) async throws(CSIError) {
        state.withLock { $0.refreshCalls += 1 }
    }

    /// The kernel as a restarted plugin finds it: the same connections, nothing supervised.
    func restarted() -> FakeAttacher {
        let fresh = FakeAttacher()
        fresh.state.withLock { $0 = state.withLock { $0 } }
        fresh.state.withLock { $0.supervised = [] }
        return fresh
    }

    /// A node reboot, or a device disconnected while no plugin ran.
    func disconnectAll() { state.withLock { $0.connected = [:] } }

    var supervised: Set<String> { state.withLock { $0.supervised } }
    var adoptCalls: Int { state.withLock { $0.adoptCalls } }
    var refreshCalls: Int { state.withLock { $0.refreshCalls } }
}

/// A mount table and the file systems on devices, in memory.
final class FakeTools: FilesystemTools {
    struct State {
        var fileSystems: [String: String] = [:]
        var mounts: [String: String] = [:]
        var readOnlyMounts: Set<String> = []
        var mkfsCalls = 0
    }

    let state = Mutex(State())

    var mounts: [String: String] { state.withLock { $0.mounts } }
    var mkfsCalls: Int { state.withLock { $0.mkfsCalls } }

    func probe(device: String) async throws(CSIError) -> String? { state.withLock { $0.fileSystems[device] } }

    func makeFilesystem(type: String, device: String) async throws(CSIError) {
        state.withLock { state in
            state.mkfsCalls += 1
            state.fileSystems[device] = type
        }
    }

    func mount(device: String, at path: String, type: String, options: [String]) async throws(CSIError) {
        state.withLock { state in
            state.mounts[path] = device
            if options.contains("ro") { state.readOnlyMounts.insert(path) }
        }
    }

    func bindMount(source: String, target: String, readOnly: Bool) async throws(CSIError) {
        state.withLock { state in
            state.mounts[target] = source
            if readOnly { state.readOnlyMounts.insert(target) }
        }
    }

    func unmount(path: String) async throws(CSIError) {
        state.withLock { state in
            state.mounts[path] = nil
            state.readOnlyMounts.remove(path)
        }
    }

    func isMountPoint(_ path: String) async -> Bool { state.withLock { $0.mounts[path] != nil } }

    func growFilesystem(type: String, device: String, mountPath: String) async throws(CSIError) {}

    func statistics(path: String) async throws(CSIError) -> FilesystemStatistics {
        FilesystemStatistics(
            totalBytes: 100, availableBytes: 60, usedBytes: 40, totalInodes: 10, freeInodes: 7, usedInodes: 3)
    }

    func deviceSizeBytes(_ device: String) async throws(CSIError) -> Int64 { 1 << 30 }
}
