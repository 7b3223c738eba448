import Glibc

/// Unbuffered output for commands: what a command prints must reach a pipe at once, since
/// scripts and tests read it while the command keeps running.
public enum Console {
    public static func out(_ text: String) {
        write(1, text + "\n")
    }

    public static func error(_ text: String) {
        write(2, text + "\n")
    }

    private static func write(_ descriptor: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result <= 0 { return }
                written += result
            }
        }
    }
}

/// The contents of a small text file such as a /sys or /proc entry, or nil when it cannot be read.
public func readSmallFile(_ path: String, limit: Int = 64 << 10) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes = [UInt8](repeating: 0, count: limit)
    var count = 0
    while count < limit {
        let result = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, limit - count) }
        if result > 0 {
            count += result
        } else if result == 0 || errno != EINTR {
            break
        }
    }
    return String(decoding: bytes[0..<count], as: UTF8.self)
}
