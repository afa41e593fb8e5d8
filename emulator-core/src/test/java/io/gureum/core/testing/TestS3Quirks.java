package io.gureum.core.testing;

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
import io.gureum.core.spi.ProtocolQuirks;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The S3 wire for core's tests, which cannot use {@code service-s3}'s: path-style buckets only (the SDK's
 * URI templates leave the bucket out), the S3 namespace, GetBucketLocation's unwrapped output, bare
 * {@code <Error>}s, 405 for no route, 206 for a ranged download; S3 also takes requests nothing identifies.
 * The real one, with virtual hosts and S3's root names, is {@code io.gureum.s3.S3Quirks}.
 */
public final class TestS3Quirks implements ProtocolQuirks {
    public static final TestS3Quirks INSTANCE = new TestS3Quirks();
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private TestS3Quirks() {
    }

    @Override
    public boolean takesUnidentified() {
        return true;
    }

    @Override
    public ProtocolCodec codec(ProtocolCodec standard) {
        return standard instanceof RestXmlCodec xml ? new Codec(xml) : standard;
    }

    @Override
    public AwsException unknownAccessKey() {
        return new AwsException("InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records.", 403);
    }

    private record Codec(RestXmlCodec xml) implements ProtocolCodec {
        @Override
        public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
            List<String> segments = UriTemplate.split(request.rawPath());
            ResolvedOperation op = null;
            if (!segments.isEmpty() && !segments.get(0).isEmpty()) {
                List<String> rest = segments.subList(1, segments.size());
                if (rest.size() == 1 && rest.get(0).isEmpty()) {
                    rest = List.of();
                }
                op = RestXmlCodec.route(model, request, rest,
                        Map.of("Bucket", AwsHttpRequest.decode(segments.get(0), false)));
            }
            if (op == null) {
                op = RestXmlCodec.route(model, request, segments, Map.of()); // WriteGetObjectResponse
            }
            if (op == null) {
                throw new AwsException("MethodNotAllowed",
                        "The specified method is not allowed against this resource.", 405);
            }
            return op;
        }

        @Override
        public SdkPojo decode(ResolvedOperation operation, AwsHttpRequest request) {
            return xml.decode(operation, request);
        }

        @Override
        public AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response,
                RequestContext ctx) {
            if (operation.name().equals("GetBucketLocation")) {
                return xml.encodeUnwrappedOutput(response, NAMESPACE);
            }
            AwsHttpResponse out = xml.encode(operation, response, operation.name() + "Result", NAMESPACE);
            if (operation.entry().streamingOutput() && out.header("Content-Range") != null) {
                out.status(206);
            }
            return out;
        }

        @Override
        public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error,
                RequestContext ctx) {
            return xml.encodeUnwrappedError(error, ctx);
        }
    }
}
