import Testing

@testable import BlockfenceBase

struct LoggerTests {
    @Test(
        "Field values are quoted only when a line would otherwise split ambiguously",
        arguments: [
            ("plain", "plain"), ("", "\"\""), ("two words", "\"two words\""), ("a=b", "\"a=b\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""), ("line\nbreak", "\"line\\nbreak\""),
        ])
    func quotesValues(value: String, expected: String) {
        #expect(Logger.quoted(value) == expected)
    }

    @Test("Fields keep their order")
    func formatsFieldsInOrder() {
        #expect(Logger.format(["volume": "pg-data", "epoch": 7, "node": "n2"]) == " volume=pg-data epoch=7 node=n2")
    }

    @Test("Level names parse in any case and unknown names are refused")
    func parsesLevels() {
        #expect(LogLevel(name: "DEBUG") == .debug)
        #expect(LogLevel(name: "warning") == .warning)
        #expect(LogLevel(name: "verbose") == nil)
        #expect(LogLevel.trace < LogLevel.error)
    }
}
