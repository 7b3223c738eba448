import ProtocolBuffers

/// Random `AllFieldKinds` messages for the conformance suite: every field kind, edge values
/// (extremes, zero, negative zero, NaN payloads, non-ASCII text), random presence, nesting, and
/// unknown fields at several levels.
public struct ConformanceSamples {
    private var random: SeededGenerator
    /// Replaces NaNs that carry a payload with the canonical NaN. Python's pure-Python protobuf
    /// backend decodes every NaN to Python's one NaN, so payloads cannot survive a trip through it.
    private let canonicalNaN: Bool
    /// Limits maps to one entry. Python's upb backend writes deterministic map entries in another
    /// order than this codec (and the C++, Java and pure-Python encoders); with one entry per map
    /// the comparison against it stays byte-exact.
    private let singleEntryMaps: Bool

    public init(seed: UInt64, canonicalNaN: Bool = false, singleEntryMaps: Bool = false) {
        random = SeededGenerator(seed: seed)
        self.canonicalNaN = canonicalNaN
        self.singleEntryMaps = singleEntryMaps
    }

    public mutating func message(depth: Int = 0) -> Blockfence_Test_AllFieldKinds {
        var message = Blockfence_Test_AllFieldKinds()
        if chance(0.5) { message.doubleValue = double() }
        if chance(0.5) { message.floatValue = float() }
        if chance(0.5) { message.int64Value = integer() }
        if chance(0.5) { message.uint64Value = integer() }
        if chance(0.5) { message.int32Value = integer() }
        if chance(0.5) { message.fixed64Value = integer() }
        if chance(0.5) { message.fixed32Value = integer() }
        if chance(0.5) { message.boolValue = chance(0.5) }
        if chance(0.5) { message.stringValue = text() }
        if chance(0.5) { message.bytesValue = bytes() }
        if chance(0.5) { message.uint32Value = integer() }
        if chance(0.5) { message.sfixed32Value = integer() }
        if chance(0.5) { message.sfixed64Value = integer() }
        if chance(0.5) { message.sint32Value = integer() }
        if chance(0.5) { message.sint64Value = integer() }
        if chance(0.4) { message.size = Blockfence_Test_AllFieldKinds.Size(rawValue: enumNumber()) }
        if chance(0.4) { message.color = color() }
        if chance(0.3) { message.nested = nested(depth: depth) }
        if chance(0.3) { message.point = point() }
        if chance(0.3) { message.optionalInt32 = integer() }
        if chance(0.3) { message.optionalString = text() }
        if chance(0.3) { message.optionalColor = color() }
        if chance(0.3) { message.optionalDouble = double() }
        message.repeatedDouble = list { $0.double() }
        message.repeatedFloat = list { $0.float() }
        message.repeatedInt64 = list { $0.integer() }
        message.repeatedUint64 = list { $0.integer() }
        message.repeatedInt32 = list { $0.integer() }
        message.repeatedFixed64 = list { $0.integer() }
        message.repeatedFixed32 = list { $0.integer() }
        message.repeatedBool = list { $0.chance(0.5) }
        message.repeatedString = list { $0.text() }
        message.repeatedBytes = list { $0.bytes() }
        message.repeatedUint32 = list { $0.integer() }
        message.repeatedSfixed32 = list { $0.integer() }
        message.repeatedSfixed64 = list { $0.integer() }
        message.repeatedSint32 = list { $0.integer() }
        message.repeatedSint64 = list { $0.integer() }
        message.repeatedColor = list { $0.color() }
        if depth < 2 { message.repeatedNested = list(maximum: 2) { $0.nested(depth: depth) } }
        message.unpackedInt32 = list { $0.integer() }
        message.unpackedSint64 = list { $0.integer() }
        message.unpackedDouble = list { $0.double() }
        message.unpackedColor = list { $0.color() }
        message.stringToString = map(key: { $0.text() }, value: { $0.text() })
        message.int32ToInt64 = map(key: { $0.integer() }, value: { $0.integer() })
        message.uint64ToBytes = map(key: { $0.integer() }, value: { $0.bytes() })
        if depth < 2 {
            message.sint32ToNested = map(maximum: 2, key: { $0.integer() }, value: { $0.nested(depth: depth) })
        }
        message.boolToColor = map(maximum: 2, key: { $0.chance(0.5) }, value: { $0.color() })
        message.fixed32ToDouble = map(key: { $0.integer() }, value: { $0.double() })
        message.sfixed64ToPoint = map(key: { $0.integer() }, value: { $0.point() })
        message.stringToTimestamp = map(key: { $0.text() }, value: { $0.timestamp() })
        message.choice = choice(depth: depth)
        if chance(0.2) { message.timestamp = timestamp() }
        if chance(0.2) { message.duration = duration() }
        if chance(0.2) { message.empty = Google_Protobuf_Empty() }
        wrappers(&message)
        if chance(0.3) { message.secret = text() }
        if chance(0.3) { message.unknownFields = unknownFields() }
        return message
    }

    private mutating func wrappers(_ message: inout Blockfence_Test_AllFieldKinds) {
        if chance(0.15) { message.int32Wrapper = wrapped(Google_Protobuf_Int32Value()) { $0.value = $1.integer() } }
        if chance(0.15) { message.int64Wrapper = wrapped(Google_Protobuf_Int64Value()) { $0.value = $1.integer() } }
        if chance(0.15) { message.uint32Wrapper = wrapped(Google_Protobuf_UInt32Value()) { $0.value = $1.integer() } }
        if chance(0.15) { message.uint64Wrapper = wrapped(Google_Protobuf_UInt64Value()) { $0.value = $1.integer() } }
        if chance(0.15) { message.floatWrapper = wrapped(Google_Protobuf_FloatValue()) { $0.value = $1.float() } }
        if chance(0.15) { message.doubleWrapper = wrapped(Google_Protobuf_DoubleValue()) { $0.value = $1.double() } }
        if chance(0.15) { message.boolWrapper = wrapped(Google_Protobuf_BoolValue()) { $0.value = $1.chance(0.5) } }
        if chance(0.15) { message.stringWrapper = wrapped(Google_Protobuf_StringValue()) { $0.value = $1.text() } }
        if chance(0.15) { message.bytesWrapper = wrapped(Google_Protobuf_BytesValue()) { $0.value = $1.bytes() } }
    }

    private mutating func wrapped<Wrapper>(_ empty: Wrapper, _ fill: (inout Wrapper, inout Self) -> Void) -> Wrapper {
        var wrapper = empty
        if chance(0.8) { fill(&wrapper, &self) }
        return wrapper
    }

    private mutating func choice(depth: Int) -> Blockfence_Test_AllFieldKinds.OneOf_Choice? {
        switch Int.random(in: 0..<7, using: &random) {
        case 0: .choiceInt32(integer())
        case 1: .choiceString(text())
        case 2: depth < 2 ? .choiceNested(nested(depth: depth)) : nil
        case 3: .choiceColor(color())
        case 4: .choiceBytes(bytes())
        default: nil
        }
    }

    private mutating func nested(depth: Int) -> Blockfence_Test_AllFieldKinds.Nested {
        var nested = Blockfence_Test_AllFieldKinds.Nested()
        if chance(0.7) { nested.value = integer() }
        nested.tags = list(maximum: 3) { $0.text() }
        if depth < 2 && chance(0.3) { nested.recursive = message(depth: depth + 1) }
        if chance(0.2) { nested.unknownFields = unknownFields() }
        return nested
    }

    private mutating func point() -> Blockfence_Test_Point {
        var point = Blockfence_Test_Point()
        if chance(0.8) { point.x = integer() }
        if chance(0.8) { point.y = integer() }
        if chance(0.5) { point.label = text() }
        return point
    }

    private mutating func timestamp() -> Google_Protobuf_Timestamp {
        var timestamp = Google_Protobuf_Timestamp()
        timestamp.seconds = Int64.random(in: -62_135_596_800...253_402_300_799, using: &random)
        timestamp.nanos = Int32.random(in: 0...999_999_999, using: &random)
        return timestamp
    }

    private mutating func duration() -> Google_Protobuf_Duration {
        var duration = Google_Protobuf_Duration()
        duration.seconds = Int64.random(in: 0...315_576_000_000, using: &random)
        duration.nanos = Int32.random(in: 0...999_999_999, using: &random)
        return duration
    }

    private mutating func color() -> Blockfence_Test_Color {
        Blockfence_Test_Color(rawValue: enumNumber())
    }

    /// Mostly named values, sometimes numbers the schema does not name (enums are open).
    private mutating func enumNumber() -> Int32 {
        chance(0.8) ? [0, 1, 2, -3].randomElement(using: &random)! : integer()
    }

    /// Unknown fields with numbers 1000 to 1999, which the schema reserves, in every wire type
    /// except groups.
    private mutating func unknownFields() -> UnknownFields {
        var encoder = WireEncoder()
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let number = Int.random(in: 1000...1999, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                encoder.writeTag(number: number, wireType: .varint)
                encoder.writeVarint(integer())
            case 1:
                encoder.writeTag(number: number, wireType: .fixed32)
                encoder.writeFixed32(integer())
            case 2:
                encoder.writeTag(number: number, wireType: .fixed64)
                encoder.writeFixed64(integer())
            default:
                encoder.writeTag(number: number, wireType: .lengthDelimited)
                let content = bytes()
                encoder.writeVarint(UInt64(content.count))
                encoder.writeRawBytes(content)
            }
        }
        return UnknownFields(bytes: encoder.bytes)
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }

    /// Integers of every magnitude, with extra weight on the extremes and small values.
    mutating func integer<Value: FixedWidthInteger>() -> Value {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: Value.min
        case 1: Value.max
        case 2: Value(truncatingIfNeeded: Int.random(in: -3...3, using: &random))
        case 3: Value(truncatingIfNeeded: random.next() >> UInt64.random(in: 0..<64, using: &random))
        default: Value(truncatingIfNeeded: random.next())
        }
    }

    mutating func double() -> Double {
        let value = anyDouble()
        return canonicalNaN && value.isNaN ? .nan : value
    }

    mutating func float() -> Float {
        let value = anyFloat()
        return canonicalNaN && value.isNaN ? .nan : value
    }

    private mutating func anyDouble() -> Double {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: [0.0, -0.0, .infinity, -.infinity, .nan, .greatestFiniteMagnitude].randomElement(using: &random)!
        case 1: Double(bitPattern: random.next())
        default: Double.random(in: -1e6...1e6, using: &random)
        }
    }

    private mutating func anyFloat() -> Float {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: [Float(0), -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude].randomElement(using: &random)!
        case 1: Float(bitPattern: UInt32(truncatingIfNeeded: random.next()))
        default: Float.random(in: -1e6...1e6, using: &random)
        }
    }

    /// ASCII, Latin, CJK, emoji and NUL characters.
    mutating func text() -> String {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7e, 0x0...0x1f, 0xa0...0x24f, 0x4e00...0x4fff, 0x1f600...0x1f64f]
        var result = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            let range = ranges.randomElement(using: &random)!
            result.append(Unicode.Scalar(UInt32.random(in: range, using: &random))!)
        }
        return String(result)
    }

    mutating func bytes() -> [UInt8] {
        (0..<Int.random(in: 0...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    private mutating func list<Value>(maximum: Int = 5, _ make: (inout Self) -> Value) -> [Value] {
        guard chance(0.4) else { return [] }
        return (0..<Int.random(in: 1...maximum, using: &random)).map { _ in make(&self) }
    }

    private mutating func map<Key: Hashable, Value>(
        maximum: Int = 4, key makeKey: (inout Self) -> Key, value makeValue: (inout Self) -> Value
    ) -> [Key: Value] {
        guard chance(0.3) else { return [:] }
        var result: [Key: Value] = [:]
        for _ in 0..<Int.random(in: 1...(singleEntryMaps ? 1 : maximum), using: &random) {
            result[makeKey(&self)] = makeValue(&self)
        }
        return result
    }
}
