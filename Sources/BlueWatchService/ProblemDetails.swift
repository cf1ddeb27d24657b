import Foundation
import Hummingbird

/// An error answered as RFC 9457 problem details (`application/problem+json`): a status, a
/// short title and a detail saying what to do about it.
public struct ProblemDetails: Error, Sendable {
    public var status: HTTPResponse.Status
    public var detail: String
    /// Extra headers (`WWW-Authenticate` on a 401).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    func response() -> Response {
        let body: [String: Any] = ["type": "about:blank", "title": status.reasonPhrase, "status": status.code, "detail": detail]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every error into problem details: ours as they are, Hummingbird's HTTP errors with
/// their status, anything else as 500 without internals. Adds CORS to every answer (the
/// service is read-only apart from token-protected routes).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The methods the service answers; anything else (TRACE, PUT, DELETE, …) gets 405.
    static var allowed: String { "GET, HEAD, POST, OPTIONS" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            switch request.method {
            case .get, .head, .post:
                // HEAD runs the GET's handler; its body is dropped below, status and headers kept
                // (with the length when the body knows it), so clients can probe size, type and validators.
                response = try await next(request, context)
            case .options:
                // CORS preflight (and plain OPTIONS): what a browser may send from any origin.
                response = Response(status: .noContent, headers: [
                    .allow: Self.allowed, .accessControlAllowMethods: Self.allowed,
                    .accessControlAllowHeaders: "Authorization, Content-Type, If-None-Match, If-Modified-Since, Range",
                    .accessControlMaxAge: "86400"])
            default:
                throw ProblemDetails(.methodNotAllowed, "method \(request.method) is not allowed; this service answers \(Self.allowed)", headers: [.allow: Self.allowed])
            }
        } catch let problem as ProblemDetails {
            response = problem.response()
        } catch let error as HTTPError {
            response = ProblemDetails(error.status, error.body ?? error.status.reasonPhrase).response()
        } catch {
            context.logger.error("\(request.uri): \(error)")
            response = ProblemDetails(.internalServerError, "the server could not answer this request").response()
        }
        response.headers[.accessControlAllowOrigin] = "*"
        if request.method == .head {
            let length = response.headers[.contentLength] ?? response.body.contentLength.map(String.init)
            response.body = ResponseBody()   // (resets Content-Length to 0: put the GET's back)
            response.headers[.contentLength] = length
        }
        return response
    }
}
