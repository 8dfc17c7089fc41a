using System;
using System.Threading.Tasks;

namespace OctoHa.Emulator.Http
{
    /// <summary>Routes /api/... to the endpoint families; node endpoints are system-level, tasks may carry a space.</summary>
    internal static class ApiRoutes
    {
        public static Task<Reply> HandleAsync(ApiRequest request)
        {
            var s = request.Segments; // s[0] is "api"
            if (s.Length == 1)
                return Task.FromResult(request.IsGet ? RootEndpoints.Root(request) : Reply.MethodNotAllowed(request.Method, request.Path));

            if (ApiRequest.Is(s[1], "octopusservernodes"))
                return NodeEndpoints.HandleAsync(request, s.AsSpan(2).ToArray());

            if (ApiRequest.Is(s[1], "tasks"))
                return Task.FromResult(TaskEndpoints.Handle(request, s.AsSpan(2).ToArray(), null));

            // /api/{spaceId}/tasks/...
            if (s.Length >= 3 && s[1].StartsWith("Spaces-", StringComparison.OrdinalIgnoreCase) && ApiRequest.Is(s[2], "tasks"))
                return Task.FromResult(TaskEndpoints.Handle(request, s.AsSpan(3).ToArray(), s[1]));

            // /api/spaces/{spaceIdentifier}/tasks/...
            if (s.Length >= 4 && ApiRequest.Is(s[1], "spaces") && ApiRequest.Is(s[3], "tasks"))
                return Task.FromResult(TaskEndpoints.Handle(request, s.AsSpan(4).ToArray(), s[2]));

            return Task.FromResult(Reply.NotFound(request.Path));
        }
    }
}
