import DruidWatchStorage
import Foundation
import Testing

/// A directory of its own per test, removed afterwards.
final class ScratchDirectory: Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-storage-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var fileNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}

@Suite struct DurableFileTests {
    @Test func writtenBytesReadBackAndNoTemporaryFileIsLeft() throws {
        let directory = try ScratchDirectory()
        let file = directory.file("state.json")
        try DurableFile.write(Data("first".utf8), to: file)
        try DurableFile.write(Data("second, longer".utf8), to: file)
        #expect(try DurableFile.read(file) == Data("second, longer".utf8))
        #expect(directory.fileNames == ["state.json"])

        try DurableFile.write(Data(), to: file)
        #expect(try DurableFile.read(file).isEmpty)
    }

    @Test func aMissingDirectoryFailsNamingThePath() throws {
        let directory = try ScratchDirectory()
        let file = directory.url.appendingPathComponent("not-there/state.json")
        do {
            try DurableFile.write(Data("x".utf8), to: file)
            Issue.record("expected the write to fail")
        } catch {
            #expect(error.operation == "create")
            #expect(error.description.contains(directory.url.path + "/not-there/state.json"))
            #expect(error.description.contains("No such file or directory"))
        }
    }

    /// A directory squatting on the temporary name makes the write fail even for root,
    /// whom permissions do not stop; the file already there must come through untouched.
    @Test func aFailedWriteLeavesTheOldFileIntact() throws {
        let directory = try ScratchDirectory()
        let file = directory.file("outbox-entry.json")
        try DurableFile.write(Data("old and good".utf8), to: file)
        try FileManager.default.createDirectory(at: directory.file("outbox-entry.json" + DurableFile.temporarySuffix), withIntermediateDirectories: false)

        do {
            try DurableFile.write(Data("new".utf8), to: file)
            Issue.record("expected the write to fail")
        } catch {
            #expect(error.description.contains(file.path))
        }
        #expect(try DurableFile.read(file) == Data("old and good".utf8))
    }

    @Test func readingAMissingFileNamesIt() throws {
        let directory = try ScratchDirectory()
        let file = directory.file("absent.json")
        do {
            _ = try DurableFile.read(file)
            Issue.record("expected the read to fail")
        } catch {
            #expect(error.operation == "read")
            #expect(error.path == file.path)
        }
    }

    @Test func removeIsIdempotentAndMoveCrossesDirectories() throws {
        let directory = try ScratchDirectory()
        let source = directory.file("a.json")
        try DurableFile.write(Data("a".utf8), to: source)
        try DurableFile.createDirectory(directory.file("aside"))
        let destination = directory.file("aside/a.json")
        try DurableFile.move(source, to: destination)
        #expect(try DurableFile.read(destination) == Data("a".utf8))
        #expect(try DurableFile.fileNames(in: directory.url).sorted() == ["aside"])

        try DurableFile.remove(destination)
        try DurableFile.remove(destination)
        #expect(try DurableFile.fileNames(in: directory.file("aside")).isEmpty)
        #expect(throws: DurableFileError.self) { try DurableFile.move(source, to: destination) }
    }

    @Test func temporaryNamesAreRecognised() {
        #expect(DurableFile.isTemporary("0001-x.json" + DurableFile.temporarySuffix))
        #expect(!DurableFile.isTemporary("0001-x.json"))
    }
}
