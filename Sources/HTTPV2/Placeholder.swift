// The NuGet V2 (OData) surface; filled by the V2 work.
