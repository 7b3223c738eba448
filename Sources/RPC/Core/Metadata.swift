import CGRPC

/// Request or response metadata: HTTP/2 headers as gRPC carries them. Keys are lower case; keys
/// ending in `-bin` carry arbitrary bytes, all others printable ASCII.
public struct Metadata: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let key: String
        public let value: [UInt8]
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    public init(_ pairs: KeyValuePairs<String, String>) {
        for (key, value) in pairs { add(key, value) }
    }

    public mutating func add(_ key: String, _ value: String) {
        entries.append(Entry(key: key.lowercased(), value: Array(value.utf8)))
    }

    public mutating func add(_ key: String, bytes: [UInt8]) {
        entries.append(Entry(key: key.lowercased(), value: bytes))
    }

    /// The first value for `key` as text, for example a bearer token under `authorization`.
    public subscript(_ key: String) -> String? {
        let wanted = key.lowercased()
        return entries.first { $0.key == wanted }.map { String(decoding: $0.value, as: UTF8.self) }
    }

    /// Copies a metadata array the C core filled in.
    init(_ array: grpc_metadata_array) {
        for index in 0..<array.count {
            let entry = array.metadata[index]
            entries.append(Entry(key: Slices.string(entry.key), value: Slices.bytes(entry.value)))
        }
    }
}

/// Metadata laid out as the C core reads it, alive until the batch that sends it completes.
final class OutgoingMetadata {
    let elements: UnsafeMutablePointer<grpc_metadata>
    let count: Int

    init(_ metadata: Metadata) {
        count = metadata.entries.count
        elements = .allocate(capacity: max(count, 1))
        for (index, entry) in metadata.entries.enumerated() {
            var element = grpc_metadata()
            element.key = Slices.make(entry.key)
            element.value = Slices.make(entry.value)
            (elements + index).initialize(to: element)
        }
    }

    deinit {
        for index in 0..<count {
            grpc_slice_unref(elements[index].key)
            grpc_slice_unref(elements[index].value)
        }
        elements.deinitialize(count: count)
        elements.deallocate()
    }
}
