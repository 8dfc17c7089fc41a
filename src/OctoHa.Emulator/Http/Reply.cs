using System.Text.Json.Nodes;
using OctoHa.Emulator.Json;

namespace OctoHa.Emulator.Http
{
    /// <summary>What an endpoint answers: a status and a JSON body, built under the lock and written after it.</summary>
    internal readonly struct Reply
    {
        public Reply(int status, JsonNode? body)
        {
            Status = status;
            Body = body;
        }

        public int Status { get; }
        public JsonNode? Body { get; }

        public static Reply Ok(JsonNode? body) => new Reply(200, body);
        public static Reply BadRequest(params string[] errors) => new Reply(400, ErrorJson.BadRequest(errors));
        public static Reply NotFound(string what) => new Reply(404, ErrorJson.NotFound(what));

        public static Reply MethodNotAllowed(string method, string path) =>
            new Reply(405, ErrorJson.Create("The method " + method + " is not allowed on " + path + "."));
    }
}
