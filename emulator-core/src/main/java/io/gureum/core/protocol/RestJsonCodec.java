package io.gureum.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.PayloadTrait;

/** The restJson1 protocol (Lambda, API Gateway …): URI templates, bound headers and a JSON body. */
public final class RestJsonCodec implements ProtocolCodec {

    @Override
    public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
        ResolvedOperation op = RestRouter.route(model, request, UriTemplate.split(request.rawPath()), Map.of());
        if (op == null) {
            throw new AwsException("UnknownOperationException",
                    "No operation matches " + request.method() + " " + request.rawPath(), 404);
        }
        return op;
    }

    @Override
    public SdkPojo decode(ResolvedOperation resolved, AwsHttpRequest request) {
        SdkPojo builder = resolved.operation().newRequestBuilder();
        try {
            RestBinding.decode(builder, request, resolved.pathLabels());
            SdkField<?> payload = payloadMember(builder);
            byte[] body = request.body();
            if (payload != null) {
                if (body.length > 0) {
                    Pojos.set(payload, builder, readPayload(payload, body));
                }
            } else if (body.length > 0 && resolved.operation().entry().hasPayloadMembers()) {
                JsonValues.readStruct(JsonCodec.parse(body), builder, false);
            }
        } catch (IllegalArgumentException e) {
            throw CommonErrors.serialization(e.getMessage());
        }
        return builder;
    }

    static SdkField<?> payloadMember(SdkPojo pojo) {
        for (SdkField<?> f : pojo.sdkFields()) {
            if (f.containsTrait(PayloadTrait.class)) {
                return f;
            }
        }
        return null;
    }

    private static Object readPayload(SdkField<?> field, byte[] body) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(body);
        } else if (type == MarshallingType.STRING) {
            return Scalars.utf8(body);
        } else if (type == MarshallingType.DOCUMENT) {
            try {
                return JsonValues.toDocument(RestBinding.json().readTree(body));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("Malformed JSON in the request body");
            }
        }
        JsonNode tree = JsonCodec.parse(body);
        return JsonValues.read(field, tree);
    }

    @Override
    public AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response, RequestContext ctx) {
        AwsHttpResponse out = new AwsHttpResponse(200);
        RestBinding.encodeNonBody(response, out);
        SdkField<?> payload = payloadMember(response);
        if (payload != null) {
            Object value = Pojos.valueOf(payload, response);
            if (value instanceof SdkBytes bytes) {
                out.body(bytes.asByteArray());
                out.header("Content-Type", "application/octet-stream");
            } else if (value instanceof String s) {
                out.body(s, "text/plain");
            } else if (value != null) {
                out.body(JsonCodec.write(g -> JsonValues.write(g, payload, value)));
                out.header("Content-Type", "application/json");
            }
        } else if (Pojos.hasBodyMembers(response)) {
            out.body(JsonCodec.write(g -> JsonValues.writeStruct(g, response, true)));
            out.header("Content-Type", "application/json");
        }
        return out;
    }

    @Override
    public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error, RequestContext ctx) {
        byte[] body = JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeStringField("Type", error.senderFault() ? "User" : "Service");
            if (error.modeled() != null) {
                JsonValues.writeMembers(g, error.modeled(), true);
            }
            if (error.message() != null) {
                g.writeStringField("message", error.message());
            }
            g.writeEndObject();
        });
        AwsHttpResponse out = new AwsHttpResponse(error.status());
        if (error.modeled() != null) {
            RestBinding.encodeNonBody(error.modeled(), out);
            out.status(error.status());
        }
        out.header("x-amzn-ErrorType", error.code());
        out.header("Content-Type", "application/json");
        return out.body(body);
    }
}
