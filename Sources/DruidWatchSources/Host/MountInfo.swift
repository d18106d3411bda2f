/// `/proc/self/mountinfo`: what is mounted where, with the file system type and source.
public struct MountInfo: Sendable, Equatable {
    public struct Mount: Sendable, Equatable {
        public var deviceNumber: String
        public var mountPoint: String
        public var filesystemType: String
        public var source: String
    }

    public var mounts: [Mount]
    public var skippedLines: Int

    public static func parse(_ text: String) -> MountInfo {
        var mounts: [Mount] = []
        var skipped = 0
        for line in text.split(separator: "\n") {
            // id parent major:minor root mount-point options [optional...] - fstype source super-options
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let separator = fields.firstIndex(of: "-"), separator >= 6, fields.count >= separator + 3 else {
                skipped += 1
                continue
            }
            mounts.append(Mount(
                deviceNumber: String(fields[2]),
                mountPoint: unescapeOctal(fields[4]),
                filesystemType: String(fields[separator + 1]),
                source: unescapeOctal(fields[separator + 2])
            ))
        }
        return MountInfo(mounts: mounts, skippedLines: skipped)
    }

    /// The kernel writes space, tab, newline and backslash in paths as `\040` etc.
    static func unescapeOctal(_ text: Substring) -> String {
        guard text.contains("\\") else { return String(text) }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        let octalDigits = UInt8(ascii: "0")...UInt8(ascii: "7")
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 4 <= utf8.count,
               utf8[(index + 1)..<(index + 4)].allSatisfy({ octalDigits.contains($0) }) {
                let digits = utf8[(index + 1)..<(index + 4)].map { Int($0 - UInt8(ascii: "0")) }
                bytes.append(UInt8(truncatingIfNeeded: digits[0] * 64 + digits[1] * 8 + digits[2]))
                index += 4
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// `/proc/filesystems`: the types the kernel knows, and which need no block device.
public struct KernelFilesystems: Sendable, Equatable {
    public var withoutDevice: Set<String>
    public var all: Set<String>

    public static func parse(_ text: String) -> KernelFilesystems {
        var withoutDevice: Set<String> = []
        var all: Set<String> = []
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let name = fields.last else { continue }
            all.insert(String(name))
            if fields.count == 2, fields[0] == "nodev" { withoutDevice.insert(String(name)) }
        }
        return KernelFilesystems(withoutDevice: withoutDevice, all: all)
    }
}
