import BlockfenceBase
import Dispatch
import Foundation
import Synchronization

/// Runs a system tool to completion on a thread of its own, so that waiting for mkfs or
/// resize2fs never holds one of Swift's few cooperative threads.
struct ToolRunner: Sendable {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The tool's output; a tool that cannot be started at all is a `system` error.
    func run(_ tool: String, _ arguments: [String]) async throws(CSIError) -> Output {
        let result: Result<Output, CSIError> = await withCheckedContinuation { continuation in
            do {
                try startThread(name: "csi-tool") {
                    continuation.resume(returning: Self.runBlocking(tool, arguments))
                }
            } catch {
                continuation.resume(
                    returning: .failure(.system(action: "start a thread for \(tool)", reason: "\(error)")))
            }
        }
        return try result.get()
    }

    /// Like `run`, but a non-zero exit status is a `system` error quoting the tool's message.
    @discardableResult
    func check(_ tool: String, _ arguments: [String]) async throws(CSIError) -> String {
        let output = try await run(tool, arguments)
        guard output.status == 0 else {
            let message = output.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .system(
                action: ([tool] + arguments).joined(separator: " "),
                reason: "exit status \(output.status): \(message)")
        }
        return output.standardOutput
    }

    private static func runBlocking(_ tool: String, _ arguments: [String]) -> Result<Output, CSIError> {
        let process = Process()
        // Tools are found on PATH, as a container image or a host installs them.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(.system(action: "run \(tool)", reason: "\(error)"))
        }
        // Read both pipes before waiting: a tool that fills a pipe would otherwise never exit.
        let errorData = Mutex(Data())
        let errorRead = DispatchSemaphore(value: 0)
        let reader = Thread {
            let data = error.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
            errorRead.signal()
        }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        errorRead.wait()
        process.waitUntilExit()
        return .success(
            Output(
                status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                standardError: String(decoding: errorData.withLock { $0 }, as: UTF8.self)))
    }
}
