package io.gureum.core.protocol;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.w3c.dom.Element;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/** The restXml protocol (S3, Route 53, CloudFront): URI templates, bound headers and an XML body. */
public final class RestXmlCodec implements ProtocolCodec {
    /**
     * Root elements of S3 outputs. The SDK does not record them and neither the SDK nor botocore checks
     * them, but other clients do; names from the S3 API reference.
     */
    private static final Map<String, String> S3_ROOTS = Map.ofEntries(
            Map.entry("ListBuckets", "ListAllMyBucketsResult"),
            Map.entry("ListObjects", "ListBucketResult"),
            Map.entry("ListObjectsV2", "ListBucketResult"),
            Map.entry("ListObjectVersions", "ListVersionsResult"),
            Map.entry("CreateMultipartUpload", "InitiateMultipartUploadResult"),
            Map.entry("CompleteMultipartUpload", "CompleteMultipartUploadResult"),
            Map.entry("ListParts", "ListPartsResult"),
            Map.entry("ListMultipartUploads", "ListMultipartUploadsResult"),
            Map.entry("DeleteObjects", "DeleteResult"),
            Map.entry("GetBucketTagging", "Tagging"),
            Map.entry("GetObjectTagging", "Tagging"),
            Map.entry("GetBucketVersioning", "VersioningConfiguration"),
            Map.entry("GetBucketAcl", "AccessControlPolicy"),
            Map.entry("GetObjectAcl", "AccessControlPolicy"),
            Map.entry("GetBucketCors", "CORSConfiguration"),
            Map.entry("GetBucketLifecycleConfiguration", "LifecycleConfiguration"),
            Map.entry("GetBucketNotificationConfiguration", "NotificationConfiguration"),
            Map.entry("GetBucketLogging", "BucketLoggingStatus"),
            Map.entry("GetBucketWebsite", "WebsiteConfiguration"),
            Map.entry("GetBucketAccelerateConfiguration", "AccelerateConfiguration"),
            Map.entry("GetBucketRequestPayment", "RequestPaymentConfiguration"),
            Map.entry("GetObjectAttributes", "GetObjectAttributesOutput"),
            Map.entry("GetObjectRetention", "Retention"),
            Map.entry("GetObjectLegalHold", "LegalHold"));
    private static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    @Override
    public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
        ResolvedOperation op;
        if (isS3(model)) {
            S3Addressing.Target target = S3Addressing.target(request);
            Map<String, String> extra = new HashMap<>();
            if (target.bucket() != null) {
                extra.put("Bucket", target.bucket());
            }
            op = RestRouter.route(model, request, target.keySegments(), extra);
            if (op == null && target.bucket() != null && S3Addressing.virtualHostBucket(request.header("Host")) == null) {
                // Operations without a bucket (WriteGetObjectResponse: POST /WriteGetObjectResponse, sent to
                // its own host in AWS) keep their whole path.
                op = RestRouter.route(model, request, UriTemplate.split(request.rawPath()), Map.of());
                if (op != null && hasBucketMember(op)) {
                    op = null;
                }
            }
        } else {
            op = RestRouter.route(model, request, UriTemplate.split(request.rawPath()), Map.of());
        }
        if (op == null) {
            throw isS3(model)
                    ? new AwsException("MethodNotAllowed", "The specified method is not allowed against this resource.", 405)
                    : new AwsException("UnknownOperationException",
                            "No operation matches " + request.method() + " " + request.rawPath(), 404);
        }
        return op;
    }

    private static boolean hasBucketMember(ResolvedOperation op) {
        for (SdkField<?> f : op.operation().newRequestBuilder().sdkFields()) {
            if (f.location() == MarshallLocation.PATH && f.locationName().equals("Bucket")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isS3(ServiceModel model) {
        return model != null && "s3".equals(model.serviceName());
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
        AwsHttpResponse out = new AwsHttpResponse(200);
        RestBinding.encodeNonBody(response, out);
        String ns = isS3(model) ? S3_NAMESPACE : model.xmlNamespace();
        if (isS3(model) && operation.name().equals("GetBucketLocation")) {
            // S3 quirk: the string payload LocationConstraint is an XML element (other string payloads, such as
            // GetBucketPolicy's, are the raw body), and an empty element means us-east-1.
            SdkField<?> field = RestJsonCodec.payloadMember(response);
            Object region = field == null ? null : Pojos.valueOf(field, response);
            XmlWriter w = new XmlWriter().declaration();
            w.start("LocationConstraint", ns).text(region == null ? "" : region.toString()).end("LocationConstraint");
            return out.body(w.toBytes()).header("Content-Type", "application/xml");
        }
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
        if (isS3(model) && operation.entry().streamingOutput() && out.header("Content-Range") != null) {
            out.status(206); // a ranged GetObject answers Partial Content
        }
        if (!Pojos.hasBodyMembers(response) || operation.entry().streamingOutput()) {
            return out;
        }
        XmlWriter w = new XmlWriter().declaration();
        String root = isS3(model) ? S3_ROOTS.getOrDefault(operation.name(), operation.name() + "Result")
                : operation.name() + "Response";
        writeRoot(w, root, ns, response);
        return out.body(w.toBytes()).header("Content-Type", "application/xml");
    }

    private static void writeRoot(XmlWriter w, String root, String ns, Object pojo) {
        w.start(root, ns);
        XmlValues.writeMembers(w, pojo, TimestampFormatTrait.Format.ISO_8601, false);
        w.end(root);
    }

    @Override
    public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error, RequestContext ctx) {
        XmlWriter w = new XmlWriter().declaration();
        AwsHttpResponse out = new AwsHttpResponse(error.status());
        if (error.modeled() != null) {
            RestBinding.encodeNonBody(error.modeled(), out);
            out.status(error.status());
        }
        if (model == null || isS3(model)) {
            w.start("Error");
            w.element("Code", error.code());
            w.element("Message", error.message());
            if (error.modeled() != null) {
                XmlValues.writeMembers(w, error.modeled(), TimestampFormatTrait.Format.ISO_8601, false);
            }
            w.element("RequestId", ctx.requestId());
            w.element("HostId", ctx.requestId());
            w.end("Error");
        } else {
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
        }
        return out.body(w.toBytes()).header("Content-Type", "application/xml");
    }
}
