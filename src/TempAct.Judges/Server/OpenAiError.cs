using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace TempAct.Judges.Server;

/// <summary>Errors in OpenAI's shape, <c>{"error": {"message", "type", "param", "code"}}</c>, which the official SDKs turn
/// into typed exceptions (BadRequestError, NotFoundError …) carrying the message, param and code.</summary>
internal static class OpenAiError
{
    /// <summary>The error as a minimal-API result.</summary>
    public static IResult Result(int status, string message, string? code = null, string? param = null) =>
        Results.Json(Body(status, message, code, param), statusCode: status);

    /// <summary>Writes the error to a response that has not started.</summary>
    public static Task Write(HttpContext context, int status, string message, string? code = null, string? param = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Body(status, message, code, param).ToJsonString(), context.RequestAborted);
    }

    /// <summary>OpenAI's types: invalid_request_error for 4xx (404 model_not_found included), rate_limit_exceeded's
    /// "requests" for 429, server_error for 5xx.</summary>
    private static JsonObject Body(int status, string message, string? code, string? param) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = status switch { 429 => "requests", >= 500 => "server_error", _ => "invalid_request_error" },
            ["param"] = param,
            ["code"] = code,
        },
    };
}
