import Foundation

/// Reads the zip's end-of-central-directory record to learn how many entries it declares.
///
/// ZIPFoundation's entry iterator stops silently at the first unreadable central-directory record, so the
/// reader compares what it iterated with what the archive declares to detect a truncated archive. Spanned
/// (multi-disk) archives are refused here, as .NET's `ZipArchive` refuses them (NuGetGallery's
/// `WillRejectBrokenZipFiles`).
enum ZipDirectoryProbe {
    static let endRecordSignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64EndRecordSignature: UInt32 = 0x0606_4B50

    /// The number of entries the central directory declares.
    static func declaredEntryCount(of handle: FileHandle, fileSize: Int64) throws -> UInt64 {
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
        let locator = position - 20
        guard locator >= 0, readUInt32(tail, locator) == zip64LocatorSignature else { return count }
        // ZIP64: the locator's "total number of disks" must be 1, and its record holds the real count.
        guard readUInt32(tail, locator + 16) <= 1 else { throw NupkgError.notAZip }
        let recordOffset = readUInt64(tail, locator + 8)
        guard recordOffset < UInt64(fileSize) else { throw NupkgError.notAZip }
        try handle.seek(toOffset: recordOffset)
        let record = [UInt8](try handle.read(upToCount: 56) ?? Data())
        guard record.count == 56, readUInt32(record, 0) == zip64EndRecordSignature else { throw NupkgError.notAZip }
        return readUInt64(record, 32)
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
