package io.gureum.core.server;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;

/**
 * A request the pipeline refuses before it is whole (body over the limit, unparseable HTTP): passed down
 * the pipeline in order with the requests, so that its error is written in the protocol of the service
 * its headers name and after the responses to earlier requests on the connection.
 *
 * @param request what is known of the request: method, URI and headers, no body
 * @param keepAlive whether the connection may serve further requests afterwards
 */
record Rejection(AwsHttpRequest request, AwsException error, boolean keepAlive) {
}
