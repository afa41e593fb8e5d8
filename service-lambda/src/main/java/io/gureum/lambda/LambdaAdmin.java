package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Gureum's Lambda endpoints:
 * <ul>
 * <li>{@code GET /_gureum/lambda/code/<account>/<region>/<function>/<version>.zip}: a version's deployment
 * package, the {@code Code.Location} of GetFunction;</li>
 * <li>{@code GET /_gureum/lambda/logs?FunctionName=<name or ARN>[&Region=…][&Account=…]}: what the last
 * invocations wrote (START/END/REPORT lines and the function's output), newest last.</li>
 * </ul>
 */
final class LambdaAdmin {
    private static final String CODE = "/_gureum/lambda/code/";
    private static final String LAYERS = "/_gureum/lambda/layers/";

    private final ServiceContext context;
    private final AccountRegionStore<LambdaStore> stores;
    private final InvocationLogs logs;

    LambdaAdmin(ServiceContext context, AccountRegionStore<LambdaStore> stores, InvocationLogs logs) {
        this.context = context;
        this.stores = stores;
        this.logs = logs;
    }

    static String codePath(String account, String region, String function, String version) {
        return CODE + account + "/" + region + "/" + function + "/" + version.replace("$", "%24") + ".zip";
    }

    /** GetLayerVersion's {@code Content.Location}. */
    static String layerPath(String account, String region, String layer, long version) {
        return LAYERS + account + "/" + region + "/" + layer + "/" + version + ".zip";
    }

    AwsHttpResponse handle(AwsHttpRequest request) {
        if (!request.method().equals("GET")) {
            return json(405, error("MethodNotAllowed", "Use GET"));
        }
        String path = request.rawPath();
        if (path.startsWith(CODE)) {
            return code(AwsHttpRequest.decode(path.substring(CODE.length()), false));
        }
        if (path.startsWith(LAYERS)) {
            return layer(AwsHttpRequest.decode(path.substring(LAYERS.length()), false));
        }
        if (path.equals("/_gureum/lambda/logs")) {
            return logs(request);
        }
        return json(404, error("NotFound", "No Gureum endpoint at " + path));
    }

    private AwsHttpResponse code(String rest) {
        String[] parts = rest.split("/");
        if (parts.length != 4 || !parts[3].endsWith(".zip")) {
            return json(404, error("NotFound", "No deployment package at " + rest));
        }
        LambdaFunction f = stores.get(parts[0], parts[1]).functions.get(parts[2]);
        FunctionVersion v = f == null ? null : f.version(parts[3].substring(0, parts[3].length() - 4));
        if (v == null) {
            return json(404, error("NotFound", "No deployment package at " + rest));
        }
        try {
            return new AwsHttpResponse(200).header("Content-Type", "application/zip")
                    .header("Content-Length", Long.toString(v.code().size()))
                    .bodyStream(Files.newInputStream(v.code().zip()), v.code().size());
        } catch (IOException e) {
            return json(500, error("InternalFailure", "The deployment package could not be read"));
        }
    }

    private AwsHttpResponse layer(String rest) {
        String[] parts = rest.split("/");
        if (parts.length != 4 || !parts[3].matches("\\d{1,18}\\.zip")) {
            return json(404, error("NotFound", "No layer version at " + rest));
        }
        Layer layer = stores.get(parts[0], parts[1]).layers.get(parts[2]);
        LayerVersion v = null;
        if (layer != null) {
            synchronized (layer) {
                v = layer.versions.get(Long.parseLong(parts[3].substring(0, parts[3].length() - 4)));
            }
        }
        if (v == null) {
            return json(404, error("NotFound", "No layer version at " + rest));
        }
        try {
            return new AwsHttpResponse(200).header("Content-Type", "application/zip")
                    .header("Content-Length", Long.toString(v.code().size()))
                    .bodyStream(Files.newInputStream(v.code().zip()), v.code().size());
        } catch (IOException e) {
            return json(500, error("InternalFailure", "The layer content could not be read"));
        }
    }

    private AwsHttpResponse logs(AwsHttpRequest request) {
        String name = request.queryParameter("FunctionName");
        if (name == null || name.isEmpty()) {
            return json(400, error("MissingParameter", "The request must contain the parameter FunctionName."));
        }
        FunctionRef ref;
        try {
            ref = FunctionRef.parse(name, null);
        } catch (RuntimeException e) {
            return json(400, error("InvalidParameterValue", e.getMessage()));
        }
        String account = ref.account() != null ? ref.account()
                : param(request, "Account", context.config().defaultAccount());
        String region = ref.region() != null ? ref.region() : param(request, "Region", context.config().defaultRegion());
        String arn = FunctionLookup.functionArn(account, region, ref.name());
        List<InvocationLogs.Entry> entries = logs.of(arn);
        ObjectNode body = LambdaJson.MAPPER.createObjectNode();
        body.put("FunctionArn", arn);
        body.put("LogGroupName", "/aws/lambda/" + ref.name());
        ArrayNode list = body.putArray("Invocations");
        for (InvocationLogs.Entry e : entries) {
            ObjectNode n = list.addObject();
            n.put("RequestId", e.requestId());
            n.put("Version", e.version());
            n.put("InvocationType", e.invocationType());
            n.put("Timestamp", e.timestamp().toString());
            if (e.functionError() != null) {
                n.put("FunctionError", e.functionError());
            }
            n.put("Log", e.logs());
        }
        return json(200, body);
    }

    private static String param(AwsHttpRequest request, String name, String fallback) {
        String v = request.queryParameter(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode n = LambdaJson.MAPPER.createObjectNode();
        n.put("Code", code);
        n.put("Message", message);
        return n;
    }

    private static AwsHttpResponse json(int status, ObjectNode body) {
        try {
            return new AwsHttpResponse(status).body(LambdaJson.MAPPER.writeValueAsString(body), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
