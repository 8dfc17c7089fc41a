using System;
using System.Globalization;

namespace OctoHa.Tentacle
{
    /// <summary>
    /// Octopus's CommunicationStyle values. Tentacle writes the integer, but its reader also accepts the enum name,
    /// so a hand-edited config may carry either.
    /// </summary>
    public static class CommunicationStyles
    {
        public const int None = 0;
        public const int TentaclePassive = 1;
        public const int TentacleActive = 2;
        public const int Ssh = 3;
        public const int OfflineDrop = 4;
        public const int AzureWebApp = 5;
        public const int Ftp = 6;
        public const int AzureCloudService = 7;
        public const int AzureServiceFabricCluster = 8;
        public const int Kubernetes = 9;
        public const int StepPackage = 10;
        public const int KubernetesTentacle = 11;
        public const int AwsEcsCluster = 12;

        private static readonly string[] Names =
        {
            "None", "TentaclePassive", "TentacleActive", "Ssh", "OfflineDrop", "AzureWebApp", "Ftp", "AzureCloudService",
            "AzureServiceFabricCluster", "Kubernetes", "StepPackage", "KubernetesTentacle", "AwsEcsCluster",
        };

        /// <summary>The name of a style, or the number itself for a value newer than this list.</summary>
        public static string NameOf(int style) =>
            style >= 0 && style < Names.Length ? Names[style] : style.ToString(CultureInfo.InvariantCulture);

        /// <summary>Accepts a name (any case) or an integer in text form.</summary>
        public static bool TryParse(string? text, out int style)
        {
            style = 0;
            if (string.IsNullOrWhiteSpace(text)) return false;
            string t = text!.Trim();
            if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out style)) return true;
            for (int i = 0; i < Names.Length; i++)
            {
                if (string.Equals(Names[i], t, StringComparison.OrdinalIgnoreCase)) { style = i; return true; }
            }
            return false;
        }
    }
}
