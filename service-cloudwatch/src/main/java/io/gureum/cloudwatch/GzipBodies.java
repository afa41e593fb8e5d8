package io.gureum.cloudwatch;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.AwsError;
import io.gureum.core.protocol.OperationModel;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.protocol.ResolvedOperation;
import io.gureum.core.protocol.ServiceModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.SdkPojo;

/**
 * CloudWatch's codecs with gzip request bodies: PutMetricData carries Smithy's {@code requestCompression}
 * trait, so the SDKs and botocore send bodies of 10 KiB and more with {@code Content-Encoding: gzip}
 * ("You can send a payload compressed by gzip", API_PutMetricData). The body is inflated before the
 * protocol codec reads it, up to {@value #MAX_INFLATED} bytes (413 beyond).
 */
final class GzipBodies implements ProtocolCodec {
    static final long MAX_INFLATED = 16L * 1024 * 1024;

    private final ProtocolCodec standard;

    GzipBodies(ProtocolCodec standard) {
        this.standard = standard;
    }

    @Override
    public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
        return standard.resolve(model, inflated(request));
    }

    @Override
    public SdkPojo decode(ResolvedOperation operation, AwsHttpRequest request) {
        return standard.decode(operation, inflated(request));
    }

    @Override
    public AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response,
            RequestContext context) {
        return standard.encode(model, operation, response, context);
    }

    @Override
    public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error,
            RequestContext context) {
        return standard.encodeError(model, operation, error, context);
    }

    /** The request with a gzip body inflated and gzip removed from Content-Encoding; others unchanged. */
    static AwsHttpRequest inflated(AwsHttpRequest request) {
        String encoding = request.header("Content-Encoding");
        if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            return request;
        }
        List<String> rest = new ArrayList<>();
        for (String e : encoding.split(",")) {
            if (!e.trim().equalsIgnoreCase("gzip") && !e.isBlank()) {
                rest.add(e.trim());
            }
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.remove("Content-Encoding");
        headers.remove("Content-Length");
        if (!rest.isEmpty()) {
            headers.put("Content-Encoding", List.of(String.join(",", rest)));
        }
        String uri = request.rawQuery().isEmpty() ? request.rawPath() : request.rawPath() + '?' + request.rawQuery();
        try {
            GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()));
            AwsHttpRequest inflated = new AwsHttpRequest(request.method(), uri, headers, in, MAX_INFLATED);
            inflated.body();
            return inflated;
        } catch (IOException e) {
            throw new AwsException("InvalidParameterValue", "The request body is not valid gzip.", 400);
        }
    }
}
