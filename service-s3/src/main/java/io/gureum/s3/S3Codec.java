package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.AwsError;
import io.gureum.core.protocol.OperationModel;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.protocol.ResolvedOperation;
import io.gureum.core.protocol.RestXmlCodec;
import io.gureum.core.protocol.ServiceModel;
import io.gureum.core.protocol.UriTemplate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.protocol.MarshallLocation;

/**
 * S3's restXml: the bucket is in the Host or the first path segment (the SDK's URI templates leave it out),
 * output roots have S3's own names, errors have no {@code ErrorResponse} wrapper, a route that matches
 * nothing is {@code 405 MethodNotAllowed}, a ranged GetObject answers 206.
 */
final class S3Codec implements ProtocolCodec {
    /**
     * Root elements of S3 outputs. The SDK does not record them and neither the SDK nor botocore checks
     * them, but other clients do; names from the S3 API reference.
     */
    private static final Map<String, String> ROOTS = Map.ofEntries(
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
            Map.entry("GetObjectLegalHold", "LegalHold"),
            Map.entry("ListBucketAnalyticsConfigurations", "ListBucketAnalyticsConfigurationResult"),
            Map.entry("ListBucketInventoryConfigurations", "ListInventoryConfigurationsResult"),
            Map.entry("ListBucketMetricsConfigurations", "ListMetricsConfigurationsResult"),
            Map.entry("ListBucketIntelligentTieringConfigurations", "ListBucketIntelligentTieringConfigurationsOutput"));
    /**
     * Operations AWS documents as answering 204 No Content that the model leaves at 200
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html,
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html).
     */
    private static final java.util.Set<String> NO_CONTENT = java.util.Set.of("PutBucketTagging", "PutBucketPolicy");
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final RestXmlCodec xml;

    S3Codec(RestXmlCodec xml) {
        this.xml = xml;
    }

    @Override
    public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
        S3Addressing.Target target = S3Addressing.target(request);
        Map<String, String> extra = new HashMap<>();
        if (target.bucket() != null) {
            extra.put("Bucket", target.bucket());
        }
        ResolvedOperation op = RestXmlCodec.route(model, request, target.keySegments(), extra);
        // WriteGetObjectResponse's host carries its RequestRoute ({RequestRoute}.<endpoint host>): no bucket either.
        boolean routed = "/WriteGetObjectResponse".equals(request.rawPath()) && request.header("x-amz-request-token") != null;
        if (op == null && target.bucket() != null && (routed
                || S3Addressing.virtualHostBucket(request.header("Host")) == null)) {
            // Operations without a bucket (WriteGetObjectResponse: POST /WriteGetObjectResponse, sent to its own
            // host in AWS) keep their whole path.
            op = RestXmlCodec.route(model, request, UriTemplate.split(request.rawPath()), Map.of());
            if (op != null && hasBucketMember(op)) {
                op = null;
            }
        }
        if (op == null) {
            throw new AwsException("MethodNotAllowed", "The specified method is not allowed against this resource.",
                    405);
        }
        if (op.operation().name().equals("ListBuckets") && directoryListing(request)) {
            // ListDirectoryBuckets is also GET /, told apart in AWS by its host (s3express-control.<region>…).
            io.gureum.core.protocol.OperationModel dir = model.operationByWireName("ListDirectoryBuckets");
            if (dir != null) {
                op = new ResolvedOperation(dir, op.pathLabels());
            }
        }
        return op;
    }

    private static boolean directoryListing(AwsHttpRequest request) {
        String host = request.header("Host");
        return request.queryParameter("max-directory-buckets") != null
                || "ListDirectoryBuckets".equals(request.queryParameter("x-id"))
                || host != null && host.toLowerCase(java.util.Locale.ROOT).startsWith("s3express-control.");
    }

    private static boolean hasBucketMember(ResolvedOperation op) {
        for (SdkField<?> f : op.operation().newRequestBuilder().sdkFields()) {
            if (f.location() == MarshallLocation.PATH && f.locationName().equals("Bucket")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public SdkPojo decode(ResolvedOperation operation, AwsHttpRequest request) {
        return xml.decode(operation, PresignedHeaders.apply(request));
    }

    @Override
    public AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response, RequestContext ctx) {
        if (operation.name().equals("GetBucketLocation")) {
            // An empty LocationConstraint element means us-east-1:
            // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
            return xml.encodeUnwrappedOutput(response, NAMESPACE);
        }
        AwsHttpResponse out = xml.encode(operation, response,
                ROOTS.getOrDefault(operation.name(), operation.name() + "Result"), NAMESPACE);
        if ((operation.streamingOutput() || operation.name().equals("HeadObject"))
                && out.header("Content-Range") != null) {
            out.status(206); // a ranged (or partNumber) GetObject or HeadObject answers Partial Content
        } else if (NO_CONTENT.contains(operation.name())) {
            out.status(204);
        } else if (response instanceof SdkResponse r && r.sdkHttpResponse() != null
                && r.sdkHttpResponse().statusCode() > 0) {
            out.status(r.sdkHttpResponse().statusCode()); // a status the operation chose (RestoreObject's 202)
        }
        return out;
    }

    @Override
    public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error, RequestContext ctx) {
        return xml.encodeUnwrappedError(error, ctx);
    }
}
