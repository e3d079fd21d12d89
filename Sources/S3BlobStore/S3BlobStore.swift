/// Placeholder so the target builds; the S3 blob store lands here.
enum S3BlobStorePlaceholder {}
