"""`blockfence volume …` against the fake control core: the requests it sends, and what it prints
in both output formats."""

from cli_samples import GiB, unavailable_volume_json, volume_json
from cli_support import lines_of


# create


def test_create_sends_name_size_replicas_and_parameters(run_cli, fake_control):
    result = run_cli("volume", "create", "pg-data", "--size", "10GiB", "--replicas", "3", "--param", "fs=ext4",
                     "--param", "tier=fast")
    assert result.returncode == 0, result
    [request] = fake_control.requests("CreateVolume")
    assert request.name == "pg-data"
    assert request.size_bytes == 10 * GiB
    assert request.replica_count == 3
    assert dict(request.parameters) == {"fs": "ext4", "tier": "fast"}
    assert result.stdout.startswith("Created volume pg-data.\n\nVolume pg-data\n"), result
    assert "nbd uri  nbd://127.0.0.1:10809/pg-data" in lines_of(result.stdout), result


def test_create_without_replicas_leaves_the_count_to_the_control_core(run_cli, fake_control):
    result = run_cli("volume", "create", "scratch", "--size=64MiB")
    assert result.returncode == 0, result
    [request] = fake_control.requests("CreateVolume")
    assert (request.name, request.size_bytes, request.replica_count) == ("scratch", 64 << 20, 0)
    assert dict(request.parameters) == {}


def test_create_again_as_asked_succeeds_and_says_nothing_changed(run_cli, fake_control, pb2):
    fake_control.respond("CreateVolume", pb2.CreateVolumeResponse(volume=fake_control.samples.volume(), created=False))
    result = run_cli("volume", "create", "pg-data", "--size", "10GiB")
    assert result.returncode == 0, result
    assert result.stdout.startswith("Volume pg-data already exists as asked; nothing changed."), result
    assert run_cli("volume", "create", "pg-data", "--size", "10GiB", "--output", "json").json()["created"] is False


def test_create_json(run_cli):
    result = run_cli("volume", "create", "pg-data", "--size", "10GiB", "--output", "json")
    assert result.json() == {"volume": volume_json(), "created": True}


# list


def test_list_shows_one_line_per_volume(run_cli):
    result = run_cli("volume", "list")
    assert result.returncode == 0, result
    assert lines_of(result.stdout) == [
        "NAME  SIZE  HEALTH  EPOCH  PRIMARY  IN SYNC  ATTACHED TO",
        "pg-data  10 GiB  healthy  7  node-1  2/2  worker-1",
        "scratch  64 MiB  unavailable  none  none  0/1  none",
    ]


def test_list_json(run_cli):
    assert run_cli("volume", "list", "--output", "json").json() == {
        "volumes": [volume_json(), unavailable_volume_json()]}


def test_list_reads_every_page(run_cli, fake_control, pb2):
    samples = fake_control.samples
    fake_control.respond(
        "ListVolumes",
        pb2.ListVolumesResponse(volumes=[samples.volume()], next_page_token="page-2"),
        pb2.ListVolumesResponse(volumes=[samples.unavailable_volume()], next_page_token=""),
    )
    document = run_cli("volume", "list", "--output", "json").json()
    assert [volume["name"] for volume in document["volumes"]] == ["pg-data", "scratch"]
    assert [request.page_token for request in fake_control.requests("ListVolumes")] == ["", "page-2"]


def test_list_of_nothing(run_cli, fake_control, pb2):
    fake_control.respond("ListVolumes", pb2.ListVolumesResponse())
    assert run_cli("volume", "list").stdout == "No volumes.\n"
    assert run_cli("volume", "list", "--output", "json").json() == {"volumes": []}


# inspect


def test_inspect_shows_assignment_lease_replicas_attachments_health_and_address(run_cli, fake_control):
    result = run_cli("volume", "inspect", "pg-data")
    assert result.returncode == 0, result
    [request] = fake_control.requests("GetVolume")
    assert request.volume == "pg-data"
    lines = lines_of(result.stdout)
    assert lines[0] == "Volume pg-data"
    for expected in [
        "id  vol-1",
        "size  10 GiB (10737418240 bytes)",
        "health  healthy",
        "replicas  2 asked, 2 in sync",
        "parameters  fs=ext4, tier=fast",
        "created  2024-05-01 12:00:00 UTC",
        "epoch  7",
        "primary  node-1",
        "in-sync members  node-1, node-2",
        "lease remaining  2.5 s",
        "assigned  2024-05-01 12:00:01 UTC (created)",
        "nbd uri  nbd://127.0.0.1:10809/pg-data",
        "attached to  worker-1",
        "NODE  ROLE  STATE  NODE ALIVE  ACCEPTED EPOCH  APPLIED SEQUENCE",
        "node-1  primary  in_sync  yes  7  1234",
        "node-2  member  in_sync  no  6  1200",
    ]:
        assert expected in lines, f"{expected!r} missing:\n{result}"


def test_inspect_a_volume_no_primary_can_serve(run_cli, fake_control, pb2):
    fake_control.respond("GetVolume", pb2.GetVolumeResponse(volume=fake_control.samples.unavailable_volume()))
    lines = lines_of(run_cli("volume", "inspect", "scratch").stdout)
    for expected in ["health  unavailable", "epoch  none", "primary  none", "nbd uri  none (no primary serves it yet)",
                     "attached to  none", "node-2  none  failed  no  3  9"]:
        assert expected in lines, lines


def test_inspect_json(run_cli):
    assert run_cli("volume", "inspect", "vol-1", "--output", "json").json() == {"volume": volume_json()}


def test_inspect_by_id_sends_the_id(run_cli, fake_control):
    run_cli("volume", "inspect", "0F3A-UPPER-ID")
    assert [request.volume for request in fake_control.requests("GetVolume")] == ["0F3A-UPPER-ID"]


# expand


def test_expand_sends_the_new_size(run_cli, fake_control):
    result = run_cli("volume", "expand", "pg-data", "--size", "20GiB")
    assert result.returncode == 0, result
    [request] = fake_control.requests("ExpandVolume")
    assert (request.volume, request.size_bytes) == ("pg-data", 20 * GiB)
    assert result.stdout.startswith("Expanded volume pg-data to 20 GiB.\n\nVolume pg-data\n"), result


def test_expand_json(run_cli):
    assert run_cli("volume", "expand", "pg-data", "--size", "20GiB", "--output", "json").json() == {
        "volume": volume_json(size=20 * GiB)}


# attach and detach


def test_attach_records_the_node_read_write_by_default(run_cli, fake_control):
    result = run_cli("volume", "attach", "pg-data", "--node", "worker-1")
    assert result.returncode == 0, result
    [request] = fake_control.requests("AttachVolume")
    assert (request.volume, request.node, request.read_only) == ("pg-data", "worker-1", False)
    assert not request.single_node
    assert result.stdout.startswith("Attached volume pg-data to node worker-1, read-write.\n"), result


def test_attach_single_node(run_cli, fake_control):
    result = run_cli("volume", "attach", "pg-data", "--node", "worker-1", "--single-node")
    assert result.returncode == 0, result
    [request] = fake_control.requests("AttachVolume")
    assert (request.node, request.read_only, request.single_node) == ("worker-1", False, True)
    assert result.stdout.startswith("Attached volume pg-data to node worker-1, read-write, single-node.\n"), result


def test_attach_read_only(run_cli, fake_control):
    result = run_cli("volume", "attach", "pg-data", "--read-only", "--node", "worker-2")
    assert result.returncode == 0, result
    [request] = fake_control.requests("AttachVolume")
    assert (request.node, request.read_only) == ("worker-2", True)
    assert "read-only." in result.stdout.splitlines()[0], result


def test_attach_json(run_cli):
    assert run_cli("volume", "attach", "pg-data", "--node", "worker-1", "--output", "json").json() == {
        "volume": volume_json()}


def test_detach_forgets_the_node(run_cli, fake_control):
    result = run_cli("volume", "detach", "pg-data", "--node", "worker-1")
    assert result.returncode == 0, result
    [request] = fake_control.requests("DetachVolume")
    assert (request.volume, request.node) == ("pg-data", "worker-1")
    assert result.stdout == "Detached volume pg-data from node worker-1.\n"


def test_detach_json(run_cli):
    assert run_cli("volume", "detach", "pg-data", "--node", "worker-1", "--output", "json").json() == {
        "detached_volume": "pg-data", "node": "worker-1"}


# delete


def test_delete_without_force(run_cli, fake_control):
    result = run_cli("volume", "delete", "scratch")
    assert result.returncode == 0, result
    [request] = fake_control.requests("DeleteVolume")
    assert (request.volume, request.force) == ("scratch", False)
    assert result.stdout == "Deleted volume scratch.\n"


def test_delete_with_force(run_cli, fake_control):
    assert run_cli("volume", "delete", "--force", "pg-data").returncode == 0
    [request] = fake_control.requests("DeleteVolume")
    assert (request.volume, request.force) == ("pg-data", True)


def test_delete_json(run_cli):
    assert run_cli("volume", "delete", "scratch", "--output", "json").json() == {"deleted_volume": "scratch"}


# the table output's safety


def test_control_characters_from_the_control_core_never_reach_the_terminal(run_cli, fake_control, pb2):
    hostile = fake_control.samples.volume(name="evil\x1b]0;owned\x07\nname")
    fake_control.respond("GetVolume", pb2.GetVolumeResponse(volume=hostile))
    table = run_cli("volume", "inspect", "vol-1")
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout, table
    assert table.stdout.startswith("Volume evil?]0;owned??name\n"), table
    # JSON keeps the name exactly, escaped.
    document = run_cli("volume", "inspect", "vol-1", "--output", "json").json()
    assert document["volume"]["name"] == "evil\x1b]0;owned\x07\nname"
