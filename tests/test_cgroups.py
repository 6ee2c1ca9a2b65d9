"""The cgroup v2 path of the sandbox's limits, against a temporary folder laid out as the unified
hierarchy: this machine (and CI) has cgroup v1, where the school tests exercise the real thing."""
from kodefag import sandbox
from kodefag.sandbox import GroupLimits


def unified_hierarchy(tmp_path):
    (tmp_path / "cgroup.controllers").write_text("cpuset cpu io memory hugetlb pids rdma misc\n")
    (tmp_path / "cgroup.subtree_control").write_text("")
    return tmp_path


def test_v2_limits_land_in_one_folder_with_controllers_enabled_on_the_way(tmp_path):
    root = unified_hierarchy(tmp_path)
    limits = GroupLimits(memory_bytes=1024**3, max_processes=256, cpu_weight=100, cpu_cores=1.0)
    folders = sandbox.limit_group("servers-abc/kf-elev5a01", limits, root=root)
    folder = root / "kodefag" / "servers-abc" / "kf-elev5a01"
    assert folders == [folder] == sandbox.group_folders("servers-abc/kf-elev5a01", root)
    assert (folder / "memory.max").read_text() == str(1024**3)
    assert (folder / "pids.max").read_text() == "256"
    assert (folder / "memory.swap.max").read_text() == "0"
    assert (folder / "cpu.weight").read_text() == "100"
    assert (folder / "cpu.max").read_text() == "100000 100000"
    # each level above the pupil's folder delegates the controllers (the last write a real
    # cgroupfs would add to the list; a plain file keeps only that one)
    for parent in (root, root / "kodefag", root / "kodefag" / "servers-abc"):
        assert (parent / "cgroup.subtree_control").read_text() == "+cpu"
    assert not (folder / "cgroup.subtree_control").exists()


def test_v2_uncapped_cpu_and_the_hierarchy_is_told_apart(tmp_path):
    root = unified_hierarchy(tmp_path)
    folders = sandbox.limit_group("uid-1234", GroupLimits(memory_bytes=5, max_processes=7, cpu_cores=None,
                                                          cpu_weight=50), root=root)
    assert (folders[0] / "cpu.max").read_text() == "max 100000"
    assert sandbox.cgroup_v2(root) and not sandbox.cgroup_v2(tmp_path / "kodefag")


def test_v1_folders_are_one_per_controller(tmp_path):
    assert sandbox.group_folders("servers-abc/kf-x", tmp_path) == [
        tmp_path / "memory" / "kodefag" / "servers-abc" / "kf-x",
        tmp_path / "pids" / "kodefag" / "servers-abc" / "kf-x",
        tmp_path / "cpu" / "kodefag" / "servers-abc" / "kf-x"]


def member(folder, pids: str):
    folder.mkdir(parents=True)
    (folder / "cgroup.procs").write_text(pids)


def test_pupils_together_weigh_one_process_each_v2(tmp_path):
    root = unified_hierarchy(tmp_path)
    servers = root / "kodefag" / "servers-abc"
    member(servers / "kf-a", "101\n102\n")
    member(servers / "kf-b", "")  # stopped: its processes are gone
    member(servers / "kf-c", "103\n")
    member(root / "kodefag" / "uid-60001", "104\n")  # a grading job beside the servers
    assert sandbox.weigh_parent("servers-abc", starting=True, root=root) == 300  # a, c and the new one
    assert (servers / "cpu.weight").read_text() == "300"
    assert (root / "kodefag" / "cpu.weight").read_text() == "400"  # and the grading job
    assert sandbox.weigh_parent("servers-abc", starting=False, root=root) == 200


def test_pupils_together_weigh_one_process_each_v1(tmp_path):
    servers = tmp_path / "cpu" / "kodefag" / "servers-abc"
    member(servers / "kf-a", "101\n")
    assert sandbox.weigh_parent("servers-abc", starting=True, root=tmp_path) == 2048
    assert (servers / "cpu.shares").read_text() == "2048"
    assert sandbox.weigh_parent("servers-abc", starting=False, root=tmp_path) == 1024
