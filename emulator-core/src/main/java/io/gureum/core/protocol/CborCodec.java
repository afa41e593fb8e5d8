package io.gureum.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The two CBOR protocols. {@link #awsJson()}: awsJson over CBOR, which the SDKs use for Kinesis
 * ({@code POST /}, {@code X-Amz-Target}, {@code Content-Type: application/x-amz-cbor-1.1}). {@link #rpcV2()}:
 * Smithy's rpcv2Cbor (CloudWatch): {@code POST /service/<Service>/operation/<Operation>} with
 * {@code smithy-protocol: rpc-v2-cbor} and {@code Content-Type: application/cbor}
 * (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html). Both carry the awsJson data model;
 * errors are a map with {@code __type} and {@code message}.
 */
public final class CborCodec implements ProtocolCodec {
    static final String AWS_CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";
    static final String RPC_V2_CONTENT_TYPE = "application/cbor";
    static final String RPC_V2_PATH = "/service/";

    private final boolean rpcV2;

    private CborCodec(boolean rpcV2) {
        this.rpcV2 = rpcV2;
    }

    public static CborCodec awsJson() {
        return new CborCodec(false);
    }

    public static CborCodec rpcV2() {
        return new CborCodec(true);
    }

    /** Whether a request is rpcv2Cbor: its header or its content type and path say so. */
    public static boolean isRpcV2(AwsHttpRequest request) {
        String protocol = request.header("smithy-protocol");
        return "rpc-v2-cbor".equals(protocol) || (request.contentType().startsWith(RPC_V2_CONTENT_TYPE)
                && request.rawPath().startsWith(RPC_V2_PATH));
    }

    private JsonValues.Flavor flavor() {
        return rpcV2 ? JsonValues.Flavor.CBOR_EPOCH_SECONDS : JsonValues.Flavor.CBOR_EPOCH_MILLIS;
    }

    @Override
    public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
        OperationModel op;
        if (rpcV2) {
            // /service/<ServiceName>/operation/<OperationName>; a prefix before /service is allowed.
            String path = request.rawPath();
            int at = path.lastIndexOf("/operation/");
            String name = at < 0 ? null : path.substring(at + "/operation/".length());
            op = name == null || name.isEmpty() || !"POST".equals(request.method()) ? null
                    : model.operationByWireName(name);
        } else {
            String target = request.header("X-Amz-Target");
            op = target == null ? null : model.operationByTarget(target);
        }
        if (op == null) {
            throw rpcV2 ? new AwsException("UnknownOperationException",
                    "No operation matches " + request.method() + " " + request.rawPath(), 404)
                    : JsonCodec.unknown(model, request.header("X-Amz-Target"));
        }
        return new ResolvedOperation(op, Map.of());
    }

    @Override
    public SdkPojo decode(ResolvedOperation resolved, AwsHttpRequest request) {
        SdkPojo builder = resolved.operation().newRequestBuilder();
        JsonNode tree = CborValues.parse(request.body());
        try {
            JsonValues.readStruct(tree, builder, false, flavor());
        } catch (IllegalArgumentException e) {
            throw CommonErrors.serialization(e.getMessage());
        }
        return builder;
    }

    @Override
    public AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response, RequestContext ctx) {
        byte[] body = CborValues.write(g -> JsonValues.writeStruct(g, response, true, flavor()));
        return headers(new AwsHttpResponse(200)).body(body);
    }

    @Override
    public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error, RequestContext ctx) {
        String namespace = error.code().equals("UnknownOperationException")
                ? "com.amazon.coral.service#"
                : "com.amazonaws." + (model == null ? "service" : model.serviceName()) + "#";
        byte[] body = CborValues.write(g -> {
            g.writeStartObject();
            g.writeStringField("__type", namespace + error.code());
            if (error.modeled() != null) {
                JsonValues.writeMembers(g, error.modeled(), true, flavor());
            }
            if (error.message() != null) {
                g.writeStringField("message", error.message());
            }
            g.writeEndObject();
        });
        AwsHttpResponse out = headers(new AwsHttpResponse(error.status()));
        out.header("x-amzn-ErrorType", error.code());
        if (error.queryCode() != null) {
            // Query-compatible APIs (CloudWatch): clients report the legacy code from this header.
            out.header("x-amzn-query-error", error.queryCode() + ";" + error.faultType());
        }
        return out.body(body);
    }

    private AwsHttpResponse headers(AwsHttpResponse out) {
        if (rpcV2) {
            out.header("smithy-protocol", "rpc-v2-cbor");
            out.header("Content-Type", RPC_V2_CONTENT_TYPE);
        } else {
            out.header("Content-Type", AWS_CBOR_CONTENT_TYPE);
        }
        return out;
    }
}
