import Testing

@testable import protoc_gen_blockfence_swift

@Suite struct SwiftNamesTests {
    @Test(arguments: [
        ("volume_id", "volumeID"), ("node_ids", "nodeIDs"), ("fs_type", "fsType"), ("CreateVolume", "createVolume"),
        ("status", "status"), ("http_url", "httpURL"), ("identity", "identity"),
    ])
    func fieldAndMethodNamesBecomeLowerCamelCase(name: String, expected: String) {
        #expect(SwiftNames.lowerCamel(name) == expected)
    }

    @Test(arguments: [
        ("SERVING_STATUS_UNKNOWN", "ServingStatus", "unknown"), ("SERVING", "ServingStatus", "serving"),
        ("SINGLE_NODE_WRITER", "Mode", "singleNodeWriter"), ("COLOR_1ST", "Color", "color1st"),
        ("DEFAULT", "Kind", "`default`"), ("UNRECOGNIZED", "Kind", "unrecognized_"), ("1ST", "Kind", "_1st"),
    ])
    func enumValuesLoseTheirEnumPrefix(value: String, enumName: String, expected: String) {
        #expect(SwiftNames.enumCaseName(value, enumName: enumName) == expected)
    }

    @Test(arguments: [("class", "`class`"), ("self", "self_"), ("unknownFields", "unknownFields_"), ("name", "name")])
    func reservedMemberNamesAreEscaped(name: String, expected: String) {
        #expect(SwiftNames.memberName(name) == expected)
    }

    @Test(arguments: [("csi.v1", "Csi_V1_"), ("grpc.health.v1", "Grpc_Health_V1_"), ("", ""), ("my_pkg.x", "MyPkg_X_")])
    func packagesBecomeTypePrefixes(package: String, expected: String) {
        #expect(SwiftNames.packagePrefix(package, swiftPrefix: nil) == expected)
    }

    @Test func swiftPrefixOptionWins() {
        #expect(SwiftNames.packagePrefix("csi.v1", swiftPrefix: "CSI") == "CSI")
    }

    @Test(arguments: [("Type", "TypeEnum"), ("Message", "MessageEnum"), ("Mode", "Mode")])
    func nestedTypeNamesAvoidSwiftAndRuntimeNames(name: String, expected: String) {
        #expect(SwiftNames.nestedTypeName(name, suffix: "Enum") == expected)
    }

    @Test func stringLiteralsEscapeQuotesAndBackslashes() {
        #expect(SwiftNames.stringLiteral("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"")
    }
}
