import DruidWatchCore
import DruidWatchSources
import Testing

/// Shell patterns for ignored devices, mount points and interfaces.
@Suite struct GlobListTests {
    @Test func defaultIgnoredDevices() {
        let devices = GlobList(HostSource.Options.defaultIgnoredDevices)
        for name in ["loop0", "loop11", "ram15", "zram0", "sr0", "fd0"] { #expect(devices.matches(name), "\(name)") }
        for name in ["sda", "vda", "nvme0n1", "dm-0", "mmcblk0", "md127"] { #expect(!devices.matches(name), "\(name)") }
    }

    @Test func mountPointStarAlsoCrossesSlashes() {
        let mountPoints = GlobList(HostSource.Options.defaultIgnoredMountPoints)
        #expect(mountPoints.matches("/run/user/1000/gvfs"))
        #expect(mountPoints.matches("/var/lib/docker/overlay2/abc/merged"))
        #expect(mountPoints.matches("/snap/core/12603"))
        #expect(!mountPoints.matches("/run"))
        #expect(!mountPoints.matches("/"))
        #expect(!mountPoints.matches("/var/lib/dockerd"))
        #expect(!mountPoints.matches("/boot"))
    }

    @Test func interfacePatternsAreExactUnlessStarred() {
        let interfaces = GlobList(HostSource.Options.defaultIgnoredInterfaces)
        #expect(interfaces.matches("lo") && interfaces.matches("veth4B09XN"))
        #expect(!interfaces.matches("lo0") && !interfaces.matches("eth0") && !interfaces.matches("docker0"))
    }

    @Test func bracketsAndEmptyList() {
        let list = GlobList(["sd[a-c]", "nvme?n1"])
        #expect(list.matches("sdb") && list.matches("nvme0n1"))
        #expect(!list.matches("sdd") && !list.matches("nvme10n1"))
        #expect(!GlobList([]).matches("anything"))
    }
}
