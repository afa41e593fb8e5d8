package io.gureum.dynamodb;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.AwsError;
import io.gureum.core.protocol.OperationModel;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.protocol.ResolvedOperation;
import io.gureum.core.protocol.ServiceModel;
import java.util.zip.CRC32;
import software.amazon.awssdk.core.SdkPojo;

/**
 * DynamoDB's awsJson with an {@code x-amz-crc32} header: the CRC32 of every response body, answers and
 * errors alike, which the SDKs and botocore verify when present
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html#Programming.LowLevelAPI.ResponseFormat).
 */
final class Crc32Codec implements ProtocolCodec {
    private final ProtocolCodec json;

    Crc32Codec(ProtocolCodec json) {
        this.json = json;
    }

    @Override
    public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
        return json.resolve(model, request);
    }

    @Override
    public SdkPojo decode(ResolvedOperation operation, AwsHttpRequest request) {
        return json.decode(operation, request);
    }

    @Override
    public AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response, RequestContext ctx) {
        return withCrc(json.encode(model, operation, response, ctx));
    }

    @Override
    public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error, RequestContext ctx) {
        return withCrc(json.encodeError(model, operation, error, ctx));
    }

    private static AwsHttpResponse withCrc(AwsHttpResponse response) {
        if (response.bodyStream() == null) {
            CRC32 crc = new CRC32();
            crc.update(response.body());
            response.header("x-amz-crc32", Long.toString(crc.getValue()));
        }
        return response;
    }
}
