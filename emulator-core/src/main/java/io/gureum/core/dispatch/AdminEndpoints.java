package io.gureum.core.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.faults.FaultRules;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.init.InitHooks;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.time.Duration;

/**
 * Gureum's own endpoints under {@code /_gureum/}: health (also at LocalStack's
 * {@code /_localstack/health}, so its users' tooling works unchanged), reset, the clock and fault rules.
 */
final class AdminEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String VERSION = AdminEndpoints.class.getPackage().getImplementationVersion() == null
            ? "dev" : AdminEndpoints.class.getPackage().getImplementationVersion();

    private final ServiceRegistry registry;
    private final ServiceContext context;
    private final ClockLog clockLog = new ClockLog();
    private final FaultEndpoints faults;
    private final ZoneOutageEndpoint zoneOutage;
    private final StateEndpoints state;

    AdminEndpoints(ServiceRegistry registry, ServiceContext context, FaultRules faultRules) {
        this.registry = registry;
        this.context = context;
        this.faults = new FaultEndpoints(faultRules);
        this.zoneOutage = new ZoneOutageEndpoint(context);
        this.state = new StateEndpoints(registry, context, JSON);
    }

    static boolean isAdminPath(String path) {
        return path.startsWith("/_gureum/") || path.startsWith("/_localstack/");
    }

    AwsHttpResponse handle(AwsHttpRequest request) {
        try {
            return route(request);
        } catch (AwsException e) {
            // A body that could not be read (broken chunked framing, over the limit): the client's fault.
            return json(e.status(), error(e.code(), e.getMessage()));
        }
    }

    private AwsHttpResponse route(AwsHttpRequest request) {
        String path = request.rawPath();
        String method = request.method();
        return switch (path) {
            case "/_gureum/health", "/_localstack/health" -> method.equals("GET") || method.equals("HEAD")
                    ? health() : notAllowed();
            case "/_gureum/reset", "/_localstack/state/reset" -> method.equals("POST") ? reset(request) : notAllowed();
            case "/_gureum/clock" -> switch (method) {
                case "GET" -> clock();
                case "POST" -> advanceClock(request);
                default -> notAllowed();
            };
            case "/_gureum/clock/events" -> method.equals("GET") ? json(200, clockLog.toJson(JSON)) : notAllowed();
            case "/_gureum/resources" -> method.equals("GET") ? resources(request) : notAllowed();
            case "/_gureum/init", "/_localstack/init" -> method.equals("GET") ? init(false) : notAllowed();
            case "/_localstack/init/ready" -> method.equals("GET") ? init(true) : notAllowed();
            case "/_gureum/faults" -> faults.rules(request);
            case StateEndpoints.EXPORT -> method.equals("POST") ? state.export(request) : notAllowed();
            case StateEndpoints.IMPORT -> method.equals("POST") ? state.importState(request) : notAllowed();
            case ZoneOutageEndpoint.PATH -> zoneOutage.handle(request);
            default -> path.startsWith("/_gureum/faults/") ? faults.rule(request) : ConsoleAssets.handles(path) ? console(request) : serviceEndpoint(request);
        };
    }

    private AwsHttpResponse console(AwsHttpRequest request) {
        AwsHttpResponse asset = ConsoleAssets.serve(request.method(), request.rawPath());
        return asset != null ? asset : json(404, error("NotFound", "No Gureum endpoint at " + request.rawPath()));
    }

    private AwsHttpResponse resources(AwsHttpRequest request) {
        String account = request.queryParameter("account");
        ObjectNode body = ResourceListing.list(JSON, context.registry(),
                account == null || account.isBlank() ? context.config().defaultAccount() : account,
                request.queryParameter("region"), request.queryParameter("q"), request.queryParameter("service"));
        body.put("defaultAccount", context.config().defaultAccount());
        body.put("defaultRegion", context.config().defaultRegion());
        return json(200, body);
    }

    /** {@code /_gureum/<service>/…}: the service's own inspection endpoints. */
    private AwsHttpResponse serviceEndpoint(AwsHttpRequest request) {
        String path = request.rawPath();
        if (path.startsWith("/_gureum/")) {
            int end = path.indexOf('/', "/_gureum/".length());
            String name = end < 0 ? path.substring("/_gureum/".length()) : path.substring("/_gureum/".length(), end);
            LoadedService service = registry.byName(name);
            if (service != null) {
                AwsHttpResponse response = service.adminRequest(request);
                if (response != null) {
                    return response;
                }
            }
        }
        return json(404, error("NotFound", "No Gureum endpoint at " + path));
    }

    /**
     * The init scripts' states in LocalStack's shape ({@code /_localstack/init}): Gureum runs only the
     * READY stage; {@code ready} is the {@code /_localstack/init/ready} view of that stage alone.
     */
    private AwsHttpResponse init(boolean readyStageOnly) {
        InitHooks hooks = context.shared().get(InitHooks.class, InitHooks::none);
        ObjectNode body = JSON.createObjectNode();
        if (readyStageOnly) {
            body.put("completed", hooks.completed());
        } else {
            ObjectNode completed = body.putObject("completed");
            completed.put("BOOT", true).put("START", true).put("READY", hooks.completed()).put("SHUTDOWN", false);
        }
        var scripts = body.putArray("scripts");
        for (InitHooks.Script s : hooks.scripts()) {
            scripts.addObject().put("stage", "READY").put("name", s.name()).put("state", s.state());
        }
        return json(200, body);
    }

    private AwsHttpResponse health() {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode services = body.putObject("services");
        for (LoadedService s : registry.all()) {
            services.put(s.name(), s.used() ? "running" : "available");
        }
        body.put("edition", "community");
        body.put("version", VERSION);
        body.put("product", "gureum");
        return json(200, body);
    }

    private AwsHttpResponse reset(AwsHttpRequest request) {
        String only = request.queryParameter("service");
        ObjectNode body = JSON.createObjectNode();
        if (only != null) {
            LoadedService s = registry.byName(only);
            if (s == null) {
                return json(400, error("InvalidParameterValue", "Unknown or disabled service: " + only));
            }
            s.reset();
            context.registry().clear(only);
            body.putArray("reset").add(only);
        } else {
            context.state().clearAll();
            for (LoadedService s : registry.all()) {
                s.reset();
            }
            context.registry().clear();
            faults.clear();
            zoneOutage.reset();
            context.clock().reset();
            clockLog.clear();
            var list = body.putArray("reset");
            registry.all().forEach(s -> list.add(s.name()));
        }
        return json(200, body);
    }

    private AwsHttpResponse clock() {
        ObjectNode body = JSON.createObjectNode();
        body.put("now", context.clock().now().toString());
        body.put("offsetSeconds", context.clock().offsetSeconds());
        return json(200, body);
    }

    private AwsHttpResponse advanceClock(AwsHttpRequest request) {
        long seconds;
        try {
            JsonNode tree = JSON.readTree(request.body());
            JsonNode advance = tree == null ? null : tree.get("advanceSeconds");
            if (advance == null || !advance.canConvertToLong()) {
                return json(400, error("InvalidParameterValue", "Body must be {\"advanceSeconds\": N}"));
            }
            seconds = advance.asLong();
        } catch (IOException e) {
            return json(400, error("InvalidParameterValue", "Body must be JSON: {\"advanceSeconds\": N}"));
        }
        if (seconds < 0) {
            return json(400, error("InvalidParameterValue", "The clock only moves forward"));
        }
        var before = context.registry().arns();
        var from = context.clock().now();
        context.clock().advance(Duration.ofSeconds(seconds));
        clockLog.record(from, context.clock().now(), seconds, before, context.registry().arns());
        return clock();
    }

    static AwsHttpResponse notAllowed() {
        return json(405, error("MethodNotAllowed", "Method not allowed"));
    }

    static ObjectNode error(String code, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("__type", code);
        n.put("message", message);
        return n;
    }

    static AwsHttpResponse json(int status, JsonNode body) {
        try {
            return new AwsHttpResponse(status).body(JSON.writeValueAsBytes(body))
                    .header("Content-Type", "application/json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
