import Foundation
import Gallery

/// The package page's download history: an inline SVG bar chart of the last 90 days plus the same numbers
/// as table rows (screen readers and anyone who wants the figures). Built from numbers only, so the SVG
/// carries no package text and can be inserted unescaped. No inline styles: the stylesheet colours it.
struct DownloadChart {
    static let days = 90

    struct Row {
        let date: String
        let downloads: String
    }

    /// The accessible name: says what it is and the total.
    let label: String
    let svg: String
    /// Newest first.
    let rows: [Row]
    let total: Int64
    /// No download in the window: the page says so instead of showing an empty plot alone.
    let isEmpty: Bool
    let firstDate: String
    let lastDate: String

    /// `history` may miss days (no downloads) and hold days outside the window; `today` is a UTC day number.
    init(history: [DailyDownloads], today: Int64) {
        let first = today - Int64(Self.days) + 1
        var counts = [Int64](repeating: 0, count: Self.days)
        for entry in history where entry.day >= first && entry.day <= today {
            counts[Int(entry.day - first)] += entry.downloads
        }
        total = counts.reduce(0, +)
        isEmpty = total == 0
        label = "Downloads per day over the last \(Self.days) days: \(Format.grouped(total)) downloads in total"
        let dates = (0..<Self.days).map { Format.day(Date(timeIntervalSince1970: Double(first + Int64($0)) * 86_400)) }
        firstDate = dates.first ?? ""
        lastDate = dates.last ?? ""
        rows = zip(dates, counts).reversed().map { Row(date: $0.0, downloads: Format.grouped($0.1)) }
        svg = Self.render(counts: counts, dates: dates, label: label)
    }

    private static func render(counts: [Int64], dates: [String], label: String) -> String {
        let width = 360.0, height = 80.0, top = 4.0, bottom = 1.0
        let peak = max(counts.max() ?? 0, 1)
        let slot = width / Double(counts.count), bar = max(slot - 1, 1)
        var out = """
            <svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 \(Int(width)) \(Int(height))" \
            preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg" focusable="false">\
            <title id="chart-title">\(label)</title>\
            <line class="chart-axis" x1="0" y1="\(height - bottom)" x2="\(width)" y2="\(height - bottom)"/>
            """
        let plot = height - top - bottom
        for (index, count) in counts.enumerated() {
            let barHeight = count == 0 ? 0 : max(1.5, plot * Double(count) / Double(peak))
            let x = Double(index) * slot
            out += "<rect class=\"chart-bar\" x=\"\(fixed(x))\" y=\"\(fixed(height - bottom - barHeight))\" "
                + "width=\"\(fixed(bar))\" height=\"\(fixed(barHeight))\"><title>\(dates[index]): "
                + "\(Format.grouped(count)) downloads</title></rect>"
        }
        out += "</svg>"
        return out
    }

    private static func fixed(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
