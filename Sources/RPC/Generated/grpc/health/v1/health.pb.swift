// Generated from grpc/health/v1/health.proto by protoc-gen-blockfence-swift. Edit the .proto file and run
// scripts/generate-protos instead of changing this file.

import ProtocolBuffers

/// The protobuf message `grpc.health.v1.HealthCheckRequest`.
public struct Grpc_Health_V1_HealthCheckRequest: Message {
    public static let protoMessageName = "grpc.health.v1.HealthCheckRequest"

    public var service: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(ProtobufString.self, tag, into: &service)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(ProtobufString.self, service, number: 1)
    }
}

/// The protobuf message `grpc.health.v1.HealthCheckResponse`.
public struct Grpc_Health_V1_HealthCheckResponse: Message {
    public static let protoMessageName = "grpc.health.v1.HealthCheckResponse"

    public var status: Grpc_Health_V1_HealthCheckResponse.ServingStatus = .defaultValue
    public var unknownFields = UnknownFields()

    public init() {}

    public mutating func decodeField(
        _ tag: FieldTag, from decoder: inout WireDecoder
    ) throws(DecodingError) -> Bool {
        switch tag.number {
        case 1:
            return try decoder.decodeSingular(
                ProtobufEnumField<Grpc_Health_V1_HealthCheckResponse.ServingStatus>.self, tag, into: &status)
        default:
            return false
        }
    }

    public func encodeFields(to encoder: inout WireEncoder) {
        encoder.encodeImplicit(
            ProtobufEnumField<Grpc_Health_V1_HealthCheckResponse.ServingStatus>.self, status, number: 1)
    }

    /// The protobuf enum `grpc.health.v1.HealthCheckResponse.ServingStatus`.
    public enum ServingStatus: ProtobufEnum {
        case unknown
        case serving
        case notServing
        case serviceUnknown
        /// A number this schema does not name, kept so that it is encoded again unchanged.
        case unrecognized(Int32)

        public static let defaultValue = ServingStatus.unknown

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unknown
            case 1: self = .serving
            case 2: self = .notServing
            case 3: self = .serviceUnknown
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unknown: 0
            case .serving: 1
            case .notServing: 2
            case .serviceUnknown: 3
            case .unrecognized(let number): number
            }
        }
    }
}
