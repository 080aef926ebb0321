using Microsoft.AspNetCore.Diagnostics;
using WiGuard.Admission;

namespace WiGuard.Hosting;

internal static partial class ErrorHandling
{
    /// <summary>
    /// A bug must still answer with JSON and keep serving; the client sees no stack trace and the
    /// log gets the exception type and message (never the request body).
    /// </summary>
    public static void UseWiGuardErrors(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WiGuard.Errors");
            if (error is BadHttpRequestException bad)
            {
                await ProblemBody.Result(new RequestProblem(bad.StatusCode, "Bad request", bad.Message)).ExecuteAsync(context);
                return;
            }

            LogUnhandled(logger, context.Request.Path, error?.GetType().Name ?? "unknown", error?.Message ?? "");
            await ProblemBody.Result(new RequestProblem(StatusCodes.Status500InternalServerError, "Internal error",
                "WiGuard failed to evaluate the request; the failure is logged")).ExecuteAsync(context);
        }));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Path}: {ExceptionMessage}")]
    private static partial void LogUnhandled(ILogger logger, string path, string exceptionType, string exceptionMessage);
}
