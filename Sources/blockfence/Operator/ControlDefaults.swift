import BlockfenceBase

/// Where the control API is found when no address is given. Defined once, so that whatever
/// serves the control API on this machine by default and the commands that call it agree
/// without flags: `blockfence status` from a second terminal needs none.
enum ControlDefaults {
    /// Loopback only: the control API has no authentication, so the default does not offer it
    /// to the network.
    static let port: UInt16 = 7400
    static let address = ListenAddress.tcp(host: "127.0.0.1", port: port)
    /// Overrides `address` for every operator command; `--control` overrides it in turn.
    static let environmentVariable = "BLOCKFENCE_CONTROL"
    /// How long an operator command waits for the control core by default, in seconds.
    static let timeoutSeconds = 10.0
}
