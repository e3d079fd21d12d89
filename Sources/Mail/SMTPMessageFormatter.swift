import Foundation
import Gallery

/// Turns a `MailMessage` into RFC 5322 text ready for DATA: CRLF line ends, dot-stuffed, headers free of
/// CR/LF (a package id or a deletion reason can never inject a header), UTF-8 subjects as RFC 2047 words.
enum SMTPMessageFormatter {
    /// The DATA payload, without the terminating `.` line.
    static func format(_ message: MailMessage, from: String, date: Date, messageID: String) -> String {
        let body = message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let needsBase64 = !body.allSatisfy(\.isASCII) || body.split(separator: "\n").contains { $0.utf8.count > 998 }
        var headers = [
            "Date: \(rfc5322Date(date))",
            "From: \(from)",
            "To: \(message.to.joined(separator: ", "))",
            "Subject: \(encodedHeader(message.subject))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ]
        // A reply-to that is not a plain address (a header injection attempt) is left out.
        if let replyTo = message.replyTo, let address = try? checkedAddress(replyTo) { headers.append("Reply-To: \(address)") }
        let encodedBody: String
        if needsBase64 {
            headers.append("Content-Transfer-Encoding: base64")
            let base64 = Data(body.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString()
            encodedBody = stride(from: 0, to: base64.count, by: 76).map { offset -> String in
                let start = base64.index(base64.startIndex, offsetBy: offset)
                return String(base64[start..<(base64.index(start, offsetBy: 76, limitedBy: base64.endIndex) ?? base64.endIndex)])
            }.joined(separator: "\r\n")
        } else {
            headers.append("Content-Transfer-Encoding: 7bit")
            // Dot-stuffing (RFC 5321 §4.5.2): a line that starts with "." gets another, so it cannot end DATA.
            encodedBody = body.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encodedBody + (encodedBody.hasSuffix("\r\n") ? "" : "\r\n")
    }

    /// One line, CR/LF folded to spaces; non-ASCII as an RFC 2047 base64 encoded word.
    static func encodedHeader(_ text: String) -> String {
        let line = text.map { $0.isNewline ? " " : String($0) }.joined()
        guard !line.allSatisfy(\.isASCII) else { return line }
        return "=?utf-8?B?\(Data(line.utf8).base64EncodedString())?="
    }

    /// `Tue, 01 Jul 2025 10:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// Refuses addresses that could break out of `MAIL FROM:<…>`/`RCPT TO:<…>` or a header.
    static func checkedAddress(_ address: String) throws -> String {
        guard !address.isEmpty, address.count <= 320, address.contains("@"),
              !address.contains(where: { $0.isNewline || $0.isWhitespace || "<>,;\"".contains($0) }) else {
            throw SMTPError.invalidAddress(address)
        }
        return address
    }
}
