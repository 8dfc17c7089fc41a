using System.Text.Json.Nodes;

namespace OctoHa.Emulator.Json
{
    /// <summary>Octopus's error body: ErrorMessage, Errors, FullException, HelpText, Details (facts file, section c).</summary>
    internal static class ErrorJson
    {
        public const string NotLoggedIn = "You must be logged in to perform this action. Please provide a valid API key or log in again.";

        public static JsonObject Create(string message, params string[] errors) => new JsonObject
        {
            ["ErrorMessage"] = message,
            ["Errors"] = JsonText.Strings(errors.Length == 0 ? new[] { message } : errors),
            ["FullException"] = null,
            ["HelpText"] = null,
            ["Details"] = null,
        };

        public static JsonObject Unauthorized() => Create(NotLoggedIn);

        public static JsonObject Forbidden(string permission) => Create(
            "You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: " + permission,
            "Missing permission: " + permission);

        public static JsonObject NotFound(string what) => Create("The resource '" + what + "' was not found.", what + " was not found.");

        public static JsonObject BadRequest(params string[] errors) => Create("There was a problem with your request.", errors);
    }
}
