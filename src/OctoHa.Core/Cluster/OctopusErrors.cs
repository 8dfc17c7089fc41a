using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Text.Json;

namespace OctoHa.Cluster
{
    /// <summary>
    /// Maps Octopus answers to errors that say what failed, why, and what to do. The API key is never part of a
    /// message: only the method, the path and the server's own error text.
    /// </summary>
    internal static class OctopusErrors
    {
        internal static OctoHaException FromResponse(HttpMethod method, Uri uri, HttpStatusCode status, string body, OctopusConnection connection)
        {
            string serverSays = ServerMessage(body);
            string where = $"{method} {uri.AbsolutePath}";
            int code = (int)status;
            switch (code)
            {
                case 401:
                    return new OctoHaException("ApiKeyRejected", OctoHaErrorKind.AuthenticationError,
                        $"The Octopus Server at {connection.ServerUrl} rejected the API key (HTTP 401 on {where}). Check that the key is current and belongs to a user of this server; create a new one under your profile > My API Keys.",
                        connection.ServerUrl.ToString());
                case 403:
                    return new OctoHaException("PermissionDenied", OctoHaErrorKind.PermissionDenied,
                        $"The API key's user is not allowed to do this (HTTP 403 on {where}){Suffix(serverSays)}. Node operations need an administrator with the ConfigureServer permission; use a service account's key.",
                        uri.AbsolutePath);
                case 404:
                    return new OctoHaException("NotFound", OctoHaErrorKind.ObjectNotFound,
                        $"The Octopus Server has nothing at {where} (HTTP 404){Suffix(serverSays)}. Check the server URL and that this Octopus version has the node API.",
                        uri.AbsolutePath);
                case 400:
                case 409:
                    return new OctoHaException("RequestRejected", OctoHaErrorKind.InvalidArgument,
                        $"The Octopus Server refused {where} (HTTP {code}){Suffix(serverSays)}.", uri.AbsolutePath);
                default:
                    return new OctoHaException("ServerError", code >= 500 ? OctoHaErrorKind.ConnectionError : OctoHaErrorKind.InvalidOperation,
                        $"The Octopus Server failed {where} with HTTP {code}{Suffix(serverSays)}" +
                        (code >= 500 ? $", still after {connection.RetryCount + 1} attempts. Check the node's health and its Octopus Server log, then try again." : "."),
                        uri.AbsolutePath);
            }
        }

        internal static OctoHaException Timeout(HttpMethod method, Uri uri, OctopusConnection connection) =>
            new OctoHaException("ServerTimeout", OctoHaErrorKind.OperationTimeout,
                $"The Octopus Server at {connection.ServerUrl} did not answer {method} {uri.AbsolutePath} within {connection.RequestTimeout.TotalSeconds:0} seconds, in {connection.RetryCount + 1} attempts. Check that the server and its database are healthy.",
                connection.ServerUrl.ToString());

        internal static OctoHaException Unreachable(HttpMethod method, Uri uri, OctopusConnection connection, HttpRequestException ex)
        {
            bool tls = HasInner<AuthenticationException>(ex);
            string reason = tls
                ? "its TLS certificate is not trusted by this machine. Trust the certificate (or its CA); use -SkipCertificateCheck / --skip-certificate-check only against a test server"
                : $"the connection failed ({Innermost(ex).Message.TrimEnd('.')}). Check the URL, DNS, firewalls and that the Octopus Server service is running";
            return new OctoHaException(tls ? "CertificateNotTrusted" : "ServerUnreachable", OctoHaErrorKind.ConnectionError,
                $"Could not reach the Octopus Server at {connection.ServerUrl} ({method} {uri.AbsolutePath}): {reason}.",
                connection.ServerUrl.ToString(), ex);
        }

        // Octopus's error body: { ErrorMessage, Errors[], ... }; anything else (HTML, text) is shown briefly.
        private static string ServerMessage(string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return "";
            try
            {
                using var doc = JsonDocument.Parse(body);
                var parts = new List<string>();
                string? message = Json.String(doc.RootElement, "ErrorMessage");
                if (!string.IsNullOrWhiteSpace(message)) parts.Add(message!.Trim());
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement e in errors.EnumerateArray())
                    {
                        string? s = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                        if (!string.IsNullOrWhiteSpace(s) && !parts.Contains(s!.Trim())) parts.Add(s.Trim());
                    }
                }
                return string.Join(" ", parts);
            }
            catch (JsonException)
            {
                string text = body.Trim();
                return text.StartsWith("<", StringComparison.Ordinal) ? "" : (text.Length > 200 ? text.Substring(0, 200) + "..." : text);
            }
        }

        private static string Suffix(string serverSays) => serverSays.Length == 0 ? "" : ": " + serverSays.TrimEnd('.');

        private static bool HasInner<T>(Exception ex) where T : Exception
        {
            for (Exception? e = ex; e != null; e = e.InnerException) if (e is T) return true;
            return false;
        }

        internal static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }
}
