import CShims

/// SIGINT, SIGTERM and SIGHUP delivered to one waiting thread instead of default handlers, so a
/// server can stop listening, finish the replies it owes and exit cleanly.
public enum TerminationSignals {
    /// Must run before any thread starts so that every thread inherits the mask. SIGPIPE is
    /// blocked too: a client that goes away must not kill the server.
    public static func block() {
        _ = bf_block_termination_signals()
    }

    /// Waits for the next termination signal and returns its number.
    public static func wait() -> Int32 {
        bf_wait_termination_signal()
    }

    public static func name(_ number: Int32) -> String {
        switch number {
        case 1: "SIGHUP"
        case 2: "SIGINT"
        case 15: "SIGTERM"
        default: "signal \(number)"
        }
    }
}
