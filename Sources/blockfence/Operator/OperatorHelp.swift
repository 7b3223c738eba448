import OperatorCLI

/// The operator commands' help texts. The JSON field names they list are the ones
/// `ControlJSON` writes and docs/cli.md documents; the interop suite checks that every name a
/// command prints appears in its help.
enum OperatorHelp {
    static let commonOptions = """
        Common options:
          --control ADDR       The control core's gRPC address: host:port or unix:/path (default:
                               $\(ControlDefaults.environmentVariable), else \(ControlDefaults.address)).
          --output FORMAT      table (default), aligned text for people, or json, one object with
                               stable snake_case field names for scripts (docs/cli.md).
          --timeout SECONDS    How long to wait for the control core (default \(Int(ControlDefaults.timeoutSeconds))).
          -h, --help           Show this help.
        """

    static let volumeFields = """
          VOLUME is an object with id, name, size_bytes, replica_count, parameters (an object of
          strings), created_at_unix_ms, assignment (null, or an object with volume_id, volume_name,
          epoch, primary_node, in_sync_members, size_bytes, replica_nodes, reason,
          minted_at_unix_ms), replicas (objects with node_name, state, node_alive, accepted_epoch,
          applied_sequence, catch_up, problem), nbd_uri, health, lease_remaining_ms and
          attached_nodes.
          state is syncing (being caught up; catch_up then has full_copy, bytes_copied,
          bytes_total, bytes_per_second and seconds_left, otherwise it is null), in_sync or failed;
          health is healthy, degraded or unavailable.
        """

    static let nodeFields = """
          NODE is an object with name, nbd_address, replication_address, alive, schedulable,
          last_heartbeat_unix_ms, primaries, replicas, capacity_bytes and available_bytes.
        """

    static let sizeUnits = "Units: B, KiB, MiB, GiB, TiB (or K, M, G, T), kB, MB, GB, TB."

    static let volume = """
        Usage: blockfence volume COMMAND [arguments] [options]

        Creates, inspects, resizes, attaches and deletes volumes through the control core.

        Commands:
          create NAME --size SIZE [--replicas N] [--param KEY=VALUE]...
                               Create a volume and place its replicas.
          list                 List every volume with its health, epoch and primary.
          inspect NAME         Show a volume's assignment, replicas, attachments and NBD address.
          expand NAME --size SIZE
                               Grow a volume.
          attach NAME --node NODE [--read-only]
                               Record that a node uses the volume.
          detach NAME --node NODE
                               Forget that a node uses the volume.
          delete NAME [--force]
                               Delete a volume and its replicas.
          rebuild NAME --replica NODE [--to NODE] [--no-wait]
                               Re-create a replica in place or on another node.

        \(commonOptions)

        Examples:
          blockfence volume create pg-data --size 10GiB
          blockfence volume list
          blockfence volume inspect pg-data --output json

        Run 'blockfence volume COMMAND --help' for a command's options and its JSON output.

        \(ExitCode.summary)
        """

    static let create = """
        Usage: blockfence volume create NAME --size SIZE [--replicas N] [--param KEY=VALUE]... [options]

        Creates a volume and places its replicas on storage nodes. Asking again for the same name,
        size and replica count changes nothing and succeeds; the same name with a different size or
        replica count is a conflict (exit 4).

        Arguments:
          NAME                 Lower-case letters, digits, '-', '.' and '_', starting with a letter
                               or digit; at most 128 characters.

        Options:
          --size SIZE          The volume's size: a multiple of 4 KiB, at least 1 MiB.
                               \(sizeUnits)
          --replicas N         Copies on different nodes: 1, 2 or 3 (default: the control core's, 2).
          --param KEY=VALUE    A parameter kept with the volume, such as a storage class's. Repeat
                               for more; each KEY once.

        \(commonOptions)

        Output:
          table   'Created volume NAME.' and the volume as 'blockfence volume inspect' shows it.
          json    {"volume": VOLUME, "created": true}; created is false when the volume already
                  existed as asked.
        \(volumeFields)

        Examples:
          blockfence volume create pg-data --size 10GiB
          blockfence volume create scratch --size 512MiB --replicas 1 --param fs=xfs
          blockfence volume create pg-data --size 10GiB --output json

        \(ExitCode.summary)
        """

    static let list = """
        Usage: blockfence volume list [options]

        Lists every volume: size, health, epoch, primary, how many replicas are in sync, and the
        nodes it is attached to.

        \(commonOptions)

        Output:
          table   One line per volume.
          json    {"volumes": [VOLUME, ...]}, every volume of every page the control core sends.
        \(volumeFields)

        Examples:
          blockfence volume list
          blockfence volume list --output json
          blockfence volume list --control unix:/run/blockfence/control.sock

        \(ExitCode.summary)
        """

    static let inspect = """
        Usage: blockfence volume inspect NAME [options]

        Shows what the control core knows about one volume: its current epoch and primary, the
        in-sync members, how long the primary's lease has left, each replica's state (with whether
        its node is alive, the epoch it accepted and the sequence it applied), the nodes it is
        attached to, its health, and the NBD address of its primary.

        Arguments:
          NAME                 The volume's name or id.

        \(commonOptions)

        Output:
          table   The volume's fields, then a table of its replicas.
          json    {"volume": VOLUME}.
        \(volumeFields)

        Examples:
          blockfence volume inspect pg-data
          blockfence volume inspect pg-data --output json

        \(ExitCode.summary)
        """

    static let expand = """
        Usage: blockfence volume expand NAME --size SIZE [options]

        Grows a volume to SIZE. Shrinking is refused (exit 2); the same size changes nothing.

        Arguments:
          NAME                 The volume's name or id.

        Options:
          --size SIZE          The new size: a multiple of 4 KiB, at least 1 MiB.
                               \(sizeUnits)

        \(commonOptions)

        Output:
          table   'Expanded volume NAME to SIZE.' and the volume as 'volume inspect' shows it.
          json    {"volume": VOLUME}.
        \(volumeFields)

        Examples:
          blockfence volume expand pg-data --size 20GiB

        \(ExitCode.summary)
        """

    static let attach = """
        Usage: blockfence volume attach NAME --node NODE [--read-only] [--single-node] [options]

        Records that NODE uses the volume, as the CSI controller does when Kubernetes publishes a
        volume to a node. Attaching again with the same settings changes nothing. An attached
        volume cannot be deleted without --force. A volume attached to another node with
        --single-node (as the CSI controller always attaches) is refused (exit 4) until it is
        detached there; --single-node is refused the same way while any other node has it attached.

        Arguments:
          NAME                 The volume's name or id.

        Options:
          --node NODE          The node that uses the volume.
          --read-only          Record the attachment as read-only.
          --single-node        Let no other node attach the volume until this node detaches it.

        \(commonOptions)

        Output:
          table   'Attached volume NAME to node NODE.' and the volume as 'volume inspect' shows it.
          json    {"volume": VOLUME}.
        \(volumeFields)

        Examples:
          blockfence volume attach pg-data --node worker-1
          blockfence volume attach reports --node worker-2 --read-only
          blockfence volume attach pg-data --node worker-1 --single-node

        \(ExitCode.summary)
        """

    static let detach = """
        Usage: blockfence volume detach NAME --node NODE [options]

        Forgets that NODE uses the volume, as the CSI controller does when Kubernetes unpublishes
        it. Detaching a volume that is not attached there changes nothing and succeeds.

        Arguments:
          NAME                 The volume's name or id.

        Options:
          --node NODE          The node that no longer uses the volume.

        \(commonOptions)

        Output:
          table   'Detached volume NAME from node NODE.'
          json    {"detached_volume": NAME, "node": NODE}, as given on the command line.

        Examples:
          blockfence volume detach pg-data --node worker-1

        \(ExitCode.summary)
        """

    static let delete = """
        Usage: blockfence volume delete NAME [--force] [options]

        Deletes a volume and its replicas; the data is gone. A volume attached to a node is
        refused (exit 4) unless --force is given.

        Arguments:
          NAME                 The volume's name or id.

        Options:
          --force              Delete it even while it is attached.

        \(commonOptions)

        Output:
          table   'Deleted volume NAME.'
          json    {"deleted_volume": NAME}, as given on the command line.

        Examples:
          blockfence volume delete scratch
          blockfence volume delete pg-data --force

        \(ExitCode.summary)
        """

    static let node = """
        Usage: blockfence node COMMAND [options]

        Shows the storage nodes the control core knows, and takes them out of service.

        Commands:
          list                 List every node: alive, schedulable, primaries, replicas, space,
                               addresses and last heartbeat.
          cordon NODE          Place no new replicas on the node.
          uncordon NODE        Allow new replicas on the node again.
          drain NODE [--no-wait]
                               Cordon the node and move every primary and replica off it.

        \(commonOptions)

        Examples:
          blockfence node list
          blockfence node list --output json

        Run 'blockfence node list --help' for its JSON output.

        \(ExitCode.summary)
        """

    static let nodeList = """
        Usage: blockfence node list [options]

        Lists every storage node that has registered with the control core: whether its lease is
        current (alive), whether new replicas may be placed on it (schedulable), how many volumes
        it is primary of and holds replicas of, its capacity and free space, its NBD and
        replication addresses, and how long ago it last sent a heartbeat.

        \(commonOptions)

        Output:
          table   One line per node.
          json    {"nodes": [NODE, ...]}.
        \(nodeFields)

        Examples:
          blockfence node list
          blockfence node list --output json

        \(ExitCode.summary)
        """

    static let cordon = """
        Usage: blockfence node cordon NODE [options]

        Marks a node unschedulable: no new replica is placed on it, by volume create or by a
        rebuild. What it holds stays and keeps being served. Cordoning a cordoned node changes
        nothing.

        \(commonOptions)

        Output:
          table   What changed, then the node as 'node list' shows it.
          json    {"node": NODE}
        \(nodeFields)

        Examples:
          blockfence node cordon node-3

        \(ExitCode.summary)
        """

    static let uncordon = """
        Usage: blockfence node uncordon NODE [options]

        Makes a cordoned node schedulable again. Uncordoning a schedulable node changes nothing.

        \(commonOptions)

        Output:
          table   What changed, then the node as 'node list' shows it.
          json    {"node": NODE}
        \(nodeFields)

        Examples:
          blockfence node uncordon node-3

        \(ExitCode.summary)
        """

    static let drain = """
        Usage: blockfence node drain NODE [--no-wait] [options]

        Takes a node out of service: cordons it, moves the primary of every volume it serves to
        another in-sync member with a planned hand-over, and rebuilds every replica it holds on
        another alive, schedulable node (the least loaded one without a replica of the volume).
        Everything is planned first: when some primary or replica has nowhere to go, nothing is
        changed and the message says which volumes and why. Waits until the node holds no
        replica, or until --timeout, printing each move's progress on standard error. Draining
        again goes on where the last drain stands.

        Options:
          --no-wait            Return once the hand-overs are done and the rebuilds started.

        \(commonOptions)

        Output:
          table   Whether the node is empty, then each volume with its new primary and where its
                  replica went.
          json    {"node": NODE, "moves": [{"volume": NAME, "new_primary": NODE or "",
                  "target_node": NODE}, ...]}
        \(nodeFields)

        Examples:
          blockfence node drain node-3 --timeout 600
          blockfence node drain node-3 --no-wait --output json

        \(ExitCode.summary)
        """

    static let rebuild = """
        Usage: blockfence volume rebuild NAME --replica NODE [--to NODE] [--no-wait] [options]

        Re-creates a volume's replica. In place, the replica leaves the in-sync set, its data is
        discarded and the primary copies every allocated range into it while writes go on. With
        --to, a new replica is copied on that node while the old one stays in sync; once the new
        one is in sync the old one is removed. The primary's replica cannot be rebuilt (fail over
        first), nor the only in-sync copy. Waits until the rebuild is over, or until --timeout,
        printing the bytes copied, the rate and the time left on standard error as they change.

        Arguments:
          NAME                 The volume's name or id.

        Options:
          --replica NODE       The node whose replica is rebuilt (required).
          --to NODE            An alive, schedulable node without a replica of the volume to
                               rebuild it on (default: in place).
          --no-wait            Return as soon as the control core has started the rebuild.

        \(commonOptions)

        Output:
          table   Whether the rebuild finished (or goes on), then the volume as 'volume inspect'
                  shows it, with the copy's progress while it goes on.
          json    {"volume": VOLUME}
        \(volumeFields)

        Examples:
          blockfence volume rebuild pg-data --replica node-2
          blockfence volume rebuild pg-data --replica node-2 --to node-3 --timeout 600
          blockfence volume rebuild pg-data --replica node-2 --no-wait --output json

        \(ExitCode.summary)
        """

    static let failover = """
        Usage: blockfence failover VOLUME [--to NODE] [options]

        Moves a volume's primary to another in-sync member with an explicit hand-over: the old
        primary stops serving and confirms that every write it acknowledged is on every member,
        then the control core publishes a new epoch with the new primary. If the old primary does
        not confirm, the control core waits until its lease has certainly expired instead, which
        takes a few seconds. Prints the epoch and primary before and after, whether the old
        primary handed over, and how long the move took.

        Arguments:
          VOLUME               The volume's name or id.

        Options:
          --to NODE            The in-sync member to promote (default: the control core chooses).

        \(commonOptions)

        Output:
          table   The epoch and primary before and after, the hand-over, and the time taken.
          json    {"volume": VOLUME, "previous_epoch": N, "previous_primary": NODE,
                  "handed_over": true, "duration_ms": N}; the new epoch and primary are
                  volume.assignment.epoch and volume.assignment.primary_node.
        \(volumeFields)

        Examples:
          blockfence failover pg-data
          blockfence failover pg-data --to node-2 --output json

        \(ExitCode.summary)
        """

    static let status = """
        Usage: blockfence status [options]

        Summarizes the cluster: how many nodes are alive, the volumes by health, the highest epoch
        ever published, and the control core's version and uptime; then short tables of the nodes
        and the volumes.

        \(commonOptions)

        Output:
          table   The summary lines, a node table and a volume table.
          json    {"nodes": [NODE, ...], "volumes": [VOLUME, ...], "epoch": N, "uptime_ms": N,
                  "version": TEXT, "summary": {"nodes_alive": N, "nodes_total": N,
                  "volumes_total": N, "volumes_by_health": {"healthy": N, "degraded": N,
                  "unavailable": N}}}. epoch is the highest epoch ever published.
        \(nodeFields)
        \(volumeFields)

        Examples:
          blockfence status
          BLOCKFENCE_CONTROL=unix:/run/blockfence/control.sock blockfence status --output json

        \(ExitCode.summary)
        """
}
