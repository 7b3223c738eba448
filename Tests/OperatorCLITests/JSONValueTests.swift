import Testing

@testable import OperatorCLI

struct JSONValueTests {
    @Test("Scalars are written as JSON literals")
    func scalars() {
        #expect(JSONValue.null.rendered() == "null")
        #expect(JSONValue.bool(true).rendered() == "true")
        #expect(JSONValue.bool(false).rendered() == "false")
        #expect(JSONValue.unsigned(UInt64.max).rendered() == "18446744073709551615")
        #expect(JSONValue.signed(Int64.min).rendered() == "-9223372036854775808")
    }

    static let escapes: [(text: String, json: String)] = [
        ("plain", #""plain""#),
        ("quote \" and backslash \\", #""quote \" and backslash \\""#),
        ("line\nfeed\rreturn\ttab", #""line\nfeed\rreturn\ttab""#),
        ("\u{08}\u{0C}", #""\b\f""#),
        ("\u{01}\u{1B}\u{1F}", #""\u0001\u001b\u001f""#),
        ("\u{7F} stays", "\"\u{7F} stays\""),
        ("Größe ✓ 🚀", #""Größe ✓ 🚀""#),
        ("/", #""/""#),
    ]

    @Test("Strings escape quotes, backslashes and control characters, and keep the rest as UTF-8", arguments: escapes)
    func strings(text: String, json: String) {
        #expect(JSONValue.string(text).rendered() == json)
    }

    @Test("Objects keep the order their members were written in, indented by two spaces")
    func objectsKeepOrder() {
        let value = JSONValue.object([
            "zebra": .unsigned(1),
            "apple": .array([.string("a"), .null]),
            "empty_array": .array([]),
            "empty_object": .object([:]),
            "nested": .object(["b": .bool(true)]),
        ])
        let expected = """
            {
              "zebra": 1,
              "apple": [
                "a",
                null
              ],
              "empty_array": [],
              "empty_object": {},
              "nested": {
                "b": true
              }
            }
            """
        #expect(value.rendered() == expected)
    }

    @Test("Object members can be read back by key")
    func subscriptByKey() {
        let object: JSONObject = ["a": .unsigned(1), "b": .string("x")]
        #expect(object["b"] == .string("x"))
        #expect(object["c"] == nil)
        #expect(object.members.map(\.key) == ["a", "b"])
    }
}
