import BlockfenceBase
import Testing

@Suite struct NameRulesTests {
    @Test(
        "Names the control core accepts, and the ones it refuses for a volume",
        arguments: [
            ("pg-data", true, true),
            ("0.backup_1", true, true),
            ("", false, false),
            ("-data", false, false),
            ("Data", false, false),
            ("da ta", false, false),
            (String(repeating: "a", count: 128), true, true),
            (String(repeating: "a", count: 129), false, false),
            // The form of a volume id is a valid node name but no volume's name.
            ("0f8fad5b-d9cb-469f-a165-70867728950e", true, false),
            ("0f8fad5b-d9cb-469f-a165-70867728950", true, true),
        ])
    func names(name: String, validName: Bool, validVolumeName: Bool) {
        #expect((NameRules.problem(name) == nil) == validName)
        #expect((NameRules.volumeNameProblem(name) == nil) == validVolumeName)
    }
}
