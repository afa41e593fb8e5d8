package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.util.Map;

/** Registers Amazon S3 with core. */
public final class S3Service implements AwsService {
    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.s3.S3Client";
    }

    @Override
    public String xmlNamespace() {
        return "http://s3.amazonaws.com/doc/2006-03-01/";
    }

    /** Virtual-hosted routing, S3's restXml dialect, its error wording: {@link S3Quirks}. */
    @Override
    public io.gureum.core.spi.ProtocolQuirks quirks() {
        return new S3Quirks();
    }

    @Override
    public java.util.List<Class<?>> providerClasses() {
        return java.util.List.of(S3Handler.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        S3Handler handler = new S3Handler(new S3Backend(context));
        return new io.gureum.core.spi.ServiceInstance() {
            @Override
            public java.util.List<Object> providers() {
                return java.util.List.of(handler);
            }

            /** CORS preflight: {@code OPTIONS} is no S3 operation, but S3 answers it from the bucket's rules. */
            @Override
            public AwsHttpResponse preOperation(AwsHttpRequest request) {
                return handler.cors().preflight(request);
            }

            @Override
            public void decorateResponse(AwsHttpRequest request, AwsHttpResponse response) {
                handler.cors().decorate(request, response);
            }

            @Override
            public void close() {
                handler.close();
            }
        };
    }



    /**
     * S3 answers deletes with 204 No Content (the {@code responseCode} of each operation in the API
     * model; e.g. https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html).
     */
    @Override
    public Map<String, Integer> successStatuses() {
        return SUCCESS_STATUSES;
    }

    private static final Map<String, Integer> SUCCESS_STATUSES = Map.ofEntries(
            Map.entry("AbortMultipartUpload", 204), Map.entry("DeleteBucket", 204),
            Map.entry("DeleteBucketAnalyticsConfiguration", 204), Map.entry("DeleteBucketCors", 204),
            Map.entry("DeleteBucketEncryption", 204),
            Map.entry("DeleteBucketIntelligentTieringConfiguration", 204),
            Map.entry("DeleteBucketInventoryConfiguration", 204),
            Map.entry("DeleteBucketLifecycle", 204), Map.entry("DeleteBucketMetadataConfiguration", 204),
            Map.entry("DeleteBucketMetadataTableConfiguration", 204),
            Map.entry("DeleteBucketMetricsConfiguration", 204),
            Map.entry("DeleteBucketOwnershipControls", 204), Map.entry("DeleteBucketPolicy", 204),
            Map.entry("DeleteBucketReplication", 204), Map.entry("DeleteBucketTagging", 204),
            Map.entry("DeleteBucketWebsite", 204), Map.entry("DeleteObject", 204),
            Map.entry("DeleteObjectTagging", 204), Map.entry("DeletePublicAccessBlock", 204));
}
