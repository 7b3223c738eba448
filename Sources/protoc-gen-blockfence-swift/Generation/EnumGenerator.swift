/// Writes a protobuf enum as a Swift enum with one case per distinct number and an
/// `unrecognized` case that keeps numbers this schema does not name (proto3 enums are open).
struct EnumGenerator {
    let descriptor: EnumDescriptor
    let swiftName: String
    let protoName: String

    func write(to writer: inout CodeWriter) {
        var seenNumbers: Set<Int32> = []
        var cases: [(name: String, number: Int32)] = []
        var aliases: [(name: String, target: String)] = []
        for value in descriptor.values {
            let name = SwiftNames.enumCaseName(value.name, enumName: descriptor.name)
            if seenNumbers.insert(value.number).inserted {
                cases.append((name, value.number))
            } else if let target = cases.first(where: { $0.number == value.number }) {
                aliases.append((name, target.name))
            }
        }
        let defaultCase = cases.first { $0.number == 0 } ?? cases.first
        writer.documentation("The protobuf enum `\(protoName)`.")
        writer.block("public enum \(unqualified): ProtobufEnum {") { writer in
            for entry in cases { writer.line("case \(entry.name)") }
            writer.documentation("A number this schema does not name, kept so that it is encoded again unchanged.")
            writer.line("case unrecognized(Int32)")
            writer.line()
            if let defaultCase {
                writer.line("public static let defaultValue = \(unqualified).\(defaultCase.name)")
            } else {
                writer.line("public static let defaultValue = \(unqualified).unrecognized(0)")
            }
            for alias in aliases {
                writer.line("public static let \(alias.name) = \(unqualified).\(alias.target)")
            }
            writer.line()
            writer.block("public init(rawValue: Int32) {") { writer in
                writer.switchBlock("rawValue") { writer in
                    for entry in cases { writer.line("case \(entry.number): self = .\(entry.name)") }
                    writer.line("default: self = .unrecognized(rawValue)")
                }
            }
            writer.line()
            writer.block("public var rawValue: Int32 {") { writer in
                writer.switchBlock("self") { writer in
                    for entry in cases { writer.line("case .\(entry.name): \(entry.number)") }
                    writer.line("case .unrecognized(let number): number")
                }
            }
        }
    }

    private var unqualified: String {
        String(swiftName.split(separator: ".").last ?? Substring(swiftName))
    }
}
