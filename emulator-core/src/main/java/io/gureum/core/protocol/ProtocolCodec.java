package io.gureum.core.protocol;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One AWS wire protocol, generic over the SDK model metadata: no per-operation code. Implementations
 * are stateless and thread-safe.
 */
public interface ProtocolCodec {

    /** Finds the operation the request names; throws the protocol's unknown-operation error if none. */
    ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request);

    /** Turns the HTTP request into the SDK request object; throws the protocol's 400 on malformed input. */
    SdkPojo decode(ResolvedOperation operation, AwsHttpRequest request);

    /** Writes the SDK response object. */
    AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response, RequestContext context);

    /** Writes an error in the protocol's exact shape. {@code operation} may be null. */
    AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error, RequestContext context);
}
