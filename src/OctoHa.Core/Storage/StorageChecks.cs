namespace OctoHa.Storage
{
    /// <summary>The stable names of the shared-storage checks, in the order Test-OctoHaSharedStorage reports them.</summary>
    public static class StorageChecks
    {
        public const string Reachable = "Reachable";
        public const string Writable = "Writable";
        public const string Lock = "Lock";
        public const string Latency = "Latency";
        public const string FreeSpace = "FreeSpace";
        public const string Folders = "Folders";
        public const string LocalDisk = "LocalDisk";
        public const string MappedDrive = "MappedDrive";
        public const string Mount = "Mount";

        public static readonly string[] All = { Reachable, Writable, Lock, Latency, FreeSpace, Folders, LocalDisk, MappedDrive, Mount };

        /// <summary>The prefix of every probe file: .octoha-probe-GUID. Nothing else in the root is ever touched.</summary>
        public const string ProbePrefix = ".octoha-probe-";
    }
}
