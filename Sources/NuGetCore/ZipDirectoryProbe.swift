import Foundation

/// Reads the zip's end-of-central-directory record to learn how many entries it declares, and checks every
/// offset and size ZIPFoundation will later compute with before it sees them.
///
/// ZIPFoundation's entry iterator stops silently at the first unreadable central-directory record, so the
/// reader compares what it iterated with what the archive declares to detect a truncated archive. Spanned
/// (multi-disk) archives are refused here, as .NET's `ZipArchive` refuses them (NuGetGallery's
/// `WillRejectBrokenZipFiles`). ZIPFoundation 0.9.20 also traps (crashing the process) when a ZIP64 field
/// holds an offset above `Int64.max` (found by Fuzz/FuzzNupkg), so no ZIP64 value may exceed `maxZIP64Value`.
enum ZipDirectoryProbe {
    /// Where one entry's data lives, from its central-directory record (ZIP64 values applied).
    struct Record {
        var localHeaderOffset: UInt64
        var compressedSize: UInt64
    }

    /// The declared entry count and the records that could be read, in central-directory order.
    struct Directory {
        var declaredCount: UInt64
        var records: [Record]
    }

    static let endRecordSignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64EndRecordSignature: UInt32 = 0x0606_4B50
    static let centralRecordSignature: UInt32 = 0x0201_4B50
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    /// 1 TiB: far above any accepted entry, far below where ZIPFoundation's offset arithmetic overflows.
    static let maxZIP64Value: UInt64 = 1 << 40
    /// Largest central directory read for the checks (65,534 entries with 260-character names fit easily).
    static let maxCentralDirectoryBytes: UInt64 = 64 << 20

    /// The number of entries the central directory declares, and each readable record's data location.
    static func inspect(_ handle: FileHandle, fileSize: Int64) throws -> Directory {
        let tailLength = min(fileSize, 22 + 65_535 + 20)
        try handle.seek(toOffset: UInt64(fileSize - tailLength))
        let tail = [UInt8](try handle.read(upToCount: Int(tailLength)) ?? Data())
        guard tail.count >= 22 else { throw NupkgError.notAZip }
        var position = tail.count - 22
        while position >= 0, readUInt32(tail, position) != endRecordSignature { position -= 1 }
        guard position >= 0 else { throw NupkgError.notAZip }
        let disk = readUInt16(tail, position + 4)
        let directoryDisk = readUInt16(tail, position + 6)
        guard disk == 0 || disk == 0xFFFF, directoryDisk == 0 || directoryDisk == 0xFFFF else {
            throw NupkgError.notAZip
        }
        let count = UInt64(readUInt16(tail, position + 10))
        let directorySize = UInt64(readUInt32(tail, position + 12))
        let directoryOffset = UInt64(readUInt32(tail, position + 16))
        let locator = position - 20
        guard locator >= 0, readUInt32(tail, locator) == zip64LocatorSignature else {
            return Directory(declaredCount: count, records: try checkCentralDirectory(
                handle, fileSize: fileSize, offset: directoryOffset, size: directorySize, count: count))
        }
        // ZIP64: the locator's "total number of disks" must be 1, and its record holds the real count.
        guard readUInt32(tail, locator + 16) <= 1 else { throw NupkgError.notAZip }
        let recordOffset = readUInt64(tail, locator + 8)
        guard recordOffset < UInt64(fileSize) else { throw NupkgError.notAZip }
        try handle.seek(toOffset: recordOffset)
        let record = [UInt8](try handle.read(upToCount: 56) ?? Data())
        guard record.count == 56, readUInt32(record, 0) == zip64EndRecordSignature else { throw NupkgError.notAZip }
        let zip64Count = readUInt64(record, 32)
        return Directory(declaredCount: zip64Count, records: try checkCentralDirectory(
            handle, fileSize: fileSize, offset: readUInt64(record, 48), size: readUInt64(record, 40), count: zip64Count))
    }

    /// Walks the central directory and each entry's local header, refusing values ZIPFoundation cannot handle.
    static func checkCentralDirectory(
        _ handle: FileHandle, fileSize: Int64, offset: UInt64, size: UInt64, count: UInt64
    ) throws -> [Record] {
        let end = UInt64(fileSize)
        guard offset <= end, size <= end - offset, size <= maxCentralDirectoryBytes else { throw NupkgError.notAZip }
        try handle.seek(toOffset: offset)
        let directory = [UInt8](try handle.read(upToCount: Int(size)) ?? Data())
        var position = 0
        var index: UInt64 = 0
        var records: [Record] = []
        // Records past the end are the truncation NupkgReader reports; only the readable ones are checked.
        while index < count, position + 46 <= directory.count, readUInt32(directory, position) == centralRecordSignature {
            let nameLength = Int(readUInt16(directory, position + 28))
            let extraLength = Int(readUInt16(directory, position + 30))
            let commentLength = Int(readUInt16(directory, position + 32))
            let extraStart = position + 46 + nameLength
            guard extraStart + extraLength <= directory.count else { break }
            let extra = Array(directory[extraStart..<extraStart + extraLength])
            try checkZIP64Values(in: extra)
            // ZIP64 values appear in this order, each only when its 32-bit field is 0xFFFFFFFF (APPNOTE 4.5.3).
            var zip64 = zip64Values(in: extra)[...]
            let uncompressed32 = readUInt32(directory, position + 24)
            if uncompressed32 == 0xFFFF_FFFF { _ = zip64.popFirst() }
            var compressed = UInt64(readUInt32(directory, position + 20))
            if compressed == 0xFFFF_FFFF { compressed = zip64.popFirst() ?? compressed }
            var localOffset = UInt64(readUInt32(directory, position + 42))
            if localOffset == 0xFFFF_FFFF { localOffset = zip64.popFirst() ?? localOffset }
            try checkLocalHeader(handle, at: localOffset, fileSize: end)
            records.append(Record(localHeaderOffset: localOffset, compressedSize: compressed))
            position = extraStart + extraLength + commentLength
            index += 1
        }
        return records
    }

    /// The offset of an entry's data: after its local header, file name and extra field.
    static func dataOffset(of record: Record, in handle: FileHandle) throws -> UInt64 {
        try handle.seek(toOffset: record.localHeaderOffset)
        let header = [UInt8](try handle.read(upToCount: 30) ?? Data())
        guard header.count == 30, readUInt32(header, 0) == localHeaderSignature else { throw NupkgError.truncated }
        return record.localHeaderOffset + 30 + UInt64(readUInt16(header, 26)) + UInt64(readUInt16(header, 28))
    }

    /// A local header's own ZIP64 extra field is read by ZIPFoundation too.
    private static func checkLocalHeader(_ handle: FileHandle, at offset: UInt64, fileSize: UInt64) throws {
        guard offset < fileSize else { return }
        try handle.seek(toOffset: offset)
        let header = [UInt8](try handle.read(upToCount: 30) ?? Data())
        guard header.count == 30, readUInt32(header, 0) == localHeaderSignature else { return }
        let extraLength = Int(readUInt16(header, 28))
        try handle.seek(toOffset: offset + 30 + UInt64(readUInt16(header, 26)))
        try checkZIP64Values(in: [UInt8](try handle.read(upToCount: extraLength) ?? Data()))
    }

    private static func checkZIP64Values(in extra: [UInt8]) throws {
        guard zip64Values(in: extra).allSatisfy({ $0 <= maxZIP64Value }) else { throw NupkgError.notAZip }
    }

    /// Every 8-byte value of the ZIP64 extended-information field (ID 0x0001), whichever fields they stand for.
    private static func zip64Values(in extra: [UInt8]) -> [UInt64] {
        var values: [UInt64] = []
        var position = 0
        while position + 4 <= extra.count {
            let id = readUInt16(extra, position)
            let length = Int(readUInt16(extra, position + 2))
            let body = position + 4
            guard body + length <= extra.count else { break }
            if id == 0x0001 {
                var field = body
                while field + 8 <= body + length { values.append(readUInt64(extra, field)); field += 8 }
            }
            position = body + length
        }
        return values
    }

    private static func readUInt16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func readUInt32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(readUInt16(bytes, at)) | UInt32(readUInt16(bytes, at + 2)) << 16
    }

    private static func readUInt64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        UInt64(readUInt32(bytes, at)) | UInt64(readUInt32(bytes, at + 4)) << 32
    }
}
