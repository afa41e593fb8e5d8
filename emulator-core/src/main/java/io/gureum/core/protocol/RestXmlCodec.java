package io.gureum.core.protocol;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * The restXml protocol (Route 53, CloudFront, S3): URI templates, bound headers and an XML body. APIs whose
 * wire differs (S3's bucket addressing, root names and unwrapped errors) decorate it through
 * {@link io.gureum.core.spi.ProtocolQuirks#codec}, using the public building blocks here.
 */
public final class RestXmlCodec implements ProtocolCodec {
    private final boolean wrapErrors;

    /** restXml with errors in {@code <ErrorResponse>}. */
    public RestXmlCodec() {
        this(true);
    }

    private RestXmlCodec(boolean wrapErrors) {
        this.wrapErrors = wrapErrors;
    }

    /** restXml whose errors are a bare {@code <Error>} (Smithy's {@code @restXml(noErrorWrapping: true)}). */
    public static RestXmlCodec noErrorWrapping() {
        return new RestXmlCodec(false);
    }

    @Override
    public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
        ResolvedOperation op = route(model, request, UriTemplate.split(request.rawPath()), Map.of());
        if (op == null) {
            throw new AwsException("UnknownOperationException",
                    "No operation matches " + request.method() + " " + request.rawPath(), 404);
        }
        return op;
    }

    /**
     * The operation whose URI template matches {@code rawSegments} (the path, or what remains of it once an
     * API took its own part off), with {@code extraLabels} as labels bound elsewhere; null if none.
     */
    public static ResolvedOperation route(ServiceModel model, AwsHttpRequest request, List<String> rawSegments,
            Map<String, String> extraLabels) {
        return RestRouter.route(model, request, rawSegments, extraLabels);
    }

    @Override
    public SdkPojo decode(ResolvedOperation resolved, AwsHttpRequest request) {
        SdkPojo builder = resolved.operation().newRequestBuilder();
        try {
            RestBinding.decode(builder, request, resolved.pathLabels());
            if (resolved.operation().entry().streamingInput()) {
                return builder; // the handler reads the body as a stream
            }
            byte[] body = request.body();
            if (body.length == 0) {
                return builder;
            }
            SdkField<?> payload = RestJsonCodec.payloadMember(builder);
            if (payload != null) {
                MarshallingType<?> type = payload.marshallingType();
                if (type == MarshallingType.SDK_BYTES) {
                    Pojos.set(payload, builder, SdkBytes.fromByteArray(body));
                } else if (type == MarshallingType.STRING) {
                    Pojos.set(payload, builder, Scalars.utf8(body));
                } else {
                    Element root = XmlValues.parse(body);
                    Pojos.set(payload, builder, XmlValues.readValue(root, payload));
                }
            } else if (resolved.operation().entry().hasPayloadMembers()) {
                XmlValues.readMembers(XmlValues.parse(body), builder);
            }
        } catch (IllegalArgumentException e) {
            throw new AwsException("MalformedXML", e.getMessage(), 400);
        }
        return builder;
    }

    @Override
    public AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response, RequestContext ctx) {
        return encode(operation, response, operation.name() + "Response", model.xmlNamespace());
    }

    /** Encodes a response whose body's root element is {@code root} in namespace {@code ns}. */
    public AwsHttpResponse encode(OperationModel operation, SdkPojo response, String root, String ns) {
        AwsHttpResponse out = new AwsHttpResponse(200);
        RestBinding.encodeNonBody(response, out);
        SdkField<?> payload = RestJsonCodec.payloadMember(response);
        if (payload != null) {
            Object value = Pojos.valueOf(payload, response);
            if (value instanceof SdkBytes bytes) {
                out.body(bytes.asByteArray());
            } else if (value instanceof String s) {
                out.body(s, "text/plain");
            } else if (value != null) {
                XmlWriter w = new XmlWriter().declaration();
                writeRoot(w, payload.locationName(), ns, value);
                out.body(w.toBytes()).header("Content-Type", "application/xml");
            }
            return out;
        }
        if (!Pojos.hasBodyMembers(response) || operation.entry().streamingOutput()) {
            return out;
        }
        XmlWriter w = new XmlWriter().declaration();
        writeRoot(w, root, ns, response);
        return out.body(w.toBytes()).header("Content-Type", "application/xml");
    }

    /**
     * Encodes a response whose string payload is the text of an element of the payload's own name (Smithy's
     * {@code @s3UnwrappedXmlOutput}; other string payloads are the raw body), empty when unset.
     */
    public AwsHttpResponse encodeUnwrappedOutput(SdkPojo response, String ns) {
        AwsHttpResponse out = new AwsHttpResponse(200);
        RestBinding.encodeNonBody(response, out);
        SdkField<?> field = RestJsonCodec.payloadMember(response);
        Object value = field == null ? null : Pojos.valueOf(field, response);
        String name = field == null ? "Value" : field.locationName();
        XmlWriter w = new XmlWriter().declaration();
        w.start(name, ns).text(value == null ? "" : value.toString()).end(name);
        return out.body(w.toBytes()).header("Content-Type", "application/xml");
    }

    private static void writeRoot(XmlWriter w, String root, String ns, Object pojo) {
        w.start(root, ns);
        XmlValues.writeMembers(w, pojo, TimestampFormatTrait.Format.ISO_8601, false);
        w.end(root);
    }

    @Override
    public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error, RequestContext ctx) {
        if (model == null || !wrapErrors) {
            return encodeUnwrappedError(error, ctx); // no API known: the shape every REST-XML client reads
        }
        XmlWriter w = new XmlWriter().declaration();
        AwsHttpResponse out = errorResponse(error);
        w.start("ErrorResponse", model.xmlNamespace()).start("Error");
        w.element("Type", error.faultType());
        w.element("Code", error.code());
        w.element("Message", error.message());
        if (error.modeled() != null) {
            XmlValues.writeMembers(w, error.modeled(), TimestampFormatTrait.Format.ISO_8601, false);
        }
        w.end("Error");
        w.element("RequestId", ctx.requestId());
        w.end("ErrorResponse");
        return out.body(w.toBytes()).header("Content-Type", "application/xml");
    }

    /**
     * An error without the {@code ErrorResponse} wrapper (Smithy's {@code @restXml(noErrorWrapping: true)}):
     * {@code <Error>} with Code, Message, the modeled members, RequestId and HostId.
     */
    public AwsHttpResponse encodeUnwrappedError(AwsError error, RequestContext ctx) {
        XmlWriter w = new XmlWriter().declaration();
        AwsHttpResponse out = errorResponse(error);
        w.start("Error");
        w.element("Code", error.code());
        w.element("Message", error.message());
        if (error.modeled() != null) {
            XmlValues.writeMembers(w, error.modeled(), TimestampFormatTrait.Format.ISO_8601, false);
        }
        w.element("RequestId", ctx.requestId());
        w.element("HostId", ctx.requestId());
        w.end("Error");
        return out.body(w.toBytes()).header("Content-Type", "application/xml");
    }

    private static AwsHttpResponse errorResponse(AwsError error) {
        AwsHttpResponse out = new AwsHttpResponse(error.status());
        if (error.modeled() != null) {
            RestBinding.encodeNonBody(error.modeled(), out);
            out.status(error.status());
        }
        return out;
    }
}
