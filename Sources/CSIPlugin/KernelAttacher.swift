import BlockfenceBase
import Foundation
import NBDKernel
import Synchronization

/// Attaches through the kernel's NBD netlink interface and keeps every device it attached
/// pointed at its volume's current primary: one thread per device listens for the kernel's
/// dead-link notification and hands the same /dev/nbdN a connection to the new primary, so a
/// failover under a mounted file system is a pause rather than an I/O error.
public final class KernelAttacher: BlockDeviceAttaching {
    /// Where an export is served now. Called from the supervising threads, never from Swift's
    /// cooperative pool, so it may block.
    public typealias Resolve = @Sendable (_ exportName: String) throws -> NBDKernel.NBDTarget

    /// One supervised device.
    final class Supervision: Sendable {
        let volume: String
        let supervisor: NBDDeviceSupervisor
        let finished = Atomic<Bool>(false)

        init(volume: String, supervisor: NBDDeviceSupervisor) {
            self.volume = volume
            self.supervisor = supervisor
        }
    }

    private let options: NBDAttachOptions
    private let logger: Logger
    private let resolve: Resolve
    private let sysBlock: String
    private let supervised = Mutex<[String: Supervision]>([:])
    /// Devices chosen for an attach still running: two volumes staged at once must not both
    /// pick the same free device before either is connected.
    private let reserved = Mutex<Set<String>>([])

    public init(
        options: NBDAttachOptions = NBDAttachOptions(), logger: Logger, sysBlock: String = "/sys/block",
        resolve: @escaping Resolve
    ) {
        self.options = options
        self.logger = logger
        self.sysBlock = sysBlock
        self.resolve = resolve
    }

    public func reserveDevice(volume: String, excluding: Set<String>) async throws(CSIError) -> String {
        let devices: [NBDDeviceStatus]
        do { devices = try NBDDevices.status() } catch { throw Self.failure("list the NBD devices", error) }
        let taken = supervised.withLock { Set($0.keys) }.union(excluding)
        let chosen = reserved.withLock { reserved -> String? in
            guard let free = Self.firstFree(devices, excluding: reserved.union(taken)) else { return nil }
            reserved.insert(free)
            return free
        }
        guard let chosen else {
            throw .system(action: "attach volume '\(volume)'", reason: "no free /dev/nbd device")
        }
        return chosen
    }

    public func attach(volume: String, device: String, target: NBDTarget) async throws(CSIError) {
        defer { _ = reserved.withLock { $0.remove(device) } }
        let index: UInt32
        do { index = try NBDDevices.index(of: device) } catch { throw Self.failure("attach volume '\(volume)'", error) }
        let supervisor = makeSupervisor(volume: volume, exportName: target.exportName)
        let outcome = await onOwnThread(volume: volume, device: device, supervisor: supervisor) {
            () throws(NBDKernelError) in
            _ = try supervisor.attach(deviceIndex: index)
        }
        if let outcome { throw Self.failure("attach volume '\(volume)' as \(device)", outcome) }
    }

    public func adopt(volume: String, device: String, exportName: String) async -> Bool {
        if let existing = supervised.withLock({ $0[device] }) {
            return existing.volume == volume && !existing.finished.load(ordering: .acquiring)
        }
        guard let index = try? NBDDevices.index(of: device) else { return false }
        let sizeBytes = deviceSizeBytes(device)
        let supervisor = makeSupervisor(volume: volume, exportName: exportName)
        let outcome = await onOwnThread(volume: volume, device: device, supervisor: supervisor) {
            () throws(NBDKernelError) in
            try supervisor.adopt(deviceIndex: index, sizeBytes: sizeBytes)
        }
        if let outcome {
            logger.warning(
                "A recorded device could not be taken over.", ["volume": volume, "device": device, "error": outcome])
            return false
        }
        return true
    }

    public func detach(device: String) async throws(CSIError) {
        if let supervision = supervised.withLock({ $0.removeValue(forKey: device) }) {
            supervision.supervisor.stop()
            // `supervise` notices within half a second; a reconnection in progress within one backoff.
            while !supervision.finished.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(50)) }
        }
        do {
            let index = try NBDDevices.index(of: device)
            guard try isConnected(index) else { return }
            try NBDDevices.disconnect(device)
            // The kernel tears the device down after answering: its receive work ends first. The
            // device counts as detached once the kernel lists it free, so that nothing is left
            // connected when NodeUnstage succeeds.
            for _ in 0..<100 {
                guard try isConnected(index) else { return }
                try? await Task.sleep(for: .milliseconds(100))
            }
        } catch {
            throw Self.failure("detach \(device)", error)
        }
        throw .system(action: "detach \(device)", reason: "the kernel still lists it connected after 10 seconds")
    }

    private func isConnected(_ index: UInt32) throws(NBDKernelError) -> Bool {
        try NBDDevices.status().first { $0.index == index }?.connected ?? false
    }

    public func refreshSize(device: String) async throws(CSIError) {
        guard let supervision = supervised.withLock({ $0[device] }) else {
            throw .system(action: "resize \(device)", reason: "the plugin does not supervise it")
        }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<NBDKernelError?, Never>) in
            do throws(SystemError) {
                try startThread(name: "nbd-resize") {
                    do throws(NBDKernelError) {
                        _ = try supervision.supervisor.refreshSize()
                        continuation.resume(returning: nil)
                    } catch {
                        continuation.resume(returning: error)
                    }
                }
            } catch {
                continuation.resume(returning: .system(error))
            }
        }
        if let result { throw Self.failure("resize \(device)", result) }
    }

    private func makeSupervisor(volume: String, exportName: String) -> NBDDeviceSupervisor {
        let resolve = resolve
        return NBDDeviceSupervisor(options: options, logger: logger.with(["volume": volume])) {
            try resolve(exportName)
        }
    }

    /// Runs `start` (attach or adopt) on a new thread that then supervises the device until
    /// `detach`; returns the error `start` threw, or nil once the device is supervised.
    private func onOwnThread(
        volume: String, device: String, supervisor: NBDDeviceSupervisor,
        _ start: @escaping @Sendable () throws(NBDKernelError) -> Void
    ) async -> NBDKernelError? {
        let supervision = Supervision(volume: volume, supervisor: supervisor)
        return await withCheckedContinuation { (continuation: CheckedContinuation<NBDKernelError?, Never>) in
            do throws(SystemError) {
                try startThread(name: "nbd-supervise") {
                    do throws(NBDKernelError) {
                        try start()
                    } catch {
                        continuation.resume(returning: error)
                        return
                    }
                    self.supervised.withLock { $0[device] = supervision }
                    continuation.resume(returning: nil)
                    supervisor.supervise()
                    supervision.finished.store(true, ordering: .releasing)
                }
            } catch {
                continuation.resume(returning: .system(error))
            }
        }
    }

    /// The kernel's size of a device, from /sys/block/nbdN/size (in 512-byte sectors).
    private func deviceSizeBytes(_ device: String) -> UInt64 {
        let name = (device as NSString).lastPathComponent
        guard let text = try? String(contentsOfFile: "\(sysBlock)/\(name)/size", encoding: .utf8),
            let sectors = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return 0 }
        return sectors * 512
    }

    /// The lowest-numbered device without a connection that is not in `excluding`.
    static func firstFree(_ devices: [NBDDeviceStatus], excluding: Set<String>) -> String? {
        devices.filter { !$0.connected && !excluding.contains($0.path) }.min { $0.index < $1.index }?.path
    }

    private static func failure(_ action: String, _ error: NBDKernelError) -> CSIError {
        .system(action: action, reason: error.description)
    }
}
