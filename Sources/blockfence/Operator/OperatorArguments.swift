import OperatorCLI

/// `Arguments` for the operator commands, whose every failure is an `OperatorError`.
struct OperatorArguments {
    private var arguments: Arguments
    /// Leading words already taken as subcommands, left out of the operands.
    private var subcommandsTaken = 0

    init(_ words: [String], valued: Set<String>) throws(OperatorError) {
        do { arguments = try Arguments(words, valued: valued) } catch { throw .usage(error.description) }
    }

    var wantsHelp: Bool { arguments.wantsHelp }

    /// The value of an option given at most once.
    mutating func value(_ name: String) throws(OperatorError) -> String? {
        do { return try arguments.value(name) } catch { throw .usage(error.description) }
    }

    /// Every value of a repeatable option, in order.
    mutating func values(_ name: String) -> [String] {
        arguments.values(name)
    }

    mutating func flag(_ name: String) -> Bool {
        arguments.flag(name)
    }

    /// Takes the first word that is not an option: the subcommand of `volume` and `node`.
    mutating func subcommand() -> String? {
        let words = arguments.items.compactMap { item -> String? in
            guard case .positional(let word) = item else { return nil }
            return word
        }
        guard subcommandsTaken < words.count else { return nil }
        subcommandsTaken += 1
        return words[subcommandsTaken - 1]
    }

    /// The operands, once every option has been read: an unknown option is reported before a
    /// missing operand, since it is often the reason the operand looks missing.
    mutating func operands(_ names: [String]) throws(OperatorError) -> [String] {
        let words = Array(arguments.positionals().dropFirst(subcommandsTaken))
        do { try arguments.finish() } catch { throw .usage(error.description) }
        guard words.count >= names.count else {
            throw .usage("\(names[words.count]) is missing")
        }
        guard words.count == names.count else {
            throw .usage("unexpected argument '\(TextFormat.printable(words[names.count]))'")
        }
        return words
    }
}
