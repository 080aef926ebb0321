namespace WiGuard.Core.Network;

/// <summary>A TCP address pods must reach for Workload Identity to hand out the pod's own identity.</summary>
/// <param name="Address">The IPv4 address.</param>
/// <param name="Port">The TCP port.</param>
public sealed record MetadataEndpoint(string Address, int Port)
{
    /// <summary>metadata.google.internal, where client libraries ask for tokens.</summary>
    public static readonly MetadataEndpoint MetadataServer = new("169.254.169.254", 80);

    /// <summary>
    /// On GKE Dataplane V2 the node DNATs 169.254.169.254:80 to the gke-metadata-server here, and policy
    /// is enforced on the translated address, so egress must allow this one too.
    /// </summary>
    public static readonly MetadataEndpoint DataplaneV2MetadataServer = new("169.254.169.252", 988);

    public static IReadOnlyList<MetadataEndpoint> All { get; } = [MetadataServer, DataplaneV2MetadataServer];

    public uint AddressValue => Ipv4.TryParseAddress(Address, out var value) ? value : 0;

    public override string ToString() => $"{Address}:{Port}";
}
