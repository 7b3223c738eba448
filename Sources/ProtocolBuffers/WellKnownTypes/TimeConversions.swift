import Glibc

extension Google_Protobuf_Duration {
    /// The protobuf form of a Swift duration. Protobuf keeps nanoseconds, so finer parts are
    /// truncated; negative durations have seconds and nanos of the same sign, as the type requires.
    public init(_ duration: Swift.Duration) {
        self.init()
        let (seconds, attoseconds) = duration.components
        self.seconds = seconds
        nanos = Int32(attoseconds / 1_000_000_000)
    }

    public var swiftDuration: Swift.Duration {
        .seconds(seconds) + .nanoseconds(Int64(nanos))
    }
}

extension Google_Protobuf_Timestamp {
    /// A point in time as seconds and nanoseconds since 1970-01-01T00:00:00Z.
    public init(secondsSince1970 seconds: Int64, nanoseconds: Int32 = 0) {
        self.init()
        self.seconds = seconds
        nanos = nanoseconds
    }

    /// The wall-clock time now. Wall clocks jump; use it to tell people when something happened,
    /// never to measure how long something took.
    public static func now() -> Google_Protobuf_Timestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Google_Protobuf_Timestamp(secondsSince1970: Int64(time.tv_sec), nanoseconds: Int32(time.tv_nsec))
    }
}
