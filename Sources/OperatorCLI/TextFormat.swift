import Glibc

/// How values read in the human output: durations, times, sizes and text from the control core.
public enum TextFormat {
    /// Text safe to print on a terminal. Names and messages come from the control core and from
    /// nodes; a control character in them (a newline, an escape sequence) would break a table's
    /// rows or change the terminal's state, so each one is shown as '?'.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isControl(scalar) ? "?" : scalar)
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A number of seconds as given to `--timeout`: `10 s`, `0.5 s`.
    public static func seconds(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return "\(Int64(rounded)) s" }
        return "\(rounded) s"
    }

    /// A duration for people: `850 ms`, `2.5 s`, `12 min 5 s`, `3 h 2 min`, `2 d 4 h`.
    public static func duration(milliseconds: UInt64) -> String {
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds < 60_000 {
            let tenths = (milliseconds + 50) / 100
            return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
        }
        let seconds = milliseconds / 1000
        if seconds < 3600 { return pair(seconds / 60, "min", seconds % 60, "s") }
        if seconds < 86_400 { return pair(seconds / 3600, "h", seconds % 3600 / 60, "min") }
        return pair(seconds / 86_400, "d", seconds % 86_400 / 3600, "h")
    }

    private static func pair(_ major: UInt64, _ majorUnit: String, _ minor: UInt64, _ minorUnit: String) -> String {
        minor == 0 ? "\(major) \(majorUnit)" : "\(major) \(majorUnit) \(minor) \(minorUnit)"
    }

    /// A wall-clock time in UTC, so that output does not depend on the machine's time zone:
    /// `2024-05-01 12:00:00 UTC`. Zero, which the control API sends for "never", is `never`.
    public static func timestamp(unixMilliseconds: Int64) -> String {
        guard unixMilliseconds > 0 else { return "never" }
        var seconds = time_t(unixMilliseconds / 1000)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "\(unixMilliseconds) ms after 1970" }
        let date = "\(parts.tm_year + 1900)-\(twoDigits(parts.tm_mon + 1))-\(twoDigits(parts.tm_mday))"
        return "\(date) \(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec)) UTC"
    }

    private static func twoDigits(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// How long ago something happened: `0.4 s ago`. A time slightly ahead of this machine's
    /// clock (the control core's clock may run ahead) reads `just now`.
    public static func age(ofUnixMilliseconds then: Int64, now: Int64) -> String {
        guard then > 0 else { return "never" }
        guard now > then else { return "just now" }
        return duration(milliseconds: UInt64(now - then)) + " ago"
    }

    public static func yesNo(_ value: Bool) -> String {
        value ? "yes" : "no"
    }

    /// A list of names, or `none`.
    public static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map(printable).joined(separator: ", ")
    }

    /// The current wall-clock time, for ages such as a node's last heartbeat.
    public static func nowUnixMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
