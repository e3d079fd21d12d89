// Resolution follows NuGet.Versioning `VersionRange.FindBestMatch` / `IsBetter`: the lowest version
// in range for ordinary ranges, the highest inside the float for floating ones.

extension VersionRange {
    /// The version NuGet restore would pick from `versions` (a flat-container list, say), or nil.
    ///
    /// Prerelease versions are considered only when a bound is a prerelease or the float allows
    /// them (`1.0.0-*`, `*-*`, `1.*-*`), as in NuGet.
    public func bestMatch(_ versions: some Sequence<NuGetVersion>) -> NuGetVersion? {
        var best: NuGetVersion?
        for version in versions where isBetter(best, version) { best = version }
        return best
    }

    /// NuGet's `IsBetter(current, considering)`.
    private func isBetter(_ current: NuGetVersion?, _ considering: NuGetVersion) -> Bool {
        let prereleaseBounds = (minVersion?.isPrerelease ?? false) || (maxVersion?.isPrerelease ?? false)
        let floatAllowsPrerelease = floatRange?.behavior == .prerelease || floatRange?.behavior == .absoluteLatest
        if !prereleaseBounds, considering.isPrerelease, !floatAllowsPrerelease { return false }
        guard contains(considering) else { return false }
        guard let current else { return true }
        guard let floatRange else { return current > considering }  // favour the lowest

        switch (floatRange.satisfies(current), floatRange.satisfies(considering)) {
        case (true, false): return false
        case (false, true): return true
        case (true, true): return current < considering  // highest inside the float
        case (false, false):
            let currentBelow = current < floatRange.minVersion
            let consideringBelow = considering < floatRange.minVersion
            switch (currentBelow, consideringBelow) {
            case (true, false): return true  // favour a version above the float
            case (false, true): return false
            case (false, false): return current > considering  // above: the lowest
            case (true, true): return current < considering  // below: the highest
            }
        }
    }
}
