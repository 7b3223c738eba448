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
