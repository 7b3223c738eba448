import Testing

@testable import YAML

@Suite struct YAMLReaderTests {
    @Test func readsScalarsSequencesAndMappingsWithPositions() throws {
        let text = """
            name: demo
            servers: 3
            steps:
              - kill: primary
              - sleep: 1s
            quoted: "a: b"
            """
        let root = try YAMLReader.read(text)
        #expect(root["name"]?.scalar == "demo")
        #expect(root["servers"]?.scalar == "3")
        #expect(root["quoted"]?.scalar == "a: b")
        let steps = try #require(root["steps"]?.items)
        #expect(steps.count == 2)
        #expect(steps[0]["kill"]?.scalar == "primary")
        #expect(steps[1].position == YAMLPosition(line: 5, column: 5))
        #expect(root.entries?.map(\.key) == ["name", "servers", "steps", "quoted"])
    }

    @Test func readsFlowCollections() throws {
        let root = try YAMLReader.read("{volumes: [a, b], wait: {for: healthy}}")
        #expect(root["volumes"]?.items?.compactMap(\.scalar) == ["a", "b"])
        #expect(root["wait"]?["for"]?.scalar == "healthy")
    }

    @Test(arguments: [
        ("a: [1, 2", "line 2, column 1"),
        ("a: b\n c: d", "line 2, column 3"),
        ("key: \"unterminated", "line 1, column 19"),
        ("- a\nb: c", "line 2, column 1"),
    ])
    func malformedInputNamesWhere(text: String, position: String) {
        #expect {
            try YAMLReader.read(text)
        } throws: { error in
            guard let error = error as? YAMLError, case .syntax = error else { return false }
            return error.description.hasPrefix(position)
        }
    }

    @Test func duplicateKeysAreRefusedAtTheSecondKey() {
        #expect(throws: YAMLError.duplicateKey("a", at: YAMLPosition(line: 3, column: 1))) {
            try YAMLReader.read("a: 1\nb: 2\na: 3")
        }
    }

    @Test func aliasesAreRefused() {
        #expect(throws: YAMLError.alias(at: YAMLPosition(line: 2, column: 4))) {
            try YAMLReader.read("a: &x 1\nb: *x")
        }
    }

    @Test func complexKeysAreRefused() {
        #expect(throws: YAMLError.complexKey(at: YAMLPosition(line: 1, column: 3))) {
            try YAMLReader.read("? [a, b]\n: c")
        }
    }

    @Test func emptyAndMultipleDocumentsAreRefused() {
        #expect(throws: YAMLError.empty) { try YAMLReader.read("# only a comment\n") }
        #expect(throws: YAMLError.multipleDocuments(at: YAMLPosition(line: 2, column: 1))) {
            try YAMLReader.read("a: 1\n---\nb: 2")
        }
    }

    @Test func deepNestingIsRefused() {
        let text = String(repeating: "[", count: YAMLReader.maximumDepth + 1)
        #expect {
            try YAMLReader.read(text)
        } throws: { error in
            if case .tooDeep = error as? YAMLError { return true }
            return false
        }
    }
}
