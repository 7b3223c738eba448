import Testing

@testable import Scenarios

@Suite struct ScenarioResultTests {
    @Test func aResultPassesOnlyWhenEveryVerdictPassedAndItWasNotInterrupted() {
        var result = ScenarioResult(name: "a", file: "a.yaml", workDirectory: "/tmp/a")
        #expect(!result.passed, "a run without a single check proves nothing")
        result.verdicts = [Verdict(line: 3, check: "x", passed: true, detail: "")]
        #expect(result.passed)
        result.verdicts.append(Verdict(line: nil, check: "y", passed: false, detail: ""))
        #expect(!result.passed)
        result.verdicts.removeLast()
        result.interrupted = true
        #expect(!result.passed)
    }

    @Test func theJSONCarriesEveryVerdict() {
        var result = ScenarioResult(name: "quote\"d", file: "f.yaml", workDirectory: "/w")
        result.verdicts = [
            Verdict(line: 7, check: "the \"check\"", passed: false, detail: "line\nbreak\u{1}"),
            Verdict(line: nil, check: "end", passed: true, detail: "ok"),
        ]
        result.writesAcknowledged = 12
        let json = result.json
        #expect(json.contains(#""name": "quote\"d""#))
        #expect(
            json.contains(#"{"line": 7, "check": "the \"check\"", "passed": false, "detail": "line\nbreak\u0001"}"#))
        #expect(json.contains(#"{"line": null, "check": "end", "passed": true, "detail": "ok"}"#))
        #expect(json.contains(#""passed": false"#))
        #expect(json.contains(#""writes_acknowledged": 12"#))
    }
}

@Suite struct DecimalTests {
    @Test(arguments: [
        (2.5, 1, "2.5"), (0.04, 1, "0.0"), (0.05, 1, "0.1"), (1_717_171_717_171.1234, 3, "1717171717171.123"),
        (3.0, 0, "3"), (7.007, 3, "7.007"),
    ])
    func formatsWithFixedDecimals(value: Double, digits: Int, text: String) {
        #expect(decimal(value, digits: digits) == text)
    }

    @Test func stepsPrintDurationsAsWrittenNotAsBinaryFractions() {
        #expect(ScenarioRunner.describe(.sleep(seconds: 0.1 * 7)) == "sleep 0.7 s")
        #expect(ScenarioRunner.describe(.sleep(seconds: 2)) == "sleep 2 s")
        #expect(ScenarioRunner.describe(.sleep(seconds: 0.25)) == "sleep 0.25 s")
        #expect(durationText(0.1 + 0.2) == "0.3")
        #expect(durationText(90) == "90")
    }
}
