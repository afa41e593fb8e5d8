package io.gureum.core.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The awsJson 1.0/1.1 protocol (DynamoDB, SQS, Kinesis): {@code POST /} with an {@code X-Amz-Target}
 * naming the operation and a JSON body of the request members.
 */
public final class JsonCodec implements ProtocolCodec {

    @Override
    public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
        String target = request.header("X-Amz-Target");
        OperationModel op = target == null ? null : model.operationByTarget(target);
        if (op == null && target != null && model.protocol().contains("cbor") && target.indexOf('.') > 0) {
            // The awsJson variant of a CBOR API (CloudWatch's GraniteServiceVersion20100801.ListMetrics): the
            // SDK's rpcv2Cbor metadata records no JSON target, so the operation is found by its name.
            op = model.operationByWireName(target.substring(target.indexOf('.') + 1));
        }
        if (op == null) {
            throw unknown(model, target);
        }
        return new ResolvedOperation(op, Map.of());
    }

    /**
     * The error for a target the index lacks: 501 naming an event-stream operation of the API (only on the SDK's
     * asynchronous client, so not indexed), else AWS's unknown operation.
     */
    static AwsException unknown(ServiceModel model, String target) {
        String name = target == null ? null : target.substring(target.indexOf('.') + 1);
        if (name != null && !name.isEmpty()) {
            var declared = model.constraints().operation(name);
            if (declared != null && Boolean.TRUE.equals(declared.eventStream())) {
                return CommonErrors.notImplemented(model.serviceName(), name);
            }
        }
        return CommonErrors.unknownOperation();
    }

    @Override
    public SdkPojo decode(ResolvedOperation resolved, AwsHttpRequest request) {
        SdkPojo builder = resolved.operation().newRequestBuilder();
        byte[] body = request.body();
        if (body.length > 0) {
            JsonNode tree = parse(body);
            try {
                JsonValues.readStruct(tree, builder, false);
            } catch (IllegalArgumentException e) {
                throw CommonErrors.serialization(e.getMessage());
            }
        }
        return builder;
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 2 && body[0] == '{' && body[1] == '}') {
            return RestBinding.json().createObjectNode(); // the SDKs' body for a call without parameters
        }
        try {
            JsonNode tree = RestBinding.json().readTree(body);
            if (tree == null || !tree.isObject()) {
                throw CommonErrors.serialization("The request body must be a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw CommonErrors.serialization("Malformed JSON in the request body");
        }
    }

    @Override
    public AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response, RequestContext ctx) {
        byte[] body = write(g -> JsonValues.writeStruct(g, response, true));
        AwsHttpResponse out = new AwsHttpResponse(200);
        out.header("Content-Type", contentType(model, ctx));
        return out.body(body);
    }

    @Override
    public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error, RequestContext ctx) {
        String namespace = error.code().equals("UnknownOperationException")
                ? "com.amazon.coral.service#"
                : "com.amazonaws." + (model == null ? "service" : model.serviceName()) + "#";
        byte[] body = write(g -> {
            g.writeStartObject();
            g.writeStringField("__type", namespace + error.code());
            if (error.modeled() != null) {
                JsonValues.writeMembers(g, error.modeled(), true);
            }
            if (error.message() != null) {
                g.writeStringField("message", error.message());
            }
            g.writeEndObject();
        });
        AwsHttpResponse out = new AwsHttpResponse(error.status());
        out.header("Content-Type", contentType(model, ctx));
        out.header("x-amzn-ErrorType", error.code());
        if (error.queryCode() != null) {
            // Query-compatible services (SQS): clients report the legacy code from this header.
            out.header("x-amzn-query-error", error.queryCode() + ";" + error.faultType());
        }
        return out.body(body);
    }

    /**
     * The API's awsJson content type; for the JSON variant of a CBOR API (Kinesis with CBOR off, CloudWatch)
     * the one the request came in, else 1.0.
     */
    private static String contentType(ServiceModel model, RequestContext ctx) {
        String ct = model == null ? null : model.index().jsonContentType();
        if (ct != null && ct.startsWith("application/x-amz-json")) {
            return ct;
        }
        String sent = ctx == null || ctx.httpRequest() == null ? null : ctx.httpRequest().contentType();
        if (sent != null && sent.startsWith("application/x-amz-json")) {
            int semicolon = sent.indexOf(';');
            return (semicolon < 0 ? sent : sent.substring(0, semicolon)).trim();
        }
        return "application/x-amz-json-1.0";
    }

    interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(JsonWriter writer) {
        ScratchOutput out = ScratchOutput.take();
        try (JsonGenerator g = RestBinding.json().getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Not in a finally: after a failure the generator may still hold the stream, which is then dropped.
        return out.toBytesAndRelease();
    }
}
