// `TestPackage` and the in-memory stores live in GalleryTestSupport (domain tests use them without the app);
// re-exported so every target that imports PalletTestSupport keeps seeing them.
@_exported public import GalleryTestSupport
