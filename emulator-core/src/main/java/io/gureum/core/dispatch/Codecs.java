package io.gureum.core.dispatch;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.AwsProtocols;
import io.gureum.core.protocol.CborCodec;
import io.gureum.core.protocol.JsonCodec;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.protocol.QueryCodec;
import io.gureum.core.protocol.RestJsonCodec;
import io.gureum.core.protocol.RestXmlCodec;
import io.gureum.core.protocol.ServiceModel;

/**
 * Picks the standard codec for a request: the API's protocol, or the variant the request is in where the
 * API accepts several (a form post to a query-compatible JSON API, awsJson or CBOR for Kinesis and
 * CloudWatch).
 */
final class Codecs {
    static final ProtocolCodec JSON = new JsonCodec();
    static final ProtocolCodec REST_JSON = new RestJsonCodec();
    static final ProtocolCodec QUERY = new QueryCodec(false);
    static final ProtocolCodec EC2 = new QueryCodec(true);
    static final ProtocolCodec REST_XML = new RestXmlCodec();
    static final ProtocolCodec REST_XML_UNWRAPPED_ERRORS = RestXmlCodec.noErrorWrapping();
    static final ProtocolCodec AWS_CBOR = CborCodec.awsJson();
    static final ProtocolCodec RPC_V2_CBOR = CborCodec.rpcV2();

    private Codecs() {
    }

    /** The codec that answers a request for an AWS API no module serves, over its {@code errorModel()}. */
    static ProtocolCodec forUnserved(AwsProtocols.Api api, ServiceModel model, AwsHttpRequest request) {
        ProtocolCodec codec = forRequest(model, request);
        return codec == REST_XML && api.noErrorWrapping() ? REST_XML_UNWRAPPED_ERRORS : codec;
    }

    /** A form post: the query protocol's, whose body (not its URI or headers) names the operation. */
    static boolean isFormPost(AwsHttpRequest request) {
        return request.contentType().startsWith("application/x-www-form-urlencoded");
    }

    static ProtocolCodec forRequest(ServiceModel model, AwsHttpRequest request) {
        String protocol = model.protocol();
        String contentType = request.contentType();
        if (model.index().awsQueryCompatible() && isFormPost(request)) {
            return QUERY;
        }
        return switch (protocol) {
            // The SDKs send Kinesis CBOR by default and JSON when CBOR is turned off; botocore sends JSON.
            case "json", "cbor" -> contentType.startsWith("application/x-amz-cbor") ? AWS_CBOR : JSON;
            case "rest-json" -> REST_JSON;
            case "query" -> QUERY;
            case "ec2" -> EC2;
            case "rest-xml" -> REST_XML;
            // CloudWatch answers rpcv2Cbor, awsJson and query alike (botocore's "protocols").
            case "smithy-rpc-v2-cbor" -> CborCodec.isRpcV2(request) ? RPC_V2_CBOR
                    : request.header("X-Amz-Target") != null ? JSON : isFormPost(request) ? QUERY : RPC_V2_CBOR;
            default -> JSON;
        };
    }
}
