using Microsoft.Extensions.Options;
using WiGuard.Core.Configuration;
using WiGuard.Google.Snapshot;

namespace WiGuard.Google.Configuration;

/// <summary>Reports every problem of <c>WiGuard:Iam</c> at start-up, each naming its key; a broken snapshot fails here too.</summary>
internal sealed class IamOptionsValidator : IValidateOptions<IamOptions>
{
    public ValidateOptionsResult Validate(string? name, IamOptions options)
    {
        var problems = options.Problems().ToList();
        if (!string.IsNullOrWhiteSpace(options.SnapshotPath))
        {
            try
            {
                SnapshotIamFacts.Load(options.SnapshotPath);
            }
            catch (IamSnapshotException ex)
            {
                problems.Add(ex.Message);
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
