package io.gureum.core.dispatch;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.JsonCodec;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.protocol.QueryCodec;
import io.gureum.core.protocol.RestJsonCodec;
import io.gureum.core.protocol.RestXmlCodec;
import io.gureum.core.protocol.ServiceModel;

/** Picks the codec for a request: the service's protocol, or query for a form post to a query-compatible JSON service. */
final class Codecs {
    static final ProtocolCodec JSON = new JsonCodec();
    static final ProtocolCodec REST_JSON = new RestJsonCodec();
    static final ProtocolCodec QUERY = new QueryCodec(false);
    static final ProtocolCodec EC2 = new QueryCodec(true);
    static final ProtocolCodec REST_XML = new RestXmlCodec();

    private Codecs() {
    }

    static ProtocolCodec forRequest(ServiceModel model, AwsHttpRequest request) {
        String protocol = model.protocol();
        if (model.index().awsQueryCompatible() && request.contentType().startsWith("application/x-www-form-urlencoded")) {
            return QUERY;
        }
        return switch (protocol) {
            case "json" -> JSON;
            case "rest-json" -> REST_JSON;
            case "query" -> QUERY;
            case "ec2" -> EC2;
            case "rest-xml" -> REST_XML;
            default -> JSON; // cbor protocols: their JSON variant until the CBOR codec lands
        };
    }
}
