import BlockfenceBase
import ControlAPI
import OperatorCLI
import RPC

/// `blockfence volume create NAME --size SIZE [--replicas N] [--param KEY=VALUE]...`
struct VolumeCreateCommand: OperatorSubcommand {
    static let path = "volume create"
    static let help = OperatorHelp.create
    static let valuedOptions: Set<String> = ["--size", "--replicas", "--param"]

    let request: Blockfence_Control_V1_CreateVolumeRequest

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        let size = try arguments.value("--size")
        let replicas = try arguments.value("--replicas")
        let parameters = arguments.values("--param")
        let operands = try arguments.operands(["NAME"])
        var request = Blockfence_Control_V1_CreateVolumeRequest()
        request.name = try InputValidation.volumeName(operands[0])
        guard let size else { throw .usage("--size is required, for example --size 10GiB") }
        request.sizeBytes = try InputValidation.volumeSize(size)
        // Zero asks for the control core's default, so an absent --replicas is left at zero.
        if let replicas { request.replicaCount = try InputValidation.replicaCount(replicas) }
        request.parameters = try InputValidation.parameters(parameters)
        self.request = request
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        let action = "create volume '\(request.name)'"
        let response = try await control.call(action) { client, options async throws(RPCError) in
            try await client.createVolume(request, options: options)
        }
        guard let created = response.volume else { throw .incompleteResponse(action: action, missing: "volume") }
        let volume = await control.whenServed(created)
        let name = TextFormat.printable(volume.name)
        let heading =
            response.created
            ? "Created volume \(name)." : "Volume \(name) already exists as asked; nothing changed."
        return CommandOutput(
            json: ControlJSON.created(volume, created: response.created),
            text: heading + "\n\n" + VolumeText.detail(volume))
    }
}

/// `blockfence volume list`
struct VolumeListCommand: OperatorSubcommand {
    static let path = "volume list"
    static let help = OperatorHelp.list
    static let valuedOptions: Set<String> = []
    /// A bound on pages, so that a control core that keeps answering with a next page cannot
    /// keep the command running; even at one volume a page, no cluster needs this many.
    static let maximumPages = 10_000

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        _ = try arguments.operands([])
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        var volumes: [Blockfence_Control_V1_Volume] = []
        var request = Blockfence_Control_V1_ListVolumesRequest()
        for _ in 0..<Self.maximumPages {
            let response = try await control.call("list volumes") { client, options async throws(RPCError) in
                try await client.listVolumes(request, options: options)
            }
            volumes += response.volumes
            guard !response.nextPageToken.isEmpty else {
                return CommandOutput(json: ControlJSON.volumeList(volumes), text: VolumeText.list(volumes))
            }
            request.pageToken = response.nextPageToken
        }
        throw .local("the control core sent more than \(Self.maximumPages) pages of volumes; stopped reading")
    }
}

/// `blockfence volume inspect NAME`
struct VolumeInspectCommand: OperatorSubcommand {
    static let path = "volume inspect"
    static let help = OperatorHelp.inspect
    static let valuedOptions: Set<String> = []

    let volume: String

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        volume = try InputValidation.volumeReference(arguments.operands(["NAME"])[0])
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        let action = "inspect volume '\(volume)'"
        var request = Blockfence_Control_V1_GetVolumeRequest()
        request.volume = volume
        let response = try await control.call(action) { client, options async throws(RPCError) in
            try await client.getVolume(request, options: options)
        }
        guard let found = response.volume else { throw .incompleteResponse(action: action, missing: "volume") }
        return CommandOutput(json: ControlJSON.volumeAnswer(found), text: VolumeText.detail(found))
    }
}

/// `blockfence volume expand NAME --size SIZE`
struct VolumeExpandCommand: OperatorSubcommand {
    static let path = "volume expand"
    static let help = OperatorHelp.expand
    static let valuedOptions: Set<String> = ["--size"]

    let request: Blockfence_Control_V1_ExpandVolumeRequest

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        let size = try arguments.value("--size")
        let operands = try arguments.operands(["NAME"])
        var request = Blockfence_Control_V1_ExpandVolumeRequest()
        request.volume = try InputValidation.volumeReference(operands[0])
        guard let size else { throw .usage("--size is required: the new size, for example --size 20GiB") }
        request.sizeBytes = try InputValidation.volumeSize(size)
        self.request = request
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        let action = "expand volume '\(request.volume)'"
        let response = try await control.call(action) { client, options async throws(RPCError) in
            try await client.expandVolume(request, options: options)
        }
        guard let volume = response.volume else { throw .incompleteResponse(action: action, missing: "volume") }
        let heading = "Expanded volume \(TextFormat.printable(volume.name)) to \(ByteSize.format(volume.sizeBytes))."
        return CommandOutput(json: ControlJSON.volumeAnswer(volume), text: heading + "\n\n" + VolumeText.detail(volume))
    }
}

/// `blockfence volume attach NAME --node NODE [--read-only]`
struct VolumeAttachCommand: OperatorSubcommand {
    static let path = "volume attach"
    static let help = OperatorHelp.attach
    static let valuedOptions: Set<String> = ["--node"]

    let request: Blockfence_Control_V1_AttachVolumeRequest

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        let node = try arguments.value("--node")
        let readOnly = arguments.flag("--read-only")
        let singleNode = arguments.flag("--single-node")
        let operands = try arguments.operands(["NAME"])
        var request = Blockfence_Control_V1_AttachVolumeRequest()
        request.volume = try InputValidation.volumeReference(operands[0])
        guard let node else { throw .usage("--node is required: the node that uses the volume") }
        request.node = try InputValidation.nodeName(node, option: "--node")
        request.readOnly = readOnly
        request.singleNode = singleNode
        self.request = request
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        let action = "attach volume '\(request.volume)' to node '\(request.node)'"
        let response = try await control.call(action) { client, options async throws(RPCError) in
            try await client.attachVolume(request, options: options)
        }
        guard let volume = response.volume else { throw .incompleteResponse(action: action, missing: "volume") }
        let mode = (request.readOnly ? "read-only" : "read-write") + (request.singleNode ? ", single-node" : "")
        let heading = "Attached volume \(TextFormat.printable(volume.name)) to node \(request.node), \(mode)."
        return CommandOutput(json: ControlJSON.volumeAnswer(volume), text: heading + "\n\n" + VolumeText.detail(volume))
    }
}

/// `blockfence volume detach NAME --node NODE`
struct VolumeDetachCommand: OperatorSubcommand {
    static let path = "volume detach"
    static let help = OperatorHelp.detach
    static let valuedOptions: Set<String> = ["--node"]

    let request: Blockfence_Control_V1_DetachVolumeRequest

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        let node = try arguments.value("--node")
        let operands = try arguments.operands(["NAME"])
        var request = Blockfence_Control_V1_DetachVolumeRequest()
        request.volume = try InputValidation.volumeReference(operands[0])
        guard let node else { throw .usage("--node is required: the node that no longer uses the volume") }
        request.node = try InputValidation.nodeName(node, option: "--node")
        self.request = request
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        let action = "detach volume '\(request.volume)' from node '\(request.node)'"
        _ = try await control.call(action) { client, options async throws(RPCError) in
            try await client.detachVolume(request, options: options)
        }
        return CommandOutput(
            json: ControlJSON.detached(volume: request.volume, node: request.node),
            text: "Detached volume \(request.volume) from node \(request.node).")
    }
}

/// `blockfence volume delete NAME [--force]`
struct VolumeDeleteCommand: OperatorSubcommand {
    static let path = "volume delete"
    static let help = OperatorHelp.delete
    static let valuedOptions: Set<String> = []

    let request: Blockfence_Control_V1_DeleteVolumeRequest

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        let force = arguments.flag("--force")
        let operands = try arguments.operands(["NAME"])
        var request = Blockfence_Control_V1_DeleteVolumeRequest()
        request.volume = try InputValidation.volumeReference(operands[0])
        request.force = force
        self.request = request
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        _ = try await control.call("delete volume '\(request.volume)'") { client, options async throws(RPCError) in
            try await client.deleteVolume(request, options: options)
        }
        return CommandOutput(
            json: ControlJSON.deleted(volume: request.volume), text: "Deleted volume \(request.volume).")
    }
}

/// `blockfence volume rebuild NAME --replica NODE [--to NODE] [--no-wait]`
struct VolumeRebuildCommand: OperatorSubcommand {
    static let path = "volume rebuild"
    static let help = OperatorHelp.rebuild
    static let valuedOptions: Set<String> = ["--replica", "--to"]

    let request: Blockfence_Control_V1_RebuildReplicaRequest
    let wait: Bool

    init(_ arguments: inout OperatorArguments) throws(OperatorError) {
        let node = try arguments.value("--replica")
        let target = try arguments.value("--to")
        wait = !arguments.flag("--no-wait")
        let operands = try arguments.operands(["NAME"])
        var request = Blockfence_Control_V1_RebuildReplicaRequest()
        request.volume = try InputValidation.volumeReference(operands[0])
        guard let node else { throw .usage("--replica is required: the node whose replica is rebuilt") }
        request.node = try InputValidation.nodeName(node, option: "--replica")
        // Empty rebuilds in place, so an absent --to is left empty.
        if let target { request.targetNode = try InputValidation.nodeName(target, option: "--to") }
        self.request = request
    }

    func run(_ control: ControlSession) async throws(OperatorError) -> CommandOutput {
        let action = "rebuild the replica of volume '\(request.volume)' on node '\(request.node)'"
        let response = try await control.call(action) { client, options async throws(RPCError) in
            try await client.rebuildReplica(request, options: options)
        }
        guard var volume = response.volume else { throw .incompleteResponse(action: action, missing: "volume") }
        let name = TextFormat.printable(volume.name)
        guard wait else {
            return CommandOutput(
                json: ControlJSON.volumeAnswer(volume),
                text: "Rebuild of volume \(name) started.\n\n" + VolumeText.detail(volume))
        }
        volume = await waitForRebuild(volume, control: control)
        let finished = RebuildText.isFinished(
            volume, node: request.node, target: request.targetNode, startEpoch: response.volume?.assignment?.epoch ?? 0)
        let heading =
            finished
            ? "Rebuilt the replica of volume \(name)."
            : "The rebuild of volume \(name) goes on; 'blockfence volume inspect \(name)' shows how far it got."
        return CommandOutput(json: ControlJSON.volumeAnswer(volume), text: heading + "\n\n" + VolumeText.detail(volume))
    }

    /// Reads the volume every half second until the rebuild is over or the command's deadline
    /// comes, printing its progress on standard error when it changes.
    private func waitForRebuild(
        _ started: Blockfence_Control_V1_Volume, control: ControlSession
    ) async -> Blockfence_Control_V1_Volume {
        let startEpoch = started.assignment?.epoch ?? 0
        var latest = started
        var lastLine = ""
        var getRequest = Blockfence_Control_V1_GetVolumeRequest()
        getRequest.volume = started.id
        while !RebuildText.isFinished(latest, node: request.node, target: request.targetNode, startEpoch: startEpoch)
            && ContinuousClock.now < control.deadline
        {
            let line = RebuildText.progress(latest, node: request.node, target: request.targetNode)
            if line != lastLine {
                Console.error(line)
                lastLine = line
            }
            try? await Task.sleep(for: .milliseconds(500))
            let remaining = max(control.deadline - .now, .milliseconds(1))
            guard
                let response = try? await control.client.getVolume(
                    getRequest, options: CallOptions(timeout: remaining)),
                let volume = response.volume
            else { continue }
            latest = volume
        }
        return latest
    }
}
