import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whole-file writes that survive a crash or power loss: after a write returns, the
/// file holds the new bytes; after a crash at any point, it holds either the old bytes
/// or the new ones, never a mixture, and at worst a `.tmp` sibling is left behind
/// (``isTemporary(_:)``) for the owner of the directory to remove when it next opens it.
///
/// The bytes go to a temporary file in the same directory (so that the rename cannot
/// cross filesystems), are fsynced, then renamed over the destination, and the directory
/// is fsynced because the rename itself is durable only once the directory is.
public enum DurableFile {
    public static let temporarySuffix = ".tmp"

    /// Whether a directory entry is a half-written leftover of ``write(_:to:permissions:)``.
    public static func isTemporary(_ fileName: String) -> Bool {
        fileName.hasSuffix(temporarySuffix)
    }

    /// The temporary path is fixed per destination so that a leftover from a crash is
    /// overwritten by the next write instead of piling up; callers that write one
    /// destination from several threads must serialise those writes.
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws(DurableFileError) {
        let finalPath = url.path
        let temporaryPath = finalPath + temporarySuffix
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw failure("create", temporaryPath) }
        var writeError: DurableFileError?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    writeError = failure("write", temporaryPath)
                    return
                }
                offset += result
            }
        }
        if writeError == nil, fsync(descriptor) != 0 { writeError = failure("fsync", temporaryPath) }
        if close(descriptor) != 0, writeError == nil { writeError = failure("close", temporaryPath) }
        if let writeError {
            unlink(temporaryPath)
            throw writeError
        }
        guard rename(temporaryPath, finalPath) == 0 else {
            let error = failure("rename \(temporaryPath) to", finalPath)
            unlink(temporaryPath)
            throw error
        }
        try syncDirectory(of: url)
    }

    public static func read(_ url: URL) throws(DurableFileError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw DurableFileError(operation: "read", path: url.path, reason: describe(error))
        }
    }

    /// Removes the file durably; a file that is already gone is not an error, since the
    /// caller wanted it gone.
    public static func remove(_ url: URL) throws(DurableFileError) {
        if unlink(url.path) != 0 {
            if errno == ENOENT { return }
            throw failure("remove", url.path)
        }
        try syncDirectory(of: url)
    }

    /// Moves a file to another path on the same filesystem, atomically and durably (both
    /// directories are synced, so after a crash the file is in exactly one of them).
    public static func move(_ source: URL, to destination: URL) throws(DurableFileError) {
        guard rename(source.path, destination.path) == 0 else {
            throw failure("move \(source.path) to", destination.path)
        }
        try syncDirectory(of: destination)
        if source.deletingLastPathComponent().path != destination.deletingLastPathComponent().path {
            try syncDirectory(of: source)
        }
    }

    /// Creates the directory and any missing parents; an existing directory is fine.
    public static func createDirectory(_ url: URL) throws(DurableFileError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw DurableFileError(operation: "create directory", path: url.path, reason: describe(error))
        }
    }

    /// The names of the directory's entries, unsorted.
    public static func fileNames(in directory: URL) throws(DurableFileError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw DurableFileError(operation: "list", path: directory.path, reason: describe(error))
        }
    }

    private static func syncDirectory(of url: URL) throws(DurableFileError) {
        let directoryPath = url.deletingLastPathComponent().path
        let descriptor = open(directoryPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open directory", directoryPath) }
        defer { close(descriptor) }
        // Some filesystems cannot fsync a directory (EINVAL); their renames are as
        // durable as they will ever be, so that is not a failure of the write.
        if fsync(descriptor) != 0, errno != EINVAL {
            throw failure("fsync directory", directoryPath)
        }
    }

    private static func failure(_ operation: String, _ path: String) -> DurableFileError {
        let code = errno
        return DurableFileError(operation: operation, path: path, reason: String(cString: strerror(code)), code: code)
    }

    /// Foundation's errors wrap the POSIX one; its text is what an operator needs.
    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
