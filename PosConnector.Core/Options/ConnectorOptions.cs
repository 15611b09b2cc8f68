using System.ComponentModel.DataAnnotations;

namespace PosConnector.Core.Options;

public sealed class ConnectorOptions
{
    public const string SectionName = "Connector";

    /// <summary>The public https base of this deployment, used to build the submitUrl.</summary>
    [Required(ErrorMessage = "Connector:PublicBaseUrl is required (e.g. https://pos.example.com).")]
    [Url]
    public string PublicBaseUrl { get; init; } = "";

    /// <summary>Key for the submitUrl token (HMAC of the paymentId).</summary>
    [Required(ErrorMessage = "Connector:SubmitTokenSecret is required.")]
    [MinLength(32, ErrorMessage = "Connector:SubmitTokenSecret must be at least 32 characters.")]
    public string SubmitTokenSecret { get; init; } = "";

    /// <summary>X-Admin-Key for /api/admin (both hosts). Empty disables the admin routes.</summary>
    [RegularExpression("^.{16,}$", ErrorMessage = "Connector:AdminKey must be empty (admin routes off) or at least 16 characters.")]
    public string AdminKey { get; init; } = "";

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; init; } = 256 * 1024;
}
